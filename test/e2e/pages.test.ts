// Every page in real Chromium at a phone's and a desktop's width: no console error, nothing wider
// than the screen, the one header with sign-out, screenshots in test-results/screenshots. Dates are
// typed dd/mm/yyyy in an English browser; home says what is due and moves with the calendar; the
// page asks before a withdrawal.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  horizontalOverflow,
  type RunningBrowser,
  type RunningSystem,
  SCREENSHOTS,
  startSystemAndBrowsers,
  watchConsole,
} from './system.ts';

const WIDTHS = [390, 1366] as const;
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

describe('every page, at 390 and 1366 px', () => {
  let system: RunningSystem;
  let browser: RunningBrowser;
  let english: RunningBrowser;
  let modelId = '';

  let signIns = 0;
  async function signIn(page: Page, username: string): Promise<void> {
    // The session is the browser's (every tab shares it): forget the last one before any page
    // script runs, once for this sign-in, so an old session asks for nothing on the way out.
    signIns += 1;
    await page.addInitScript(
      `if (!sessionStorage.getItem('dvk.test.cleared.${signIns}')) { localStorage.removeItem('dvk.session'); sessionStorage.setItem('dvk.test.cleared.${signIns}', '1'); }`,
    );
    await page.goto(`${system.base}/`);
    await page.locator(`button[data-username="${username}"]`).click();
    await page.locator('#sign-out').waitFor();
  }

  /** Opens a page at each width; answers what the header offered, and fails on errors or overflow. */
  async function visit(page: Page, path: string, name: string, allow: RegExp | undefined = undefined) {
    const watch = watchConsole(page);
    const navs: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${system.base}${path}`);
      await page.waitForLoadState('networkidle');
      await page.waitForFunction("!document.querySelector('#content')?.textContent?.includes('Đang tải…')");
      await page.screenshot({ path: `${SCREENSHOTS}/page-${name}-${width}.png`, fullPage: true });
      expect(await horizontalOverflow(page), `${path} at ${width} px scrolls sideways`).toBeLessThanOrEqual(
        0,
      );
      navs.push((await page.locator('header.site nav a').allTextContents()).join(' | '));
    }
    const errors = watch.errors.filter((error) => !allow?.test(error));
    expect(errors, `${path}: console errors`).toEqual([]);
    return navs[0] ?? '';
  }

  beforeAll(async () => {
    ({
      system,
      browsers: [browser, english],
    } = await startSystemAndBrowsers('vi-VN', 'en-US'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const body = {
      campaignId: 'dvk-2016-2020',
      year: 2016,
      kind: 'collective',
      cellId: 'van-phong',
      title: 'Tiếp công dân “một cửa” thân thiện, đúng hẹn',
      area: 1,
      ...Object.fromEntries(SECTIONS.map((section) => [section, `Nội dung mục ${section}.`])),
    };
    // Right after start-up the local identity now and then refuses its first token (a 401): ask again.
    let created: { id?: string } = {};
    for (let attempt = 0; attempt < 5 && !created.id; attempt++) {
      created = (await apiAs<{ id?: string }>(system, 'an.nv', 'POST', '/api/models', body)).body;
    }
    if (!created.id) throw new Error(`the model was not registered: ${JSON.stringify(created)}`);
    modelId = created.id;
  }, 90_000);
  afterAll(async () => {
    await english?.close();
    await browser?.close();
    await system?.stop();
  });

  it('shows the pages of someone not signed in, and a Vietnamese page for an unknown address', async () => {
    // Prepare
    const page = await browser.context.newPage();

    // Act
    await visit(page, '/', 'sign-in');
    await visit(page, '/signed-in.html', 'signed-in');
    // The page of an unknown address answers 404 itself; the browser logs that status, nothing else.
    await visit(
      page,
      '/khong-co-trang-nay',
      'not-found',
      /khong-co-trang-nay: Failed to load resource: .*404/,
    );

    // Assess
    expect(await page.locator('h2').first().textContent()).toBe('Không tìm thấy trang');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await page.close();
  });

  it("shows a secretary's pages, each with the same header and sign-out", async () => {
    // Prepare
    const page = await browser.context.newPage();
    await signIn(page, 'an.nv');

    // Act
    const navs = [
      await visit(page, '/', 'home'),
      await visit(page, '/register.html', 'register'),
      await visit(page, '/cell.html?id=van-phong', 'cell'),
      await visit(page, `/model.html?id=${modelId}`, 'model'),
      await visit(page, `/timeline.html?id=${modelId}`, 'timeline'),
      await visit(page, '/outbox.html', 'outbox'),
    ];

    // Assess
    expect(new Set(navs).size).toBe(1);
    expect(navs[0]).toContain('Đăng ký mô hình');
    expect(navs[0]).not.toContain('Phong trào');
    expect(await page.locator('#who').textContent()).toContain('Nguyễn Văn An');
    await page.close();
  }, 120_000);

  it("shows the Office's pages, with the Office's links on every one", async () => {
    // Prepare
    const page = await browser.context.newPage();
    await signIn(page, 'binh.tt');

    // Act
    const navs = [
      await visit(page, '/', 'office-home'),
      await visit(page, '/dashboard.html', 'dashboard'),
      await visit(page, '/reports.html', 'reports'),
      await visit(page, '/campaigns.html', 'campaigns'),
      await visit(page, '/organization.html', 'organization'),
      await visit(page, `/model.html?id=${modelId}`, 'office-model'),
      await visit(page, '/extensions.html', 'extensions'),
      await visit(page, '/audit.html', 'audit'),
    ];

    // Assess
    expect(new Set(navs).size).toBe(1);
    for (const link of ['Trang chủ', 'Theo dõi', 'Báo cáo', 'Gia hạn', 'Nhật ký', 'Phong trào', 'Tổ chức'])
      expect(navs[0]).toContain(link);
    expect(await page.locator('#sign-out').isVisible()).toBe(true);
    await page.close();
  }, 120_000);

  it('lets the Office grant an extension with its reason, lists it, and shows it in the cell’s audit trail to an inspector', async () => {
    // Prepare
    const page = await browser.context.newPage();
    const watch = watchConsole(page);
    await signIn(page, 'binh.tt');
    await page.goto(`${system.base}/extensions.html?campaignId=dvk-2016-2020&year=2016`);
    await page.locator('#grant-form').waitFor();

    // Act: sent without a reason first, then complete
    await page.locator('#cellId').selectOption('dau-gia-ts');
    await page.locator('#closesOn').pressSequentially('20102016');
    await page.locator('#grant-form button[type="submit"]').click();
    const missing = await page.locator('#reason-error').textContent();
    await page.locator('#reason').fill('Chi bộ đi công tác cơ sở đến hết 18/10');
    await page.locator('#grant-form button[type="submit"]').click();
    await page.locator('#notice').waitFor();
    const row = (await page.locator('#extensions tr[data-cell-id="dau-gia-ts"]').textContent())?.replace(
      /\s+/g,
      ' ',
    );
    await signIn(page, 'danh.pv');
    await page.goto(`${system.base}/audit.html?entity=cell&id=dau-gia-ts`);
    await page.locator('#trail tbody tr').first().waitFor();
    const trail = (await page.locator('#trail').textContent())?.replace(/\s+/g, ' ');
    await page.locator('#actor').selectOption({ label: 'Trần Thị Bình' });
    const byBinh = await page.locator('#trail tbody tr').count();

    // Assess
    expect(missing).toBe('Cần điền “Lý do gia hạn”.');
    expect(row).toContain('20/10/2016');
    expect(row).toContain('Chi bộ đi công tác cơ sở đến hết 18/10');
    expect(row).toContain('Trần Thị Bình');
    expect(trail).toContain('Gia hạn đăng ký năm 2016');
    expect(trail).toContain('đến hết 20/10/2016');
    expect(trail).toContain('Trần Thị Bình');
    expect(byBinh).toBeGreaterThan(0);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('shows the dashboard as cards on a phone', async () => {
    // Prepare
    const page = await browser.context.newPage();
    await signIn(page, 'binh.tt');
    await page.setViewportSize({ width: 390, height: 900 });

    // Act
    await page.goto(`${system.base}/dashboard.html`);
    await page.locator('table.cards tbody tr').first().waitFor();

    // Assess
    const display = await page.evaluate<string>(
      "getComputedStyle(document.querySelector('table.cards tbody tr')).display",
    );
    const label = await page.evaluate<string>(
      "getComputedStyle(document.querySelector('table.cards tbody td'), '::before').content",
    );
    expect(display).toBe('block');
    expect(label).toBe('"Tập thể / cá nhân đăng ký"');
    expect((await page.locator('table.cards thead').first().boundingBox())?.height ?? 0).toBeLessThanOrEqual(
      1,
    );
    await page.close();
  });

  it('takes dates as dd/mm/yyyy and dd/mm in an English browser, and refuses a day that does not exist', async () => {
    // Prepare
    const page = await english.context.newPage();
    const watch = watchConsole(page);
    await signIn(page, 'binh.tt');
    expect(await page.evaluate('navigator.language')).toBe('en-US');
    await page.goto(`${system.base}/campaigns.html`);
    await page.locator('#new').click();
    const periodTo = page.locator('#period-to');
    const closes = page.locator('#calendar-registrationCloses');

    // Act: an impossible day first, typed digit by digit as people do
    await periodTo.fill('');
    await periodTo.pressSequentially('31022030');
    const masked = await periodTo.inputValue();
    await page.locator('#campaign-form button[type="submit"]').click();
    await page.locator('#period-to-error').waitFor();
    const refusal = await page.locator('#period-to-error').textContent();
    // then real days
    await periodTo.fill('');
    await periodTo.pressSequentially('31102030');
    await closes.fill('');
    await closes.pressSequentially('1210');
    const typed = { to: await periodTo.inputValue(), closes: await closes.inputValue() };
    await page.locator('#campaign-form button[type="submit"]').click();
    await page.locator('.notice[role="status"]').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/dates-en-US-1366.png`, fullPage: true });

    // Assess
    expect(masked).toBe('31/02/2030');
    expect(refusal).toBe('“Kết thúc” phải là một ngày có thật, viết ngày/tháng/năm, ví dụ 31/10/2030.');
    expect(typed).toEqual({ to: '31/10/2030', closes: '12/10' });
    const { items } = (
      await apiAs<{
        items: { id: string; period: { to: string }; calendar: { registrationCloses: string } }[];
      }>(system, 'binh.tt', 'GET', '/api/campaigns')
    ).body;
    expect(items.find((campaign) => campaign.id === 'dvk-2026-2030')).toMatchObject({
      period: { to: '2030-10-31' },
      calendar: { registrationCloses: '10-12' },
    });
    expect(await page.locator('main').textContent()).toContain('01/10/2026 – 31/10/2030');
    // The impossible day never left the page: no refused request, no error at all.
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('asks before withdrawing a model, and going back keeps it', async () => {
    // Prepare
    const page = await browser.context.newPage();
    const watch = watchConsole(page);
    await signIn(page, 'an.nv');
    await page.goto(`${system.base}/model.html?id=${modelId}`);
    const status = await page.locator('#model-status').textContent();

    // Act
    await page.locator('#withdraw-form button[type="submit"]').click();
    await page.locator('dialog.confirm').waitFor();
    const question = await page.locator('#confirm-title').textContent();
    await page.locator('#confirm-no').click();
    await page.locator('dialog.confirm').waitFor({ state: 'detached' });

    // Assess
    expect(question).toBe('Rút mô hình này?');
    expect(await page.locator('#model-status').textContent()).toBe(status);
    expect(
      (await apiAs<{ status: string }>(system, 'an.nv', 'GET', `/api/models/${modelId}`)).body.status,
    ).not.toBe('withdrawn');
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('says on the home page what is due, and follows the calendar to the next year', async () => {
    // Prepare
    const page = await browser.context.newPage();
    const watch = watchConsole(page);
    await signIn(page, 'an.nv');
    const before = {
      step: await page.locator('#cycle-steps [aria-current="step"]').getAttribute('data-step'),
      register: await page.locator('#register-link').count(),
      tasks: await page.locator('#tasks').textContent(),
    };

    // Act: 10/09/2017, after the 2016 window and self-assessment, before the 2017 window
    await fetch(`${system.base}/local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: '2017-09-10T08:00:00+07:00' }),
    });
    // Signing in again as someone else in the same browser (the session outlives the clock move).
    await signIn(page, 'an.nv');
    await page.locator('#cycle-steps').waitFor();
    const after = {
      step: await page.locator('#cycle-steps [aria-current="step"]').getAttribute('data-step'),
      register: await page.locator('#register-link').count(),
      text: await page.locator('main').textContent(),
    };
    await page.goto(`${system.base}/register.html`);
    await page.locator('#model-form').waitFor();
    const year = await page.locator('#year').inputValue();
    await page.locator('#title').fill('Bản nháp năm 2017');
    await page.waitForFunction(
      "document.getElementById('draft-status')?.textContent === 'Đã lưu bản nháp trên máy này.'",
    );
    await page.reload();
    await page.locator('#model-form').waitFor();
    const restored = await page.locator('#draft-status').textContent();

    // Assess
    expect(before).toMatchObject({ step: 'registration', register: 1 });
    expect(before.tasks).toContain('Đăng ký mô hình cá nhân năm 2016 của chi bộ');
    expect(after.step).toBe('review');
    expect(after.register).toBe(0);
    expect(after.text).toContain('Thời hạn đăng ký năm 2017 từ ngày 01/10/2017 đến hết ngày 10/10/2017');
    expect(year).toBe('2017');
    // The draft's time is the system's (virtual) clock, not the browser's.
    expect(restored).toMatch(/^Đã khôi phục bản nháp lưu lúc 10\/09\/2017 08:0\d:\d\d\.$/);
    expect(watch.errors).toEqual([]);
    await page.close();
  }, 120_000);
});
