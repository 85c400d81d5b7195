import { describe, expect, it } from 'vitest';
import type { StaffingCell, StaffingField } from '@luot/protocol';
import {
  cellChanged,
  gapOf,
  lastFullWeeks,
  NO_WHAT_IF,
  shownHours,
  staffingQueryString,
} from './staffing-map.ts';

const cell = (over: Partial<StaffingCell>): StaffingCell => ({
  weekday: 1,
  hour: 9,
  arrivalsPerHour: 0,
  serviceMinutes: 0,
  noShowShare: 0,
  abandonShare: 0,
  needed: 0,
  open: 0,
  neededShare: null,
  simulatedShare: null,
  openShare: null,
  ...over,
});

describe('the default period', () => {
  it('is the last eight full weeks, Monday to Sunday, before the current week', () => {
    // 2026-11-25 is a Wednesday.
    expect(lastFullWeeks('2026-11-25')).toEqual({ from: '2026-09-28', to: '2026-11-22' });
    // On a Monday the week just begun is not full: it is left out.
    expect(lastFullWeeks('2026-11-23')).toEqual({ from: '2026-09-28', to: '2026-11-22' });
    // On a Sunday, the week that ends today is not over yet either.
    expect(lastFullWeeks('2026-11-29')).toEqual({ from: '2026-09-28', to: '2026-11-22' });
  });
});

describe('the query', () => {
  const form = { from: '2026-09-28', to: '2026-11-22', sharePercent: 80, withinMinutes: 15 };

  it('sends the target as a share and the what-if as factors', () => {
    expect(staffingQueryString(form, NO_WHAT_IF)).toBe(
      'from=2026-09-28&to=2026-11-22&targetShare=0.8&withinMinutes=15',
    );
    const all = { arrivalsUp: true, serviceDown: true, oneCounterLess: true };
    const q = new URLSearchParams(staffingQueryString(form, all) ?? '');
    expect(q.get('arrivalsFactor')).toBe('1.2');
    expect(q.get('serviceFactor')).toBe('0.9');
    expect(q.get('counterDelta')).toBe('-1');
  });

  it('is refused, as the hub would refuse it, for a target or a period out of bounds', () => {
    expect(staffingQueryString({ ...form, sharePercent: 40 }, NO_WHAT_IF)).toBeNull();
    expect(staffingQueryString({ ...form, withinMinutes: 0 }, NO_WHAT_IF)).toBeNull();
    expect(staffingQueryString({ ...form, from: '2026-12-01' }, NO_WHAT_IF)).toBeNull();
    expect(staffingQueryString({ ...form, to: '' }, NO_WHAT_IF)).toBeNull();
  });
});

describe("a cell's colour", () => {
  it('is warm when counters were short, warmer the more', () => {
    expect(gapOf({ needed: 3, open: 2 })).toEqual({ kind: 'short', level: 1, amount: 1 });
    expect(gapOf({ needed: 3, open: 2.6 })).toEqual({ kind: 'short', level: 1, amount: 0.4 });
    expect(gapOf({ needed: 4, open: 2 })).toMatchObject({ kind: 'short', level: 2 });
    expect(gapOf({ needed: 6, open: 1 })).toMatchObject({ kind: 'short', level: 3 });
  });

  it('is neutral when enough were open, cool from a whole spare counter', () => {
    expect(gapOf({ needed: 2, open: 2 })).toMatchObject({ kind: 'met', level: 0 });
    expect(gapOf({ needed: 2, open: 2.6 })).toMatchObject({ kind: 'met' });
    expect(gapOf({ needed: 2, open: 3 })).toMatchObject({ kind: 'surplus', level: 1 });
    expect(gapOf({ needed: 0, open: 2.4 })).toMatchObject({ kind: 'surplus', level: 2 });
  });
});

describe('the hours the map lists', () => {
  const field: StaffingField = {
    fieldId: 'ho-tich',
    name: 'Hộ tịch',
    cells: [
      cell({ hour: 6, arrivalsPerHour: 0, open: 0 }),
      cell({ hour: 8, arrivalsPerHour: 4, needed: 2, open: 1 }),
      cell({ weekday: 6, hour: 18, open: 1 }),
    ],
  };

  it('are those with history and those the sessions cover', () => {
    const config = {
      fields: [{ id: 'ho-tich', sessions: [{ from: '13:30', to: '15:00' }] }],
    } as never;
    expect(shownHours(field, config)).toEqual([8, 13, 14, 18]);
    expect(shownHours(field, null)).toEqual([8, 18]);
  });
});

describe('what a what-if changed', () => {
  it('is a cell whose needed or open counters differ', () => {
    const before = cell({ needed: 2, open: 2 });
    expect(cellChanged(before, cell({ needed: 3, open: 2 }))).toBe(true);
    expect(cellChanged(before, cell({ needed: 2, open: 1 }))).toBe(true);
    expect(cellChanged(before, cell({ needed: 2, open: 2, arrivalsPerHour: 9 }))).toBe(false);
  });
});
