// The Office's pages in real Chromium: the dashboard shows every
// cell against today's calendar, "Dân vận khéo 2026–2030" is created with one
// form, a report opens as HTML and downloads as XLSX, and people without the
// role are told so.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrganization } from '../../infra/local/seed.ts';
import { type RunningBrowser, type RunningSystem, startSystemAndBrowsers } from './system.ts';

describe("the Office's pages in the browser", () => {
  let system: RunningSystem;
  let browser: RunningBrowser;
  let page: Page;

  const signIn = async (username: string) => {
    await page.goto(`${system.base}/`);
    await page.evaluate(() => localStorage.removeItem('dvk.session'));
    await page.goto(`${system.base}/`);
    await page.locator(`button[data-username="${username}"]`).click();
    await page.locator('#sign-out').waitFor();
  };

  beforeAll(async () => {
    ({
      system,
      browsers: [browser],
    } = await startSystemAndBrowsers('vi-VN'));
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('shows where every cell stands on the dashboard', async () => {
    await signIn('binh.tt');
    await page.goto(`${system.base}/dashboard.html?campaignId=dvk-2016-2020`);
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    const text = await page.locator('main').textContent();
    for (const cell of demoOrganization().cells) expect(text).toContain(cell.name);
    expect(text).toContain('03/10/2016');
  });

  it('creates “Dân vận khéo 2026–2030” with one form', async () => {
    await page.goto(`${system.base}/campaigns.html`);
    await page.locator('#new').click();
    const name = await page.locator('#name').inputValue();
    expect(name).toMatch(/2026/);
    await page.locator('#campaign-form button[type="submit"]').click();
    await page.locator('[role="status"]').waitFor();
    expect(await page.locator('[role="status"]').textContent()).toContain('2026');
    const campaigns = await page.evaluate(async () => {
      const saved = JSON.parse(localStorage.getItem('dvk.session') ?? '{}') as { token?: string };
      const response = await fetch('/api/campaigns', { headers: { authorization: `Bearer ${saved.token}` } });
      return ((await response.json()) as { items: { name: string; registrationYears: number[] }[] }).items;
    });
    expect(campaigns.find((campaign) => /2026/.test(campaign.name))?.registrationYears[0]).toBe(2026);
  });

  it('opens a report as HTML and downloads it as XLSX', async () => {
    await page.goto(`${system.base}/reports.html?kind=registration-list&campaignId=dvk-2016-2020&year=2016`);
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    const heading = page.frameLocator('#report').locator('h1');
    await heading.waitFor();
    expect((await heading.textContent()) ?? '').toMatch(/đăng ký/i);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải XLSX' }).click();
    const file = await (await download).path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const cells: string[] = [];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(String(cell.value));
        });
      });
    }
    // The seven cells of the demo organization are listed (none registered yet on 03/10/2016).
    for (const cell of demoOrganization().cells) expect(cells).toContain(cell.name);
  });

  it('tells a member that the dashboard is not for them', async () => {
    await signIn('tien.cv');
    await page.goto(`${system.base}/dashboard.html`);
    await page.getByText('Không có quyền').waitFor();
    expect(await page.locator('header.site nav').textContent()).not.toContain('Theo dõi');
  });
});
