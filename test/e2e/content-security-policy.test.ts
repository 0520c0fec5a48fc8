// The local pages work under their Content-Security-Policy in real Chromium:
// every page the Office opens, a report in its frame and an email in the
// outbox's frame render without one violation reported.
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from '../../infra/local/credentials.ts';
import { type RunningBrowser, type RunningSystem, startSystemAndBrowsers } from './system.ts';

describe('the pages under their Content-Security-Policy', () => {
  let system: RunningSystem;
  let browser: RunningBrowser;
  let page: Page;
  const violations: string[] = [];

  beforeAll(async () => {
    ({
      system,
      browsers: [browser],
    } = await startSystemAndBrowsers('vi-VN'));
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text()))
        violations.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => violations.push(`${page.url()}: ${error.message}`));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('signs in and opens every Office page without a violation', async () => {
    // Prepare
    await page.goto(`${system.base}/`);
    await page.locator('button[data-username="binh.tt"]').click();
    await page.locator('#sign-out').waitFor();

    // Act
    for (const path of [
      '/dashboard.html?campaignId=dvk-2016-2020',
      '/campaigns.html',
      '/organization.html',
      '/cell.html?id=van-phong',
      '/register.html',
    ]) {
      await page.goto(`${system.base}${path}`);
      await page.locator('main').waitFor();
      await page.waitForLoadState('networkidle');
    }

    // Assess
    expect(violations).toEqual([]);
  });

  it('shows a report in its frame without a violation', async () => {
    // Act
    await page.goto(`${system.base}/reports.html?kind=registration-list&campaignId=dvk-2016-2020&year=2016`);
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await page.frameLocator('#report').locator('h1').waitFor();

    // Assess
    expect(violations).toEqual([]);
  });

  it('shows an email with inline styles in the outbox without a violation', async () => {
    // Prepare
    const { ses } = (await (await fetch(`${system.base}/local/endpoints`)).json()) as { ses: string };
    const client = new SESClient({ endpoint: ses, region: 'us-east-1', credentials: localCredentials });
    await client.send(
      new SendEmailCommand({
        Source: 'van-phong@stp.example.vn',
        Destination: { ToAddresses: ['an.nv@stp.example.vn'] },
        Message: {
          Subject: { Data: 'Thư có định dạng' },
          Body: {
            Html: { Data: '<p style="color:#1f1f1f">Kính gửi đồng chí,</p><p>Nội dung thử.</p>' },
          },
        },
      }),
    );
    client.destroy();

    // Act
    await page.goto(`${system.base}/outbox.html`);
    await page.getByRole('link', { name: 'Thư có định dạng' }).click();
    await page.frameLocator('iframe[title="Nội dung thư"]').getByText('Kính gửi đồng chí,').waitFor();

    // Assess
    expect(violations).toEqual([]);
  });
});
