import type { DurationStats } from '@luot/protocol';

/**
 * The quantile p = num/den of ascending values, by linear interpolation between closest ranks,
 * exactly as Excel's PERCENTILE.INC (and R's type 7): h = (n − 1)·p, then
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). The median is 1/2, the 90th percentile 9/10.
 * p is a fraction so that whole-millisecond inputs give results without rounding error
 * (0.9 has no exact binary form). Null for no values.
 */
export function quantile(sorted: ArrayLike<number>, num: number, den: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * num; // h/den is the fractional rank
  const lo = Math.floor(h / den);
  const rest = h - lo * den;
  const a = sorted[lo]!;
  if (rest === 0 || lo + 1 >= n) return a;
  return a + ((sorted[lo + 1]! - a) * rest) / den;
}

/** Mean, median and 90th percentile of durations; sorts its own copy. */
export function durationStats(values: readonly number[]): DurationStats {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const n = sorted.length;
  return {
    count: n,
    meanMs: n === 0 ? null : sum / n,
    medianMs: quantile(sorted, 1, 2),
    p90Ms: quantile(sorted, 9, 10),
  };
}
