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

/** A growable list of numbers in a typed array, cheap to fill with a year of durations. */
export class NumberBuffer {
  private data = new Float64Array(64);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The values, in a typed array of their own. */
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** Mean, median and 90th percentile of durations; sorts the values in place. */
export function durationStats(input: readonly number[] | Float64Array): DurationStats {
  const sorted = (input instanceof Float64Array ? input : Float64Array.from(input)).sort();
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
