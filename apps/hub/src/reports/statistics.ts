import type { DurationStats } from '@luot/protocol';

/**
 * The quantile p = num/den of ascending values, by linear interpolation between closest ranks,
 * exactly as Excel's PERCENTILE.INC (and R's type 7): h = (n − 1)·p, then
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). The median is 1/2, the 90th percentile 9/10.
 * p is a fraction so that whole-millisecond inputs give results without rounding error
 * (0.9 has no exact binary form). Null for no values.
 */
export function quantile(sorted: ArrayLike<number>, num: number, den: number): number | null {
  return quantileOfRanks(sorted.length, num, den, (rank) => sorted[rank]!);
}

/** `quantile` of n ascending values, reading only the (at most two) ranks it needs. */
function quantileOfRanks(
  n: number,
  num: number,
  den: number,
  valueAt: (rank: number) => number,
): number | null {
  if (n === 0) return null;
  const h = (n - 1) * num; // h/den is the fractional rank
  const lo = Math.floor(h / den);
  const rest = h - lo * den;
  const a = valueAt(lo);
  if (rest === 0 || lo + 1 >= n) return a;
  return a + ((valueAt(lo + 1) - a) * rest) / den;
}

/**
 * Whole-second durations counted per second: a year of them gives the same statistics as
 * `durationStats` of the sorted milliseconds, without holding or sorting a value per visit.
 * A negative duration (a clock set back) counts as 0.
 */
export class SecondsHistogram {
  private counts = new Uint32Array(1024);
  private n = 0;
  private sumS = 0;

  add(seconds: number): void {
    const s = seconds > 0 ? seconds : 0;
    if (s >= this.counts.length) {
      const bigger = new Uint32Array(Math.max(s + 1, this.counts.length * 2));
      bigger.set(this.counts);
      this.counts = bigger;
    }
    this.counts[s]!++;
    this.n++;
    this.sumS += s;
  }

  /** Adds every duration of another histogram to this one. */
  merge(other: SecondsHistogram): void {
    if (other.counts.length > this.counts.length) {
      const bigger = new Uint32Array(other.counts.length);
      bigger.set(this.counts);
      this.counts = bigger;
    }
    for (let s = 0; s < other.counts.length; s++) this.counts[s]! += other.counts[s]!;
    this.n += other.n;
    this.sumS += other.sumS;
  }

  /** How many durations are at least `fromS` and below `toS` seconds. */
  countIn(fromS: number, toS: number): number {
    let count = 0;
    for (let s = Math.max(0, fromS); s < Math.min(toS, this.counts.length); s++)
      count += this.counts[s]!;
    return count;
  }

  /** Mean, median and 90th percentile in milliseconds, as `durationStats` computes them. */
  stats(): DurationStats {
    const n = this.n;
    // The ranks the median and the 90th percentile read, found in one cumulative walk.
    const wanted = [Math.floor((n - 1) / 2), Math.floor(((n - 1) * 9) / 10)]
      .flatMap((lo) => [lo, lo + 1])
      .filter((rank) => rank < n)
      .sort((a, b) => a - b);
    const values = new Map<number, number>();
    let below = 0;
    let next = 0;
    for (let s = 0; s < this.counts.length && next < wanted.length; s++) {
      below += this.counts[s]!;
      while (next < wanted.length && wanted[next]! < below) values.set(wanted[next++]!, s * 1000);
    }
    const valueAt = (rank: number) => values.get(rank)!;
    return {
      count: n,
      meanMs: n === 0 ? null : (this.sumS * 1000) / n,
      medianMs: quantileOfRanks(n, 1, 2, valueAt),
      p90Ms: quantileOfRanks(n, 9, 10, valueAt),
    };
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
