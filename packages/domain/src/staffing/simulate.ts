import { seededRandom } from './random.ts';

/** One hour of a field's queue to simulate (times in minutes). */
export interface HourSimulation {
  /** Poisson arrivals per hour of citizens who will be called. */
  arrivalsPerHour: number;
  /** Mean time one citizen holds a counter. */
  holdMinutes: number;
  counters: number;
  withinMinutes: number;
  /** 'exponential' (M/M/c, what Erlang C assumes) or 'lognormal' with `holdCv`. */
  service?: 'exponential' | 'lognormal';
  /** Coefficient of variation of a log-normal holding time (default 0.6). */
  holdCv?: number;
  /** Independent runs, each a warm-up then `measuredHours` of the same hour (default 10). */
  replications?: number;
  /**
   * Minutes simulated before measuring, so the queue has reached its usual length rather than
   * starting empty (default 30 holding times, at least 60 minutes).
   */
  warmupMinutes?: number;
  /** Hours measured per replication (default 3). */
  measuredHours?: number;
  seed: number;
}

export interface HourSimulationResult {
  /** Share of the measured arrivals called within `withinMinutes`; null if none came. */
  share: number | null;
  /** Citizens who arrived in the measured hours of every replication. */
  measured: number;
}

/**
 * A discrete-event simulation of an hour of a FIFO queue with `counters` counters, the hour's
 * demand held steady: Poisson arrivals over a warm-up and the measured hours, each citizen
 * called by the counter that frees first (in FIFO that gives every citizen the wait of the
 * M/M/c or M/G/c queue), holding times exponential or log-normal; several independent
 * replications. Arrivals stop at the end, which changes no measured wait (FIFO: a wait depends
 * only on those ahead). Deterministic for a seed.
 */
export function simulateHour(input: HourSimulation): HourSimulationResult {
  const {
    arrivalsPerHour,
    holdMinutes,
    counters,
    withinMinutes,
    service = 'exponential',
    holdCv = 0.6,
    replications = 10,
    warmupMinutes = Math.max(60, 30 * holdMinutes),
    measuredHours = 3,
  } = input;
  if (!(arrivalsPerHour > 0)) return { share: null, measured: 0 };
  const random = seededRandom(input.seed);
  const gapMean = 60 / arrivalsPerHour;
  const sigma = Math.sqrt(Math.log(1 + holdCv * holdCv));
  const mu = Math.log(holdMinutes) - (sigma * sigma) / 2;
  const hold =
    service === 'exponential'
      ? () => -Math.log(1 - random()) * holdMinutes
      : () =>
          Math.exp(
            mu + sigma * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
          );
  const end = warmupMinutes + 60 * measuredHours;
  const free = new Float64Array(Math.max(counters, 0));
  let measured = 0;
  let within = 0;
  for (let r = 0; r < replications; r++) {
    free.fill(0);
    for (
      let t = -Math.log(1 - random()) * gapMean;
      t < end;
      t += -Math.log(1 - random()) * gapMean
    ) {
      const counted = t >= warmupMinutes;
      if (counted) measured++;
      if (counters <= 0) continue;
      let k = 0;
      for (let j = 1; j < free.length; j++) if (free[j]! < free[k]!) k = j;
      const start = Math.max(t, free[k]!);
      free[k] = start + hold();
      if (counted && start - t <= withinMinutes) within++;
    }
  }
  return { share: measured === 0 ? null : within / measured, measured };
}
