// The log's daily digest on the lobby board (issue 17), in Chromium against a real hub whose
// clock runs at real speed and is moved past midnight: the next morning the board shows the
// code of the day before, the one the hub sealed, at its foot, and still after a hub restart.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { digestCode } from '@luot/hub/chain';

import { clerkAt, followRealTime, kiosk, act, text } from './support.ts';

/** 16:00 on Monday 2026-11-23 in Asia/Ho_Chi_Minh. */
const MONDAY_4PM = Date.parse('2026-11-23T09:00:00Z');
/** From 16:00 Monday to 08:00 Tuesday. */
const TO_TUESDAY_8AM = 16 * 60 * 60_000;
/** Screenshots for the README (docs/screenshots) when asked: LUOT_SHOTS_DIR. */
const SHOTS = process.env.LUOT_SHOTS_DIR;
const BRIEF_SHOTS = '/work/briefs/out/shots';

let t: TestHub;
let browser: Browser;
let clock: ReturnType<typeof followRealTime>;
beforeAll(async () => {
  t = await startTestHub({
    serveApps: true,
    counters: 3,
    now: MONDAY_4PM,
    hub: { sessionIdleMs: 48 * 60 * 60_000 },
  });
  clock = followRealTime(t, MONDAY_4PM);
  browser = await launchChromium();
});
afterAll(async () => {
  clock?.stop();
  await browser?.close();
  await t?.close();
});

it("shows yesterday's sealed code at the foot of the board the next morning, and after a restart", async () => {
  // Monday's service: a few tickets, one served.
  const k = await kiosk(t);
  for (let i = 0; i < 4; i++) await k.issue('ho-tich');
  const clerk = await clerkAt(t, 1);
  await act(clerk, 'counter:callNext', {});
  await act(clerk, 'counter:start', {});
  await act(clerk, 'counter:finish', {});
  clerk.disconnect();
  k.socket.disconnect();

  const { page: board, errors } = await openPage(
    browser,
    `${t.url}/display/lobby?token=${t.tokens.display}`,
    { width: 1920, height: 1080 },
  );
  await board.waitForSelector('[data-counter="c1"]');
  // Nothing sealed yet: no code line.
  expect(await board.$('[data-testid="digest"]')).toBeNull();

  // Past midnight to Tuesday 08:00: the hub opens the new day and seals Monday.
  clock.skip(TO_TUESDAY_8AM);
  await expect.poll(() => t.store.chainDigests('2026-11-23', '2026-11-23').length).toBe(1);
  const [monday] = t.store.chainDigests('2026-11-23', '2026-11-23');
  await expect
    .poll(() => text(board, '[data-testid="digest-code"]'), { timeout: 20_000 })
    .toBe(digestCode(monday!.digest));
  expect(await text(board, '[data-testid="digest"]')).toBe(
    `Mã kiểm chứng nhật ký ngày 23/11/2026: ${monday!.code}`,
  );

  // Tuesday's first calls: the numbers stay the largest thing on the board, the code is on
  // the screen, readable (at least 24 px on a 1080p screen), and below every counter tile.
  const k2 = await kiosk(t);
  const first = await k2.issue('ho-tich');
  await k2.issue('dat-dai');
  const tuesdayClerk = await clerkAt(t, 2);
  await act(tuesdayClerk, 'counter:callNext', {});
  await expect.poll(() => text(board, '[data-testid="ticket-c2"]')).toBe(first.label);
  const layout = await board.evaluate(() => {
    const digest = document.querySelector('[data-testid="digest"]')!;
    const tiles = Array.from(document.querySelectorAll('[data-counter]')).map((el) =>
      el.getBoundingClientRect(),
    );
    const r = digest.getBoundingClientRect();
    return {
      size: parseFloat(getComputedStyle(digest).fontSize),
      top: r.top,
      bottom: r.bottom,
      right: r.right,
      tilesBottom: Math.max(...tiles.map((b) => b.bottom)),
    };
  });
  expect(layout.size).toBeGreaterThanOrEqual(24);
  expect(layout.bottom).toBeLessThanOrEqual(1080);
  expect(layout.right).toBeLessThanOrEqual(1920);
  expect(layout.top).toBeGreaterThanOrEqual(layout.tilesBottom);

  // A board switched on this morning shows the code as soon as it connects (its clock read
  // from the hub at its snapshot: the first board's was read on Monday, before the skip).
  const { page: fresh, errors: freshErrors } = await openPage(
    browser,
    `${t.url}/display/lobby?token=${t.tokens.lobby}`,
    { width: 1920, height: 1080 },
  );
  await expect.poll(() => text(fresh, '[data-testid="digest-code"]')).toBe(monday!.code);
  expect(await text(fresh, '[data-testid="date"]')).toBe('Thứ Ba, 24/11/2026');
  for (const dir of [SHOTS, BRIEF_SHOTS].filter(Boolean) as string[]) {
    mkdirSync(dir, { recursive: true });
    await fresh.screenshot({ path: join(dir, 'chain-digest-board.png') });
  }
  expect(freshErrors).toEqual([]);
  await fresh.close();

  // The hub restarts: the board reconnects and asks again; the code stays right.
  await t.restart();
  await board.waitForSelector('[data-status="online"]', { timeout: 20_000 });
  expect(await text(board, '[data-testid="digest-code"]')).toBe(monday!.code);
  expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|socket/i.test(e))).toEqual([]);
});
