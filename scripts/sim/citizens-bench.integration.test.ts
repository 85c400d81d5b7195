import { beforeAll, describe, expect, it } from 'vitest';
import { RACE } from './booking-race.ts';
import { benchCitizens, type CitizensBenchResult } from './citizens-bench.ts';
import { TINY_RUSH } from './scenarios.ts';

/*
 * `pnpm bench --citizens` in miniature, on real hub child processes (built: `pnpm build` first),
 * real sockets, the fake SMS provider and the bench's HTTPS push endpoint: what it reports must
 * add up. A test of the bench's correctness, not of speed.
 */
const TINY = TINY_RUSH;

let result: CitizensBenchResult;

beforeAll(async () => {
  result = await benchCitizens({
    rush: TINY,
    rounds: 1,
    race: { ...RACE, citizens: 20, manyDays: 2, backends: ['sqlite'] },
    workers: 2,
    only: new Set(['rush', 'race']),
    log: () => undefined,
  });
}, 300_000);

describe('pnpm bench --citizens', () => {
  it('runs the same rush with messages off and on, and compares their call-to-screen', () => {
    const [round] = result.rush!.rounds;
    expect(round!.off.calls).toBeGreaterThan(TINY.counters);
    expect(round!.on.calls).toBeGreaterThan(TINY.counters);
    expect(round!.off.errors).toEqual({});
    expect(round!.on.errors).toEqual({});
    expect(round!.ratios.p99).toBeGreaterThan(0);
  });

  it('messages on: every subscribed ticket that is called gets its "called" push, once, readable', () => {
    const m = result.rush!.rounds[0]!.on.messages;
    expect(m.subscribeFailures).toEqual({});
    expect(m.subscribed).toBeGreaterThanOrEqual(TINY.prefill);
    expect(m.calls).toBeGreaterThan(0);
    expect(m.notified).toBe(m.calls);
    expect(m.undecryptable).toBe(0);
    expect(m.doubled).toBe(0);
    expect(m.byKind.called).toBeGreaterThanOrEqual(m.calls);
    expect(m.lagFromCalledAt.n).toBe(m.notified);
    expect(m.lagFromCalledAt.p50).toBeGreaterThan(0);
  });

  it('the race: everyone signs in, the few slots take exactly their places, the database agrees', () => {
    const [race] = result.race!;
    expect(race!.signIn.citizens).toBe(20);
    const [few, many] = race!.phases;
    expect(few!.accepted).toBe(few!.places);
    expect(few!.refused).toEqual({ SLOT_FULL: 20 - few!.places });
    expect(many!.accepted).toBeGreaterThan(0);
    expect(race!.check).toMatchObject({ ok: true, overCapacity: 0, missing: 0, duplicated: 0 });
    expect(race!.check.storedOnce).toBe(few!.accepted + many!.accepted);
  });
});
