// The Office's document register in real Chromium: a recognition decision is drafted from the page,
// issued after the confirmation, gets its number, and downloads as a DOCX that carries it.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../support/document-text.ts';
import { type RunningBrowser, type RunningSystem, startSystemAndBrowsers } from './system.ts';

describe('the documents page in the browser', () => {
  let system: RunningSystem;
  let browser: RunningBrowser;
  let page: Page;

  beforeAll(async () => {
    ({
      system,
      browsers: [browser],
    } = await startSystemAndBrowsers('vi-VN'));
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('issues a recognition decision from the page and downloads it with its number', async () => {
    // Prepare
    await page.goto(`${system.base}/`);
    await page.locator('button[data-username="binh.tt"]').click();
    await page.locator('#sign-out').waitFor();
    await page.goto(`${system.base}/documents.html?campaignId=dvk-2016-2020&year=2016`);
    await page.locator('#documents').waitFor();
    // Act
    await page.locator('#type').selectOption('recognition-decision');
    await page.locator('#create-draft').click();
    const row = page.locator('#documents tbody tr[data-document-id]').first();
    await row.getByRole('button', { name: 'Ban hành' }).click();
    await page.locator('#confirm-yes').click();
    await page.locator('#documents', { hasText: 'Số 1-QĐ/ĐU' }).waitFor();
    const download = page.waitForEvent('download');
    await page
      .locator('#documents tbody tr[data-document-id]')
      .first()
      .getByRole('button', { name: 'Tải DOCX' })
      .click();
    const file = await (await download).path();
    // Assess
    const text = await page.locator('#documents').textContent();
    expect(text).toContain('Đã ban hành');
    expect(text).toContain('Quyết định công nhận mô hình, điển hình năm 2016');
    const docx = docxText(new Uint8Array(await readFile(file)));
    expect(docx).toContain('Số 1-QĐ/ĐU');
    expect(docx).toContain('QUYẾT ĐỊNH');
  }, 90_000);
});
