// Issue 14: the "Tin nhắn" page in real Chromium against a real hub and the fake provider: an
// administrator turns SMS on with keys that are never shown back ("đã lưu"), messages go out,
// and a supervisor sees the delivery list (masked phone, status, attempts, last error).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  launchChromium,
  openPage,
  request,
  startFakeProvider,
  startTestHub,
  type FakeProvider,
  type TestHub,
} from '@luot/hub/testing';

const SHOTS = process.env.LUOT_SHOTS_DIR;

let t: TestHub;
let fake: FakeProvider;
let browser: Browser;
beforeAll(async () => {
  fake = await startFakeProvider();
  t = await startTestHub({ serveApps: true, counters: 1 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await fake?.close();
});

async function signIn(username: string) {
  const opened = await openPage(browser, `${t.url}/admin/tin-nhan`);
  await opened.page.fill('input[name=username]', username);
  await opened.page.fill('input[name=password]', 'mat-khau-thu');
  await opened.page.click('button[type=submit]');
  await opened.page.waitForSelector('[data-testid="deliveries"]');
  return opened;
}

it('an admin sets SMS up, keys never shown back; a supervisor sees what was delivered and what failed', async () => {
  const { page, errors } = await signIn('admin');
  await page.getByLabel('Tin nhắn SMS (eSMS.vn)').check();
  await page.getByLabel('Địa chỉ máy chủ').first().fill(fake.url);
  await page.getByLabel(/^ApiKey/).fill('khoa-api-that');
  await page.getByLabel(/^SecretKey/).fill('khoa-bi-mat-that');
  await page.getByLabel('Brandname', { exact: true }).fill('UBND-XA');
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await page.getByText('Đã lưu cài đặt tin nhắn.').waitFor();
  expect(await page.getByLabel(/^ApiKey/).inputValue()).toBe('');
  await page.getByText('ApiKey (đã lưu)').waitFor();
  // The keys never come back to the browser.
  const answer = await page.evaluate(async () =>
    (await fetch('/api/admin/messages/settings')).text(),
  );
  expect(answer).not.toContain('khoa-api-that');
  expect(answer).not.toContain('khoa-bi-mat-that');
  if (SHOTS)
    await page.screenshot({ path: `${SHOTS}/messages-admin-settings.png`, fullPage: true });

  // Two followed tickets: the first told it is next (delivered), the second's message fails.
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const first = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  const second = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  if (!first.ok || !second.ok) throw new Error('not issued');
  await t.hub.messaging.contacts.followTicket('trung-tam', first.data.ticket.id, '84912345678');
  await fake.waitFor(1);
  fake.setMode('error500');
  await t.hub.messaging.contacts.followTicket('trung-tam', second.data.ticket.id, '84987654321');
  await t.hub.messaging.settled();
  await t.hub.messaging.drain();
  expect(errors).toEqual([]);

  const supervisor = await signIn('giamsat');
  await supervisor.page.getByText('Chờ gửi: 1 · Đã gửi: 1 · Thất bại: 0').waitFor();
  expect(await supervisor.page.$('[data-testid="message-settings"]')).toBeNull();
  const rows = await supervisor.page.$$eval('[data-testid="deliveries"] tbody tr', (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent).slice(1)),
  );
  expect(rows).toEqual([
    ['Sắp đến lượt', 'SMS', '********321', 'Chờ gửi lại', '1', 'HTTP 500'],
    ['Sắp đến lượt', 'SMS', '********678', 'Đã gửi', '1', ''],
  ]);
  if (SHOTS)
    await supervisor.page.screenshot({
      path: `${SHOTS}/messages-admin-deliveries.png`,
      fullPage: true,
    });
  expect(supervisor.errors).toEqual([]);
});
