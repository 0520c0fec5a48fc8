// The document register on the embedded runtime: the seed campaign's 2016 is played on the clock,
// then the Office issues the recognition decision, a certificate and the annual report, and the
// files are opened as a person's tools would (word/document.xml, pdftotext). Twenty issues at once
// get twenty distinct, consecutive numbers; the profile is the Office's and the reports follow it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlayedModel, playCampaign, SEED_CAMPAIGN_ID } from '../../infra/local/campaign-player.ts';
import { demoOrganization } from '../../infra/local/seed.ts';
import { DEMO_ORGANIZATION_PROFILE } from '../../shared/domain/organization-profile.ts';
import { docxText, flat, pdfText } from '../support/document-text.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';

const organization = demoOrganization();

interface Doc {
  id: string;
  type: string;
  status: string;
  number?: number;
  numberText?: string;
  date?: string;
  cellId?: string;
}

describe('the document register on a played year', () => {
  let rt: TestRuntime;
  let played: PlayedModel[];
  let office: string;

  async function file(token: string, id: string, format: 'docx' | 'pdf') {
    const response = await fetch(`${rt.base}/api/documents/${id}?format=${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: response.status,
      headers: response.headers,
      bytes: new Uint8Array(await response.arrayBuffer()),
    };
  }

  async function issued(body: Record<string, unknown>, draft?: Record<string, unknown>): Promise<Doc> {
    const created = await rt.api<Doc>(office, 'POST', '/api/documents', body);
    if (created.status !== 201) throw new Error(`creating: ${JSON.stringify(created.body)}`);
    if (draft) {
      const edited = await rt.api(office, 'PUT', `/api/documents/${created.body.id}`, draft);
      if (edited.status !== 200) throw new Error(`editing: ${JSON.stringify(edited.body)}`);
    }
    const answer = await rt.api<Doc>(office, 'POST', `/api/documents/${created.body.id}/issue`, {});
    if (answer.status !== 200) throw new Error(`issuing: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2016-09-30T12:00:00+07:00' });
    played = await playCampaign(rt, organization.cells, organization.people, {
      years: [2016],
      endAt: '2018-01-05T09:00:00+07:00',
    });
    office = await rt.token('binh.tt');
    // Playing the campaign's days takes minutes on a loaded machine.
  }, 600_000);
  afterAll(async () => {
    await rt.close();
  });

  it('keeps the profile the Office saves, audits it, and prints the reports under it', async () => {
    // Prepare
    const committee = await rt.token('an.nv');
    const before = await rt.api<{ stored: boolean }>(committee, 'GET', '/api/organization-profile');
    const profile = { ...DEMO_ORGANIZATION_PROFILE, partyOrganization: 'Đảng bộ Sở Tư pháp tỉnh Hà Tĩnh' };
    // Act
    const refused = await rt.api<{ error: { message: string } }>(
      committee,
      'PUT',
      '/api/organization-profile',
      profile,
    );
    const invalid = await rt.api<{ error: { fields: { path: string }[] } }>(
      office,
      'PUT',
      '/api/organization-profile',
      {
        ...profile,
        placeName: '',
      },
    );
    const saved = await rt.api<{ stored: boolean }>(office, 'PUT', '/api/organization-profile', profile);
    const audit = await rt.api<{ items: { action: string; changes: Record<string, unknown> }[] }>(
      committee,
      'GET',
      '/api/audit/organization/profile',
    );
    const html = await fetch(
      `${rt.base}/api/reports/annual?campaignId=${SEED_CAMPAIGN_ID}&year=2016&format=html`,
      {
        headers: { authorization: `Bearer ${office}` },
      },
    ).then((response) => response.text());
    // Assess
    expect(before.body.stored).toBe(false);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Bạn không có quyền sửa hồ sơ tổ chức.');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields.map((field) => field.path)).toEqual(['placeName']);
    expect(saved.status).toBe(200);
    expect(saved.body.stored).toBe(true);
    expect(audit.body.items.map((item) => item.action)).toEqual(['created']);
    expect(Object.keys(audit.body.items[0]?.changes ?? {})).toContain('partyOrganization');
    expect(html).toContain('ĐẢNG BỘ SỞ TƯ PHÁP TỈNH HÀ TĨNH — VĂN PHÒNG ĐẢNG ỦY');
  });

  it('gives twenty issues at once twenty distinct, consecutive numbers', async () => {
    // Prepare
    const drafts: Doc[] = [];
    for (let n = 0; n < 20; n++) {
      const created = await rt.api<Doc>(office, 'POST', '/api/documents', {
        type: 'registration-list',
        campaignId: SEED_CAMPAIGN_ID,
        year: 2016,
      });
      drafts.push(created.body);
    }
    // Act
    const answers = await Promise.all(
      drafts.map((draft) => rt.api<Doc>(office, 'POST', `/api/documents/${draft.id}/issue`, {})),
    );
    // Assess
    expect(drafts.every((draft) => draft.status === 'draft' && draft.number === undefined)).toBe(true);
    expect(answers.map((answer) => answer.status)).toEqual(drafts.map(() => 200));
    const numbers = answers.map((answer) => answer.body.number ?? 0).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  }, 120_000);

  it('issues the decision, a certificate and the annual report with the year’s values in DOCX and PDF', async () => {
    // Prepare
    const recognized = played.filter((model) => model.selfAssess && model.decision === 'recognized');
    const model = recognized[0];
    if (!model) throw new Error('no recognized model');
    const narrative = 'Các chi bộ đã triển khai phong trào đồng bộ, có nhiều cách làm hay.';
    // Act
    const decision = await issued({ type: 'recognition-decision', campaignId: SEED_CAMPAIGN_ID, year: 2016 });
    const certificate = await issued({ type: 'certificate', modelId: model.id });
    const report = await issued(
      { type: 'annual-report', campaignId: SEED_CAMPAIGN_ID, year: 2016 },
      { narrative: { leadership: [narrative] } },
    );
    const decisionDocx = docxText((await file(office, decision.id, 'docx')).bytes);
    const decisionPdf = await file(office, decision.id, 'pdf');
    const certificatePdf = flat(pdfText((await file(office, certificate.id, 'pdf')).bytes));
    const certificateDocx = flat(docxText((await file(office, certificate.id, 'docx')).bytes));
    const reportPdf = flat(pdfText((await file(office, report.id, 'pdf')).bytes));
    // Assess
    expect(decision).toMatchObject({
      status: 'issued',
      number: 1,
      numberText: '1-QĐ/ĐU',
      date: '2018-01-05',
    });
    expect(decisionDocx).toContain('Số 1-QĐ/ĐU');
    expect(decisionDocx).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(decisionDocx).toContain('Hà Tĩnh, ngày 05 tháng 01 năm 2018');
    for (const each of recognized) expect(flat(decisionDocx)).toContain(flat(each.title));
    expect(decisionPdf.headers.get('content-type')).toBe('application/pdf');
    expect(decisionPdf.headers.get('content-disposition')).toMatch(/^inline/);
    expect(flat(pdfText(decisionPdf.bytes))).toContain('Số 1-QĐ/ĐU');
    expect(certificate).toMatchObject({ numberText: '1-GCN/ĐU' });
    expect(certificatePdf).toContain(flat(model.title));
    expect(certificateDocx).toContain('1-QĐ/ĐU');
    expect(report).toMatchObject({ numberText: '1-BC/ĐU' });
    expect(reportPdf).toContain(narrative);
    expect(reportPdf).toContain(String(played.length));
  }, 120_000);

  it('keeps issued documents as issued, cancels with a reason, and replaces by a new document', async () => {
    // Prepare
    const first = await issued({ type: 'recognition-decision', campaignId: SEED_CAMPAIGN_ID, year: 2016 });
    // Act
    const edit = await rt.api<{ error: { message: string } }>(office, 'PUT', `/api/documents/${first.id}`, {
      recipients: ['Các chi bộ'],
    });
    const noReason = await rt.api(office, 'POST', `/api/documents/${first.id}/cancel`, { reason: '  ' });
    const correction = await issued({
      type: 'recognition-decision',
      campaignId: SEED_CAMPAIGN_ID,
      year: 2016,
      replaces: first.id,
    });
    const old = await rt.api<Doc & { replacedBy: string; cancelled: { reason: string } }>(
      office,
      'GET',
      `/api/documents/${first.id}`,
    );
    const oldPdf = flat(pdfText((await file(office, first.id, 'pdf')).bytes));
    const trail = await rt.api<{ items: { action: string }[] }>(
      office,
      'GET',
      `/api/audit/document/${first.id}`,
    );
    // Assess
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toContain('đã được ban hành');
    expect(noReason.status).toBe(400);
    expect(correction.number).toBe((first.number ?? 0) + 1);
    expect(old.body.status).toBe('cancelled');
    expect(old.body.replacedBy).toBe(correction.id);
    expect(old.body.cancelled.reason).toContain(`số ${correction.numberText}`);
    expect(oldPdf).toContain('ĐÃ HỦY');
    expect(trail.body.items.map((item) => item.action)).toEqual(['created', 'issued', 'cancelled']);
  }, 120_000);

  it('lets the committee read everything, a cell its own issued documents, and only the Office act', async () => {
    // Prepare
    const model = played.find((each) => each.selfAssess && each.decision === 'recognized');
    if (!model) throw new Error('no recognized model');
    const ownMember = organization.people.find(
      (person) => person.cellId === model.cellId && person.roles.length === 1 && person.roles[0] === 'member',
    );
    const otherMember = organization.people.find(
      (person) => person.cellId !== model.cellId && person.roles.length === 1 && person.roles[0] === 'member',
    );
    if (!ownMember || !otherMember) throw new Error('no plain members');
    const certificate = await issued({ type: 'certificate', modelId: model.id });
    const draft = await rt.api<Doc>(office, 'POST', '/api/documents', {
      type: 'certificate',
      modelId: model.id,
    });
    const own = await rt.token(ownMember.username);
    const other = await rt.token(otherMember.username);
    const inspector = await rt.token('viet.lv');
    // Act
    const ownRead = await rt.api<Doc>(own, 'GET', `/api/documents/${certificate.id}`);
    const ownDraft = await rt.api(own, 'GET', `/api/documents/${draft.body.id}`);
    const otherRead = await rt.api(other, 'GET', `/api/documents/${certificate.id}`);
    const ownList = await rt.api<{ items: Doc[] }>(
      own,
      'GET',
      `/api/documents?campaignId=${SEED_CAMPAIGN_ID}&year=2016`,
    );
    const inspectorList = await rt.api<{ items: Doc[] }>(
      inspector,
      'GET',
      `/api/documents?campaignId=${SEED_CAMPAIGN_ID}&year=2016`,
    );
    const memberCreates = await rt.api<{ error: { message: string } }>(own, 'POST', '/api/documents', {
      type: 'certificate',
      modelId: model.id,
    });
    const inspectorIssues = await rt.api<{ error: { message: string } }>(
      inspector,
      'POST',
      `/api/documents/${draft.body.id}/issue`,
      {},
    );
    // Assess
    expect(ownRead.status).toBe(200);
    expect(ownDraft.status).toBe(404);
    expect(otherRead.status).toBe(404);
    expect(ownList.body.items.every((item) => item.cellId === model.cellId && item.status !== 'draft')).toBe(
      true,
    );
    expect(ownList.body.items.map((item) => item.id)).toContain(certificate.id);
    expect(inspectorList.body.items.some((item) => item.status === 'draft')).toBe(true);
    expect(memberCreates.status).toBe(403);
    expect(memberCreates.body.error.message).toBe('Bạn không có quyền lập văn bản.');
    expect(inspectorIssues.status).toBe(403);
    expect(inspectorIssues.body.error.message).toBe('Bạn không có quyền ban hành văn bản.');
  }, 120_000);

  it('takes a cell secretary’s commendation proposal into the commendation proposal document', async () => {
    // Prepare
    const model = played.find((each) => each.selfAssess && each.decision === 'recognized' && each.tier);
    if (!model) throw new Error('no exemplary model');
    const cell = organization.cells.find((each) => each.id === model.cellId);
    const secretary = organization.people.find((person) => person.id === cell?.secretaryId);
    const member = organization.people.find(
      (person) => person.cellId === model.cellId && person.roles.length === 1 && person.roles[0] === 'member',
    );
    if (!secretary || !member) throw new Error('no secretary or member');
    const reason = 'Mô hình giảm một nửa thời gian giải quyết hồ sơ, được nhân rộng ra toàn Sở.';
    // Act
    const byMember = await rt.api<{ error: { message: string } }>(
      await rt.token(member.username),
      'POST',
      `/api/models/${model.id}/commendation-proposal`,
      { reason },
    );
    const proposed = await rt.api(
      await rt.token(secretary.username),
      'POST',
      `/api/models/${model.id}/commendation-proposal`,
      { reason },
    );
    const listed = await rt.api<{ items: { modelId: string; reason: string }[] }>(
      await rt.token('an.nv'),
      'GET',
      `/api/commendation-proposals?campaignId=${SEED_CAMPAIGN_ID}&year=2016`,
    );
    const proposal = await issued({
      type: 'commendation-proposal',
      campaignId: SEED_CAMPAIGN_ID,
      year: 2016,
    });
    const text = flat(pdfText((await file(office, proposal.id, 'pdf')).bytes));
    // Assess
    expect(byMember.status).toBe(403);
    expect(byMember.body.error.message).toBe(
      'Chỉ bí thư chi bộ của mô hình mới đề nghị khen thưởng mô hình này.',
    );
    expect(proposed.status).toBe(201);
    expect(listed.body.items).toEqual([expect.objectContaining({ modelId: model.id, reason })]);
    expect(proposal.numberText).toBe('1-TTr/ĐU');
    expect(text).toContain(flat(model.title));
    expect(text).toContain(reason);
  }, 120_000);

  it('drafts, previews and issues the other types: a registration form, a cell’s list, a phase and the term report', async () => {
    // Prepare
    const model = played[0];
    if (!model) throw new Error('no model');
    const bodies = [
      { type: 'registration-form', modelId: model.id },
      { type: 'registration-list', campaignId: SEED_CAMPAIGN_ID, year: 2016, cellId: model.cellId },
      { type: 'phase-report', campaignId: SEED_CAMPAIGN_ID, phaseId: 'dot-1' },
      { type: 'term-report', campaignId: SEED_CAMPAIGN_ID },
    ];
    // Act
    const drafts = await Promise.all(
      bodies.map((body) => rt.api<Doc>(office, 'POST', '/api/documents', body)),
    );
    const previews = await Promise.all(
      drafts.map(async (draft) => flat(pdfText((await file(office, draft.body.id, 'pdf')).bytes))),
    );
    const answers = await Promise.all(
      drafts.map((draft) => rt.api<Doc>(office, 'POST', `/api/documents/${draft.body.id}/issue`, {})),
    );
    const form = flat(docxText((await file(office, drafts[0]?.body.id ?? '', 'docx')).bytes));
    // Assess
    expect(drafts.map((draft) => draft.status)).toEqual([201, 201, 201, 201]);
    for (const preview of previews) expect(preview).toContain('DỰ THẢO');
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((answer) => answer.body.numberText?.split('-')[1])).toEqual([
      'PĐK/ĐU',
      'DS/ĐU',
      'BC/ĐU',
      'BC/ĐU',
    ]);
    expect(form).toContain(flat(model.title));
    expect(form).not.toContain('DỰ THẢO');
  }, 120_000);
});
