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
  // Which (field, hour, counter) of the current day has been counted: stamped with the day's
  // number, so nothing is cleared between days.
  let seen = new Int32Array(0);
  const hourOf = new Int8Array(96);
  days.forEach(({ day, keys, tickets, visits }, dayNumber) => {
    const weekday = isoWeekday(day);
    const base = (weekday - 1) * 24;
    const offset = utcOffsetMinutes(day, timeZone);
    // The local hour of each UTC quarter-hour of the day.
    for (let q = 0; q < 96; q++)
      hourOf[q] = Math.floor(((((q * 15 + offset) % 1440) + 1440) % 1440) / 60);
    const counters = Math.max(1, keys.counters.length);
    const size = keys.fields.length * 24 * counters;
    if (seen.length < size) seen = new Int32Array(size * 2);
    const stamp = dayNumber + 1;
    const dayFields = keys.fields.map(fieldOf);
    const lost = keys.statuses.map((s) => {
      const { status } = splitStatusKey(s);
      return status === 'expired' || status === 'cancelled';
    });
    if (tickets.length > 0) weekdays[weekday - 1]!++;
    for (let i = 0; i < tickets.length; i += 4) {
      const f = dayFields[tickets[i]!]!;
      const cell = base + hourOf[tickets[i + 2]! % 96]!;
      const count = tickets[i + 3]!;
      f.issued[cell]! += count;
      if (lost[tickets[i + 1]!]) f.notServed[cell]! += count;
    }
    let at = 0;
    for (const [fieldIndex, count] of keys.runs) {
      const f = dayFields[fieldIndex]!;
      for (const end = at + count * 4; at < end; at += 4) {
        const bits = visits[at + 2]!;
        const outcome = bits & 7;
        if (outcome < OUTCOME_DONE || outcome > OUTCOME_TRANSFERRED) continue;
        const hour = hourOf[(bits >>> 6) & 127]!;
        const cell = base + hour;
        f.calls[cell]!++;
        if (outcome === OUTCOME_NO_SHOW) f.noShows[cell]!++;
        else if (outcome === OUTCOME_DONE && visits[at + 1]! > 0) {
          f.served[cell]!++;
          f.serviceS[cell]! += visits[at + 1]! - 1;
        }
        const key = (fieldIndex * 24 + hour) * counters + (visits[at + 3]! & 0xffff);
        if (seen[key] !== stamp) {
          seen[key] = stamp;
          f.counters[cell]!++;
        }
      }
    }
  });
  return { weekdays, fields };
}
