import { describe, expect, it } from 'vitest';
import { decimalVi, minutesBetween } from './format.ts';

describe('counter formats', () => {
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
