import { splitStatusKey, type PackedDay } from '../db/report-days.ts';
import { utcOffsetMinutes } from './compute-report.ts';

/** Cells of a week: ISO weekday (1–7) × local hour (0–23), index (weekday − 1) · 24 + hour. */
export const WEEK_CELLS = 7 * 24;

const OUTCOME_DONE = 1;
const OUTCOME_NO_SHOW = 2;
const OUTCOME_TRANSFERRED = 3;

/** One field's history summed per cell of the week over a period (divide by `weekdays`). */
export interface FieldHistory {
  /** Tickets issued in the field (field of issue), by local hour of issue. */
  issued: Float64Array;
  /** Of those, tickets that ended expired or cancelled. */
  notServed: Float64Array;
  /** Visits of the field that ended (served, no-show or transferred), by local hour of the call. */
  calls: Float64Array;
  noShows: Float64Array;
  /** Visits served, and the sum of their service seconds. */
  served: Float64Array;
  serviceS: Float64Array;
  /** Per day, the distinct counters with a visit of the field in the hour, summed over days. */
  counters: Float64Array;
}

/** A period's history for the planner, from its packed days. */
export interface StaffingHistory {
  /** Days with tickets per ISO weekday, Monday first: the divisor of every mean. */
  weekdays: number[];
  fields: Map<string, FieldHistory>;
}

/** The ISO weekday (1 Monday … 7 Sunday) of a calendar day. */
export function isoWeekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}

function emptyField(): FieldHistory {
  const cells = () => new Float64Array(WEEK_CELLS);
  return {
    issued: cells(),
    notServed: cells(),
    calls: cells(),
    noShows: cells(),
    served: cells(),
    serviceS: cells(),
    counters: cells(),
  };
}

/**
 * Sums a period's packed days per field and cell of the week in the site's local time (each
 * day's UTC offset looked up once). Tickets count by field and hour of issue; visits by field
 * and hour of the call; a counter serving several fields in an hour counts in each of them.
 */
export function staffingHistory(days: readonly PackedDay[], timeZone: string): StaffingHistory {
  const weekdays = [0, 0, 0, 0, 0, 0, 0];
  const fields = new Map<string, FieldHistory>();
  const fieldOf = (id: string) => {
    let f = fields.get(id);
    if (!f) fields.set(id, (f = emptyField()));
    return f;
  };
  const seen = new Set<number>();
  for (const { day, keys, tickets, visits } of days) {
    const weekday = isoWeekday(day);
    const base = (weekday - 1) * 24;
    const offset = utcOffsetMinutes(day, timeZone);
    const localHour = (minuteOfDay: number) =>
      Math.floor(((((minuteOfDay + offset) % 1440) + 1440) % 1440) / 60);
    const dayFields = keys.fields.map(fieldOf);
    const lost = keys.statuses.map((s) => {
      const { status } = splitStatusKey(s);
      return status === 'expired' || status === 'cancelled';
    });
    if (tickets.length > 0) weekdays[weekday - 1]!++;
    for (let i = 0; i < tickets.length; i += 4) {
      const f = dayFields[tickets[i]!]!;
      const cell = base + localHour((tickets[i + 2]! % 96) * 15);
      const count = tickets[i + 3]!;
      f.issued[cell]! += count;
      if (lost[tickets[i + 1]!]) f.notServed[cell]! += count;
    }
    seen.clear();
    let at = 0;
    for (const [fieldIndex, count] of keys.runs) {
      const f = dayFields[fieldIndex]!;
      for (const end = at + count * 4; at < end; at += 4) {
        const bits = visits[at + 2]!;
        const outcome = bits & 7;
        if (outcome < OUTCOME_DONE || outcome > OUTCOME_TRANSFERRED) continue;
        const cell = base + localHour(((bits >>> 6) & 127) * 15);
        f.calls[cell]!++;
        if (outcome === OUTCOME_NO_SHOW) f.noShows[cell]!++;
        else if (outcome === OUTCOME_DONE && visits[at + 1]! > 0) {
          f.served[cell]!++;
          f.serviceS[cell]! += visits[at + 1]! - 1;
        }
        const key = (fieldIndex * WEEK_CELLS + cell) * 65536 + (visits[at + 3]! & 0xffff);
        if (!seen.has(key)) {
          seen.add(key);
          f.counters[cell]!++;
        }
      }
    }
  }
  return { weekdays, fields };
}
