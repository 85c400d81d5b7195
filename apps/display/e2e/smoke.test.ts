import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';

let hub: TestHub;
let browser: Browser;
beforeAll(async () => {
  hub = await startTestHub({ serveApps: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

it('serves the display app from the hub, in Vietnamese', async () => {
  const { page, errors } = await openPage(browser, `${hub.url}/display/`);
  await expect.poll(() => page.textContent('h1')).toBe('Màn hình công dân Lượt');
  expect(await page.getAttribute('html', 'lang')).toBe('vi');
  expect(errors).toEqual([]);
});

it('serves the phone ticket page at /t/<token>', async () => {
  const { page } = await openPage(browser, `${hub.url}/t/abc123abc123`);
  await expect.poll(() => page.textContent('h1')).toBe('Không tìm thấy phiếu');
});
