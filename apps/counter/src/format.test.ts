import { describe, expect, it } from 'vitest';
import { decimalVi, minutesBetween, stopwatch } from './format.ts';

describe('counter formats', () => {
  it('shows running service time as a stopwatch', () => {
    expect(stopwatch(0)).toBe('00:00');
    expect(stopwatch(4 * 60_000 + 7_900)).toBe('04:07');
    expect(stopwatch(3600_000 + 4 * 60_000 + 7_000)).toBe('1:04:07');
    expect(stopwatch(-5000)).toBe('00:00');
  });

  it('counts whole minutes waited, never negative', () => {
    expect(minutesBetween(0, 59_999)).toBe(0);
    expect(minutesBetween(0, 12 * 60_000 + 1)).toBe(12);
    expect(minutesBetween(10_000, 0)).toBe(0);
  });

  it('writes decimals the Vietnamese way', () => {
    expect(decimalVi(2.6667)).toBe('2,7');
    expect(decimalVi(3)).toBe('3,0');
  });
});
