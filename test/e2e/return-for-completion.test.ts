// In real Chromium: a committee member who supervises Thanh tra Sở returns one of its registrations
// from the model page; its secretary finds the task on the home page, completes the registration
// on the form and sends it again; the timeline shows both steps.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationBody } from '../support/models.ts';
import {
  apiAs,
  type ConsoleWatch,
  type RunningBrowser,
  type RunningSystem,
  signInAs,
  startSystemAndBrowsers,
  watchConsole,
} from './system.ts';

const TITLE = 'Tiếp công dân khéo, đúng hẹn';
const REASON = 'Bổ sung chỉ tiêu cụ thể ở phần Kết quả dự kiến.';

describe('returning a registration for completion, in the browser', () => {
  let system: RunningSystem;
  let browser: RunningBrowser;
  let page: Page;
  let browserConsole: ConsoleWatch;
  let modelId = '';

  async function waitForStatus(status: string) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const { body } = await apiAs<{ status: string }>(system, 'binh.tt', 'GET', `/api/models/${modelId}`);
      if (body.status === status) return;
      await new Promise((wait) => setTimeout(wait, 200));
    }
    throw new Error(`model ${modelId} never became ${status}`);
  }

  beforeAll(async () => {
    ({
      system,
      browsers: [browser],
    } = await startSystemAndBrowsers('vi-VN'));
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    browserConsole = watchConsole(page);
    const registered = await apiAs<{ id: string }>(
      system,
      'viet.lv',
      'POST',
      '/api/models',
      registrationBody({ title: TITLE }),
    );
    modelId = registered.body.id;
    await waitForStatus('implementing');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('is returned from the model page, completed from the home page’s task, and shown on the timeline', async () => {
    // Act: the supervisor returns it
    await signInAs(page, system, 'nam.lv');
    await page.goto(`${system.base}/model.html?id=${modelId}`);
    await page.locator('#return-reason').fill(REASON);
    await page.locator('#return-form button[type="submit"]').click();
    await page.locator('#confirm-yes').click();
    await page.locator('#notice').waitFor();
    await waitForStatus('returned');
    // Act: the secretary completes it
    await signInAs(page, system, 'viet.lv');
    const task = page.locator(`#tasks li[data-kind="complete_registration"][data-model-id="${modelId}"]`);
    await task.waitFor();
    const taskText = (await task.textContent())?.replace(/\s+/g, ' ');
    await task.locator('a').click();
    await page.locator('#model-form').waitFor();
    const formText = (await page.locator('main').textContent())?.replace(/\s+/g, ' ');
    const submitLabel = (await page.locator('#submit').textContent())?.trim();
    await page.locator('#submit').click();
    await page.locator('#receipt').waitFor();
    await waitForStatus('implementing');
    await page.goto(`${system.base}/timeline.html?id=${modelId}`);
    await page.locator('#history tbody tr[data-state="completed"]').waitFor();
    const returnedRow = (
      await page.locator('#history tbody tr[data-state="returned"]').textContent()
    )?.replace(/\s+/g, ' ');

    // Assess
    expect(taskText).toContain(`Bổ sung đăng ký mô hình “${TITLE}” (đã bị trả lại)`);
    expect(taskText).toContain('10/10/2016');
    expect(formText).toContain(REASON);
    expect(submitLabel).toBe('Gửi lại đăng ký đã bổ sung');
    expect(returnedRow).toContain('Trả lại, yêu cầu bổ sung');
    expect(returnedRow).toContain(REASON);
    expect(browserConsole.errors).toEqual([]);
  }, 120_000);
});
