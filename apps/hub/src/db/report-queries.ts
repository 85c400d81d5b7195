import type { Db } from './open-database.ts';
import {
  indexer,
  DOSSIER_SQL,
  ORIGIN_SQL,
  OUTCOME_SQL,
  readPackedDays,
  TICKET_STATUS_KEY_SQL,
  type PackedDay,
} from './report-days.ts';
import {
  ESTIMATE_ROWS_SQL,
  estimateCellsOf,
  estimateCellsOfRows,
  type EstimateCell,
  type EstimateRow,
} from './report-estimates.ts';

/** Tickets of a period as one row from SQL: per day, field of issue, status and quarter-hour. */
export interface TicketCountRow {
  day: string;
  fieldId: string;
  status: string;
  /** floor(issued_at / 15 min): a bucket that falls inside one local hour in every time zone. */
  quarter: number;
  count: number;
}

/**
 * Tickets of a period counted per day, field of issue, status key (the status, and the origin
 * when not a walk-in: `splitStatusKey`) and quarter-hour of issue, in
 * columns: row i is `count[i]` tickets of `days[day[i]]`, `fields[field[i]]`,
 * `statuses[status[i]]`, issued in the quarter-hour `quarter[i]` (floor(issued_at / 15 min),
 * which falls inside one local hour in every time zone).
 */
export interface TicketCounts {
  days: string[];
  fields: string[];
  statuses: string[];
  day: Int32Array;
  field: Int32Array;
  status: Int32Array;
  quarter: Int32Array;
  count: Int32Array;
}

/**
 * Booked slots of one field and day whose time has passed by the report's `now` (cancelled
 * ones left out), and how many of them were checked in: "the share of bookings that came".
 */
export interface BookingShowUpRow {
  day: string;
  fieldId: string;
  due: number;
  came: number;
}

/** The SQL of `BookingShowUpRow`s, the same in both stores ($1 site, $2 from, $3 to, $4 now). */
export const BOOKING_SHOW_UP_SQL = `SELECT day, field_id AS "fieldId", COUNT(*) AS due,
    SUM(CASE WHEN status = 'checked_in' THEN 1 ELSE 0 END) AS came
  FROM bookings WHERE site_id = $1 AND day BETWEEN $2 AND $3 AND kind = 'slot'
    AND status <> 'cancelled' AND slot_at <= $4
  GROUP BY day, field_id`;

/** Which visit dimension, besides day and field, each packed visit carries. */
export type VisitDimension = 'counter' | 'clerk' | 'quarter' | 'none';

/**
 * Every visit of a period in columns, compact enough for a year (1.5 M visits): in the order of
 * `runs`, the (day, field) runs of consecutive visits. Durations are whole seconds (the recorded
 * milliseconds, truncated). `code` is the dimension: the 1-based index of the counter or clerk
 * in `keys` (0: none), or the UTC quarter of the day of the call (0–95).
 *
 * Unpacked days cross from SQLite as one integer per visit,
 * ((((waitS · 2^16 + serviceS1) · 32 + kind + 9 · origin) · 8 + rating) · 2^13 + code)
 * < 2^53, so a wait up to 2^16 s (18 hours, longer than any service day) fits, and a service
 * (capped at 2^16 − 1 s, the same bound) too. `kind` is the outcome (0–4), or for a visit done
 * with a dossier outcome recorded, 4 + that outcome (5–8).
 */
export interface VisitBatch {
  runs: { day: string; fieldId: string; count: number }[];
  waitS: Int32Array;
  /** Service seconds + 1 (0: never started). */
  serviceS1: Int32Array;
  /** 0 open / 1 done / 2 no_show / 3 transferred / 4 cancelled or expired. */
  outcome: Uint8Array;
  /** 0 none / 1–5. */
  rating: Uint8Array;
  /** The ticket's origin: 0 walk-in / 1 remote / 2 booking. */
  origin: Uint8Array;
  /** The dossier outcome the clerk recorded: 0 none / 1–4 (`DOSSIER_SQL`). */
  dossier: Uint8Array;
  code: Int32Array;
  /** For counter and clerk: the key of each code (index 0 unused). */
  keys: string[];
}

export type ReportQueries = ReturnType<typeof createReportQueries>;

const OUTCOME = OUTCOME_SQL;
/** The outcome, or 4 + the dossier outcome of a visit done with one recorded (see `VisitBatch`). */
const KIND = `CASE WHEN outcome = 'done' AND dossier_outcome IS NOT NULL THEN 4 + ${DOSSIER_SQL}
  ELSE ${OUTCOME} END`;

/** Codes are 13 bits; the joined key list must stay shorter (about 700 usernames). */
const MAX_KEYS_LENGTH = 8191;

/**
 * The read-only queries behind one site's reports. Closed days come packed from `report_days` (see
 * report-days.ts); the days not packed (today, or days not yet packed) are read through the
 * indexes of migration 002 in their own order, so even a long stretch needs no sorting.
 */
export function createReportQueries(db: Db, siteId: string) {
  const packed = (code: string) =>
    db
      .prepare(
        `SELECT (((((called_at - waiting_since) / 1000) * 65536
                  + MIN(COALESCE((ended_at - started_at) / 1000 + 1, 0), 65535)) * 32
                  + ${KIND} + 9 * ${ORIGIN_SQL}) * 8
                  + COALESCE(rating, 0)) * 8192 + ${code}
         FROM services WHERE site_id = @site AND day BETWEEN @from AND @to ORDER BY day, field_id`,
      )
      .pluck();
  const q = {
    ticketCounts: db.prepare(
      `SELECT day, original_field_id AS fieldId, ${TICKET_STATUS_KEY_SQL} AS status,
              issued_at / 900000 AS quarter, COUNT(*) AS count
       FROM tickets WHERE site_id = ? AND day BETWEEN ? AND ?
       GROUP BY day, original_field_id, status, origin, issued_at / 900000`,
    ),
    runs: db.prepare(
      `SELECT day, field_id AS fieldId, COUNT(*) AS count FROM services
       WHERE site_id = ? AND day BETWEEN ? AND ? GROUP BY day, field_id ORDER BY day, field_id`,
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
          `SELECT DISTINCT counter_id FROM services
           WHERE site_id = @site AND day BETWEEN @from AND @to
           AND instr(@keys, '|' || counter_id || '|') = 0`,
        )
        .pluck(),
      clerk: db
        .prepare(
          `SELECT DISTINCT COALESCE(clerk_id, '') FROM services
           WHERE site_id = @site AND day BETWEEN @from AND @to
           AND instr(@keys, '|' || COALESCE(clerk_id, '') || '|') = 0`,
        )
        .pluck(),
    },
    names: db.prepare(`SELECT username, name FROM users`),
    estimates: db.prepare(ESTIMATE_ROWS_SQL.replace(/\$\d/g, '?')),
    // $1…$4 appear once each, in order: SQLite takes them as plain positional parameters.
    showUp: db.prepare(BOOKING_SHOW_UP_SQL.replace(/\$\d/g, '?')),
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
    const packed = (
      q.packed[dimension].all({ site: siteId, from, to, keys: joined }) as number[]
    ).map((v) => {
      const code = v % 8192;
      const index = codes.get(code) ?? 0;
      if (index === 0) unknown++;
      return v - code + index;
    });
    return { packed, unknown };
  };

  const packedDays = readPackedDays(db, siteId);

  const read = db.transaction(
    (from: string, to: string, dimension: VisitDimension, known: string[]): VisitBatch => {
      const days = packedDays(from, to);
      const gaps = unpackedRanges(from, to, days).map(([gapFrom, gapTo]) => ({
        from: gapFrom,
        to: gapTo,
        runs: q.runs.all(siteId, gapFrom, gapTo) as VisitBatch['runs'],
      }));
      let total = 0;
      for (const day of days) total += day.visits.length / 4;
      for (const gap of gaps) for (const run of gap.runs) total += run.count;
      const { batch, keyed, keys, codeOf } = emptyBatch(total, dimension, known);
      let at = 0;
      for (const day of days) at = appendPackedDay(day, dimension, codeOf, batch, at);
      for (const gap of gaps) {
        batch.runs.push(...gap.runs);
        let packed: number[];
        if (dimension !== 'counter' && dimension !== 'clerk')
          packed = q.packed[dimension].all({
            site: siteId,
            from: gap.from,
            to: gap.to,
          }) as number[];
        else {
          // Only when a scan meets a key outside the list is the range searched for such keys
          // and scanned again with them included.
          let scan = packedScan(dimension, gap.from, gap.to, keys);
          if (scan.unknown > 0) {
            const joined = `|${keys.join('|')}|`;
            const missing = q.missing[dimension].all({
              site: siteId,
              from: gap.from,
              to: gap.to,
              keys: joined,
            });
            for (const key of missing as string[]) codeOf(key);
            scan = packedScan(dimension, gap.from, gap.to, keys);
          }
          packed = scan.packed;
        }
        for (const v of packed) {
          const code = v % 8192;
          let rest = (v - code) / 8192;
          const rating = rest % 8;
          rest = (rest - rating) / 8;
          const kindOrigin = rest % 32;
          rest = (rest - kindOrigin) / 32;
          const serviceS1 = rest % 65536;
          batch.waitS[at] = (rest - serviceS1) / 65536;
          batch.serviceS1[at] = serviceS1;
          const kind = kindOrigin % 9;
          batch.outcome[at] = kind > 4 ? 1 : kind;
          batch.dossier[at] = kind > 4 ? kind - 4 : 0;
          batch.origin[at] = (kindOrigin - kind) / 9;
          batch.rating[at] = rating;
          batch.code[at++] = code;
        }
      }
      batch.keys = keyed ? ['', ...keys] : [];
      return batch;
    },
  );

  const counts = db.transaction((from: string, to: string): TicketCounts => {
    const days = packedDays(from, to, false);
    const gapRows = unpackedRanges(from, to, days).flatMap(
      ([gapFrom, gapTo]) => q.ticketCounts.all(siteId, gapFrom, gapTo) as TicketCountRow[],
    );
    return assembleTicketCounts(days, gapRows);
  });

  const estimates = db.transaction((from: string, to: string): EstimateCell[] => {
    const days = packedDays(from, to, false);
    return [
      ...estimateCellsOfPackedDays(days),
      ...unpackedRanges(from, to, days).flatMap(([gapFrom, gapTo]) =>
        estimateCellsOfRows(
          q.estimates.all(siteId, gapFrom, gapTo) as (EstimateRow & { day: string })[],
        ),
      ),
    ];
  });

  return {
    /** The database file, for a reader on another thread (null for an in-memory database). */
    path: db.memory ? null : db.name,
    /** Ticket counts of the service days `from`..`to` (inclusive). */
    ticketCounts(from: string, to: string): TicketCounts {
      return counts(from, to);
    },
    /**
     * Every visit of the service days `from`..`to` (inclusive), packed (see `VisitBatch`).
     * For counters and clerks, `known` lists the keys expected; others found are appended.
     */
    visits(from: string, to: string, dimension: VisitDimension, known: string[] = []): VisitBatch {
      return read(from, to, dimension, known);
    },
    /**
     * Estimate errors of the service days `from`..`to` per day, field and quarter-hour of issue
     * (report-estimates.ts): packed days' sums, and the other days' summed from their tickets.
     */
    estimateErrors(from: string, to: string): EstimateCell[] {
      return estimates(from, to);
    },
    /** Booked slots passed by `now` and those checked in, per day and field (see the type). */
    bookingShowUp(from: string, to: string, now: number): BookingShowUpRow[] {
      return q.showUp.all(siteId, from, to, now) as BookingShowUpRow[];
    },
    /** Display names of every person, by username (clerks of past days included). */
    personNames(): Map<string, string> {
      const rows = q.names.all() as { username: string; name: string }[];
      return new Map(rows.map((r) => [r.username, r.name]));
    },
  };
}

/** Ticket counts in columns from packed days and rows counted by SQL for the days not packed. */
export function assembleTicketCounts(
  days: readonly PackedDay[],
  gapRows: readonly TicketCountRow[],
): TicketCounts {
  let n = gapRows.length;
  for (const { tickets } of days) n += tickets.length / 4;
  const out: TicketCounts = {
    days: [],
    fields: [],
    statuses: [],
    day: new Int32Array(n),
    field: new Int32Array(n),
    status: new Int32Array(n),
    quarter: new Int32Array(n),
    count: new Int32Array(n),
  };
  const fieldIndex = indexer(out.fields);
  const statusIndex = indexer(out.statuses);
  const dayIndex = indexer(out.days);
  let at = 0;
  for (const { day, keys, tickets } of days) {
    const d = dayIndex(day);
    const fields = keys.fields.map(fieldIndex);
    const statuses = keys.statuses.map(statusIndex);
    for (let i = 0; i < tickets.length; i += 4, at++) {
      out.day[at] = d;
      out.field[at] = fields[tickets[i]!]!;
      out.status[at] = statuses[tickets[i + 1]!]!;
      out.quarter[at] = tickets[i + 2]!;
      out.count[at] = tickets[i + 3]!;
    }
  }
  for (const r of gapRows) {
    out.day[at] = dayIndex(r.day);
    out.field[at] = fieldIndex(r.fieldId);
    out.status[at] = statusIndex(r.status);
    out.quarter[at] = r.quarter;
    out.count[at++] = r.count;
  }
  return out;
}

/** The estimate errors packed days keep (none for a day packed before they were kept). */
export function estimateCellsOfPackedDays(days: readonly PackedDay[]): EstimateCell[] {
  return days.flatMap((d) => estimateCellsOf(d.day, d.keys.fields, d.estimates));
}

/**
 * Every visit of packed days in columns (see `VisitBatch`); for counters and clerks, codes
 * follow `known`, and keys found outside it are appended.
 */
export function visitBatchOfPackedDays(
  days: readonly PackedDay[],
  dimension: VisitDimension,
  known: readonly string[] = [],
): VisitBatch {
  let total = 0;
  for (const day of days) total += day.visits.length / 4;
  const { batch, keyed, keys, codeOf } = emptyBatch(total, dimension, known);
  let at = 0;
  for (const day of days) at = appendPackedDay(day, dimension, codeOf, batch, at);
  batch.keys = keyed ? ['', ...keys] : [];
  return batch;
}

/** Writes a packed day's visits into the batch from index `at`; returns the next index. */
export function appendPackedDay(
  { day, keys, visits }: PackedDay,
  dimension: VisitDimension,
  codeOf: (key: string) => number,
  batch: VisitBatch,
  at: number,
): number {
  for (const [field, count] of keys.runs)
    batch.runs.push({ day, fieldId: keys.fields[field]!, count });
  const counterCodes = dimension === 'counter' ? keys.counters.map(codeOf) : [];
  const clerkCodes = dimension === 'clerk' ? keys.clerks.map(codeOf) : [];
  for (let i = 0; i < visits.length; i += 4, at++) {
    const bits = visits[i + 2]!;
    const who = visits[i + 3]!;
    batch.waitS[at] = visits[i]!;
    batch.serviceS1[at] = visits[i + 1]!;
    batch.outcome[at] = bits & 7;
    batch.rating[at] = (bits >>> 3) & 7;
    batch.origin[at] = (bits >>> 13) & 3;
    batch.dossier[at] = (bits >>> 15) & 7;
    batch.code[at] =
      dimension === 'counter'
        ? counterCodes[who & 0xffff]!
        : dimension === 'clerk'
          ? clerkCodes[who >>> 16]!
          : dimension === 'quarter'
            ? (bits >>> 6) & 127
            : 0;
  }
  return at;
}

/** The runs of consecutive calendar days in `from`..`to` (inclusive) that are not packed. */
export function unpackedRanges(from: string, to: string, packed: PackedDay[]): [string, string][] {
  const have = new Set(packed.map((d) => d.day));
  const ranges: [string, string][] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  let open: [string, string] | null = null;
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (have.has(day)) open = null;
    else if (open) open[1] = day;
    else ranges.push((open = [day, day]));
  }
  return ranges;
}

/**
 * A batch of `total` visits to fill, and how its keys are coded: for counters and clerks, codes
 * follow `known` (from 1), and a key outside it (a counter since removed from the
 * configuration) is appended when first met.
 */
function emptyBatch(total: number, dimension: VisitDimension, known: readonly string[]) {
  const keyed = dimension === 'counter' || dimension === 'clerk';
  const keys = keyed ? [...known] : [];
  const codes = new Map(keys.map((k, i) => [k, i + 1]));
  const codeOf = (key: string): number => {
    let code = codes.get(key);
    if (code === undefined) codes.set(key, (code = keys.push(key)));
    return code;
  };
  const batch: VisitBatch = {
    runs: [],
    waitS: new Int32Array(total),
    serviceS1: new Int32Array(total),
    outcome: new Uint8Array(total),
    rating: new Uint8Array(total),
    origin: new Uint8Array(total),
    dossier: new Uint8Array(total),
    code: new Int32Array(total),
    keys: [],
  };
  return { batch, keyed, keys, codeOf };
}
