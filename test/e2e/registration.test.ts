// in real Chromium: a secretary registers a collective
// and an individual model through the form, sees both receipts and the cell
// registered for both kinds, and the outbox holds the receipts in Vietnamese.
// Also: drafts survive a reload, field errors sit beside their fields with the
// summary focused, and the model page leads to the timeline with the current
// state highlighted.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  type ConsoleWatch,
  type RunningBrowser,
  type RunningSystem,
  SCREENSHOTS,
  signInAs,
  startSystemAndBrowsers,
  watchConsole,
} from './system.ts';

const SECTIONS = [
  'situation',
  'goals',
  'methods',
  'scope',
  'forces',
  'resources',
  'expectedResults',
  'sustainability',
];
const COLLECTIVE_TITLE = 'Tiếp công dân “một cửa” thân thiện, đúng hẹn';
const INDIVIDUAL_TITLE = 'Hướng dẫn thủ tục hành chính qua điện thoại cho người cao tuổi';

type Outbox = { items: { id: string; to: string[]; subject: string }[] };

describe('registration and the model cycle in the browser', () => {
  let system: RunningSystem;
  let browser: RunningBrowser;
  let page: Page;
  let browserConsole: ConsoleWatch;
  const registered: { id: string; kind: string }[] = [];

  beforeAll(async () => {
    ({
      system,
      browsers: [browser],
    } = await startSystemAndBrowsers('vi-VN'));
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    browserConsole = watchConsole(page);
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function shoot(name: string) {
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SCREENSHOTS}/flow-${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  }

  async function fillContent(title: string, area: string) {
    await page.locator(`#area-${area}`).check();
    await page.locator('#title').fill(title);
    for (const section of SECTIONS) {
      await page.locator(`#section-${section}`).fill(`Nội dung mục “${section}” của mô hình: ${title}.`);
    }
  }

  async function receipt() {
    await page.locator('#receipt').waitFor();
    return {
      id: (await page.locator('.receipt-id').textContent())?.trim() ?? '',
      title: (await page.locator('.receipt-title').textContent())?.trim(),
      kind: (await page.locator('.receipt-kind').textContent())?.trim(),
      status: (await page.locator('.receipt-status').textContent())?.trim(),
      focused: await page.evaluate<string | undefined>('document.activeElement?.id'),
    };
  }

  it('registers a collective and an individual model, shows both receipts and the cell registered for both kinds', async () => {
    // Prepare: sign in as the secretary of van-phong by picking the user on the start page
    await page.goto(`${system.base}/`);
    await page.locator('button[data-username="an.nv"]').click();
    await page.locator('#register-link').waitFor();
    await shoot('home');
    await page.locator('#register-link').click();
    await page.locator('#model-form').waitFor();
    await shoot('register-empty');

    // Act: the collective model, then (after the receipt) the individual one, double-clicking submit
    await page.locator('#kind-collective').check();
    await fillContent(COLLECTIVE_TITLE, '1');
    await page.locator('#submit').click();
    const collective = await receipt();
    await shoot('receipt');
    await page.locator('#another').click();
    await page.locator('#model-form').waitFor();
    await page.locator('#kind-individual').check();
    await page.locator('#person').selectOption('p004');
    await fillContent(INDIVIDUAL_TITLE, '3');
    await page.locator('#subField').selectOption('Cải cách hành chính');
    await page.locator('#submit').dblclick();
    const individual = await receipt();
    registered.push({ id: collective.id, kind: 'collective' }, { id: individual.id, kind: 'individual' });
    await page.getByRole('link', { name: 'Xem chi bộ' }).click();
    await page.locator('#compliance').waitFor();
    await shoot('cell');

    // Assess
    expect(collective).toMatchObject({ title: COLLECTIVE_TITLE, kind: 'Tập thể', status: 'Đang thực hiện' });
    expect(collective.id).toMatch(/^m[0-9a-z]+$/);
    expect(collective.focused).toBe('receipt-title');
    expect(individual).toMatchObject({ title: INDIVIDUAL_TITLE, kind: 'Cá nhân', status: 'Đang thực hiện' });
    expect(individual.id).not.toBe(collective.id);
    const badges = (await page.locator('#compliance .badge').allTextContents()).map((text) => text.trim());
    expect(badges).toContain('✓ Đã đăng ký mô hình tập thể (1)');
    expect(badges).toContain('✓ Đã đăng ký mô hình cá nhân (1)');
    expect(badges).not.toContain('! Chưa có mô hình tập thể');
    expect(badges).not.toContain('! Chưa có mô hình cá nhân');
    const rows = await page
      .locator('#models tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => ({ id: tr.getAttribute('data-model-id'), kind: tr.getAttribute('data-kind') })),
      );
    expect(rows).toEqual(
      expect.arrayContaining([
        { id: collective.id, kind: 'collective' },
        { id: individual.id, kind: 'individual' },
      ]),
    );
    // The double click and the Idempotency-Key created one model each: two in all.
    const listed = (
      await apiAs<{ items: { id: string; personId?: string; subField?: string }[] }>(
        system,
        'an.nv',
        'GET',
        '/api/models?campaignId=dvk-2016-2020&year=2016&cellId=van-phong',
      )
    ).body;
    expect(listed.items.map((m) => m.id).sort()).toEqual([collective.id, individual.id].sort());
    expect(listed.items.find((m) => m.id === individual.id)).toMatchObject({
      personId: 'p004',
      subField: 'Cải cách hành chính',
    });
  });

  it('puts the receipt emails in the outbox, one per person greeted by name, with correct Vietnamese diacritics', async () => {
    // Prepare: the receipts are sent by the workflow, right after the API answered: the collective one to
    // the secretary who registered it, the individual one to its person and to the secretary.
    let receipts: Outbox['items'] = [];
    for (let attempt = 0; attempt < 50 && receipts.length < 3; attempt++) {
      const outbox = (await (await fetch(`${system.base}/local/outbox`)).json()) as Outbox;
      receipts = outbox.items.filter((m) => m.subject.startsWith('Xác nhận đăng ký mô hình “Dân vận khéo”'));
      if (receipts.length < 3) await new Promise((wait) => setTimeout(wait, 200));
    }

    // Act
    const messages = await Promise.all(
      receipts.map(
        async (m) =>
          (await (await fetch(`${system.base}/local/outbox/${encodeURIComponent(m.id)}`)).json()) as {
            subject: string;
            text: string;
            html: string;
          },
      ),
    );

    // Assess
    expect(receipts.map((m) => m.subject).sort()).toEqual(
      [
        `Xác nhận đăng ký mô hình “Dân vận khéo”: ${COLLECTIVE_TITLE}`,
        `Xác nhận đăng ký mô hình “Dân vận khéo”: ${INDIVIDUAL_TITLE}`,
        `Xác nhận đăng ký mô hình “Dân vận khéo”: ${INDIVIDUAL_TITLE}`,
      ].sort(),
    );
    const greetings = messages.map((message) => message.text.split('\n')[0]).sort();
    expect(greetings).toEqual([
      'Kính gửi đồng chí Nguyễn Văn An, Bí thư Chi bộ Văn phòng Sở,',
      'Kính gửi đồng chí Nguyễn Văn An, Bí thư Chi bộ Văn phòng Sở,',
      'Kính gửi đồng chí Phạm Thị Dung,',
    ]);
    for (const message of messages) {
      expect(message.text).toContain('Chi bộ Văn phòng Sở đã đăng ký mô hình');
      expect(message.html).toContain('Văn phòng Đảng ủy Sở Tư pháp');
      expect(`${message.subject}${message.text}`).not.toMatch(/Ã|Â»|â€|\uFFFD/);
    }
    expect(messages.map((m) => m.text).join('\n')).toContain('do đồng chí Phạm Thị Dung thực hiện');
  });

  it('keeps a draft across a reload', async () => {
    // Prepare
    await page.goto(`${system.base}/register.html`);
    await page.locator('#model-form').waitFor();
    await page.locator('#kind-individual').check();
    await page.locator('#title').fill('Bản nháp: số hóa hồ sơ đảng viên');
    await page.locator('#section-goals').fill('Mục tiêu còn đang viết dở…');

    // Act
    await page.reload();
    await page.locator('#model-form').waitFor();

    // Assess
    expect(await page.locator('#title').inputValue()).toBe('Bản nháp: số hóa hồ sơ đảng viên');
    expect(await page.locator('#section-goals').inputValue()).toBe('Mục tiêu còn đang viết dở…');
    expect(await page.locator('#kind-individual').isChecked()).toBe(true);
    expect(await page.locator('#title-count').textContent()).toBe('32/200 ký tự');
    expect(await page.locator('#draft-status').textContent()).toContain('Đã khôi phục bản nháp');
  });

  it('shows a field error beside its field and moves focus to the summary', async () => {
    // Prepare: the draft from before, with a title too short
    await page.locator('#person').selectOption('p005');
    await fillContent('Ab', '2');

    // Act
    await page.locator('#submit').click();
    await page.locator('#title-error').waitFor();
    await shoot('register-error');

    // Assess
    expect(await page.locator('#title-error').textContent()).toMatch(/ít nhất 5 ký tự/);
    expect(await page.locator('#title').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#title').getAttribute('aria-describedby')).toContain('title-error');
    const placement = await page.evaluate<boolean>(
      "document.getElementById('title-error')?.previousElementSibling === document.getElementById('title')",
    );
    expect(placement).toBe(true);
    const focused = await page.evaluate<{ className: string; role: string | null; text: string }>(
      "({ className: document.activeElement?.className, role: document.activeElement?.getAttribute('role'), text: document.activeElement?.textContent ?? '' })",
    );
    expect(focused).toMatchObject({ className: 'error-summary', role: 'alert' });
    expect(focused.text).toContain('Vui lòng kiểm tra lại các mục sau');
    // The refused request is the only console error so far: the browser logs every 400.
    expect(browserConsole.errors.every((error) => error.includes('status of 400'))).toBe(true);
    browserConsole.clear();
    // Nothing was created and the draft is still there.
    await page.reload();
    await page.locator('#model-form').waitFor();
    expect(await page.locator('#title').inputValue()).toBe('Ab');
  });

  it('leads from the model page to its timeline, with the current state highlighted', async () => {
    // Prepare
    const collective = registered.find((m) => m.kind === 'collective');
    if (!collective) throw new Error('the first test registers the collective model');
    await page.goto(`${system.base}/model.html?id=${encodeURIComponent(collective.id)}`);
    await page.locator('#model-status').waitFor();
    await shoot('model');

    // Act
    await page.locator('#timeline-link').click();
    await page.locator('#history tbody tr[data-state]').first().waitFor();
    await shoot('timeline');

    // Assess
    const model = (await apiAs<{ status: string }>(system, 'an.nv', 'GET', `/api/models/${collective.id}`))
      .body;
    const current = await page.locator('svg.cycle g.node.current').getAttribute('data-state');
    expect(current).toBe(model.status);
    expect(await page.locator('svg.cycle g.node.current').count()).toBe(1);
    expect(await page.locator('#cycle-text').textContent()).toContain('Trạng thái hiện tại');
    expect(await page.locator('svg.cycle').getAttribute('role')).toBe('img');
    const states = await page
      .locator('#history tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-state')));
    expect(states).toContain('registered');
    const first = await page.locator('#history tbody tr').first().locator('td').first().textContent();
    expect(first).toMatch(/^03\/10\/2016 08:00:00$/);
  });
  it('edits a registered model through the same form while the window is open', async () => {
    // Prepare
    const individual = registered.find((m) => m.kind === 'individual');
    if (!individual) throw new Error('the first test registers the individual model');
    await page.goto(`${system.base}/model.html?id=${encodeURIComponent(individual.id)}`);
    await page.getByRole('link', { name: 'Sửa nội dung' }).click();
    await page.locator('#model-form').waitFor();
    const prefilled = {
      title: await page.locator('#title').inputValue(),
      subField: await page.locator('#subField').inputValue(),
      personLocked: await page.locator('#person').isDisabled(),
    };

    // Act
    await page.locator('#title').fill(`${INDIVIDUAL_TITLE} (sửa đổi)`);
    await page.locator('#submit').click();
    await page.locator('#receipt').waitFor();
    await page.getByRole('link', { name: 'Xem mô hình' }).click();
    await page.locator('#timeline-link').click();
    await page.locator('#history tbody tr[data-state="edited"]').waitFor();

    // Assess
    expect(prefilled).toEqual({
      title: INDIVIDUAL_TITLE,
      subField: 'Cải cách hành chính',
      personLocked: true,
    });
    expect(await page.locator('#history tbody tr[data-state="edited"] td').last().textContent()).toBe(
      'Sửa: tên mô hình',
    );
    const model = (
      await apiAs<{ title: string; personId: string }>(system, 'an.nv', 'GET', `/api/models/${individual.id}`)
    ).body;
    expect(model).toMatchObject({ title: `${INDIVIDUAL_TITLE} (sửa đổi)`, personId: 'p004' });
  });

  async function waitForModel(id: string, ready: (model: Record<string, unknown>) => boolean) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const model = (await apiAs<Record<string, unknown>>(system, 'binh.tt', 'GET', `/api/models/${id}`))
        .body;
      if (ready(model)) return model;
      await new Promise((wait) => setTimeout(wait, 200));
    }
    throw new Error(`model ${id} never got ready`);
  }

  async function fillVote(prefix: string) {
    const vote = { eligible: '10', present: '9', for: '8', against: '1', abstain: '0' };
    for (const [key, value] of Object.entries(vote)) await page.locator(`#${prefix}-${key}`).fill(value);
  }

  it('takes the collective model through self-assessment, review and both tiers from the model page', async () => {
    // Prepare
    const collective = registered.find((m) => m.kind === 'collective');
    if (!collective) throw new Error('the first test registers the collective model');
    const modelPage = `${system.base}/model.html?id=${encodeURIComponent(collective.id)}`;
    await waitForModel(collective.id, (m) => m.awaiting === 'self_assessment');

    // Act: the secretary reports, with two pieces of evidence (one added, one removed)
    await signInAs(page, system, 'an.nv');
    // Before 01/06 the page leads with the model; the form is asked for (early self-assessment).
    await page.goto(modelPage);
    await page.locator('#sa-early summary').click();
    await page.locator('#sa-form').waitFor();
    await page
      .locator('#sa-results')
      .fill('Đã tiếp 120 lượt công dân, không có khiếu nại về thái độ phục vụ.');
    await page.locator('#evidence-0').fill('Sổ tiếp công dân năm 2017');
    await page.locator('#evidence-add').click();
    await page.locator('#evidence-1').fill('https://stp.example.vn/bao-cao-tiep-cong-dan');
    await page.locator('#evidence-add').click();
    await page.getByRole('button', { name: 'Xóa minh chứng 3' }).click();
    await page.locator('#sa-confirmed').check();
    await fillVote('sa-vote');
    await page.locator('#sa-form button[type="submit"]').click();
    await page.locator('#notice').waitFor();
    const afterSelfAssessment = await page.locator('#model-status').textContent();
    await waitForModel(collective.id, (m) => m.awaiting === 'review');
    // A committee member of another cell decides
    await signInAs(page, system, 'hung.dq');
    await page.goto(modelPage);
    await page.locator('#rv-form').waitFor();
    await shoot('review-form');
    // Sent empty first: each principle's choice is marked, its optional note is not.
    await page.locator('#rv-form button[type="submit"]').click();
    await page.locator('#rv-form .error-summary li').first().waitFor();
    const emptyReview = {
      summary: await page.locator('#rv-form .error-summary').textContent(),
      choice: await page.locator('#p-registered-met').getAttribute('aria-invalid'),
      note: await page.locator('#p-registered-note').getAttribute('aria-invalid'),
    };
    browserConsole.clear();
    for (const principle of ['registered', 'democraticVote', 'meetsStandard', 'spread', 'cellRecognized']) {
      await page.locator(`#p-${principle}-met`).check();
    }
    await fillVote('rv-vote');
    await page.locator('#decision-recognized').check();
    await page.locator('#rv-reasons').fill('Đạt cả năm nguyên tắc.');
    await page.locator('#rv-form button[type="submit"]').click();
    // The page asks first: one decision per model, not to be undone.
    await page.locator('dialog.confirm').waitFor();
    expect(await page.locator('#confirm-title').textContent()).toBe('Công nhận mô hình này?');
    await page.locator('#confirm-yes').click();
    await page.locator('#notice').waitFor();
    await waitForModel(collective.id, (m) => m.status === 'recognized');
    // A committee member of another cell marks it exemplary, then proposes commendation
    // (the Office's staff sit in this very cell, so they stand aside).
    await signInAs(page, system, 'nam.lv');
    await page.goto(modelPage);
    await page.locator('#tier-form button[data-tier="exemplary"]').click();
    await page.locator('#confirm-yes').click();
    await page.locator('#model-tier').waitFor();
    await page.locator('#tier-level').selectOption('higher');
    await page.locator('#tier-form button[data-tier="commended"]').click();
    await page.locator('#confirm-yes').click();
    // A locator, not waitForFunction with a string: the pages' CSP forbids the eval that needs.
    await page
      .locator('#model-tier')
      .filter({ hasText: /^Được đề nghị khen thưởng$/ })
      .waitFor();
    await page.locator('#timeline-link').click();
    await page.locator('#history tbody tr[data-state="commended"]').waitFor();
    await shoot('timeline-commended');

    // Assess
    expect(afterSelfAssessment).toBe('Đã tự đánh giá');
    expect(emptyReview.summary).toContain('Vui lòng kiểm tra lại các mục sau');
    expect(emptyReview.summary).toContain(
      'Cần chọn “Đạt” hoặc “Không đạt” cho nguyên tắc “Có đăng ký thực hiện mô hình, điển hình”.',
    );
    expect(emptyReview.summary).not.toMatch(/true|false|recognized|principles/);
    expect(emptyReview).toMatchObject({ choice: 'true', note: null });
    const model = (
      await apiAs<{
        status: string;
        tier: string;
        selfAssessment: { evidence: string[]; cellVote: Record<string, number> };
        review: { decision: string };
        tiers: { tier: string; level?: string }[];
      }>(system, 'binh.tt', 'GET', `/api/models/${collective.id}`)
    ).body;
    expect(model).toMatchObject({
      status: 'recognized',
      tier: 'commended',
      review: { decision: 'recognized' },
    });
    expect(model.selfAssessment.evidence).toEqual([
      'Sổ tiếp công dân năm 2017',
      'https://stp.example.vn/bao-cao-tiep-cong-dan',
    ]);
    expect(model.selfAssessment.cellVote).toEqual({
      eligible: 10,
      present: 9,
      for: 8,
      against: 1,
      abstain: 0,
    });
    expect(model.tiers.map((t) => [t.tier, t.level])).toEqual([
      ['exemplary', undefined],
      ['commended', 'higher'],
    ]);
    expect(await page.locator('svg.cycle g.node.current').getAttribute('data-state')).toBe('commended');
    const passed = await page
      .locator('svg.cycle g.node.passed')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-state')));
    expect(passed).toEqual(
      expect.arrayContaining([
        'registered',
        'implementing',
        'self_assessed',
        'reviewed',
        'recognized',
        'exemplary',
      ]),
    );
    // Four people in turn through three workflow steps: a loaded machine needs more than the default.
  }, 90_000);

  it('printed no console error on the way', () => {
    expect(browserConsole.errors).toEqual([]);
  });
});
