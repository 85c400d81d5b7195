import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SequencedEvent } from '@luot/protocol';
import { request, startTestHub, type TestHub } from '../testing/test-hub.ts';

/** 16:50 on Monday 2026-11-23, Asia/Ho_Chi_Minh. */
const MONDAY_1650 = Date.parse('2026-11-23T09:50:00Z');
/** 00:00:05 on Tuesday. */
const TUESDAY_MIDNIGHT = Date.parse('2026-11-23T17:00:05Z');
/** 08:00 on Tuesday. */
const TUESDAY_8AM = Date.parse('2026-11-24T01:00:00Z');

let t: TestHub;
beforeEach(async () => {
  // The clerk stays signed in past midnight here (no idle timeout): what is tested is the
  // counter closing with the day, which a live socket must be told.
  t = await startTestHub({
    counters: 2,
    now: MONDAY_1650,
    hub: { sessionIdleMs: 24 * 60 * 60_000 },
  });
});
afterEach(async () => {
  await t.close();
});

it('restarts numbering and expires waiting tickets at midnight while the hub keeps running', async () => {
  const { socket: display } = await t.connectReady(t.tokens.display!);
  const events: SequencedEvent[] = [];
  display.on('event', (e) => events.push(e));
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const session = await t.login('cb1', 'c1');
  const { socket: clerk } = await t.connectReady(session.token);

  for (let i = 0; i < 3; i++) await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  await request(clerk, 'counter:callNext', {});
  await request(clerk, 'counter:start', {});
  await request(clerk, 'counter:finish', {});
  await request(clerk, 'counter:callNext', {}); // 1002 is called and left at the counter

  t.clock.set(TUESDAY_MIDNIGHT);
  await expect.poll(() => events.some((e) => e.event.type === 'day.opened')).toBe(true);
  expect(t.hub.queue.live.day).toBe('2026-11-24');

  const expired = events.filter((e) => e.event.type === 'ticket.expired');
  expect(expired).toHaveLength(2); // 1002 (called) and 1003 (waiting); 1001 was served
  const monday = t.store.services('2026-11-23');
  expect(monday.map((s) => [s.label, s.outcome])).toEqual([
    ['1001', 'done'],
    ['1002', 'expired'],
  ]);

  // The clerk's counter closed with the day: a new sign-in opens it again.
  const stale = await request(clerk, 'counter:callNext', {});
  expect(!stale.ok && stale.error.code).toBe('COUNTER_CLOSED');

  t.clock.set(TUESDAY_8AM);
  const first = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  expect(first.ok && first.data.ticket.label).toBe('1001');
  expect(first.ok && first.data.ticket.day).toBe('2026-11-24');
  const again = await t.login('cb1', 'c1');
  const { socket: clerk2 } = await t.connectReady(again.token);
  const called = await request(clerk2, 'counter:callNext', {});
  expect(called.ok && called.data.label).toBe('1001');
  expect(called.ok && called.data.day).toBe('2026-11-24');

  // Monday's tickets are kept as expired, not deleted: the phone page of one still answers.
  expect(t.store.services('2026-11-24')).toHaveLength(1);
  expect(
    t.store.ticketSnapshot(
      expired[0]!.event.type === 'ticket.expired' ? expired[0]!.event.ticketId : '',
    )?.status,
  ).toBe('expired');
});
