import { estimateWaitMinutes } from './selectors.ts';
import type { QueueState, Ticket } from './state.ts';
import { forecastFieldWaitMinutes, forecastWaitMinutes } from './wait-forecast.ts';

/**
 * The estimated wait the queue promises: printed on the ticket, shown on the phone page and the
 * kiosk, sent in messages, and stamped on the ticket at issue (`Ticket.estimatedWaitMinutes`) so
 * reports can measure it against the wait that followed. Every estimate a citizen sees comes
 * from these two functions; the rule behind them lives here alone.
 */

/**
 * Minutes until `ticket` (waiting in `state`, or about to be issued into it) is called. Null when
 * no honest estimate exists (no counter open for its field). Since issue 17 the forecast of
 * wait-forecast.ts (the counters played forward by their calling rule, the services under way,
 * the lunch break, priority numbers still to come), which cut the mean error by more than half on
 * the replayed year and rush days (scripts/estimates/). The forecast places the ticket itself:
 * no count of the people ahead is needed (issuing no longer scans the day's tickets for one).
 */
export function promisedWaitMinutes(state: QueueState, ticket: Ticket, now: number): number | null {
  return forecastWaitMinutes(state, ticket, now);
}

/** Minutes a walk-in taking a number in `fieldId` at `now` would be promised (as above). */
export function fieldWaitMinutes(
  state: QueueState,
  fieldId: string,
  _waiting: number,
  now: number,
): number | null {
  return forecastFieldWaitMinutes(state, fieldId, now);
}

/**
 * The estimator Lượt shipped before issue 17: the people ahead shared among the counters open
 * for the field, times the field's recent mean service time. Kept to measure the new one against.
 */
export function baselineWaitMinutes(
  state: QueueState,
  fieldId: string,
  ahead: number,
): number | null {
  return estimateWaitMinutes(state, fieldId, ahead);
}

/** Running sums of estimate errors: what a packed day keeps, and what adds across days. */
export interface EstimateErrorSums {
  /** Tickets called at least once that had an estimate. */
  tickets: number;
  /** Sum of |promised − actual| in minutes. */
  absErrorMinutes: number;
  /** Tickets whose actual wait was within ±5 minutes of the promise. */
  within5Min: number;
  /** Tickets whose promise was within ±20 % of their actual wait (`addEstimateError`). */
  within20Pct: number;
}

export const NO_ESTIMATE_ERRORS: EstimateErrorSums = {
  tickets: 0,
  absErrorMinutes: 0,
  within5Min: 0,
  within20Pct: 0,
};

/**
 * Adds one ticket's promise and its actual wait (issue → first call) to `sums`. Within ±20 %
 * means |promised − actual| ≤ 0.2 × actual (so a 10-minute wait counts if 8–12 were promised);
 * both bounds are inclusive. The one rule behind every accuracy figure (reports, dashboard,
 * replays).
 */
export function addEstimateError(
  sums: EstimateErrorSums,
  promisedMinutes: number,
  actualWaitMs: number,
): EstimateErrorSums {
  const actual = Math.max(0, actualWaitMs) / 60_000;
  const error = Math.abs(promisedMinutes - actual);
  return {
    tickets: sums.tickets + 1,
    absErrorMinutes: sums.absErrorMinutes + error,
    within5Min: sums.within5Min + (error <= 5 ? 1 : 0),
    within20Pct: sums.within20Pct + (error <= 0.2 * actual ? 1 : 0),
  };
}

/** Sums of two periods (or fields, or hours) together. */
export function mergeEstimateErrors(a: EstimateErrorSums, b: EstimateErrorSums): EstimateErrorSums {
  return {
    tickets: a.tickets + b.tickets,
    absErrorMinutes: a.absErrorMinutes + b.absErrorMinutes,
    within5Min: a.within5Min + b.within5Min,
    within20Pct: a.within20Pct + b.within20Pct,
  };
}

/** What people read: mean absolute error (minutes) and the two shares (0–1); null when no tickets. */
export interface EstimateAccuracy {
  tickets: number;
  maeMinutes: number | null;
  within5MinShare: number | null;
  within20PctShare: number | null;
}

export function estimateAccuracy(sums: EstimateErrorSums): EstimateAccuracy {
  const n = sums.tickets;
  return {
    tickets: n,
    maeMinutes: n === 0 ? null : sums.absErrorMinutes / n,
    within5MinShare: n === 0 ? null : sums.within5Min / n,
    within20PctShare: n === 0 ? null : sums.within20Pct / n,
  };
}
