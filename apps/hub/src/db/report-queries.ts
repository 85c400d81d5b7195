import type { Db } from './open-database.ts';

/** Tickets of a period counted per day, field of issue, status and quarter-hour of issue. */
export interface TicketCountRow {
  day: string;
  fieldId: string;
  status: string;
  /** floor(issued_at / 15 min): a bucket that falls inside one local hour in every time zone. */
  quarter: number;
  count: number;
}

/** Which visit dimension, besides day and field, each packed visit carries. */
export type VisitDimension = 'counter' | 'clerk' | 'quarter' | 'none';

/**
 * Every visit of a period, compact enough for a year (1.5 M visits) to cross from SQLite in well
 * under a second: one integer per visit, in (day, field) order, with the length of each
 * (day, field) run. Durations are whole seconds (the recorded milliseconds, truncated).
 *
 * packed = ((((waitS · 2^17 + serviceS1) · 8 + outcome) · 8 + rating) · 2^13 + code) < 2^53, where
 * serviceS1 is service seconds + 1 (0: never started), outcome 0 open / 1 done / 2 no_show /
 * 3 transferred / 4 cancelled or expired, rating 0 none / 1–5, and code is the dimension: the 1-based
 * index of the counter or clerk in `keys` (0: not in the list), or the UTC quarter of the day
 * of the call (0–95).
 */
export interface VisitBatch {
  runs: { day: string; fieldId: string; count: number }[];
  packed: number[];
  /** For counter and clerk: the key of each code (index 0 unused). */
  keys: string[];
}

export type ReportQueries = ReturnType<typeof createReportQueries>;

const OUTCOME = `CASE outcome WHEN 'done' THEN 1 WHEN 'no_show' THEN 2 WHEN 'transferred' THEN 3
  WHEN 'cancelled' THEN 4 WHEN 'expired' THEN 4 ELSE 0 END`;

/** Codes are 13 bits; the joined key list must stay shorter (about 700 usernames). */
const MAX_KEYS_LENGTH = 8191;

/**
 * The read-only queries behind the reports. Both read a range of service days through the
 * indexes of migration 002 in their own order, so even a year needs no sorting.
 */
export function createReportQueries(db: Db) {
  const packed = (code: string) =>
    db
      .prepare(
        `SELECT (((((called_at - waiting_since) / 1000) * 131072
                  + COALESCE((ended_at - started_at) / 1000 + 1, 0)) * 8 + ${OUTCOME}) * 8
                  + COALESCE(rating, 0)) * 8192 + ${code}
         FROM services WHERE day BETWEEN @from AND @to ORDER BY day, field_id`,
      )
      .pluck();
  const q = {
    ticketCounts: db.prepare(
      `SELECT day, original_field_id AS fieldId, status, issued_at / 900000 AS quarter,
              COUNT(*) AS count
       FROM tickets WHERE day BETWEEN ? AND ?
       GROUP BY day, original_field_id, status, issued_at / 900000`,
    ),
    runs: db.prepare(
      `SELECT day, field_id AS fieldId, COUNT(*) AS count FROM services
       WHERE day BETWEEN ? AND ? GROUP BY day, field_id ORDER BY day, field_id`,
    ),
    packed: {
      counter: packed(`instr(@keys, '|' || counter_id || '|')`),
      clerk: packed(`instr(@keys, '|' || COALESCE(clerk_id, '') || '|')`),
      quarter: packed(`(called_at % 86400000) / 900000`),
      none: packed('0'),
    },
    missing: {
      counter: db
        .prepare(
          `SELECT DISTINCT counter_id FROM services WHERE day BETWEEN @from AND @to
           AND instr(@keys, '|' || counter_id || '|') = 0`,
        )
        .pluck(),
      clerk: db
        .prepare(
          `SELECT DISTINCT COALESCE(clerk_id, '') FROM services WHERE day BETWEEN @from AND @to
           AND instr(@keys, '|' || COALESCE(clerk_id, '') || '|') = 0`,
        )
        .pluck(),
    },
    names: db.prepare(`SELECT username, name FROM users`),
  };

  /** Packed visits with the dimension's code mapped from instr positions to 1-based key indexes. */
  const packedScan = (dimension: 'counter' | 'clerk', from: string, to: string, keys: string[]) => {
    const joined = `|${keys.join('|')}|`;
    if (joined.length > MAX_KEYS_LENGTH)
      throw new Error(`too many ${dimension}s for one report (${keys.length})`);
    const codes = new Map<number, number>();
    let position = 1;
    keys.forEach((key, i) => {
      codes.set(position, i + 1);
      position += key.length + 1;
    });
    let unknown = 0;
    const packed = (q.packed[dimension].all({ from, to, keys: joined }) as number[]).map((v) => {
      const code = v % 8192;
      const index = codes.get(code) ?? 0;
      if (index === 0) unknown++;
      return v - code + index;
    });
    return { packed, unknown };
  };

  const read = db.transaction(
    (from: string, to: string, dimension: VisitDimension, known: string[]) => {
      const runs = q.runs.all(from, to) as VisitBatch['runs'];
      if (dimension === 'quarter' || dimension === 'none')
        return { runs, packed: q.packed[dimension].all({ from, to }) as number[], keys: [] };
      // Keys outside `known` (a counter since removed from the configuration) come back as code 0;
      // only then is the period searched for them, and the scan repeated with them included.
      let keys = [...known];
      let scan = packedScan(dimension, from, to, keys);
      if (scan.unknown > 0) {
        const joined = `|${keys.join('|')}|`;
        keys = [...keys, ...(q.missing[dimension].all({ from, to, keys: joined }) as string[])];
        scan = packedScan(dimension, from, to, keys);
      }
      const packedRows = scan.packed;
      return { runs, packed: packedRows, keys: ['', ...keys] };
    },
  );

  return {
    /** The database file, for a reader on another thread (null for an in-memory database). */
    path: db.memory ? null : db.name,
    /** Ticket counts of the service days `from`..`to` (inclusive). */
    ticketCounts(from: string, to: string): TicketCountRow[] {
      return q.ticketCounts.all(from, to) as TicketCountRow[];
    },
    /**
     * Every visit of the service days `from`..`to` (inclusive), packed (see `VisitBatch`).
     * For counters and clerks, `known` lists the keys expected; others found are appended.
     */
    visits(from: string, to: string, dimension: VisitDimension, known: string[] = []): VisitBatch {
      return read(from, to, dimension, known);
    },
    /** Display names of every person, by username (clerks of past days included). */
    personNames(): Map<string, string> {
      const rows = q.names.all() as { username: string; name: string }[];
      return new Map(rows.map((r) => [r.username, r.name]));
    },
  };
}
