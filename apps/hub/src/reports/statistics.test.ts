import { describe, expect, it } from 'vitest';
import { durationStats, quantile, SecondsHistogram } from './statistics.ts';

describe('quantiles as Excel PERCENTILE.INC computes them', () => {
  it('interpolates between closest ranks', () => {
    // Excel: =PERCENTILE.INC({1,2,3,4},0.9) → 3.7 ; =MEDIAN({1,2,3,4}) → 2.5
    expect(quantile([1, 2, 3, 4], 9, 10)).toBe(3.7);
    expect(quantile([1, 2, 3, 4], 1, 2)).toBe(2.5);
    expect(quantile([5], 9, 10)).toBe(5);
    expect(quantile([], 1, 2)).toBeNull();
  });

  it('is exact for whole milliseconds where 0.9 in binary would not be', () => {
    const sorted = [
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 25, 27, 27, 38,
    ].map((m) => m * 60_000);
    // h = 22 × 0.9 = 19.8: 25 min + 0.8 × 2 min = 26.6 min
    expect(quantile(sorted, 9, 10)).toBe(1_596_000);
  });

  it('gives mean, median and p90 of unsorted durations, and nulls for none', () => {
    expect(durationStats([40, 10, 30, 20])).toEqual({
      count: 4,
      meanMs: 25,
      medianMs: 25,
      p90Ms: 37,
    });
    expect(durationStats([])).toEqual({ count: 0, meanMs: null, medianMs: null, p90Ms: null });
  });
});

describe('durations counted per second', () => {
  it('give exactly the statistics of the sorted durations', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const n of [0, 1, 2, 3, 10, 11, 101, 5000]) {
      const seconds = Array.from({ length: n }, () => Math.floor(random() * random() * 7200));
      const counted = new SecondsHistogram();
      for (const s of seconds) counted.add(s);
      expect(counted.stats()).toEqual(durationStats(seconds.map((s) => s * 1000)));

      // Two halves merged count the same; a range counts what falls in it.
      const first = new SecondsHistogram();
      const second = new SecondsHistogram();
      seconds.forEach((s, i) => (i % 2 === 0 ? first : second).add(s));
      first.merge(second);
      expect(first.stats()).toEqual(counted.stats());
      expect(counted.countIn(300, 600)).toBe(seconds.filter((s) => s >= 300 && s < 600).length);
      expect(counted.countIn(5400, Infinity)).toBe(seconds.filter((s) => s >= 5400).length);
    }
  });
});
