import { countersNeeded, serviceLevel } from './erlang.ts';
import { simulateHour } from './simulate.ts';

/** What the history shows for one field in one weekday × hour (the what-if already applied). */
export interface CellDemand {
  /** Mean tickets issued in the hour. */
  arrivalsPerHour: number;
  /** Mean service minutes of a served visit. */
  serviceMinutes: number;
  /** Share of calls that ended as no-shows (0 ≤ x < 1). */
  noShowShare: number;
  /** Mean minutes a no-show call held the counter (called → ended). */
  noShowMinutes: number;
  /** Share of tickets never called (0 ≤ x ≤ 1). */
  abandonShare: number;
  /** Counters to judge (the mean that were open, with the what-if's delta). */
  open: number;
}

export interface CellTarget {
  targetShare: number;
  withinMinutes: number;
}

export interface CellPlan {
  /** Erlangs offered to the counters after the corrections. */
  load: number;
  /** Mean minutes one called citizen holds a counter, no-show calls included. */
  holdMinutes: number;
  needed: number;
  neededShare: number | null;
  simulatedShare: number | null;
  openShare: number | null;
}

/** Citizens the simulation of a cell measures at least, over its replications (when it can). */
const SIMULATED_CITIZENS = 1500;
/** Bounds on the replications of a cell's simulation (three measured hours each). */
const MIN_REPLICATIONS = 4;
const MAX_REPLICATIONS = 200;

/** No-show shares above this are treated as this (a field where nearly every call fails). */
const MAX_NO_SHOW_SHARE = 0.9;

/**
 * The load a field's hour puts on its counters, with the two corrections the history shows:
 * - abandonment: citizens who never get called (they left, or were cancelled or expired) take
 *   no counter time, so only the served part of the arrivals is offered: λ·(1 − abandon).
 *   (This plans for the service that was given; more counters would keep some who left.)
 * - no-shows: each call that ends in a no-show still holds the counter for its called → ended
 *   time; with a share p of calls failing, each citizen served brings p / (1 − p) such calls,
 *   so the holding time is s + p / (1 − p) · h.
 */
export function cellLoad(d: CellDemand): { rate: number; holdMinutes: number; load: number } {
  const rate = d.arrivalsPerHour * (1 - Math.min(Math.max(d.abandonShare, 0), 1));
  const p = Math.min(Math.max(d.noShowShare, 0), MAX_NO_SHOW_SHARE);
  const holdMinutes = d.serviceMinutes + (p / (1 - p)) * d.noShowMinutes;
  return { rate, holdMinutes, load: holdMinutes > 0 ? (rate * holdMinutes) / 60 : 0 };
}

/**
 * Plans one cell: the fewest counters meeting the target by Erlang C (with the corrections of
 * `cellLoad`), the share that many would call in time by the formula and by a seeded
 * simulation of the hour (exponential holding, as the formula assumes), and the share the open
 * counters (rounded to whole counters) would reach. A cell nobody came to needs 0 counters and
 * has no shares. The simulation runs enough replications to measure about 1,500 citizens (4
 * to 200), so a quiet hour's share is as steady as a busy one's.
 */
export function planCell(d: CellDemand, target: CellTarget, seed: number): CellPlan {
  const { rate, holdMinutes, load } = cellLoad(d);
  if (!(load > 0))
    return {
      load: 0,
      holdMinutes,
      needed: 0,
      neededShare: null,
      simulatedShare: null,
      openShare: null,
    };
  const { targetShare, withinMinutes } = target;
  const needed = countersNeeded(load, holdMinutes, withinMinutes, targetShare);
  const open = Math.round(d.open);
  return {
    load,
    holdMinutes,
    needed,
    neededShare: serviceLevel(needed, load, holdMinutes, withinMinutes),
    simulatedShare: simulateHour({
      arrivalsPerHour: rate,
      holdMinutes,
      counters: needed,
      withinMinutes,
      replications: Math.min(
        MAX_REPLICATIONS,
        Math.max(MIN_REPLICATIONS, Math.ceil(SIMULATED_CITIZENS / (rate * 3))),
      ),
      seed,
    }).share,
    openShare: serviceLevel(open, load, holdMinutes, withinMinutes),
  };
}
