import { afterEach, beforeEach, expect, it } from 'vitest';
import { request, startTestHub, type TestHub } from '../testing/test-hub.ts';

let t: TestHub;
beforeEach(async () => {
  t = await startTestHub({ counters: 20 });
});
afterEach(async () => {
  await t.close();
});

it('gives 20 counters pressing "call next" at once 15 distinct tickets and 5 "nothing waiting"', async () => {
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  for (let i = 0; i < 15; i++) {
    t.clock.advance(1000);
    const res = await request(kiosk, 'ticket:issue', {
      fieldId: i % 3 === 0 ? 'dat-dai' : 'ho-tich',
    });
    expect(res.ok).toBe(true);
  }
  const clerks = await Promise.all(
    Array.from({ length: 20 }, async (_, i) => {
      const session = await t.login(`cb${i + 1}`, `c${i + 1}`);
      return (await t.connectReady(session.token)).socket;
    }),
  );

  const results = await Promise.all(clerks.map((clerk) => request(clerk, 'counter:callNext', {})));

  const called = results.flatMap((r) => (r.ok ? [r.data.id] : []));
  const refused = results.flatMap((r) => (r.ok ? [] : [r.error.code]));
  expect(called).toHaveLength(15);
  expect(new Set(called).size).toBe(15);
  expect(refused).toEqual(Array(5).fill('NOTHING_WAITING'));

  // The stored visits agree: each ticket was called once, each by one counter.
  const visits = t.store.services('2026-11-23');
  expect(visits).toHaveLength(15);
  expect(new Set(visits.map((v) => v.ticketId)).size).toBe(15);
  expect(new Set(visits.map((v) => v.counterId)).size).toBe(15);
});
