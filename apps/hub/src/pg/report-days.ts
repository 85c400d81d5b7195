import type pg from 'pg';
import {
  bytes,
  int32s,
  DOSSIER_SQL,
  ORIGIN_SQL,
  packDay,
  TICKET_STATUS_KEY_SQL,
  type DayKeys,
  type PackedDay,
  type PackedTicketRow,
  type PackedVisitRow,
} from '../db/report-days.ts';
import { ESTIMATE_ROWS_SQL, float64s, type EstimateRow } from '../db/report-estimates.ts';
import { float64Bytes } from '../db/report-days.ts';

/** Visit outcomes as `VisitBatch` codes them (the same CASE as db/report-days.ts). */
const OUTCOME = `CASE outcome WHEN 'done' THEN 1 WHEN 'no_show' THEN 2 WHEN 'transferred' THEN 3
  WHEN 'cancelled' THEN 4 WHEN 'expired' THEN 4 ELSE 0 END`;

/**
 * The rows a packed day is made of, for the days `from`..`to` of one site (every day's rows
 * in one scan per table): tickets per field of issue, status and quarter-hour; visits in whole
 * seconds, ordered by day, field and visit. Integer division truncates as in SQLite.
 */
export async function readDayRows(
  c: pg.ClientBase,
  site: string,
  from: string,
  to: string,
  withVisits = true,
): Promise<Map<string, DayRows>> {
  const days = new Map<string, DayRows>();
  const of = (day: string) => {
    let d = days.get(day);
    if (!d) days.set(day, (d = { tickets: [], visits: [], estimates: [] }));
    return d;
  };
  const tickets = await c.query<PackedTicketRow & { day: string }>({
    name: 'report.tickets',
    text: `SELECT day, original_field_id AS "fieldId", ${TICKET_STATUS_KEY_SQL} AS status,
             (issued_at / 900000)::int AS quarter, COUNT(*)::int AS count
           FROM tickets WHERE site_id = $1 AND day BETWEEN $2 AND $3
           GROUP BY day, original_field_id, status, origin, issued_at / 900000`,
    values: [site, from, to],
  });
  for (const { day, ...row } of tickets.rows) of(day).tickets.push(row);
  const estimates = await c.query<EstimateRow & { day: string }>({
    name: 'report.estimates',
    // Ids in byte order, as SQLite sorts them, so sums add up in the same order in both stores.
    text: ESTIMATE_ROWS_SQL.replace('issued_at, id', 'issued_at, id COLLATE "C"'),
    values: [site, from, to],
  });
  for (const { day, ...row } of estimates.rows) of(day).estimates.push(row);
  if (!withVisits) return days;
  const visits = await c.query<PackedVisitRow & { day: string }>({
    name: 'report.visits',
    text: `SELECT day, field_id AS "fieldId", counter_id AS "counterId",
             COALESCE(clerk_id, '') AS "clerkId",
             ((called_at - waiting_since) / 1000)::int AS "waitS",
             COALESCE((ended_at - started_at) / 1000 + 1, 0)::int AS "serviceS1",
             ${OUTCOME} AS outcome, COALESCE(rating, 0) AS rating,
             ((called_at % 86400000) / 900000)::int AS quarter, ${ORIGIN_SQL} AS origin,
             ${DOSSIER_SQL} AS dossier
           FROM services WHERE site_id = $1 AND day BETWEEN $2 AND $3
           ORDER BY day, field_id COLLATE "C", id`,
    values: [site, from, to],
  });
  for (const { day, ...row } of visits.rows) of(day).visits.push(row);
  return days;
}

/** One day's rows of each kind a packed day is made of. */
export interface DayRows {
  tickets: PackedTicketRow[];
  visits: PackedVisitRow[];
  estimates: EstimateRow[];
}

/** Packs one closed day of a site (again), inside the caller's transaction. */
export async function packStoredDay(
  c: pg.ClientBase,
  site: string,
  day: string,
  at: number,
): Promise<void> {
  const rows = (await readDayRows(c, site, day, day)).get(day) ?? {
    tickets: [],
    visits: [],
    estimates: [],
  };
  const { keys, tickets, visits, estimates } = packDay(rows.tickets, rows.visits, rows.estimates);
  await c.query(
    `INSERT INTO report_days (site_id, day, keys, tickets, visits, built_at, estimates)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (site_id, day) DO UPDATE SET keys = excluded.keys, tickets = excluded.tickets,
       visits = excluded.visits, built_at = excluded.built_at, estimates = excluded.estimates`,
    [
      site,
      day,
      JSON.stringify(keys),
      bytes(tickets),
      bytes(visits),
      at,
      estimates && float64Bytes(estimates),
    ],
  );
}

/** The packed days of a site stored for `from`..`to`, in order. */
export async function readPackedDays(
  c: pg.ClientBase,
  site: string,
  from: string,
  to: string,
  withVisits = true,
): Promise<PackedDay[]> {
  const { rows } = await c.query<{
    day: string;
    keys: string;
    tickets: Buffer;
    visits?: Buffer;
    estimates: Buffer | null;
  }>(
    `SELECT day, keys, tickets, estimates${withVisits ? ', visits' : ''} FROM report_days
     WHERE site_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day`,
    [site, from, to],
  );
  return rows.map((r) => ({
    day: r.day,
    keys: JSON.parse(r.keys) as DayKeys,
    tickets: int32s(r.tickets),
    visits: r.visits ? int32s(r.visits) : new Int32Array(0),
    estimates: float64s(r.estimates),
  }));
}
