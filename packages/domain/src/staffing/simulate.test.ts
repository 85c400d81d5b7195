import { describe, expect, it } from 'vitest';
import { serviceLevel } from './erlang.ts';
import { simulateHour } from './simulate.ts';

// The simulation against Erlang C on M/M/c queues: the share called within the target time
// agrees within three points (seeded, 200 replications of three measured hours each).
const CASES = [
  { arrivalsPerHour: 100, holdMinutes: 6, counters: 12, withinMinutes: 5 },
  { arrivalsPerHour: 30, holdMinutes: 10, counters: 6, withinMinutes: 10 },
  { arrivalsPerHour: 60, holdMinutes: 3, counters: 4, withinMinutes: 2 },
  { arrivalsPerHour: 12, holdMinutes: 8, counters: 2, withinMinutes: 0 },
];

describe('the simulation of an hour', () => {
  it.each(CASES)(
    'agrees with Erlang C: $arrivalsPerHour/h × $holdMinutes min on $counters counters',
    (c) => {
      const load = (c.arrivalsPerHour * c.holdMinutes) / 60;
      const formula = serviceLevel(c.counters, load, c.holdMinutes, c.withinMinutes);
      const simulated = simulateHour({ ...c, replications: 200, seed: 17 });
      expect(simulated.share).not.toBeNull();
      expect(Math.abs(simulated.share! - formula)).toBeLessThan(0.03);
    },
  );

  it('is the same for the same seed, and differs for another', () => {
    const input = { arrivalsPerHour: 40, holdMinutes: 5, counters: 4, withinMinutes: 5 };
    const a = simulateHour({ ...input, seed: 3 });
    expect(simulateHour({ ...input, seed: 3 })).toEqual(a);
    expect(simulateHour({ ...input, seed: 4 }).share).not.toBe(a.share);
  });

  it('calls fewer in time when service times vary more than exponential ones', () => {
    // A log-normal with coefficient of variation 2 has the exponential's mean, longer tails.
    const input = { arrivalsPerHour: 60, holdMinutes: 4, counters: 5, withinMinutes: 3 };
    const exp = simulateHour({ ...input, seed: 5, replications: 100 }).share!;
    const wide = simulateHour({
      ...input,
      service: 'lognormal',
      holdCv: 2,
      seed: 5,
      replications: 100,
    });
    expect(wide.share!).toBeLessThan(exp);
  });

  it('calls nobody without counters, and measures nothing without arrivals', () => {
    expect(
      simulateHour({ arrivalsPerHour: 10, holdMinutes: 5, counters: 0, withinMinutes: 5, seed: 1 })
        .share,
    ).toBe(0);
    expect(
      simulateHour({ arrivalsPerHour: 0, holdMinutes: 5, counters: 3, withinMinutes: 5, seed: 1 })
        .share,
    ).toBeNull();
  });
});
