// A clerk changes their own password from the counter screen (issue 11's dialog), checked end to
// end against the real hub for issue 12: a wrong current password is refused, the new one signs
// in, the old one no longer does, the clerk's other session ends and this one stays.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, PASSWORD, startTestHub, type TestHub } from '@luot/hub/testing';
import { signIn } from './helpers.ts';

let t: TestHub;
let browser: Browser;

beforeAll(async () => {
  t = await startTestHub({ serveApps: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function login(password: string): Promise<number> {
  const res = await fetch(`${t.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'cb1', password, counterId: 'c1', bearer: true }),
  });
  return res.status;
}

it('a clerk changes their own password in the dialog: old refused, new taken, other session ended', async () => {
  const other = await t.login('cb1', 'c1');
  const { page, errors } = await openPage(browser, `${t.url}/counter/`);
  await signIn(page, 'Quầy 1', 'cb1');

  await page.click('button:has-text("Đổi mật khẩu")');
  const dialog = page.getByTestId('password-dialog');
  await dialog.waitFor();
  const fresh = dialog.locator('input[autocomplete=new-password]');
  await dialog.locator('input[autocomplete=current-password]').fill('khong-phai-mat-khau');
  await fresh.nth(0).fill('mat-khau-moi-1');
  await fresh.nth(1).fill('mat-khau-moi-1');
  await dialog.locator('button[type=submit]').click();
  await expect
    .poll(() => dialog.locator('[role=alert]').textContent())
    .toBe('Mật khẩu hiện tại không đúng.');

  await dialog.locator('input[autocomplete=current-password]').fill(PASSWORD);
  await dialog.locator('button[type=submit]').click();
  await expect.poll(() => dialog.locator('[role=status]').textContent()).toBe('Đã đổi mật khẩu.');

  // The clerk's other session is over; this screen's stays and still works.
  const ended = await fetch(`${t.url}/api/session`, {
    headers: { authorization: `Bearer ${other.token}` },
  });
  expect(ended.status).toBe(401);
  expect(await page.evaluate(async () => (await fetch('/api/session')).status)).toBe(200);
  expect(await login(PASSWORD)).toBe(401);
  expect(await login('mat-khau-moi-1')).toBe(200);
  expect(errors.filter((e) => !/status of 40[13]/.test(e))).toEqual([]);
});
