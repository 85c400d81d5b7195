// Issue 16: who may subscribe for which site, in Chromium against a real hub of two sites. The
// province administrator chooses between the site they work at and every site; a site's own
// administrator subscribes for that site only and never sees the province's subscription.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';

let browser: Browser;
let t: TestHub;
beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub({ serveApps: true, counters: 1, sites: ['trung-tam', 'xa-an-phu'] });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, username: string) {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'mat-khau-thu');
  await page.click('button[type=submit]');
  await page.waitForSelector('.webhooks-page form');
}

async function subscribe(page: Page, url: string) {
  await page.fill('input[name=url]', url);
  await page.getByLabel('Hoàn thành', { exact: true }).check();
  await page.getByRole('button', { name: 'Thêm đăng ký' }).click();
  await page.getByRole('button', { name: 'Tôi đã lưu khoá' }).click();
}

const rows = (page: Page) =>
  page.$$eval('[data-testid=webhooks] tbody tr', (trs) =>
    trs.map((r) =>
      Array.from(r.children)
        .slice(0, 3)
        .map((c) => (c as HTMLElement).innerText.trim()),
    ),
  );

it('the province administrator may subscribe for every site; a site administrator for theirs only', async () => {
  const tinh = (await openPage(browser, `${t.url}/admin/webhook`, { width: 1366, height: 1000 }))
    .page;
  await signIn(tinh, 'tinh');
  await tinh.getByLabel('Mọi trung tâm trong tỉnh').check();
  await subscribe(tinh, 'https://motcua.tinh.gov.vn/luot');
  await tinh.getByLabel(/^Chỉ trung tâm này/).check();
  await subscribe(tinh, 'https://motcua.tinh.gov.vn/trung-tam');
  await expect.poll(() => rows(tinh)).toHaveLength(2);
  expect(await rows(tinh)).toEqual(
    expect.arrayContaining([
      ['https://motcua.tinh.gov.vn/luot', 'Hoàn thành', 'Mọi trung tâm'],
      ['https://motcua.tinh.gov.vn/trung-tam', 'Hoàn thành', 'Bộ phận Một cửa xã Thử Nghiệm'],
    ]),
  );

  // Xã An Phú's administrator: no choice of site, and only their own subscription listed.
  const site = (await openPage(browser, `${t.url}/admin/webhook`, { width: 1366, height: 1000 }))
    .page;
  await signIn(site, 'xa-an-phu.admin');
  expect(await site.getByLabel('Mọi trung tâm trong tỉnh').count()).toBe(0);
  expect(await site.textContent('.webhook-form')).toContain('Trung tâm: Điểm xa-an-phu');
  expect(await site.textContent('[data-testid=webhooks-empty]')).toContain('Chưa có đăng ký nào');
  await subscribe(site, 'https://xa-an-phu.gov.vn/luot');
  await expect
    .poll(() => rows(site))
    .toEqual([['https://xa-an-phu.gov.vn/luot', 'Hoàn thành', 'Điểm xa-an-phu']]);
});
