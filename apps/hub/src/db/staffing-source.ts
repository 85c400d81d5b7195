import type { Db } from './open-database.ts';
import {
  DOSSIER_SQL,
  ORIGIN_SQL,
  OUTCOME_SQL,
  packDay,
  readPackedDays,
  TICKET_STATUS_KEY_SQL,
  type PackedDay,
  type PackedTicketRow,
  type PackedVisitRow,
} from './report-days.ts';
import { unpackedRanges } from './report-queries.ts';

/** A field's no-show calls of a period and their called → ended time (see `NoShowHold`). */
export interface NoShowHoldRow {
  fieldId: string;
  ms: number;
  count: number;
}

/**
 * The SQL of `NoShowHoldRow`s, the same in both stores ($1 site, $2 from, $3 to): read from the
 * visits' rows, because packed days keep no times of calls that were never started. Callers
 * pass the last `NO_SHOW_DAYS` of the period (`noShowPeriod`): a year's scan of the visits
 * costs more than all the rest of a plan, and the time a no-show holds a counter barely moves.
 */
export const NO_SHOW_HOLDS_SQL = `SELECT field_id AS "fieldId", SUM(ended_at - called_at) AS ms,
    COUNT(*) AS count
  FROM services WHERE site_id = $1 AND day BETWEEN $2 AND $3 AND outcome = 'no_show'
    AND ended_at IS NOT NULL
  GROUP BY field_id ORDER BY field_id`;

/**
 * What the staffing planner reads from one site's SQLite data, in one read transaction: the
 * period's days packed (`report_days`, and the days not packed yet packed here from their
 * rows by the same `packDay`) and its no-show calls' times.
 */
/** Days at the end of a period whose no-show calls give the time a no-show holds a counter. */
export const NO_SHOW_DAYS = 28;

/** The last `NO_SHOW_DAYS` of `from`..`to` (all of it when shorter). */
export function noShowPeriod(from: string, to: string): [string, string] {
  const start = new Date(Date.parse(`${to}T00:00:00Z`) - (NO_SHOW_DAYS - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return [start > from ? start : from, to];
}

export function createStaffingSource(db: Db, siteId: string) {
  const packedDays = readPackedDays(db, siteId);
  const q = {
    tickets: db.prepare(
      `SELECT day, original_field_id AS fieldId, ${TICKET_STATUS_KEY_SQL} AS status,
              issued_at / 900000 AS quarter, COUNT(*) AS count
       FROM tickets WHERE site_id = ? AND day BETWEEN ? AND ?
       GROUP BY day, original_field_id, status, origin, issued_at / 900000`,
    ),
    visits: db.prepare(
      `SELECT day, field_id AS fieldId, counter_id AS counterId, COALESCE(clerk_id, '') AS clerkId,
              (called_at - waiting_since) / 1000 AS waitS,
              COALESCE((ended_at - started_at) / 1000 + 1, 0) AS serviceS1,
              ${OUTCOME_SQL} AS outcome, COALESCE(rating, 0) AS rating,
              (called_at % 86400000) / 900000 AS quarter, ${ORIGIN_SQL} AS origin,
              ${DOSSIER_SQL} AS dossier
       FROM services WHERE site_id = ? AND day BETWEEN ? AND ? ORDER BY day, field_id, id`,
    ),
    // $1…$3 appear once each, in order: SQLite takes them as plain positional parameters.
    holds: db.prepare(NO_SHOW_HOLDS_SQL.replace(/\$\d/g, '?')),
  };
  const read = db.transaction((from: string, to: string) => {
    const days: PackedDay[] = packedDays(from, to);
    for (const [gapFrom, gapTo] of unpackedRanges(from, to, days)) {
      const rows = new Map<string, { tickets: PackedTicketRow[]; visits: PackedVisitRow[] }>();
      const of = (day: string) => {
        let d = rows.get(day);
        if (!d) rows.set(day, (d = { tickets: [], visits: [] }));
        return d;
      };
      for (const { day, ...row } of q.tickets.all(siteId, gapFrom, gapTo) as (PackedTicketRow & {
        day: string;
      })[])
        of(day).tickets.push(row);
      for (const { day, ...row } of q.visits.all(siteId, gapFrom, gapTo) as (PackedVisitRow & {
        day: string;
      })[])
        of(day).visits.push(row);
      for (const [day, r] of rows) days.push({ day, ...packDay(r.tickets, r.visits) });
    }
    days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const noShows = noShowPeriod(from, to);
    return { days, noShowHolds: q.holds.all(siteId, ...noShows) as NoShowHoldRow[] };
  });
  return {
    /** The packed days of `from`..`to` (inclusive) and the no-show calls' times. */
    read(from: string, to: string): { days: PackedDay[]; noShowHolds: NoShowHoldRow[] } {
      return read(from, to);
    },
  };
}
export type StaffingSource = ReturnType<typeof createStaffingSource>;
