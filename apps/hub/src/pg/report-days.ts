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
): Promise<Map<string, { tickets: PackedTicketRow[]; visits: PackedVisitRow[] }>> {
  const days = new Map<string, { tickets: PackedTicketRow[]; visits: PackedVisitRow[] }>();
  const of = (day: string) => {
    let d = days.get(day);
    if (!d) days.set(day, (d = { tickets: [], visits: [] }));
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

/** Packs one closed day of a site (again), inside the caller's transaction. */
export async function packStoredDay(
  c: pg.ClientBase,
  site: string,
  day: string,
  at: number,
): Promise<void> {
  const rows = (await readDayRows(c, site, day, day)).get(day) ?? { tickets: [], visits: [] };
  const { keys, tickets, visits } = packDay(rows.tickets, rows.visits);
  await c.query(
    `INSERT INTO report_days (site_id, day, keys, tickets, visits, built_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (site_id, day) DO UPDATE SET keys = excluded.keys, tickets = excluded.tickets,
       visits = excluded.visits, built_at = excluded.built_at`,
    [site, day, JSON.stringify(keys), bytes(tickets), bytes(visits), at],
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
  const { rows } = await c.query<{ day: string; keys: string; tickets: Buffer; visits?: Buffer }>(
    `SELECT day, keys, tickets${withVisits ? ', visits' : ''} FROM report_days
     WHERE site_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day`,
    [site, from, to],
  );
  return rows.map((r) => ({
    day: r.day,
    keys: JSON.parse(r.keys) as DayKeys,
    tickets: int32s(r.tickets),
    visits: r.visits ? int32s(r.visits) : new Int32Array(0),
  }));
}
