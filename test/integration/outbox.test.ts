// Mail that is never lost and never sent twice: SES failing for a while, then
// recovering; SES failing for good, then the Office resending; a message a
// crash left without a delivery, found by the daily sweep. Each ends with
// exactly one delivered message per outbox id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxRepository } from '../../shared/data/outbox.ts';
import { personRepository } from '../../shared/data/people.ts';
import type { OutboxMessage } from '../../shared/domain/outbox.ts';
import { enqueueMails, mailId } from '../../shared/services/outbox.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { registrationBody } from '../support/models.ts';

interface Delivered {
  readonly id: string;
  readonly subject: string;
  readonly outboxId?: string;
}

describe('the outbox', () => {
  let rt: TestRuntime;
  const delivered = async (outboxId: string) =>
    (await rt.api<{ items: Delivered[] }>(undefined, 'GET', '/local/outbox')).body.items.filter(
      (mail) => mail.outboxId === outboxId,
    );
  const setFailing = async (failing: boolean, addresses?: string[]) => {
    const answer = await rt.api<{ failing: boolean; refused: number }>(undefined, 'POST', '/local/ses', {
      failing,
      ...(addresses ? { addresses } : {}),
    });
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const receiptsOf = async (title: string): Promise<OutboxMessage[]> => {
    const pending = await outboxRepository.listByStatus('pending');
    const sent = await outboxRepository.listByStatus('sent');
    const failed = await outboxRepository.listByStatus('failed');
    return [...pending, ...sent, ...failed].filter((message) => message.subject.includes(title));
  };
  const receiptOf = async (title: string): Promise<OutboxMessage> => {
    const [found] = await receiptsOf(title);
    if (!found) throw new Error(`no outbox message about ${title}`);
    return found;
  };

  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt.close();
  });

  it('records a receipt before SES takes it, retries while SES fails, and delivers it once SES is back', async () => {
    // Prepare
    await setFailing(true);
    const title = 'Tiếp dân khéo khi SES tạm ngừng';
    // Act
    const created = await rt.api(
      await rt.token('viet.lv'),
      'POST',
      '/api/models',
      registrationBody({ title }),
    );
    await rt.clockTo('2016-10-03T08:10:00+07:00');
    const during = await receiptOf(title);
    const refusedSoFar = (await rt.api<{ refused: number }>(undefined, 'GET', '/local/ses')).body.refused;
    await setFailing(false);
    await rt.clockTo('2016-10-03T11:00:00+07:00');
    // Assess
    expect(created.status).toBe(201);
    expect(during.status).toBe('pending');
    expect(during.attempts).toBeGreaterThanOrEqual(2);
    expect(during.lastError).toMatch(/^ServiceUnavailable/);
    expect(refusedSoFar).toBeGreaterThanOrEqual(during.attempts);
    const after = await outboxRepository.get(during.id);
    expect(after?.status).toBe('sent');
    expect(await delivered(during.id)).toHaveLength(1);
  });

  it('never sends a delivered message again, whatever runs later', async () => {
    // Prepare
    const message = await receiptOf('Tiếp dân khéo khi SES tạm ngừng');
    // Act
    await rt.clockTo('2016-10-05T08:00:00+07:00');
    // Assess
    expect(await delivered(message.id)).toHaveLength(1);
  });

  it('records a message failed, in words, when SES refuses it through every retry; the Office sees it and resends it once', async () => {
    // Prepare
    await setFailing(true);
    const title = 'Hòa giải khéo khi SES ngừng hẳn';
    await rt.api(
      await rt.token('viet.lv'),
      'POST',
      '/api/models',
      registrationBody({ title, kind: 'collective', cellId: 'thanh-tra', area: 2 }),
    );
    // Act
    await rt.clockTo('2016-10-06T09:00:00+07:00');
    const failed = await receiptOf(title);
    const officeView = await rt.api<{
      failedMail?: { count: number; items: { id: string; failure: string }[] };
    }>(await rt.token('binh.tt'), 'GET', '/api/dashboard');
    const committeeView = await rt.api<{ failedMail?: unknown }>(
      await rt.token('hung.dq'),
      'GET',
      '/api/dashboard',
    );
    const byCommittee = await rt.api(await rt.token('hung.dq'), 'POST', `/api/mail/${failed.id}/resend`);
    await setFailing(false);
    const resent = await rt.api<{ status: string }>(
      await rt.token('binh.tt'),
      'POST',
      `/api/mail/${failed.id}/resend`,
    );
    await rt.clockTo('2016-10-06T09:05:00+07:00');
    const again = await rt.api(await rt.token('binh.tt'), 'POST', `/api/mail/${failed.id}/resend`);
    // Assess
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(17);
    expect(failed.failure).toBe('Máy chủ thư tạm thời không nhận thư; đã thử lại 17 lần mà chưa được.');
    expect(officeView.body.failedMail?.items.map((item) => item.id)).toContain(failed.id);
    expect(committeeView.body.failedMail).toBeUndefined();
    expect(byCommittee.status).toBe(403);
    expect(resent.status).toBe(202);
    expect((await outboxRepository.get(failed.id))?.status).toBe('sent');
    expect((await outboxRepository.get(failed.id))?.resends).toHaveLength(1);
    expect(await delivered(failed.id)).toHaveLength(1);
    expect(again.status).toBe(409);
  });

  it('delivers a message a crash left recorded but never started, at the next daily sweep', async () => {
    // Prepare: the record exists, as if the process died right after writing it
    const key = 'test#crash-between-record-and-start';
    const id = mailId(key);
    await outboxRepository.create({
      id,
      key,
      to: ['tien.cv@stp.example.vn'],
      subject: 'Thư bị bỏ dở khi hệ thống dừng đột ngột',
      text: 'Kính gửi đồng chí Cao Văn Tiến,',
      html: '<p>Kính gửi đồng chí Cao Văn Tiến,</p>',
      status: 'pending',
      createdAt: new Date(Date.parse('2016-10-06T10:00:00+07:00')).toISOString(),
      attempts: 0,
      version: 0,
    });
    // Act
    await rt.clockTo('2016-10-07T00:31:00+07:00');
    // Assess
    expect((await outboxRepository.get(id))?.status).toBe('sent');
    expect(await delivered(id)).toHaveLength(1);
  });

  it('delivers the receipts of one step in one delivery, each once, while SES refuses one of the addresses for a while', async () => {
    // Prepare: a member registers her own model; the cell's secretary is told too, and SES refuses his address
    const secretary = await personRepository.get('p025');
    const member = await personRepository.get('p026');
    if (!secretary || !member) throw new Error('demo people missing');
    await setFailing(true, [secretary.email]);
    const title = 'Tuyên truyền pháp luật khéo khi một hộp thư tạm lỗi';
    // Act
    const created = await rt.api(
      await rt.token('xuan.qt'),
      'POST',
      '/api/models',
      registrationBody({ kind: 'individual', personId: 'p026', title }),
    );
    await rt.clockTo('2016-10-07T00:45:00+07:00');
    const during = await receiptsOf(title);
    await setFailing(false);
    await rt.clockTo('2016-10-07T04:00:00+07:00');
    const after = await receiptsOf(title);
    // Assess
    expect(created.status).toBe(201);
    const byAddress = (messages: OutboxMessage[], address: string) =>
      messages.find((message) => message.to.includes(address));
    expect(during).toHaveLength(2);
    expect(byAddress(during, member.email)?.status).toBe('sent');
    expect(byAddress(during, secretary.email)?.status).toBe('pending');
    expect(byAddress(during, secretary.email)?.attempts).toBeGreaterThanOrEqual(1);
    expect(after.map((message) => message.status)).toEqual(['sent', 'sent']);
    expect(new Set(after.map((message) => message.delivery)).size).toBe(1);
    expect(after[0]?.delivery).toBeDefined();
    for (const message of after) expect(await delivered(message.id)).toHaveLength(1);
  });

  it('delivers messages recorded together that a crash left unstarted, together, at the next daily sweep', async () => {
    // Prepare: two records of one step, as if the process died before their delivery started
    const ids = ['test#crash#p026', 'test#crash#p025'].map((key) => ({ key, id: mailId(key) }));
    const delivery = mailId('test#crash-delivery');
    for (const { key, id } of ids) {
      await outboxRepository.create({
        id,
        key,
        to: [`${id}@stp.example.vn`],
        subject: 'Thư ghi cùng một bước, bị bỏ dở',
        text: 'Kính gửi đồng chí,',
        html: '<p>Kính gửi đồng chí,</p>',
        status: 'pending',
        createdAt: new Date(Date.parse('2016-10-07T05:00:00+07:00')).toISOString(),
        attempts: 0,
        delivery,
        version: 0,
      });
    }
    // Act
    await rt.clockTo('2016-10-08T00:31:00+07:00');
    // Assess
    for (const { id } of ids) {
      expect((await outboxRepository.get(id))?.status).toBe('sent');
      expect(await delivered(id)).toHaveLength(1);
    }
  });

  it('delivers messages recorded together beyond what an execution input may hold (256 KiB): what does not fit travels by id and the step reads it (docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html)', async () => {
    // Prepare: two long messages of one step, 60 KB and 150 KB of text (twice that with the HTML part)
    const long = (kilobytes: number, word: string) =>
      `${word} `.repeat((kilobytes * 1024) / (word.length + 1));
    const items = [
      { key: 'test#long#1', words: long(60, 'báo-cáo') },
      { key: 'test#long#2', words: long(150, 'danh-sách') },
    ].map(({ key, words }) => ({
      key,
      mail: {
        to: [`${mailId(key)}@stp.example.vn`],
        subject: 'Thư rất dài của một bước',
        text: words,
        html: `<p>${words}</p>`,
      },
    }));
    // Act
    const created = await enqueueMails(
      items,
      new Date(Date.parse('2016-10-08T02:00:00+07:00')).toISOString(),
    );
    await rt.clockTo('2016-10-08T02:30:00+07:00');
    // Assess
    expect(created).toBe(2);
    for (const { key } of items) {
      expect((await outboxRepository.get(mailId(key)))?.status).toBe('sent');
      expect(await delivered(mailId(key))).toHaveLength(1);
    }
  });
});
