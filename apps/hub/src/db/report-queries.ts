import type { Db } from './open-database.ts';

/** Tickets of a period counted per field of issue, day, quarter-hour of issue and status. */
export interface TicketCountRow {
  fieldId: string;
  day: string;
  /** floor(issued_at / 15 min): a bucket that falls inside one local hour in every time zone. */
  quarter: number;
  status: string;
  count: number;
}

/**
 * One visit to a counter, as an array for speed on a year of data:
 * [fieldId, counterId, clerkId, day, waitingSince, calledAt, startedAt, endedAt, outcome, rating].
 */
export type VisitRow = [
  string,
  string,
  string | null,
  string,
  number,
  number,
  number | null,
  number | null,
  string | null,
  number | null,
];

export type ReportQueries = ReturnType<typeof createReportQueries>;

/**
 * The read-only queries behind the reports. Both read a range of service days through the
 * `tickets_report` and `services_report` indexes (migration 002), so a year is one index scan.
 */
export function createReportQueries(db: Db) {
  const q = {
    ticketCounts: db.prepare(
      `SELECT original_field_id AS fieldId, day, issued_at / 900000 AS quarter, status,
              COUNT(*) AS count
       FROM tickets WHERE day BETWEEN ? AND ?
       GROUP BY original_field_id, day, quarter, status`,
    ),
    visits: db
      .prepare(
        `SELECT field_id, counter_id, clerk_id, day, waiting_since, called_at, started_at, ended_at,
                outcome, rating
         FROM services WHERE day BETWEEN ? AND ?`,
      )
      .raw(true),
    names: db.prepare(`SELECT username, name FROM users`),
  };
  return {
    /** Ticket counts of the service days `from`..`to` (inclusive). */
    ticketCounts(from: string, to: string): TicketCountRow[] {
      return q.ticketCounts.all(from, to) as TicketCountRow[];
    },
    /** Every visit of the service days `from`..`to` (inclusive), streamed. */
    visits(from: string, to: string): IterableIterator<VisitRow> {
      return q.visits.iterate(from, to) as IterableIterator<VisitRow>;
    },
    /** Display names of every person, by username (clerks of past days included). */
    personNames(): Map<string, string> {
      const rows = q.names.all() as { username: string; name: string }[];
      return new Map(rows.map((r) => [r.username, r.name]));
    },
  };
}
