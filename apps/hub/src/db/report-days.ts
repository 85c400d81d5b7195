import type { Db } from './open-database.ts';
import {
  ESTIMATE_ROWS_SQL,
  float64s,
  packEstimates,
  type EstimateRow,
} from './report-estimates.ts';

/**
 * A closed service day packed for reports (table `report_days`, migration 004). Crossing
 * 1.5 M rows from SQLite into JavaScript is what made a year's report take seconds; one row per
 * day with two blobs of little-endian Int32 quadruples crosses in milliseconds.
 *
 * - `tickets`: (field index, status index, quarter-hour of issue, count) — the day's rows of
 *   `ReportQueries.ticketCounts`.
 * - `visits`: per visit, ordered by field: wait seconds; service seconds + 1 (0: never
 *   started); outcome | rating << 3 | UTC quarter of the day of the call << 6 | origin << 13 |
 *   dossier outcome << 15; counter index | clerk index << 16. Seconds, outcome, rating, origin
 *   and dossier outcome are exactly those of `VisitBatch`. Days packed before migration 009
 *   have origin 0: they had only walk-ins; before migration 015, dossier 0: none was recorded.
 *
 * A ticket's status key carries its origin when not a walk-in (`ticketStatusKey`).
 *
 * - `estimates` (migration 017): the day's estimate errors per field and quarter-hour of issue
 *   (report-estimates.ts); null for a day packed before: no data.
 */
export interface PackedDay {
  day: string;
  keys: DayKeys;
  tickets: Int32Array;
  visits: Int32Array;
  estimates: Float64Array | null;
}

export interface DayKeys {
  fields: string[];
  statuses: string[];
  counters: string[];
  /** Usernames; '' for a visit without a clerk. */
  clerks: string[];
  /** (field index, visit count) in the order of `visits`. */
  runs: [number, number][];
}

/** Visit outcomes as `VisitBatch` codes them. */
export const OUTCOME_SQL = `CASE outcome WHEN 'done' THEN 1 WHEN 'no_show' THEN 2 WHEN 'transferred' THEN 3
  WHEN 'cancelled' THEN 4 WHEN 'expired' THEN 4 ELSE 0 END`;

/**
 * Dossier outcomes as `VisitBatch` codes them: 0 none recorded, then 1 received, 2 returned,
 * 3 guidance, 4 refused (`DOSSIER_OUTCOMES`' order).
 */
export const DOSSIER_SQL = `CASE dossier_outcome WHEN 'received' THEN 1 WHEN 'returned' THEN 2
  WHEN 'guidance' THEN 3 WHEN 'refused' THEN 4 ELSE 0 END`;

/** Ticket origins as `VisitBatch` codes them: 0 walk-in, 1 remote, 2 booking. */
export const ORIGIN_SQL = `CASE origin WHEN 'remote' THEN 1 WHEN 'booking' THEN 2 ELSE 0 END`;

/**
 * A ticket row's status key as counted for reports: the status, with "/remote" or "/booking"
 * appended for a ticket not issued at the kiosk (the SQL of both stores; `splitStatusKey`
 * reads it back). One key per (status, origin) keeps the packed days' layout as it was.
 */
export const TICKET_STATUS_KEY_SQL = `status || COALESCE('/' || origin, '')`;

/** The status and origin code (0 walk-in, 1 remote, 2 booking) of a ticket status key. */
export function splitStatusKey(key: string): { status: string; origin: number } {
  const slash = key.indexOf('/');
  if (slash < 0) return { status: key, origin: 0 };
  const origin = key.slice(slash + 1);
  return {
    status: key.slice(0, slash),
    origin: origin === 'remote' ? 1 : origin === 'booking' ? 2 : 0,
  };
}

export type ReportDays = ReturnType<typeof createReportDays>;

/** A day's tickets counted per field of issue, status and quarter-hour (a packed day's input). */
export interface PackedTicketRow {
  fieldId: string;
  status: string;
  quarter: number;
  count: number;
}

/** A day's visit in whole seconds and codes, ordered by field then visit (a packed day's input). */
export interface PackedVisitRow {
  fieldId: string;
  counterId: string;
  clerkId: string;
  waitS: number;
  serviceS1: number;
  outcome: number;
  rating: number;
  quarter: number;
  /** 0 walk-in, 1 remote, 2 booking. */
  origin: number;
  /** 0 none recorded, 1–4 (`DOSSIER_SQL`). */
  dossier: number;
}

/** Packs one day's rows (whichever database read them) into its keys and Int32 quadruples. */
export function packDay(
  ticketRows: readonly PackedTicketRow[],
  visitRows: readonly PackedVisitRow[],
  estimateRows: readonly EstimateRow[],
): Omit<PackedDay, 'day'> {
  const keys: DayKeys = { fields: [], statuses: [], counters: [], clerks: [], runs: [] };
  const field = indexer(keys.fields);
  const status = indexer(keys.statuses);
  const counter = indexer(keys.counters);
  const clerk = indexer(keys.clerks);
  const tickets = new Int32Array(ticketRows.length * 4);
  ticketRows.forEach((r, i) => {
    tickets.set([field(r.fieldId), status(r.status), r.quarter, r.count], i * 4);
  });
  const visits = new Int32Array(visitRows.length * 4);
  visitRows.forEach((r, i) => {
    const f = field(r.fieldId);
    const run = keys.runs.at(-1);
    if (run && run[0] === f) run[1]++;
    else keys.runs.push([f, 1]);
    visits.set(
      [
        r.waitS,
        r.serviceS1,
        r.outcome | (r.rating << 3) | (r.quarter << 6) | (r.origin << 13) | (r.dossier << 15),
        counter(r.counterId) | (clerk(r.clerkId) << 16),
      ],
      i * 4,
    );
  });
  return { keys, tickets, visits, estimates: packEstimates(estimateRows, field) };
}

/**
 * Builds, keeps current and forgets one site's packed days; used on the hub's own (writing)
 * connection.
 */
export function createReportDays(db: Db, siteId: string) {
  const q = {
    packedDays: db.prepare(`SELECT day FROM report_days WHERE site_id = ?`).pluck(),
    nextDay: db
      .prepare(`SELECT MIN(day) FROM tickets WHERE site_id = ? AND day > ? AND day < ?`)
      .pluck(),
    tickets: db.prepare(
      `SELECT original_field_id AS fieldId, ${TICKET_STATUS_KEY_SQL} AS status,
              issued_at / 900000 AS quarter, COUNT(*) AS count
       FROM tickets WHERE site_id = ? AND day = ?
       GROUP BY original_field_id, status, origin, issued_at / 900000`,
    ),
    visits: db.prepare(
      `SELECT field_id AS fieldId, counter_id AS counterId, COALESCE(clerk_id, '') AS clerkId,
              (called_at - waiting_since) / 1000 AS waitS,
              COALESCE((ended_at - started_at) / 1000 + 1, 0) AS serviceS1,
              ${OUTCOME_SQL} AS outcome, COALESCE(rating, 0) AS rating,
              (called_at % 86400000) / 900000 AS quarter, ${ORIGIN_SQL} AS origin,
              ${DOSSIER_SQL} AS dossier
       FROM services WHERE site_id = ? AND day = ? ORDER BY field_id, id`,
    ),
    estimates: db.prepare(ESTIMATE_ROWS_SQL.replace(/\$\d/g, '?')),
    put: db.prepare(
      `INSERT OR REPLACE INTO report_days (site_id, day, keys, tickets, visits, built_at,
         estimates)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    drop: db.prepare(`DELETE FROM report_days WHERE site_id = ? AND day = ?`),
    has: db.prepare(`SELECT 1 FROM report_days WHERE site_id = ? AND day = ?`).pluck(),
  };
  // Days that may have a row: forgetting one deletes its row (again, if a rollback restored it).
  const packed = new Set(q.packedDays.all(siteId) as string[]);

  const build = db.transaction((day: string, at: number) => {
    const { keys, tickets, visits, estimates } = packDay(
      q.tickets.all(siteId, day) as PackedTicketRow[],
      q.visits.all(siteId, day) as PackedVisitRow[],
      q.estimates.all(siteId, day, day) as EstimateRow[],
    );
    q.put.run(
      siteId,
      day,
      JSON.stringify(keys),
      bytes(tickets),
      bytes(visits),
      at,
      estimates && float64Bytes(estimates),
    );
  });

  const pack = (day: string, at: number) => {
    build(day, at);
    packed.add(day);
  };

  const packNextDay = (today: string, at: number, after: string): string | null => {
    let day = q.nextDay.get(siteId, after, today) as string | null;
    while (day !== null && q.has.get(siteId, day) !== undefined)
      day = q.nextDay.get(siteId, day, today) as string | null;
    if (day !== null) pack(day, at);
    return day;
  };

  return {
    /** Packs one day (again). Call only for a day that is over. */
    build: pack,
    /** Packs every day before `today` that has tickets and is not packed yet; returns how many. */
    packDaysBefore(today: string, at: number): number {
      let built = 0;
      for (let day = packNextDay(today, at, ''); day !== null; day = packNextDay(today, at, day))
        built++;
      return built;
    },
    /**
     * Packs the first day after `after` and before `today` that has tickets and is not packed
     * yet, and returns it (null when none is left): one step of packing in slices.
     */
    packNextDayBefore(today: string, at: number, after = ''): string | null {
      return packNextDay(today, at, after);
    },
    /** Drops a day's packed form because its tickets or visits changed (cheap when not packed). */
    forget(day: string): void {
      if (packed.has(day)) q.drop.run(siteId, day);
    },
  };
}

/**
 * A site's packed days stored for `from`..`to`, for the report reader (any connection); without
 * `visits` (an empty array) when only ticket counts are wanted.
 */
export function readPackedDays(db: Db, siteId: string) {
  const select = (columns: string) =>
    db.prepare(
      `SELECT day, keys, tickets, estimates${columns} FROM report_days
       WHERE site_id = ? AND day BETWEEN ? AND ? ORDER BY day`,
    );
  const q = { all: select(', visits'), ticketsOnly: select('') };
  return (from: string, to: string, withVisits = true): PackedDay[] =>
    (
      (withVisits ? q.all : q.ticketsOnly).all(siteId, from, to) as {
        day: string;
        keys: string;
        tickets: Buffer;
        visits?: Buffer;
        estimates: Buffer | null;
      }[]
    ).map((r) => ({
      day: r.day,
      keys: JSON.parse(r.keys) as DayKeys,
      tickets: int32s(r.tickets),
      visits: r.visits ? int32s(r.visits) : new Int32Array(0),
      estimates: float64s(r.estimates),
    }));
}

/** The little-endian bytes of packed values, as stored. */
export function bytes(values: Int32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** The little-endian bytes of packed sums, as stored. */
export function float64Bytes(values: Float64Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** An Int32Array over a blob's bytes (copied only when the Buffer's offset is not 4-aligned). */
export function int32s(blob: Buffer): Int32Array {
  if (blob.byteOffset % 4 === 0)
    return new Int32Array(blob.buffer, blob.byteOffset, blob.length / 4);
  return new Int32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
}

/** A function giving each key its index in `list`, appending keys it has not seen. */
export function indexer(list: string[]): (key: string) => number {
  const positions = new Map(list.map((k, i) => [k, i]));
  return (key) => {
    let i = positions.get(key);
    if (i === undefined) positions.set(key, (i = list.push(key) - 1));
    return i;
  };
}
