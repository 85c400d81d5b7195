import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, startTestHub, type TestHub } from '@luot/hub/testing';
import { act, clerkAt, followRealTime, kiosk, text } from './support.ts';

// Issue 11, item 6: a lobby board gets a view made for devices. A clerk types a citizen's phone
// and ID number into a transfer reason and a pause reason; the board, in Chromium, still shows
// every call right, and not one frame its WebSocket received carries those numbers or a
// clerk's username.

const TRANSFER_REASON = 'SĐT 0912345678, CCCD 001099012345';
const PAUSE_REASON = 'Nghỉ, gọi lại 0987654321';

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

describe('lobby board with the device view', () => {
  it('shows the calls, and no reason or username ever reaches the page', async () => {
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    const page = await context.newPage();
    const frames: string[] = [];
    page.on('websocket', (ws) =>
      ws.on('framereceived', (f) =>
        frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString()),
      ),
    );
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${t.url}/display/lobby?token=${t.tokens.display}`);
    await page.waitForSelector('[data-counter="c1"]');

    const k = await kiosk(t);
    const first = await k.issue('ho-tich');
    const second = await k.issue('ho-tich');
    const clerk1 = await clerkAt(t, 1);
    const clerk2 = await clerkAt(t, 2);

    expect((await act(clerk1, 'counter:callNext', {})).label).toBe(first.label);
    await expect.poll(() => text(page, '[data-testid="ticket-c1"]')).toBe(first.label);
    await act(clerk1, 'counter:start', {});
    await act(clerk1, 'counter:transfer', { to: { counterId: 'c2' }, reason: TRANSFER_REASON });
    await expect.poll(() => page.$('[data-testid="ticket-c1"]')).toBeNull();

    // The transferred citizen is called at counter 2, the next one at counter 1.
    expect((await act(clerk2, 'counter:callNext', {})).label).toBe(first.label);
    await expect.poll(() => text(page, '[data-testid="ticket-c2"]')).toBe(first.label);
    expect((await act(clerk1, 'counter:callNext', {})).label).toBe(second.label);
    await expect.poll(() => text(page, '[data-testid="ticket-c1"]')).toBe(second.label);
    await act(clerk1, 'counter:start', {});
    await act(clerk1, 'counter:finish', {});
    await act(clerk1, 'counter:pause', { reason: PAUSE_REASON });
    await expect.poll(() => text(page, '[data-counter="c1"] .tile__state')).toBe('Tạm dừng');
    await expect.poll(() => text(page, '[data-testid="ticket-c2"]')).toBe(first.label);

    // A reconnect's snapshot is the device view too.
    await page.reload();
    await page.waitForSelector('[data-counter="c1"]');
    await expect.poll(() => text(page, '[data-testid="ticket-c2"]')).toBe(first.label);
    expect(await text(page, '[data-counter="c1"] .tile__state')).toBe('Tạm dừng');

    const raw = frames.join('\n');
    expect(raw).toContain('ticket.transferred');
    expect(raw).toContain('counter.paused');
    for (const secret of ['0912345678', '001099012345', '0987654321'])
      expect(raw).not.toContain(secret);
    for (const username of ['"cb1"', '"cb2"']) expect(raw).not.toContain(username);
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/0912345678|cb1/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
