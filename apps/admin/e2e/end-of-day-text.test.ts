// The end-of-day message is edited in "Nội dung hiển thị" and reaches the lobby board; an empty
// one is refused in Vietnamese. Real hub, built apps, Chromium.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_END_OF_DAY_TEXT } from '@luot/domain';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';

/** 17:30 on Monday 2026-11-23 in Asia/Ho_Chi_Minh: past the last session, no counter open. */
const MONDAY_1730 = Date.parse('2026-11-23T10:30:00Z');

let browser: Browser;
let t: TestHub;
beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub({ serveApps: true, now: MONDAY_1730 });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, username: string) {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'mat-khau-thu');
  await page.click('button[type=submit]');
}

it('an admin rewrites the end-of-day message; the lobby board shows the new one at once', async () => {
  const { page: board } = await openPage(
    browser,
    `${t.url}/display/lobby?token=${t.tokens.display}`,
    {
      width: 1920,
      height: 1080,
    },
  );
  await expect.poll(() => board.textContent('.end-of-day__message')).toBe(DEFAULT_END_OF_DAY_TEXT);

  const { page, errors } = await openPage(browser, `${t.url}/admin/`);
  await signIn(page, 'admin');
  await page.click('nav >> text=Nội dung hiển thị');
  const box = page.locator('textarea[name=endOfDay]');
  expect(await box.inputValue()).toBe(DEFAULT_END_OF_DAY_TEXT);

  // Empty: refused with the reason in Vietnamese, nothing changes.
  await box.fill('   ');
  await page.click('[data-testid=save-config]');
  await expect
    .poll(() => page.textContent('[data-testid=config-issues]'))
    .toContain('Thông báo hết giờ làm việc');
  expect(t.hub.queue.live.config.texts.endOfDay).toBe(DEFAULT_END_OF_DAY_TEXT);

  const text = 'Trung tâm đã hết giờ làm việc. Mời quý khách quay lại lúc 07:30 sáng mai.';
  await box.fill(text);
  await page.click('[data-testid=save-config]');
  await expect.poll(() => page.textContent('[role=status]')).toContain('Đã lưu');
  expect(t.hub.queue.live.config.texts.endOfDay).toBe(text);
  await expect.poll(() => board.textContent('.end-of-day__message')).toBe(text);
  // The browser logs the refused save's 400; nothing else went wrong.
  expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
});
