// Sign-in protection as people see it in the admin app: the lock-out message, and the audit log.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';

let browser: Browser;
let t: TestHub | null = null;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await t?.close();
  t = null;
});

async function signIn(page: Page, username: string, password = 'mat-khau-thu') {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

describe('sign-ins in the admin app', () => {
  it('locks out a guesser, and the admin reads the failures and the lock-out in the audit log', async () => {
    t = await startTestHub({ serveApps: true });
    const { page } = await openPage(browser, `${t.url}/admin/`);
    for (let i = 1; i <= 5; i++) {
      await signIn(page, 'giamsat', `doan-mo-${i}`);
      // The button is disabled while the hub checks, and the refusal shows once it answers.
      await page.waitForSelector('button[type=submit]:not([disabled])');
      await expect.poll(() => page.textContent('[role=alert]')).toMatch(/Sai tên đăng nhập/);
    }
    await signIn(page, 'giamsat');
    await expect
      .poll(() => page.textContent('[role=alert]'))
      .toBe('Sai mật khẩu quá nhiều lần. Vui lòng thử lại sau 15 phút.');

    await signIn(page, 'admin');
    await page.waitForSelector('nav');
    await page.click('nav >> text=Nhật ký thay đổi');
    await page.waitForSelector('[data-testid=audit] tbody tr');
    const rows = await page.$$eval('[data-testid=audit] tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent).slice(1)),
    );
    expect(rows).toEqual([
      ['admin', 'Đăng nhập: admin, từ 127.0.0.1'],
      [
        'Máy 127.0.0.1',
        'Tạm khóa đăng nhập: giamsat, từ 127.0.0.1, khóa tài khoản này từ máy đó 15 phút',
      ],
      ...Array.from({ length: 5 }, () => ['Máy 127.0.0.1', 'Đăng nhập sai: giamsat, từ 127.0.0.1']),
    ]);
  });
});
