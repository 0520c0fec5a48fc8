// Evidence files in real Chromium: the cell's secretary uploads a file from
// the model page (the page posts the presigned form to the local bucket, under
// the page's Content-Security-Policy and the bucket's CORS), sees it listed
// with who added it, and downloads it through its short-lived link.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationBody } from '../support/models.ts';
import {
  type ConsoleWatch,
  type RunningBrowser,
  type RunningSystem,
  startSystemAndBrowsers,
  watchConsole,
} from './system.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('evidence files in the browser', () => {
  let system: RunningSystem;
  let browser: RunningBrowser;
  let page: Page;
  let browserConsole: ConsoleWatch;
  let modelId = '';

  beforeAll(async () => {
    ({
      system,
      browsers: [browser],
    } = await startSystemAndBrowsers('vi-VN'));
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    browserConsole = watchConsole(page);
    const { token } = (await (
      await fetch(`${system.base}/local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'viet.lv' }),
      })
    ).json()) as { token: string };
    const registered = await fetch(`${system.base}/api/models`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(registrationBody()),
    });
    modelId = ((await registered.json()) as { id: string }).id;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('uploads a PNG from the model page, lists it with who added it, and downloads it', async () => {
    // Prepare
    await page.goto(`${system.base}/`);
    await page.locator('button[data-username="viet.lv"]').click();
    await page.locator('#cells').waitFor();
    await page.goto(`${system.base}/model.html?id=${encodeURIComponent(modelId)}`);
    await page.locator('#attachment-form').waitFor();
    // Act
    await page
      .locator('#attachment-file')
      .setInputFiles({ name: 'Sơ đồ.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Tải tệp lên' }).click();
    const row = page.locator('#attachments-table tbody tr', { hasText: 'Sơ đồ.png' });
    await row.waitFor();
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Sơ đồ.png' }).click();
    // Assess
    expect(await row.textContent()).toContain('Lâm Văn Việt');
    expect((await download).suggestedFilename()).toBe('Sơ đồ.png');
    expect(browserConsole.errors).toEqual([]);
  });
});
