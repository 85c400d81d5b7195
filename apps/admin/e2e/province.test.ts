// Toàn tỉnh in Chromium against a real hub of three sites: the province administrator sees every
// site worst first with its alarms, sorts, adds a site, and reads the report across sites.
// LUOT_SCREENSHOTS_DIR=<dir> saves the page and the report there (views-*.png).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, request, startTestHub, type TestHub } from '@luot/hub/testing';

const SHOTS = process.env.LUOT_SCREENSHOTS_DIR;
let browser: Browser;
let t: TestHub;

/** Issues `n` tickets at a site's kiosk; the first `served` of them are served at counter 1. */
async function queue(kioskToken: string, clerk: string, n: number, served: number) {
  const { socket: kiosk } = await t.connectReady(kioskToken);
  for (let i = 0; i < n; i++)
    expect(
      (await request(kiosk, 'ticket:issue', { fieldId: i % 3 ? 'ho-tich' : 'dat-dai' })).ok,
    ).toBe(true);
  const { socket } = await t.connectReady((await t.login(clerk, 'c1')).token);
  for (let i = 0; i < served; i++) {
    await request(socket, 'counter:callNext', {});
    t.clock.advance(60_000);
    await request(socket, 'counter:start', {});
    t.clock.advance(5 * 60_000);
    await request(socket, 'counter:finish', {});
  }
}

beforeAll(async () => {
  t = await startTestHub({
    counters: 3,
    serveApps: true,
    sites: ['trung-tam', 'xa-an-phu', 'phuong-1'],
  });
  // Trung tâm: a queue that has waited long (past the 30-minute target) by the end.
  await queue(t.tokens.kiosk!, 'cb1', 9, 2);
  t.clock.advance(25 * 60_000);
  await queue(t.tokens['xa-an-phu/kiosk']!, 'xa-an-phu.cb1', 4, 1);
  await queue(t.tokens['phuong-1/kiosk']!, 'phuong-1.cb1', 2, 2);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, username: string) {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'mat-khau-thu');
  await page.click('button[type=submit]');
}

const siteOrder = (page: Page) =>
  page.$$eval('[data-testid=province-sites] tbody tr', (rows) =>
    rows.map((r) => r.getAttribute('data-site')),
  );

it('shows every site worst first with its alarms, sorts by a column, and adds a site', async () => {
  const { page, errors } = await openPage(browser, `${t.url}/admin/`, { width: 1366, height: 900 });
  await signIn(page, 'tinh');
  await page.waitForSelector('nav');
  await page.click('nav >> text=Toàn tỉnh');
  await page.waitForSelector('[data-testid=province-sites]');
  // Trung tâm's field waits past its target: first, with the alarm in words.
  await expect.poll(() => siteOrder(page)).toEqual(['trung-tam', 'xa-an-phu', 'phuong-1']);
  const first = page.locator('tr[data-site=trung-tam]');
  expect(await first.getAttribute('data-level')).toBe('alarm');
  expect(await first.textContent()).toMatch(/chờ \d+ phút \(mục tiêu 30\)/);
  expect(await page.locator('tr[data-site=phuong-1]').textContent()).toContain('Bình thường');
  // Each site links to its own dashboard.
  expect(await page.getAttribute('tr[data-site=xa-an-phu] a', 'href')).toBe(
    '/admin/?site=xa-an-phu',
  );

  // Sorted by name, A to Z, then back.
  await page.click('th >> text=Điểm phục vụ');
  await expect.poll(() => siteOrder(page)).toEqual(['trung-tam', 'phuong-1', 'xa-an-phu']);

  if (SHOTS) {
    await page.click('th >> text=Cảnh báo');
    await page.screenshot({ path: `${SHOTS}/views-toan-tinh.png`, fullPage: true });
  }

  // A new site: on the list at once, quiet, with its two counters.
  await page.fill('input >> nth=0', 'Xã Tân Phú');
  await page.fill('input >> nth=1', 'xa-tan-phu');
  await page.click('button >> text=Thêm điểm');
  await expect.poll(() => page.textContent('[role=status]')).toContain('Đã thêm điểm "Xã Tân Phú"');
  await expect.poll(() => siteOrder(page)).toContain('xa-tan-phu');
  expect(await page.locator('tr[data-site=xa-tan-phu]').textContent()).toContain('0 / 2');
  expect(errors).toEqual([]);
});

it('shows the report across sites by site, and counters named with their site', async () => {
  const { page, errors } = await openPage(browser, `${t.url}/admin/toan-tinh`, {
    width: 1366,
    height: 900,
  });
  await signIn(page, 'tinh');
  await page.waitForSelector('.province-report form');
  await page.click('.province-report button[type=submit]');
  await page.waitForSelector('.province-report [data-testid=report]');
  const rows = await page.$$eval('.province-report tbody tr', (trs) =>
    trs.map((r) => r.getAttribute('data-key')),
  );
  expect(rows).toEqual(['trung-tam', 'xa-an-phu', 'phuong-1', 'xa-tan-phu']);
  // 9 + 4 + 2 tickets issued across the province.
  expect(await page.textContent('.province-report tfoot tr td')).toBe('15');
  expect(await page.textContent('.province-report')).toContain(
    'Trung vị và P90 không cộng gộp được',
  );
  if (SHOTS)
    await page.screenshot({ path: `${SHOTS}/views-bao-cao-toan-tinh.png`, fullPage: true });

  await page.selectOption('.province-report select', 'counter');
  await expect
    .poll(() => page.$$eval('.province-report tbody th', (ths) => ths.map((h) => h.textContent)))
    .toContain('Quầy 1 — Điểm xa-an-phu');
  expect(errors).toEqual([]);
});

it("lets the province administrator write the catalogue and a site's admin code a field with it", async () => {
  const { page, errors } = await openPage(browser, `${t.url}/admin/danh-muc`);
  await signIn(page, 'tinh');
  await page.waitForSelector('button >> text=Thêm lĩnh vực');
  await page.click('button >> text=Thêm lĩnh vực');
  await page.fill('input[aria-label="Mã"]', 'ht');
  await page.fill('input[aria-label="Tên lĩnh vực"]', 'Hộ tịch');
  await page.click('button >> text=Lưu danh mục');
  await expect.poll(() => page.textContent('[role=status]')).toContain('Đã lưu danh mục');
  expect(await t.province.readCatalogue()).toEqual([{ code: 'HT', name: 'Hộ tịch' }]);

  // The site's own admin picks the code on the fields page; the hub keeps it in the site's config.
  const other = await openPage(browser, `${t.url}/admin/linh-vuc`);
  await signIn(other.page, 'admin');
  await other.page.click('tr[data-field=ho-tich]');
  await other.page.waitForSelector('[data-testid=field-editor]');
  await other.page.selectOption('[data-testid=field-editor] select', 'HT');
  await other.page.click('[data-testid=save-config]');
  await expect.poll(() => other.page.textContent('[role=status]')).toContain('Đã lưu');
  expect(
    t.hub.sites.get('trung-tam')!.queue.live.config.fields.find((f) => f.id === 'ho-tich')!.code,
  ).toBe('HT');
  expect([...errors, ...other.errors]).toEqual([]);
});
