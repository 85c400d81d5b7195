/** An exponential sample with the given mean (the gap between Poisson arrivals). */
export function exponential(random: () => number, mean: number): number {
  return -Math.log(1 - random()) * mean;
}

/** A log-normal sample with the given mean and coefficient of variation (service times). */
export function logNormal(random: () => number, mean: number, cv = 0.6): number {
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.exp(mu + sigma * z);
}

/** A uniform sample in [min, max). */
export function uniform(random: () => number, min: number, max: number): number {
  return min + random() * (max - min);
}

/** Picks an index with probability proportional to its weight. */
export function weightedIndex(random: () => number, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) < 0) return i;
  return weights.length - 1;
}

/**
 * The shape of a morning rush over [0, 1] of the simulated morning: a crowd at opening,
 * a peak a quarter of the way in, then a long tail. The mean over [0, 1] is about 0.6.
 */
export function morningRush(x: number): number {
  if (x < 0 || x > 1) return 0;
  if (x < 0.25) return 0.65 + 1.4 * x;
  return 1 - 0.75 * ((x - 0.25) / 0.75);
}

/** Mean of `shape` over [0, 1], by the midpoint rule. */
export function shapeMean(shape: (x: number) => number): number {
  const n = 1000;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += shape((i + 0.5) / n);
  return sum / n;
}

/**
 * Arrival times (ms from the start) of a non-homogeneous Poisson process over `durationMs`
 * whose rate is `peakPerSecond × shape(t / durationMs)`, by thinning (Lewis and Shedler).
 */
export function poissonArrivals(
  random: () => number,
  durationMs: number,
  peakPerSecond: number,
  shape: (x: number) => number = morningRush,
): number[] {
  const times: number[] = [];
  if (peakPerSecond <= 0) return times;
  const meanGapMs = 1000 / peakPerSecond;
  for (let t = exponential(random, meanGapMs); t < durationMs; t += exponential(random, meanGapMs))
    if (random() < shape(t / durationMs)) times.push(Math.round(t));
  return times;
}
