// Queueing maths of the staffing planner (issue 17): Erlang B and C for c counters offered A
// erlangs (A = arrivals per minute × mean holding minutes), the share called within a target
// time, and the fewest counters meeting a target. Pure and exact to double precision.

/**
 * Erlang B: the blocking probability of `counters` servers offered `load` erlangs, by the
 * recursion B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)): no factorials or powers, so it stays
 * stable for hundreds of counters and any load.
 */
export function erlangB(counters: number, load: number): number {
  if (!Number.isInteger(counters) || counters < 0) throw new RangeError('counters ≥ 0, whole');
  if (!(load >= 0)) throw new RangeError('load ≥ 0');
  let b = 1;
  for (let k = 1; k <= counters; k++) b = (load * b) / (k + load * b);
  return b;
}

/**
 * Erlang C: the probability that an arriving citizen waits at all (every counter busy) with
 * `counters` counters and `load` erlangs, from Erlang B: C = c·B / (c − A·(1 − B)). A queue
 * with load ≥ counters never settles: every citizen waits (1).
 */
export function erlangC(counters: number, load: number): number {
  if (load <= 0) return 0;
  if (counters <= load) return 1;
  const b = erlangB(counters, load);
  return (counters * b) / (counters - load * (1 - b));
}

/**
 * The share of citizens called within `withinMinutes` in M/M/c (Poisson arrivals, exponential
 * holding times of mean `holdMinutes`, FIFO): 1 − C · e^(−(c − A)·t / s). 0 when the load
 * reaches the counters (the queue grows without end).
 */
export function serviceLevel(
  counters: number,
  load: number,
  holdMinutes: number,
  withinMinutes: number,
): number {
  if (load <= 0) return 1;
  if (counters <= load) return 0;
  const c = erlangC(counters, load);
  return 1 - c * Math.exp((-(counters - load) * withinMinutes) / holdMinutes);
}

/**
 * The fewest counters that call `targetShare` of citizens within `withinMinutes` with
 * utilisation below 1 (c > A); 0 for no load. Bounded by `maxCounters` (returned when even
 * that many fall short).
 */
export function countersNeeded(
  load: number,
  holdMinutes: number,
  withinMinutes: number,
  targetShare: number,
  maxCounters = 500,
): number {
  if (load <= 0) return 0;
  for (let c = Math.max(1, Math.floor(load) + 1); c < maxCounters; c++)
    if (serviceLevel(c, load, holdMinutes, withinMinutes) >= targetShare) return c;
  return maxCounters;
}
