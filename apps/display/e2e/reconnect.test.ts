import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { act, announcements, clerkAt, followRealTime, kiosk, text } from './support.ts';

const OFFLINE = 'Mất kết nối — đang kết nối lại…';

let t: TestHub;
let browser: Browser;
let clock: ReturnType<typeof followRealTime>;
beforeAll(async () => {
  t = await startTestHub({ serveApps: true, counters: 3 });
  clock = followRealTime(t);
  browser = await launchChromium();
});
afterAll(async () => {
  clock?.stop();
  await browser?.close();
  await t?.close();
});

it('says when the hub is lost, then shows the true state again without replaying old calls', async () => {
  const k = await kiosk(t);
  const first = await k.issue('ho-tich'); // 1001
  await k.issue('ho-tich'); // 1002
  const mine = await k.issue('ho-tich'); // 1003: the citizen following it on a phone
  const size = { width: 1920, height: 1080 };
  const { page: lobby } = await openPage(
    browser,
    `${t.url}/display/lobby?token=${t.tokens.lobby}`,
    size,
  );
  const { page: sign } = await openPage(browser, `${t.url}/display/sign?token=${t.tokens.sign2}`, {
    width: 1280,
    height: 720,
  });
  const { page: phone } = await openPage(browser, `${t.url}${mine.path}`, {
    width: 390,
    height: 844,
  });
  await lobby.waitForSelector('[data-counter="c1"]');
  await sign.waitForSelector('[data-counter="c2"]');
  await expect.poll(() => text(phone, '[data-testid="phone-ahead"]')).toBe('2');

  const c1 = await clerkAt(t, 1);
  await clerkAt(t, 2);
  await act(c1, 'counter:callNext', {});
  await expect.poll(() => text(lobby, '[data-testid="ticket-c1"]')).toBe(first.label);
  await expect.poll(() => text(phone, '[data-testid="phone-ahead"]')).toBe('1');
  await expect
    .poll(async () => (await announcements(lobby))?.filter((a) => a.endedAt !== null).length, {
      timeout: 20_000,
    })
    .toBe(1);

  // The hub goes down: every screen says so, and keeps what it last knew.
  await t.stop();
  for (const page of [lobby, sign, phone])
    await expect.poll(() => text(page, '[data-testid="connection-banner"]')).toBe(OFFLINE);
  expect(await text(lobby, '[data-testid="ticket-c1"]')).toBe(first.label);

  // A minute later it is back, on the same database; the centre goes on at once.
  clock.skip(60_000);
  await t.restart();
  const restartedAt = Date.now();
  const c1Again = await clerkAt(t, 1);
  const c2Again = await clerkAt(t, 2);
  await act(c1Again, 'counter:start', {});
  await act(c2Again, 'counter:pause', { reason: '' });
  // The kiosk reconnects by itself too, as the screens do.
  await expect.poll(() => k.socket.connected).toBe(true);
  await k.issue('dat-dai');

  // Reconnection is Socket.IO's backoff (at most 2 s) plus the snapshot.
  const back = { timeout: 4000, interval: 50 };
  await expect.poll(() => lobby.$('[data-testid="connection-banner"]'), back).toBeNull();
  await expect
    .poll(() => text(lobby, '[data-counter="c1"] .tile__ticket-status'), back)
    .toBe('Đang phục vụ');
  await expect.poll(() => text(lobby, '[data-testid="waiting-dat-dai"]'), back).toBe('1');
  await expect.poll(() => text(sign, '[data-counter="c2"] .tile__state'), back).toBe('Tạm dừng');
  await expect.poll(() => phone.$('[data-testid="connection-banner"]'), back).toBeNull();
  await expect.poll(() => text(phone, '[data-testid="phone-ahead"]'), back).toBe('1');
  console.info(`screens showed the true state ${Date.now() - restartedAt} ms after the restart`);

  // The old call neither sounds nor blinks again.
  expect(await lobby.getAttribute('[data-counter="c1"]', 'data-fresh')).toBe('false');
  await lobby.waitForTimeout(1500);
  expect((await announcements(lobby))?.map((a) => a.label)).toEqual([first.label]);

  // A new call after reconnecting is shown and announced.
  await act(c1Again, 'counter:callNext', {});
  await expect.poll(() => text(lobby, '[data-testid="ticket-c1"]')).toBe('1002');
  await expect
    .poll(async () => (await announcements(lobby))?.map((a) => a.label))
    .toEqual([first.label, '1002']);
}, 60_000);
