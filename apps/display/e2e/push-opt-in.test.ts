// Issue 14: the phone page's "notify me" in real Chromium at phone size, against a real hub.
// No push service is reachable here, so the page's PushManager.subscribe is replaced (before
// the page loads) by one answering a subscription whose endpoint is the fake provider's local
// HTTPS push endpoint and whose keys the test made; everything else is real: the permission,
// the hub's push worker registered at /t/, the POST to /api/public/push with the ticket link,
// and the hub's encrypted, VAPID-signed push when the clerk calls, which the test decrypts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  launchChromium,
  makePushSubscriber,
  pushTls,
  staffApi,
  startFakeProvider,
  startTestHub,
  type FakeProvider,
  type TestHub,
} from '@luot/hub/testing';
import { act, clerkAt, kiosk, text } from './support.ts';

const SHOTS = process.env.LUOT_SHOTS_DIR;

let t: TestHub;
let fake: FakeProvider;
let browser: Browser;
beforeAll(async () => {
  const tls = pushTls();
  fake = await startFakeProvider({ tls: { cert: tls.cert, key: tls.key } });
  t = await startTestHub({ serveApps: true, counters: 1, messages: { pushCa: tls.ca } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await fake?.close();
});

it('a citizen turns notifications on from the ticket page and is told by push when called', async () => {
  const admin = await t.login('admin');
  const saved = await staffApi(t.url, admin.token, 'PUT', '/api/admin/messages/settings', {
    push: { enabled: true },
    sms: { enabled: false, baseUrl: fake.url, brandname: '', smsType: '2' },
    zns: {
      enabled: false,
      baseUrl: fake.url,
      templates: { code: '', near: '', called: '', 'not-served': '', reminder: '' },
    },
    phoneChannel: 'sms',
    codeChannel: 'sms',
    kinds: { near: true, called: true, 'not-served': true, reminder: true },
  });
  expect(saved.status).toBe(200);
  const k = await kiosk(t);
  const ticket = await k.issue('ho-tich');
  const subscriber = makePushSubscriber(fake.pushEndpoint('phone-1'));

  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  await context.grantPermissions(['notifications'], { origin: t.url });
  await context.addInitScript((subscription) => {
    PushManager.prototype.subscribe = async () =>
      ({
        endpoint: subscription.endpoint,
        toJSON: () => subscription,
      }) as unknown as PushSubscription;
  }, subscriber.subscription);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${t.url}${ticket.path}`);

  const optIn = page.getByRole('button', { name: 'Nhận thông báo khi sắp đến lượt' });
  await optIn.waitFor();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/messages-phone-opt-in.png` });
  await optIn.click();
  await expect.poll(() => text(page, '.phone__push-on')).toBe('✓ Đã bật thông báo cho số này');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/messages-phone-opt-in-on.png` });
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(
    `${t.url}/t/`,
  );

  // Nobody ahead: "next" at once; then the clerk's call.
  await fake.waitFor(1, 'pushes');
  const clerk = await clerkAt(t, 1);
  await act(clerk, 'counter:callNext', {});
  await fake.waitFor(2, 'pushes');
  const messages = fake.pushes.map((p) => subscriber.decrypt(p.body).body);
  expect(messages).toEqual([
    `Số ${ticket.label}: quý khách là người tiếp theo tại Bộ phận Một cửa xã Thử Nghiệm. Xin mời quý khách chuẩn bị.`,
    `Mời quý khách số ${ticket.label} đến quầy số 1 (Bộ phận Một cửa xã Thử Nghiệm).`,
  ]);
  expect(errors).toEqual([]);
  await context.close();
});
