// Issue 15, item 2: the reception desks edited in the admin app, checked by the hub when saved.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';

let browser: Browser;
let t: TestHub;

beforeAll(async () => {
  t = await startTestHub({ serveApps: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('adds a desk with a network printer, refuses a bad printer address, and audits the change', async () => {
  const { page, errors } = await openPage(browser, `${t.url}/admin/ban-huong-dan`);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', 'mat-khau-thu');
  await page.click('button[type=submit]');
  await page.waitForSelector('h1 >> text=Bàn hướng dẫn');

  await page.getByRole('button', { name: 'Thêm bàn' }).click();
  const desk = page.locator('[data-desk=ban-1]');
  await desk.getByLabel('Tên bàn').fill('Bàn tiếp dân tầng 1');
  await desk.getByLabel('In phiếu tại').selectOption('printer');
  await desk.getByLabel('Địa chỉ IP hoặc tên máy in').fill('192.168.1.50/ham');
  await page.click('[data-testid=save-config]');
  await expect.poll(() => page.locator('[data-testid=config-issues]').count()).toBe(1);
  expect(t.hub.queue.live.config.desks).toEqual([]);

  await desk.getByLabel('Địa chỉ IP hoặc tên máy in').fill('192.168.1.50');
  await page.click('[data-testid=save-config]');
  await expect.poll(() => t.hub.queue.live.config.desks.length).toBe(1);
  expect(t.hub.queue.live.config.desks[0]).toEqual({
    id: 'ban-1',
    name: 'Bàn tiếp dân tầng 1',
    printer: { host: '192.168.1.50', port: 9100, paper: '80mm' },
    kioskId: null,
  });
  await page.screenshot({ path: '/work/briefs/out/shots/desk-admin.png' });

  await page.goto(`${t.url}/admin/nhat-ky`);
  await expect
    .poll(() => page.locator('table').first().textContent())
    .toContain('Bàn hướng dẫn «Bàn tiếp dân tầng 1»: thêm mới');
  // The browser logs the refused save (400); nothing else went wrong on the page.
  expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
});
