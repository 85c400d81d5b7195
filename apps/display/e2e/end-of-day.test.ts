// End of the day's service on the citizen screens, against a real hub whose clock runs at real
// speed from 16:30 and is moved past the last session's end (17:00).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEFAULT_END_OF_DAY_TEXT } from '@luot/domain';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { followRealTime, kiosk, text } from './support.ts';

/** 16:30 on Monday 2026-11-23 in Asia/Ho_Chi_Minh; every field's last session ends at 17:00. */
const MONDAY_1630 = Date.parse('2026-11-23T09:30:00Z');
const HOUR = 60 * 60_000;
/** Where screenshots go for the lead to look at (not the repository); unset: none. */
const SHOTS = process.env.LUOT_SHOTS_DIR;

let t: TestHub;
let browser: Browser;
let clock: ReturnType<typeof followRealTime>;
beforeAll(async () => {
  t = await startTestHub({
    serveApps: true,
    counters: 2,
    now: MONDAY_1630,
    hub: { sessionIdleMs: 24 * HOUR },
  });
  clock = followRealTime(t, MONDAY_1630);
  browser = await launchChromium();
});
afterAll(async () => {
  clock?.stop();
  await browser?.close();
  await t?.close();
});

it('at 17:30 the board and the phone pages of waiting tickets say service is over, once the last counter closes', async () => {
  const k = await kiosk(t);
  const first = await k.issue('ho-tich');
  await k.issue('ho-tich');
  const clerk = await t.login('cb1', 'c1');
  await t.connectReady(clerk.token);
  const { page: phone, errors: phoneErrors } = await openPage(browser, `${t.url}${first.path}`, {
    width: 390,
    height: 844,
  });
  await expect.poll(() => text(phone, '.phone__headline')).toBe('Quý khách là người tiếp theo');

  // 17:30: a counter is still open, so the citizens waiting are still served. (The board is
  // opened now: a page reads the hub's clock once, at its snapshot, and a real hub's clock
  // does not jump an hour.)
  clock.skip(HOUR);
  const { page: board, errors: boardErrors } = await openPage(
    browser,
    `${t.url}/display/lobby?token=${t.tokens.display}`,
    { width: 1920, height: 1080 },
  );
  await board.waitForSelector('[data-counter="c1"]');
  expect(await text(board, '[data-testid="clock"]')).toMatch(/^17:3\d$/);
  expect(await board.$('[data-testid="end-of-day"]')).toBeNull();
  expect(await text(phone, '.phone__headline')).toBe('Quý khách là người tiếp theo');

  // The clerk signs out, closing the last counter: both screens change without a reload.
  const out = await fetch(`${t.url}/api/logout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${clerk.token}` },
  });
  expect(out.status).toBe(200);
  await expect
    .poll(() => text(phone, '[data-testid="phone-end-of-day"]'))
    .toBe(DEFAULT_END_OF_DAY_TEXT);
  expect(await text(phone, '.phone__headline')).toBe('Hết giờ phục vụ hôm nay');
  // Monday evening: the calendar's next working day is Tuesday.
  expect(await text(phone, '[data-testid="phone-reopening"]')).toBe('Mở lại thứ Ba 07:30');
  expect(await phone.$('[data-testid="phone-ahead"]')).toBeNull();
  expect((await phone.textContent('body'))?.toLowerCase()).not.toContain('bạn');
  await expect.poll(() => text(board, '.end-of-day__message')).toBe(DEFAULT_END_OF_DAY_TEXT);
  expect(await board.$('[data-counter="c1"]')).toBeNull();
  // Readable across a hall: the message is large and fully on the screen.
  const box = await board.$eval('.end-of-day__message', (el) => {
    const r = el.getBoundingClientRect();
    return { size: parseFloat(getComputedStyle(el).fontSize), bottom: r.bottom, right: r.right };
  });
  expect(box.size).toBeGreaterThanOrEqual(48);
  expect(box.bottom).toBeLessThanOrEqual(1080);
  expect(box.right).toBeLessThanOrEqual(1920);

  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await phone.screenshot({ path: join(SHOTS, 'endofday-phone.png') });
    await board.screenshot({ path: join(SHOTS, 'endofday-board.png') });
  }
  expect(phoneErrors).toEqual([]);
  expect(boardErrors).toEqual([]);
});
