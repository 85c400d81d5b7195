import { describe, expect, it } from 'vitest';
import { countersNeeded, erlangB, erlangC, serviceLevel } from './erlang.ts';
import { cellLoad, planCell } from './plan-cell.ts';

describe('Erlang B and C against published tables', () => {
  it('matches Erlang B table values', () => {
    // Standard Erlang B tables (e.g. the table in Cooper, "Introduction to Queueing Theory",
    // 2nd ed., and every telephony traffic table): at 1 % blocking, 10 lines carry 4.46
    // erlangs and 20 lines 12.03 erlangs; 10 lines offered 10 erlangs block 21.46 %.
    expect(erlangB(10, 4.461)).toBeCloseTo(0.01, 4);
    expect(erlangB(20, 12.03)).toBeCloseTo(0.01, 4);
    expect(erlangB(10, 10)).toBeCloseTo(0.2146, 4);
    expect(erlangB(0, 3)).toBe(1);
  });

  it('gives the worked example of the Erlang C formula', () => {
    // Call Centre Helper, "Erlang C Formula – Made Simple with an Easy Worked Example":
    // 100 calls in 30 minutes, 180 s handling (A = 10 erlangs), 11 agents → P(wait) = 0.6821;
    // answered within 20 s: 11 agents 39.0 %, 12 → 64.0 %, 13 → 79.6 %, 14 → 88.8 %.
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    const within20s = [11, 12, 13, 14].map((n) => serviceLevel(n, 10, 3, 20 / 60));
    expect(within20s.map((s) => Math.round(s * 1000) / 10)).toEqual([39, 64, 79.6, 88.8]);
    // 80 % within 20 s takes 14 agents (13 reach 79.6 %).
    expect(countersNeeded(10, 3, 20 / 60, 0.8)).toBe(14);
  });

  it('stays finite for hundreds of counters, where factorials overflow', () => {
    const c = erlangC(400, 380);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
    expect(Number.isFinite(serviceLevel(400, 380, 5, 1))).toBe(true);
  });

  it('needs more counters than the load, however loose the target', () => {
    // 10 erlangs and "half within an hour": 10 counters would never catch up.
    expect(countersNeeded(10, 5, 60, 0.5)).toBe(11);
    expect(serviceLevel(10, 10, 5, 60)).toBe(0);
    expect(countersNeeded(0, 5, 15, 0.8)).toBe(0);
  });
});

describe('a cell of the plan', () => {
  const demand = {
    arrivalsPerHour: 60,
    serviceMinutes: 6,
    noShowShare: 0,
    noShowMinutes: 1.5,
    abandonShare: 0,
    open: 5,
  };
  const target = { targetShare: 0.8, withinMinutes: 15 };

  it('offers only the served part of the arrivals, and charges no-show calls their time', () => {
    expect(cellLoad(demand).load).toBeCloseTo(6);
    expect(cellLoad({ ...demand, abandonShare: 0.25 }).load).toBeCloseTo(4.5);
    // A fifth of calls fail: each served citizen brings a quarter of a 1.5-minute call.
    const noShows = cellLoad({ ...demand, noShowShare: 0.2 });
    expect(noShows.holdMinutes).toBeCloseTo(6 + 0.25 * 1.5);
  });

  it('plans the fewest counters and judges the open ones', () => {
    const plan = planCell(demand, target, 1);
    // 6 erlangs: 7 counters call 80 % within 15 minutes; the 5 open never catch up.
    expect(plan.needed).toBe(7);
    expect(plan.neededShare).toBeGreaterThanOrEqual(0.8);
    expect(serviceLevel(6, 6, 6, 15)).toBe(0);
    expect(plan.openShare).toBe(0);
    expect(plan.simulatedShare).not.toBeNull();
  });

  it('needs nobody for an hour nobody came in', () => {
    const plan = planCell({ ...demand, arrivalsPerHour: 0 }, target, 1);
    expect(plan).toMatchObject({ needed: 0, neededShare: null, simulatedShare: null });
  });
});
