// Booked and remote tickets at the counter, in Chromium against a real hub: the marks in the
// waiting list and on the current ticket, a number awaiting its citizen's check-in greyed with
// no call button, and calling it by number refused with the reason. LUOT_SHOTS_DIR=dir keeps
// screenshots.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { QueueCommand } from '@luot/domain';
import {
  launchChromium,
  MONDAY_9AM,
  openPage,
  startTestHub,
  testConfig,
  type TestHub,
} from '@luot/hub/testing';
import { actionButton, currentLabel, signIn } from './helpers.ts';

const MIN = 60_000;
const SHOTS = process.env.LUOT_SHOTS_DIR;
let t: TestHub;
let browser: Browser;

beforeAll(async () => {
  const config = testConfig(3);
  const booking = { ...config.fields[0]!.online.booking, enabled: true };
  config.fields[0]!.online = { remote: 'check-in', booking };
  config.fields[1]!.online = { remote: 'walk-in', booking };
  t = await startTestHub({ serveApps: true, config });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

function run(command: QueueCommand): void {
  const result = t.hub.queue.submit(command, { actor: 'test' });
  if (!result.ok) throw new Error(`${command.type}: ${result.error.code}`);
}

it('marks booked ("Hẹn 09:30"), remote ("Trực tuyến") and absent ("Chưa đến") tickets, and refuses to call the absent one', async () => {
  const issue = (fieldId: string) => ({ type: 'issue', fieldId, priorityClassId: null }) as const;
  run(issue('ho-tich')); // 1001 walk-in, 09:00
  t.clock.advance(MIN);
  run({ ...issue('ho-tich'), origin: 'remote' }); // 1002, must check in
  t.clock.advance(MIN);
  run({ ...issue('dat-dai'), origin: 'remote' }); // A001, ranks as a walk-in
  t.clock.advance(3 * MIN);
  run({ ...issue('ho-tich'), origin: 'booking', slotAt: MONDAY_9AM + 30 * MIN }); // 1003

  const { page, errors } = await openPage(browser, `${t.url}/counter/`);
  await signIn(page, 'Quầy 1', 'cb1');
  const rows = page.locator('[data-testid=waiting-list] li');
  await expect.poll(() => rows.count()).toBe(4);
  // Before its slot a booking waits by the time it was printed; the absent one keeps its place.
  expect(await rows.evaluateAll((li) => li.map((x) => x.getAttribute('data-ticket')))).toEqual([
    '1001',
    '1002',
    'A001',
    '1003',
  ]);
  const row = (label: string) =>
    page.locator(`[data-testid=waiting-list] li[data-ticket="${label}"]`);
  expect(await row('1003').textContent()).toContain('Hẹn 09:30');
  expect(await row('A001').textContent()).toContain('Trực tuyến');
  expect(await row('1002').textContent()).toContain('Chưa đến');
  expect(await row('1002').getAttribute('data-awaiting')).toBe('true');
  expect(await row('1002').locator('button').count()).toBe(0);
  expect(await row('1001').locator('button').count()).toBe(1);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/lobby-counter-list.png` });

  // Calling the absent citizen's number is refused, with the reason.
  await actionButton(page, 'callNumber').click();
  const dialog = page.locator('[data-testid=call-number-dialog]');
  await dialog.locator('input[name=number]').fill('1002');
  await dialog.locator('button[type=submit]').click();
  await expect
    .poll(() => dialog.locator('[role=alert]').textContent())
    .toContain('chưa xác nhận có mặt tại ki-ốt');
  expect(t.hub.queue.live.counters.c1!.currentTicketId).toBeNull();
  await dialog.getByRole('button', { name: 'Hủy (Esc)' }).click();

  // At 09:30 the booking is due: "call next" gives it first, marked on the current ticket.
  t.clock.set(MONDAY_9AM + 30 * MIN);
  await actionButton(page, 'callNext').click();
  await expect.poll(() => currentLabel(page)).toBe('1003');
  expect(await page.textContent('[data-testid=current-origin]')).toBe('Hẹn 09:30');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/lobby-counter-booked.png` });
  expect(errors).toEqual([]);
});
