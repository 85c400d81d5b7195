// The replay that measures a wait estimator on history: each day's events folded through
// `evolve`; at every `ticket.issued`, the baseline and the candidate estimate for the ticket in
// the state it joins; its actual wait is its first `ticket.called` − issue.
import {
  addEstimateError,
  baselineWaitMinutes,
  estimateAccuracy,
  evolve,
  forecastWaitMinutes,
  initialState,
  NO_ESTIMATE_ERRORS,
  peopleAhead,
  type EstimateAccuracy,
  type EstimateErrorSums,
  type QueueEvent,
  type QueueState,
  type SiteConfig,
} from '@luot/domain';

/** One service day of history: the site's configuration and the day's events in order. */
export interface ReplayDay {
  config: SiteConfig;
  day: string;
  events: readonly QueueEvent[];
}

export interface ReplaySums {
  baseline: EstimateErrorSums;
  candidate: EstimateErrorSums;
  /** Tickets issued; of them called at least once; of those, without an estimate from either. */
  issued: number;
  called: number;
  noEstimate: number;
}

export interface ReplayResult {
  source: string;
  days: number;
  issued: number;
  called: number;
  noEstimate: number;
  baseline: EstimateAccuracy;
  candidate: EstimateAccuracy;
  /** 1 − candidate MAE ÷ baseline MAE: 0.3 is a 30 % cut. */
  maeReduction: number | null;
  ms: number;
}

export const NO_REPLAY: ReplaySums = {
  baseline: NO_ESTIMATE_ERRORS,
  candidate: NO_ESTIMATE_ERRORS,
  issued: 0,
  called: 0,
  noEstimate: 0,
};

/**
 * Replays one day. Only tickets called at least once and given an estimate by both estimators
 * count (a ticket that expired uncalled has no actual wait to compare with).
 */
export function replayDay(day: ReplayDay, sums: ReplaySums = NO_REPLAY): ReplaySums {
  let state: QueueState = initialState(day.config, day.day);
  const promised = new Map<
    string,
    { at: number; baseline: number | null; candidate: number | null }
  >();
  let { baseline, candidate, issued, called, noEstimate } = sums;
  for (const event of day.events) {
    state = evolve(state, event);
    if (event.type === 'ticket.issued') {
      const t = event.ticket;
      issued++;
      const ahead = peopleAhead(state, t.id, event.at);
      promised.set(t.id, {
        at: event.at,
        baseline: baselineWaitMinutes(state, t.fieldId, ahead),
        candidate: forecastWaitMinutes(state, t, event.at),
      });
    } else if (event.type === 'ticket.called') {
      const p = promised.get(event.ticketId);
      if (!p) continue;
      promised.delete(event.ticketId);
      called++;
      if (p.baseline === null || p.candidate === null) {
        noEstimate++;
        continue;
      }
      baseline = addEstimateError(baseline, p.baseline, event.at - p.at);
      candidate = addEstimateError(candidate, p.candidate, event.at - p.at);
    }
  }
  return { baseline, candidate, issued, called, noEstimate };
}

/** Replays days one after another and sums what they measured. */
export function replay(source: string, days: Iterable<ReplayDay>): ReplayResult {
  const started = performance.now();
  let sums = NO_REPLAY;
  let count = 0;
  for (const day of days) {
    sums = replayDay(day, sums);
    count++;
  }
  const baseline = estimateAccuracy(sums.baseline);
  const candidate = estimateAccuracy(sums.candidate);
  return {
    source,
    days: count,
    issued: sums.issued,
    called: sums.called,
    noEstimate: sums.noEstimate,
    baseline,
    candidate,
    maeReduction:
      baseline.maeMinutes && candidate.maeMinutes !== null
        ? 1 - candidate.maeMinutes / baseline.maeMinutes
        : null,
    ms: performance.now() - started,
  };
}
