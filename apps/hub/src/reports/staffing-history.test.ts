import { describe, expect, it } from 'vitest';
import { staffingQuerySchema } from '@luot/protocol';
import { testConfig } from '../../testing/test-hub.ts';
import { packDay, type PackedVisitRow } from '../db/report-days.ts';
import { staffingHistory } from './staffing-history.ts';
import { planStaffing } from './staffing-plan.ts';

// One Monday (2026-11-23) at a centre in Asia/Ho_Chi_Minh (UTC+7), packed as the hub packs it;
// times are UTC, so 02:00Z is 09:00 local.
const quarter = (iso: string) => Date.parse(iso) / 900_000;
const ofDay = (iso: string) => (Date.parse(iso) % 86_400_000) / 900_000;
const visit = (
  fieldId: string,
  counterId: string,
  outcome: number,
  serviceS: number,
  iso: string,
) =>
  ({
    fieldId,
    counterId,
    clerkId: 'cb1',
    waitS: 60,
    serviceS1: serviceS > 0 ? serviceS + 1 : 0,
    outcome,
    rating: 0,
    quarter: ofDay(iso),
    origin: 0,
    dossier: 0,
  }) satisfies PackedVisitRow;

const day = {
  day: '2026-11-23',
  ...packDay(
    [
      { fieldId: 'ho-tich', status: 'done', quarter: quarter('2026-11-23T02:00:00Z'), count: 3 },
      { fieldId: 'ho-tich', status: 'expired', quarter: quarter('2026-11-23T02:45:00Z'), count: 2 },
      {
        fieldId: 'ho-tich',
        status: 'cancelled/remote',
        quarter: quarter('2026-11-23T03:15:00Z'),
        count: 1,
      },
    ],
    [
      visit('dat-dai', 'c1', 1, 240, '2026-11-23T02:05:00Z'),
      visit('ho-tich', 'c1', 1, 300, '2026-11-23T02:10:00Z'),
      visit('ho-tich', 'c2', 1, 600, '2026-11-23T02:20:00Z'),
      visit('ho-tich', 'c1', 2, 0, '2026-11-23T02:50:00Z'),
      visit('ho-tich', 'c1', 3, 120, '2026-11-23T03:00:00Z'),
    ],
  ),
};

describe('the history of a plan', () => {
  it('counts by field, ISO weekday and local hour', () => {
    const h = staffingHistory([day], 'Asia/Ho_Chi_Minh');
    expect(h.weekdays).toEqual([1, 0, 0, 0, 0, 0, 0]);
    const monday9 = 9;
    const hoTich = h.fields.get('ho-tich')!;
    expect(hoTich.issued[monday9]).toBe(5);
    expect(hoTich.notServed[monday9]).toBe(2);
    expect(hoTich.calls[monday9]).toBe(3);
    expect(hoTich.noShows[monday9]).toBe(1);
    expect(hoTich.served[monday9]).toBe(2);
    expect(hoTich.serviceS[monday9]).toBe(900);
    // c1 served both fields at 9: it counts in each.
    expect(hoTich.counters[monday9]).toBe(2);
    expect(h.fields.get('dat-dai')!.counters[monday9]).toBe(1);
    expect(hoTich.issued[10]).toBe(1);
    expect(hoTich.notServed[10]).toBe(1);
    expect(hoTich.calls[10]).toBe(1);
  });

  it('plans from those counts, with the field means where a cell has too few', () => {
    const query = staffingQuerySchema.parse({ from: '2026-11-23', to: '2026-11-23' });
    const plan = planStaffing(
      'xa-a',
      { days: [day], noShowHolds: [{ fieldId: 'ho-tich', ms: 180_000, count: 2 }] },
      query,
      testConfig(2),
    );
    expect(plan.fields.map((f) => f.fieldId)).toEqual(['ho-tich', 'dat-dai']);
    const cell = plan.fields[0]!.cells.find((c) => c.weekday === 1 && c.hour === 9)!;
    expect(cell).toMatchObject({
      arrivalsPerHour: 5,
      // Two served visits (5 and 10 minutes): fewer than five, so the field's mean of 7.5.
      serviceMinutes: 7.5,
      // Four calls of the field, one absent.
      noShowShare: 0.25,
      // Two of five not served, one of them the absent citizen: one never called.
      abandonShare: 0.2,
      open: 2,
    });
    // 4 citizens an hour × (7.5 + ⅓ · 1.5) minutes = 0.533 erlangs. One counter calls
    // 1 − 0.533 · e^(−0.467 · 15 / 8) = 77.8 % within 15 minutes, short of 80 %: two.
    expect(cell.needed).toBe(2);
    expect(cell.neededShare).toBeCloseTo(0.9928, 4);
    expect(cell.openShare).toBe(cell.neededShare);
  });
});
