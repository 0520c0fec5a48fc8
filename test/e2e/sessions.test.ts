// Sessions in real Chromium: a sign-in sends the person back where they were (the Office's pages
// too); the session is the browser's, so a new tab is signed in; a self-assessment typed before the
// session ran out is kept as a draft and, after signing in again in the prompt over the page, sent
// without retyping; sign-out signs out every tab, and a page signed out while it still loads asks
// the API nothing more.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationBody } from '../support/models.ts';
import {
  type RunningBrowser,
  type RunningSystem,
  signInAs,
  startSystemAndBrowsers,
  watchConsole,
} from './system.ts';

const RESULTS = 'Đã tiếp 120 lượt công dân; không có khiếu nại về thái độ phục vụ.';

describe('sessions in the browser', () => {
  let system: RunningSystem;
  let browser: RunningBrowser;
  let page: Page;
  let modelId = '';

  async function tokens(username: string, lifetimeSeconds?: number) {
    const answer = await fetch(`${system.base}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, ...(lifetimeSeconds ? { lifetimeSeconds } : {}) }),
    });
    return (await answer.json()) as { token: string; refreshToken: string };
  }

  async function model(): Promise<Record<string, unknown>> {
    const { token } = await tokens('binh.tt');
    const answer = await fetch(`${system.base}/api/models/${encodeURIComponent(modelId)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return (await answer.json()) as Record<string, unknown>;
  }

  beforeAll(async () => {
    ({
      system,
      browsers: [browser],
    } = await startSystemAndBrowsers('vi-VN'));
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    const { token } = await tokens('an.nv');
    const registered = await fetch(`${system.base}/api/models`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(
        registrationBody({ cellId: 'van-phong', title: 'Mô hình để thử phiên đăng nhập' }),
      ),
    });
    modelId = ((await registered.json()) as { id: string }).id;
    for (let attempt = 0; attempt < 100 && (await model()).awaiting !== 'self_assessment'; attempt++)
      await new Promise((wait) => setTimeout(wait, 200));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('sends the person back to the page they asked for after signing in, the Office page too', async () => {
    // Act
    await page.goto(`${system.base}/organization.html`);
    await page.locator('button[data-username="binh.tt"]').click();
    await page.waitForURL(/\/organization\.html$/);
    const officePage = new URL(page.url()).pathname;
    await page.locator('#sign-out').click();
    await page.locator('button[data-username="an.nv"]').waitFor();
    const afterSignOut = await page.evaluate<string | null>("localStorage.getItem('dvk.session')");
    await page.goto(`${system.base}/model.html?id=${encodeURIComponent(modelId)}&tu-danh-gia=1`);
    await page.locator('button[data-username="an.nv"]').click();
    await page.locator('#sa-form').waitFor();
    // Assess
    expect(officePage).toBe('/organization.html');
    expect(afterSignOut).toBeNull();
    expect(new URL(page.url()).search).toBe(`?id=${encodeURIComponent(modelId)}&tu-danh-gia=1`);
  });

  it('shares the session with a new tab, keeps the typed text through an expiry, and sends it after signing in again', async () => {
    // Prepare: a second tab opens the same page already signed in
    const other = await browser.context.newPage();
    await other.goto(`${system.base}/model.html?id=${encodeURIComponent(modelId)}&tu-danh-gia=1`);
    await other.locator('#sa-form').waitFor();
    const otherSignedIn = (await other.locator('.who-name').textContent())?.trim();
    // The text is typed, the page reloaded: the draft is back
    await page.locator('#sa-results').fill(RESULTS);
    await page.locator('#evidence-0').fill('Sổ tiếp công dân năm 2017');
    await page.locator('#sa-confirmed').check();
    for (const [key, value] of Object.entries({
      eligible: '10',
      present: '9',
      for: '8',
      against: '1',
      abstain: '0',
    }))
      await page.locator(`#sa-vote-${key}`).fill(value);
    // The draft is kept once the browser holds it (the status line may still show an earlier draft).
    await page.waitForFunction(
      `Object.keys(localStorage).some((k) => k.startsWith('dvk.draft.') && localStorage.getItem(k).includes(${JSON.stringify(RESULTS)}))`,
    );
    await page.reload();
    await page.locator('#sa-form').waitFor();
    const restored = await page.locator('#sa-results').inputValue();
    // The session runs out: an ID token that lived one second, and a refresh token no longer good
    const short = await tokens('an.nv', 1);
    const exp = Number(JSON.parse(Buffer.from(short.token.split('.')[1] ?? '', 'base64url').toString()).exp);
    while (Date.now() < exp * 1000 + 1000) await new Promise((wait) => setTimeout(wait, 200));
    await page.evaluate(
      `localStorage.setItem('dvk.session', JSON.stringify({ token: ${JSON.stringify(short.token)}, local: true, refreshToken: 'revoked' }))`,
    );
    // Act
    await page.locator('#sa-form button[type="submit"]').click();
    await page.locator('#sign-in-prompt').waitFor();
    const typedWhilePrompted = await page.locator('#sa-results').inputValue();
    await page.locator('#sign-in-again').click();
    await page.locator('#notice').waitFor();
    // Assess
    expect(otherSignedIn).toBe((await page.locator('.who-name').textContent())?.trim());
    expect(restored).toBe(RESULTS);
    expect(typedWhilePrompted).toBe(RESULTS);
    expect(await page.locator('#notice').textContent()).toBe('Đã gửi tự đánh giá.');
    expect((await model()).selfAssessment).toMatchObject({ results: RESULTS });
    expect(
      await page.evaluate<number>(
        'Object.keys(localStorage).filter((k) => k.startsWith("dvk.draft.")).length',
      ),
    ).toBe(0);

    // Sign-out in one tab signs the other out too
    await page.locator('#sign-out').click();
    await other.locator('button[data-username="an.nv"]').waitFor();
    expect(new URL(other.url()).searchParams.get('next')).toBe(`/model.html?id=${modelId}&tu-danh-gia=1`);
    await other.close();
  });

  it('sends nothing without the token when the person signs out while the start page is still loading', async () => {
    // Prepare: signed in; the campaigns answer is held back, so the start page is half loaded
    await signInAs(page, system, 'binh.tt');
    const unsigned: string[] = [];
    const watch = watchConsole(page);
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/') && !request.headers().authorization)
        unsigned.push(`${request.method()} ${request.url()}`);
    });
    let releaseCampaigns = () => {};
    const campaignsHeld = new Promise<void>((resolve) => {
      releaseCampaigns = resolve;
    });
    await page.route('**/api/campaigns', async (route) => {
      await campaignsHeld;
      await route.continue();
    });
    await page.goto(`${system.base}/`);
    await page.locator('#sign-out').waitFor();
    // The start page the sign-out goes to is held too, so the signed-out page has time to go on.
    await page.route(`${system.base}/`, async (route) => {
      releaseCampaigns();
      await new Promise((wait) => setTimeout(wait, 500));
      await route.continue();
    });
    // Act
    await page.locator('#sign-out').click();
    await page.locator('button[data-username="binh.tt"]').waitFor();
    await page.unrouteAll();
    // Assess
    expect(unsigned).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});
