// In real Chromium: a committee member's home lists the model of a supervised cell awaiting
// review, with its last day and the days left; the link opens the model, the review is decided
// there, and back home the task is gone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationBody } from '../support/models.ts';
import {
  apiAs,
  type ConsoleWatch,
  type RunningBrowser,
  type RunningSystem,
  startSystemAndBrowsers,
  watchConsole,
} from './system.ts';

const TITLE = 'Kiểm tra văn bản khéo, đúng hạn';

describe('what awaits a committee member, in the browser', () => {
  let system: RunningSystem;
  let browser: RunningBrowser;
  let page: Page;
  let browserConsole: ConsoleWatch;
  let modelId = '';

  const api = async <T>(username: string, method: string, path: string, body?: unknown) =>
    (await apiAs<T>(system, username, method, path, body)).body;

  async function waitForModel(ready: (model: { awaiting?: string; status: string }) => boolean) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const model = await api<{ awaiting?: string; status: string }>(
        'binh.tt',
        'GET',
        `/api/models/${modelId}`,
      );
      if (ready(model)) return model;
      await new Promise((wait) => setTimeout(wait, 200));
    }
    throw new Error(`model ${modelId} never got ready`);
  }

  beforeAll(async () => {
    ({
      system,
      browsers: [browser],
    } = await startSystemAndBrowsers('vi-VN'));
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    browserConsole = watchConsole(page);
    // A model of the cell Xây dựng và Kiểm tra văn bản, registered and self-assessed by its secretary
    modelId = (
      await api<{ id: string }>(
        'hung.dq',
        'POST',
        '/api/models',
        registrationBody({ cellId: 'xd-kiem-tra-vb', title: TITLE }),
      )
    ).id;
    await waitForModel((model) => model.awaiting === 'self_assessment');
    await api('hung.dq', 'POST', `/api/models/${modelId}/self-assessment`, {
      results: 'Đã kiểm tra 100% văn bản đúng hạn.',
      evidence: ['Báo cáo số 12/BC-CB'],
      cellConfirmed: true,
      cellVote: { eligible: 6, present: 6, for: 6, against: 0, abstain: 0 },
    });
    await waitForModel((model) => model.awaiting === 'review');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('lists the supervised cell’s model to review on the home page, and reviews it from there', async () => {
    // Prepare: an.nv supervises the cell
    await page.goto(`${system.base}/`);
    await page.locator('button[data-username="an.nv"]').click();
    const task = page.locator(`#tasks li[data-kind="review"][data-model-id="${modelId}"]`);
    await task.waitFor();
    const listed = {
      text: (await task.textContent())?.replace(/\s+/g, ' ').trim(),
      due: await task.locator('.task-due').textContent(),
    };

    // Act: follow the link, decide on the model page
    await task.locator('a').click();
    await page.locator('#rv-form').waitFor();
    for (const principle of ['registered', 'democraticVote', 'meetsStandard', 'spread', 'cellRecognized']) {
      await page.locator(`#p-${principle}-met`).check();
    }
    for (const [key, value] of Object.entries({
      eligible: '10',
      present: '9',
      for: '8',
      against: '1',
      abstain: '0',
    })) {
      await page.locator(`#rv-vote-${key}`).fill(value);
    }
    await page.locator('#decision-recognized').check();
    await page.locator('#rv-reasons').fill('Đạt cả năm nguyên tắc.');
    await page.locator('#rv-form button[type="submit"]').click();
    await page.locator('#confirm-yes').click();
    await page.locator('#notice').waitFor();
    await waitForModel((model) => model.status === 'recognized');
    await page.goto(`${system.base}/`);
    await page.locator('#tasks').waitFor();
    const after = await page.locator(`#tasks li[data-model-id="${modelId}"]`).count();

    // Assess
    expect(listed.text).toContain(`Xét, công nhận mô hình “${TITLE}”`);
    expect(listed.text).toContain('Chi bộ bạn theo dõi');
    expect(listed.due).toBe('30/12/2017');
    expect(listed.text).toMatch(/còn \d+ ngày/);
    expect(page.url()).toBe(`${system.base}/`);
    expect(after).toBe(0);
    expect(browserConsole.errors).toEqual([]);
  }, 120_000);
});
