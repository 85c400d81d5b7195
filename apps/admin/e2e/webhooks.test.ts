// Issue 16: the "Webhook" pages in real Chromium against a real hub and a real receiver on
// 127.0.0.1 that first answers 500. An admin adds a subscription (its secret shown once), a
// ticket is issued, the log shows the delivery failing, the hub's clock moves past the 24 h retry
// window and it lands in "Không gửi được"; the receiver is mended, "Gửi lại" sends it: the
// receiver accepts it once, every attempt under the same idempotency key and signed with the
// secret the page showed. LUOT_SHOTS_DIR=dir keeps screenshots.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { WEBHOOK_HEADERS, WEBHOOK_RETRY_WINDOW_MS } from '@luot/protocol';
import {
  launchChromium,
  openPage,
  request,
  startTestHub,
  startWebhookReceiver,
  type TestHub,
  type WebhookReceiver,
} from '@luot/hub/testing';

const SHOTS = process.env.LUOT_SHOTS_DIR;

let browser: Browser;
let t: TestHub;
let receiver: WebhookReceiver;
/** What the receiver answers now: 500 until the test mends it. */
let status = 500;
beforeAll(async () => {
  browser = await launchChromium();
  receiver = await startWebhookReceiver();
  receiver.answer = () => status;
  t = await startTestHub({ serveApps: true, counters: 2 });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await receiver?.close();
});

async function signIn(page: Page) {
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', 'mat-khau-thu');
  await page.click('button[type=submit]');
  await page.waitForSelector('.webhooks-page');
}

const tab = (page: Page, name: string) => page.getByRole('link', { name, exact: true }).click();
const rowText = (page: Page, table: string) =>
  page.$$eval(`[data-testid=${table}] tbody tr`, (rows) =>
    rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
  );

it('an admin subscribes, sees a failing delivery go dead after 24 h, and sends it again once', async () => {
  const { page, errors } = await openPage(browser, `${t.url}/admin/webhook`, {
    width: 1366,
    height: 1100,
  });
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.message());
    void d.accept();
  });
  await signIn(page);
  expect(await page.textContent('[data-testid=webhooks-empty]')).toContain('Chưa có đăng ký nào');

  // The form: "every event" ticks all 17, unticking it clears them; then only "Cấp số".
  await page.fill('input[name=url]', receiver.url);
  await page.getByLabel('Mọi sự kiện').first().check();
  const ticked = () =>
    page.$$eval('[data-testid=webhook-events] [data-event] input:checked', (i) => i.length);
  expect(await ticked()).toBe(17);
  await page.getByLabel('Mọi sự kiện').first().uncheck();
  expect(await ticked()).toBe(0);
  await page.getByRole('button', { name: 'Thêm đăng ký' }).click();
  expect(await page.textContent('[role=alert]')).toContain('Hãy chọn ít nhất một sự kiện.');
  await page.getByLabel('Cấp số', { exact: true }).check();
  await page.fill('input[name=description]', 'Hệ thống một cửa của tỉnh');
  await page.getByRole('button', { name: 'Thêm đăng ký' }).click();

  // The secret, once, with its warning.
  await page.waitForSelector('[data-testid=webhook-secret]');
  const secret = (await page.textContent('[data-testid=webhook-secret-value]'))!.trim();
  expect(secret.length).toBeGreaterThanOrEqual(32);
  expect(await page.textContent('[data-testid=webhook-secret]')).toContain('Chỉ hiện một lần');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/hookpages-secret.png`, fullPage: true });
  await page.getByRole('button', { name: 'Tôi đã lưu khoá' }).click();
  expect(await page.locator('[data-testid=webhook-secret]').count()).toBe(0);
  expect(await rowText(page, 'webhooks')).toEqual([
    expect.stringContaining(
      `${receiver.url} Cấp số Bộ phận Một cửa xã Thử Nghiệm Hệ thống một cửa của tỉnh`,
    ),
  ]);
  if (SHOTS)
    await page.screenshot({ path: `${SHOTS}/hookpages-subscriptions.png`, fullPage: true });

  // Nothing failed yet.
  await tab(page, 'Không gửi được');
  expect(await page.textContent('[data-testid=deliveries-empty]')).toBe(
    'Không có lần gửi nào thất bại.',
  );
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/hookpages-dead-empty.png`, fullPage: true });

  // A citizen takes a number; the receiver answers 500, and the log says so.
  const kiosk = await t.connectReady(t.tokens.kiosk!);
  const issued = await request(kiosk.socket, 'ticket:issue', { fieldId: 'ho-tich' });
  expect(issued.ok).toBe(true);
  await t.hub.webhooks.settle();
  await receiver.waitForRequests(1);
  await tab(page, 'Nhật ký gửi');
  await expect
    .poll(() => rowText(page, 'deliveries'), { timeout: 15_000 })
    .toEqual([expect.stringMatching(/^Đang chờ gửi Cấp số 1001 .* HTTP 500/)]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/hookpages-log-failing.png`, fullPage: true });

  // Past the 24 h window the delivery is given up. The admin comes back the next day (their
  // session has ended meanwhile), signs in at the dead-letter list's address and finds it there.
  t.clock.advance(WEBHOOK_RETRY_WINDOW_MS + 60_000);
  await t.hub.webhooks.settle();
  await page.goto(`${t.url}/admin/webhook/khong-gui-duoc`);
  await signIn(page);
  await expect
    .poll(() => rowText(page, 'dead-letters'), { timeout: 15_000 })
    .toEqual([expect.stringMatching(/^Thất bại Cấp số .* HTTP 500/)]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/hookpages-dead.png`, fullPage: true });
  const attemptsBefore = receiver.requests.length;
  expect(attemptsBefore).toBeGreaterThanOrEqual(2);
  expect(receiver.processed).toEqual([]);

  // The receiver is mended; "Gửi lại" (confirmed) puts it back as pending, then it is delivered.
  status = 200;
  await page.getByRole('button', { name: /^Gửi lại Cấp số/ }).click();
  await expect
    .poll(() => rowText(page, 'dead-letters'))
    .toEqual([expect.stringMatching(/^Đang chờ gửi Cấp số/)]);
  expect(await page.textContent('[role=status]')).toContain('Đã đưa lại vào hàng chờ gửi.');
  await expect.poll(() => receiver.processed.length, { timeout: 15_000 }).toBe(1);
  await tab(page, 'Nhật ký gửi');
  await expect
    .poll(() => rowText(page, 'deliveries'), { timeout: 15_000 })
    .toEqual([expect.stringMatching(/^Đã gửi Cấp số .* Đã gửi lúc/)]);
  if (SHOTS)
    await page.screenshot({ path: `${SHOTS}/hookpages-log-delivered.png`, fullPage: true });

  // Once accepted, under one idempotency key from the first attempt to the last, each signed
  // with the secret the page showed.
  expect(receiver.requests.length).toBe(attemptsBefore + 1);
  const keys = new Set(receiver.requests.map((r) => r.headers[WEBHOOK_HEADERS.idempotencyKey]));
  expect(keys.size).toBe(1);
  for (const r of receiver.requests) {
    const [, ts, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(
      String(r.headers[WEBHOOK_HEADERS.signature]),
    )!;
    expect(createHmac('sha256', secret).update(`${ts}.${r.raw}`).digest('hex')).toBe(v1);
    expect(r.body.type).toBe('ticket.issued');
    expect(r.body.ticketLabel).toBe('1001');
    expect(r.body.id).toBe([...keys][0]);
  }

  expect(asked).toEqual([expect.stringMatching(/^Gửi lại sự kiện "Cấp số" tới http:\/\/127/)]);

  // Deleted after a confirmation: nothing is subscribed any more; its log stays.
  await tab(page, 'Đăng ký nhận');
  await page.getByRole('button', { name: `Xoá đăng ký gửi tới ${receiver.url}` }).click();
  await page.waitForSelector('[data-testid=webhooks-empty]');
  expect(asked[1]).toContain(`Xoá đăng ký gửi tới ${receiver.url}?`);
  expect(await page.textContent('[role=status]')).toBe(`Đã xoá đăng ký gửi tới ${receiver.url}.`);
  await tab(page, 'Nhật ký gửi');
  await expect.poll(() => rowText(page, 'deliveries')).toHaveLength(1);

  // The audit log words each change with its address.
  await page.getByRole('link', { name: 'Nhật ký thay đổi' }).click();
  await expect
    .poll(() => page.textContent('.content'))
    .toContain(`Xoá đăng ký webhook: ${receiver.url}`);
  const audit = (await page.textContent('.content'))!;
  expect(audit).toContain(`Thêm đăng ký webhook: ${receiver.url}`);
  expect(audit).toContain(`Gửi lại sự kiện webhook: ${receiver.url}`);

  // The hub unreachable: the page says so instead of showing an empty log.
  await page.getByRole('link', { name: 'Webhook', exact: true }).click();
  await tab(page, 'Nhật ký gửi');
  await page.waitForSelector('[data-testid=deliveries]');
  await t.stop();
  await page.getByRole('button', { name: 'Tải lại' }).click();
  await page.waitForSelector('[data-testid=webhooks-unreachable]');
  expect(await page.textContent('[data-testid=webhooks-unreachable]')).toContain(
    'Không kết nối được máy chủ',
  );
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/hookpages-unreachable.png`, fullPage: true });
  kiosk.socket.disconnect();
  expect(
    errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED|socket/i.test(e)),
  ).toEqual([]);
});

it('the log filters by state and subscription and pages 25 at a time; "Gửi lại cả…" sends every dead one shown', async () => {
  await t.restart();
  status = 500;
  const { page } = await openPage(browser, `${t.url}/admin/webhook`, { width: 1366, height: 1100 });
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.message());
    void d.accept();
  });
  await signIn(page);
  await page.fill('input[name=url]', `${receiver.url}/lan-2`);
  // A group's box ticks the group; ticking it again clears it.
  const group = page.getByRole('checkbox', { name: 'Số thứ tự', exact: true });
  const ticked = () =>
    page.$$eval('[data-testid=webhook-events] [data-event] input:checked', (i) => i.length);
  await group.check();
  expect(await ticked()).toBe(11);
  await group.uncheck();
  await page.getByLabel('Cấp số', { exact: true }).check();
  await page.getByRole('button', { name: 'Thêm đăng ký' }).click();
  await page.getByRole('button', { name: 'Tôi đã lưu khoá' }).click();

  // 27 numbers, every delivery refused, then given up a day later.
  const kiosk = await t.connectReady(t.tokens.kiosk!);
  for (let i = 0; i < 27; i++)
    expect((await request(kiosk.socket, 'ticket:issue', { fieldId: 'dat-dai' })).ok).toBe(true);
  kiosk.socket.disconnect();
  await t.hub.webhooks.settle();
  t.clock.advance(WEBHOOK_RETRY_WINDOW_MS + 60_000);
  await t.hub.webhooks.settle();
  const before = receiver.processed.length;

  await page.goto(`${t.url}/admin/webhook/khong-gui-duoc`);
  await signIn(page);
  await expect.poll(() => rowText(page, 'dead-letters')).toHaveLength(25);
  await page.getByRole('button', { name: 'Cũ hơn ›' }).click();
  await expect.poll(() => rowText(page, 'dead-letters')).toHaveLength(2);
  expect(await page.textContent('.pager')).toContain('Trang 2');
  await page.getByRole('button', { name: '‹ Mới hơn' }).click();
  await expect.poll(() => rowText(page, 'dead-letters')).toHaveLength(25);

  // Every one shown sent again at once, after one confirmation.
  status = 200;
  await page.getByRole('button', { name: 'Gửi lại cả 25 mục đang hiện' }).click();
  expect(asked.at(-1)).toContain('Gửi lại 25 sự kiện đang hiện?');
  await expect
    .poll(() => rowText(page, 'dead-letters'))
    .toEqual(Array(25).fill(expect.stringMatching(/^Đang chờ gửi Cấp số/)));
  expect(await page.textContent('[role=status]')).toBe('Đã đưa lại 25 sự kiện vào hàng chờ gửi.');
  await expect.poll(() => receiver.processed.length, { timeout: 15_000 }).toBe(before + 25);
  // The older two are still dead, each with its own "Gửi lại".
  await page.getByRole('button', { name: 'Cũ hơn ›' }).click();
  await expect
    .poll(() => rowText(page, 'dead-letters'))
    .toEqual([expect.stringMatching(/^Thất bại/), expect.stringMatching(/^Thất bại/)]);
  expect(await page.getByRole('button', { name: /^Gửi lại Cấp số/ }).count()).toBe(2);

  // The log: by state, then by subscription (the deleted one is still offered, marked).
  await tab(page, 'Nhật ký gửi');
  await page.selectOption('[data-testid=delivery-state-filter]', { label: 'Thất bại' });
  await expect.poll(() => rowText(page, 'deliveries')).toHaveLength(2);
  await page.selectOption('[data-testid=delivery-state-filter]', { label: 'Đã gửi' });
  // 25 sent again and the first test's one: a page and one more.
  await expect.poll(() => rowText(page, 'deliveries')).toHaveLength(25);
  await page.getByRole('button', { name: 'Cũ hơn ›' }).click();
  await expect.poll(() => rowText(page, 'deliveries')).toHaveLength(1);
  const options = await page.$$eval('[data-testid=delivery-subscription-filter] option', (o) =>
    o.map((x) => x.textContent),
  );
  expect(options).toEqual(['Mọi đăng ký', `${receiver.url}/lan-2`, `${receiver.url} (Đã xoá)`]);
  await page.selectOption('[data-testid=delivery-subscription-filter]', {
    label: `${receiver.url} (Đã xoá)`,
  });
  await expect.poll(() => rowText(page, 'deliveries')).toHaveLength(1);
  await page.selectOption('[data-testid=delivery-state-filter]', { label: 'Đang chờ gửi' });
  await expect
    .poll(() => page.textContent('[data-testid=deliveries-empty]'))
    .toBe('Không có lần gửi nào khớp bộ lọc.');
});
