// A called booked ticket on the lobby board and the counter sign, in Chromium against a real
// hub: a small "Đặt lịch" mark beside its number, never larger than the number; a walk-in has
// none. LUOT_SHOTS_DIR=dir keeps screenshots.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  launchChromium,
  MONDAY_9AM,
  openPage,
  startTestHub,
  testConfig,
  type TestHub,
} from '@luot/hub/testing';

const SHOTS = process.env.LUOT_SHOTS_DIR;
let t: TestHub;
let browser: Browser;

beforeAll(async () => {
  const config = testConfig(4);
  config.fields[0]!.online = {
    remote: 'off',
    booking: { ...config.fields[0]!.online.booking, enabled: true },
  };
  t = await startTestHub({ serveApps: true, counters: 4, config });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

function run(command: Parameters<TestHub['hub']['queue']['submit']>[0]): void {
  const result = t.hub.queue.submit(command, { actor: 'test' });
  if (!result.ok) throw new Error(`${command.type}: ${result.error.code}`);
}

it('marks a called booked ticket "Đặt lịch" beside its number, smaller than the number', async () => {
  run({ type: 'issue', fieldId: 'dat-dai', priorityClassId: null });
  run({
    type: 'issue',
    fieldId: 'ho-tich',
    priorityClassId: null,
    origin: 'booking',
    slotAt: MONDAY_9AM,
  });
  for (const c of ['c1', 'c2'])
    run({ type: 'openCounter', counterId: c, clerkId: `cb${c.slice(1)}` });
  run({ type: 'callNext', counterId: 'c2', clerkId: 'cb2' }); // the due booking first
  run({ type: 'callNext', counterId: 'c1', clerkId: 'cb1' });

  const { page, errors } = await openPage(
    browser,
    `${t.url}/display/lobby?token=${t.tokens.display}`,
    { width: 1920, height: 1080 },
  );
  await page.waitForSelector('[data-testid="ticket-c2"]');
  expect(await page.textContent('[data-testid="ticket-c2"]')).toBe('1001');
  expect(await page.textContent('[data-testid="booked-c2"]')).toBe('Đặt lịch');
  expect(await page.locator('[data-testid="booked-c1"]').count()).toBe(0);
  expect(await page.textContent('[data-testid="latest-calls"]')).toContain('Đặt lịch');
  const size = (selector: string) =>
    page.$eval(selector, (el) => parseFloat(getComputedStyle(el).fontSize));
  const mark = await size('[data-testid="booked-c2"]');
  const number = await size('[data-testid="ticket-c2"]');
  expect(mark).toBeGreaterThanOrEqual(20); // readable across a lobby on a 1080p screen
  expect(mark).toBeLessThan(number / 2);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/lobby-board-booked.png` });

  const sign = await openPage(browser, `${t.url}/display/sign?token=${t.tokens.sign2}`, {
    width: 1280,
    height: 720,
  });
  await sign.page.waitForSelector('[data-testid="booked-c2"]');
  if (SHOTS) await sign.page.screenshot({ path: `${SHOTS}/lobby-sign-booked.png` });
  expect([...errors, ...sign.errors]).toEqual([]);
});
