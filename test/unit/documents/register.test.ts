// The document register's rules: numbers taken at issue, one higher than the counter, retried when
// another issue moved the counter first; which steps each status allows; who may draft.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { documentRepository } from '../../../shared/data/documents.ts';
import {
  cancelReason,
  documentTitle,
  isModelDocument,
  nextNumber,
  numberText,
  requireStatus,
} from '../../../shared/domain/document-register.ts';
import { ConflictError, InvalidInputError } from '../../../shared/domain/errors.ts';
import { DEMO_ORGANIZATION_PROFILE } from '../../../shared/domain/organization-profile.ts';
import { reportIssuer } from '../../../shared/reports/issuer.ts';
import { createDocument, listDocuments } from '../../../shared/services/documents.ts';

const dynamo = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  process.env.TABLE_NAME = 'table';
  dynamo.reset();
});

describe('the numbering rule', () => {
  it('starts each counter at 1 and goes one higher each time', () => {
    // Act
    const first = nextNumber(undefined);
    const next = nextNumber(11);
    // Assess
    expect(first).toBe(1);
    expect(next).toBe(12);
    expect(numberText(next, 'QĐ/ĐU')).toBe('12-QĐ/ĐU');
  });

  it('reads the counter again and takes the next number when another issue got there first', async () => {
    // Prepare
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: { last: 4 } })
      .resolves({ Item: { last: 5 } });
    dynamo
      .on(UpdateCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'moved', $metadata: {} }))
      .resolves({ Attributes: { last: 6 } });
    // Act
    const number = await documentRepository.takeNumber('QĐ/ĐU', 2018);
    // Assess
    expect(number).toBe(6);
    const updates = dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(updates).toHaveLength(2);
    expect(updates[0]?.ConditionExpression).toBe('#last = :current');
    expect(updates[0]?.ExpressionAttributeValues?.[':current']).toBe(4);
    expect(updates[1]?.ExpressionAttributeValues?.[':current']).toBe(5);
    expect(updates[1]?.Key).toEqual({ pk: 'COUNTER#DOCUMENT#2018#QĐ/ĐU', sk: 'META' });
  });

  it('creates the counter of a new year only if nobody created it meanwhile', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({ Attributes: { last: 1 } });
    // Act
    const number = await documentRepository.takeNumber('BC/ĐU', 2027);
    // Assess
    expect(number).toBe(1);
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ConditionExpression).toBe(
      'attribute_not_exists(pk)',
    );
  });
});

describe('the steps a status allows', () => {
  const issued = { status: 'issued' as const, numberText: '12-QĐ/ĐU', typeLabel: 'Quyết định công nhận' };

  it('refuses to change an issued document, pointing to a replacement', () => {
    // Act
    const attempt = () => requireStatus(issued, ['draft'], 'sửa dự thảo');
    // Assess
    expect(attempt).toThrow(ConflictError);
    expect(attempt).toThrow(
      'Không thể sửa dự thảo: quyết định công nhận này đã được ban hành (số 12-QĐ/ĐU); văn bản đã ban hành không sửa được, hãy lập văn bản thay thế.',
    );
  });

  it('wants a reason to cancel', () => {
    // Act
    const empty = () => cancelReason('   ');
    // Assess
    expect(empty).toThrow(InvalidInputError);
    expect(cancelReason('  Cấp nhầm.  ')).toBe('Cấp nhầm.');
  });

  it('knows which documents are about one model, and words their titles', () => {
    // Assess
    expect(isModelDocument('certificate')).toBe(true);
    expect(isModelDocument('recognition-decision')).toBe(false);
    expect(documentTitle('annual-report', 2026)).toBe('Báo cáo kết quả hằng năm năm 2026');
  });
});

describe('drafting', () => {
  it('refuses anyone but the Office, in words, before reading anything', async () => {
    // Act
    const attempt = createDocument(
      { personId: 'p001', username: 'an.nv', roles: ['member', 'secretary', 'committee'] },
      { type: 'recognition-decision', campaignId: 'dvk-2016-2020', year: 2016 },
      new Date('2018-01-05T02:00:00Z'),
    );
    // Assess
    await expect(attempt).rejects.toThrow('Bạn không có quyền lập văn bản.');
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('refuses a certificate for a model not recognized, with the rule in words', async () => {
    // Prepare
    const model = {
      id: 'm1',
      campaignId: 'dvk-2016-2020',
      year: 2016,
      cellId: 'thanh-tra',
      status: 'self_assessed',
    };
    dynamo.on(GetCommand).resolves({ Item: model });
    // Act
    const attempt = createDocument(
      { personId: 'p002', username: 'binh.tt', roles: ['member', 'office'] },
      { type: 'certificate', modelId: 'm1' },
      new Date('2018-01-05T02:00:00Z'),
    );
    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: 'RuleViolationError',
      message: 'Chỉ cấp giấy chứng nhận cho mô hình đã được công nhận.',
    });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });
});

describe("the reports' issuer", () => {
  it('comes from the profile: the Party organization and the Office, in capitals', () => {
    // Act
    const issuer = reportIssuer({ ...DEMO_ORGANIZATION_PROFILE, partyOrganization: 'Đảng bộ Sở Xây dựng' });
    // Assess
    expect(issuer.header).toBe('ĐẢNG BỘ SỞ XÂY DỰNG — VĂN PHÒNG ĐẢNG ỦY');
    expect(issuer.office).toBe('Văn phòng Đảng ủy');
  });
});

describe('reading the register', () => {
  const stored = (id: string, status: string, cellId?: string) => ({
    pk: `DOCUMENT#${id}`,
    sk: 'META',
    id,
    type: 'certificate',
    status,
    campaignId: 'dvk-2016-2020',
    year: 2016,
    ...(cellId ? { cellId } : {}),
    snapshot: { big: 'content' },
    draft: { reasons: ['x'] },
  });

  beforeEach(() => {
    dynamo.on(QueryCommand).resolves({
      Items: [
        stored('own-issued', 'issued', 'thanh-tra'),
        stored('own-draft', 'draft', 'thanh-tra'),
        stored('other-issued', 'issued', 'van-phong'),
        stored('consolidated', 'issued'),
      ],
    });
  });

  it("answers a cell's member only the issued documents of the cell, without their content", async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({ Item: { id: 'p026', cellId: 'thanh-tra', roles: ['member'] } });
    // Act
    const items = await listDocuments(
      { personId: 'p026', username: 'xuan.qt', roles: ['member'] },
      { campaignId: 'dvk-2016-2020', year: 2016 },
    );
    // Assess
    expect(items.map((item) => item.id)).toEqual(['own-issued']);
    expect(items[0]).not.toHaveProperty('snapshot');
    expect(items[0]).not.toHaveProperty('draft');
  });

  it('answers the inspectors every document, drafts included', async () => {
    // Act
    const items = await listDocuments(
      { personId: 'p025', username: 'viet.lv', roles: ['member', 'secretary', 'inspector'] },
      { campaignId: 'dvk-2016-2020', year: 2016 },
    );
    // Assess
    expect(items.map((item) => item.id)).toEqual(['own-issued', 'own-draft', 'other-issued', 'consolidated']);
  });
});
