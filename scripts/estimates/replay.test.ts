import { describe, expect, it } from 'vitest';
import { generatedYear } from './generated-year.ts';
import { replay } from './replay.ts';
import { rushDays } from './rush-day.ts';

// What the citizens of a replayed history would have noticed: the promises of the new estimator
// closer to the waits that followed than the old ones were (ratios only; the figures are the
// bench's, `pnpm estimates:replay`).
describe('the wait estimate replay', () => {
  it(
    'on two generated days, the new estimator errs less than the old',
    { timeout: 300_000 },
    () => {
      const days = generatedYear({
        tickets: 2 * 450,
        counters: 12,
        seed: 3,
        from: '2025-03-03',
        to: '2025-03-04',
      });
      try {
        const r = replay('days', days.days);
        expect(r.days).toBe(2);
        expect(r.called).toBeGreaterThan(0.9 * r.issued);
        expect(r.candidate.tickets).toBe(r.baseline.tickets);
        expect(r.candidate.maeMinutes!).toBeLessThan(r.baseline.maeMinutes!);
        expect(r.candidate.within5MinShare!).toBeGreaterThan(r.baseline.within5MinShare!);
      } finally {
        days.close();
      }
    },
  );

  it(
    'on a simulated rush day (lunch break, bookings, shared counters), the same',
    { timeout: 300_000 },
    () => {
      const r = replay('rush', rushDays(1, 42));
      expect(r.issued).toBeGreaterThan(200);
      expect(r.candidate.maeMinutes!).toBeLessThan(r.baseline.maeMinutes!);
      expect(r.candidate.within20PctShare!).toBeGreaterThan(r.baseline.within20PctShare!);
    },
  );
});
