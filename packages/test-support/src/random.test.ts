import { describe, expect, it } from 'vitest';
import { prng } from './random.ts';

describe('prng', () => {
  it('replays the same sequence from the same seed, and another from another seed', () => {
    const take = (seed: number) => Array.from({ length: 5 }, prng(seed));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it('keeps the sequence earlier histories and runs were made with (mulberry32, seed 1)', () => {
    const random = prng(1);
    const first = Array.from({ length: 3 }, () => Math.floor(random() * 4294967296));
    expect(first).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('stays in [0, 1) and spreads over it', () => {
    const random = prng(7);
    const values = Array.from({ length: 10_000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});
