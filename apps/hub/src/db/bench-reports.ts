import type { Db } from './open-database.ts';

// Report queries for `pnpm bench`, shaped like the admin reports (counts, and the mean, median
// and 90th percentile of waiting and service times over `services`, grouped by field or clerk),
// so the benchmark can swap in the real report module once it exists. Waiting is
// called_at − waiting_since; service is ended_at − started_at.

export type ReportGroup = 'field' | 'clerk';

export interface DurationSummary {
  /** Milliseconds; null when there is no sample. */
  mean: number | null;
  median: number | null;
  p90: number | null;
}

export interface ReportRow {
  key: string;
  visits: number;
  served: number;
  noShows: number;
  transferred: number;
  waiting: DurationSummary;
  service: DurationSummary;
}

export interface DayRange {
  /** First and last service day, "YYYY-MM-DD", inclusive. */
  from: string;
  to: string;
}

/**
 * Durations are counted in 243 buckets: 10 s wide below 10 minutes, 1 minute wide below 2 hours,
 * 5 minutes wide below 8 hours, and one bucket for 8 hours or more. Percentiles are interpolated
 * within their bucket, so a median is exact to 10 s (short waits) or 1 minute (long ones).
 */
export const BUCKETS = 243;

/** The bucket of a duration, as SQL over the expression `v`. */
function bucketSql(expression: string): string {
  const v = `(${expression})`;
  return `CASE WHEN ${v} < 0 THEN 0 WHEN ${v} < 600000 THEN ${v} / 10000
    WHEN ${v} < 7200000 THEN 60 + (${v} - 600000) / 60000
    WHEN ${v} < 28800000 THEN 170 + (${v} - 7200000) / 300000 ELSE 242 END`;
}

/** The lower and upper bound of a bucket, in ms. */
function bucketBounds(i: number): [number, number] {
  if (i < 60) return [i * 10_000, (i + 1) * 10_000];
  if (i < 170) return [600_000 + (i - 60) * 60_000, 600_000 + (i - 59) * 60_000];
  if (i < 242) return [7_200_000 + (i - 170) * 300_000, 7_200_000 + (i - 169) * 300_000];
  return [28_800_000, 28_800_000];
}

const COLUMN: Record<ReportGroup, string> = { field: 'field_id', clerk: "COALESCE(clerk_id, '')" };

interface Accumulator {
  visits: number;
  served: number;
  noShows: number;
  transferred: number;
  waitSum: number;
  waitHist: Float64Array;
  serviceN: number;
  serviceSum: number;
  serviceHist: Float64Array;
}

function accumulator(): Accumulator {
  return {
    visits: 0,
    served: 0,
    noShows: 0,
    transferred: 0,
    waitSum: 0,
    waitHist: new Float64Array(BUCKETS),
    serviceN: 0,
    serviceSum: 0,
    serviceHist: new Float64Array(BUCKETS),
  };
}

/** The q-quantile of a bucketed histogram, interpolated linearly within its bucket. */
function histQuantile(hist: Float64Array, total: number, q: number): number | null {
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < BUCKETS; i++) {
    const n = hist[i]!;
    if (n > 0 && seen + n >= rank) {
      const [lo, hi] = bucketBounds(i);
      return lo + ((rank - seen) / n) * (hi - lo);
    }
    seen += n;
  }
  return null;
}

function toRows(groups: Map<string, Accumulator>): ReportRow[] {
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, a]) => ({
      key,
      visits: a.visits,
      served: a.served,
      noShows: a.noShows,
      transferred: a.transferred,
      waiting: {
        mean: a.visits ? a.waitSum / a.visits : null,
        median: histQuantile(a.waitHist, a.visits, 0.5),
        p90: histQuantile(a.waitHist, a.visits, 0.9),
      },
      service: {
        mean: a.serviceN ? a.serviceSum / a.serviceN : null,
        median: histQuantile(a.serviceHist, a.serviceN, 0.5),
        p90: histQuantile(a.serviceHist, a.serviceN, 0.9),
      },
    }));
}

/**
 * Waiting and service times straight from `services`: two grouped scans of the range (waiting
 * times with the counts, then service times), each grouped by key and 10-second bucket.
 */
export function serviceTimesReport(db: Db, range: DayRange, groupBy: ReportGroup): ReportRow[] {
  const key = COLUMN[groupBy];
  const groups = new Map<string, Accumulator>();
  const get = (k: string) => {
    let a = groups.get(k);
    if (!a) groups.set(k, (a = accumulator()));
    return a;
  };
  const waits = db
    .prepare(
      `SELECT ${key} AS k, ${bucketSql('called_at - waiting_since')} AS b, count(*) AS n,
         sum(called_at - waiting_since) AS total, sum(outcome = 'done') AS served,
         sum(outcome = 'no_show') AS noShows, sum(outcome = 'transferred') AS transferred
       FROM services WHERE day BETWEEN ? AND ? GROUP BY k, b`,
    )
    .all(range.from, range.to) as {
    k: string;
    b: number;
    n: number;
    total: number;
    served: number;
    noShows: number;
    transferred: number;
  }[];
  for (const r of waits) {
    const a = get(r.k);
    a.visits += r.n;
    a.served += r.served;
    a.noShows += r.noShows;
    a.transferred += r.transferred;
    a.waitSum += r.total;
    a.waitHist[r.b]! += r.n;
  }
  const services = db
    .prepare(
      `SELECT ${key} AS k, ${bucketSql('ended_at - started_at')} AS b, count(*) AS n,
         sum(ended_at - started_at) AS total
       FROM services WHERE day BETWEEN ? AND ? AND started_at IS NOT NULL AND ended_at IS NOT NULL
       GROUP BY k, b`,
    )
    .all(range.from, range.to) as { k: string; b: number; n: number; total: number }[];
  for (const r of services) {
    const a = get(r.k);
    a.serviceN += r.n;
    a.serviceSum += r.total;
    a.serviceHist[r.b]! += r.n;
  }
  return toRows(groups);
}

/**
 * The floor under any query that reads every visit of the range: one pass that only counts and
 * sums, with no grouping and no percentiles (the report's baseline in `pnpm bench`).
 */
export function scanBaseline(db: Db, range: DayRange): { visits: number } {
  const row = db
    .prepare(
      `SELECT count(*) AS visits, sum(called_at - waiting_since) AS wait, sum(ended_at - started_at) AS service
       FROM services WHERE day BETWEEN ? AND ?`,
    )
    .get(range.from, range.to) as { visits: number };
  return { visits: row.visits };
}

const ROLLUP_TABLE = `CREATE TABLE IF NOT EXISTS bench_service_daily (
  day TEXT NOT NULL, field_id TEXT NOT NULL, counter_id TEXT NOT NULL, clerk_id TEXT NOT NULL,
  visits INTEGER NOT NULL, served INTEGER NOT NULL, no_shows INTEGER NOT NULL,
  transferred INTEGER NOT NULL, wait_sum INTEGER NOT NULL, wait_hist BLOB NOT NULL,
  service_n INTEGER NOT NULL, service_sum INTEGER NOT NULL, service_hist BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS bench_service_daily_by_day ON bench_service_daily (day);`;

/** A histogram as a BLOB of 16-bit counts (a day's group never holds 65,536 visits). */
function histBlob(hist: Float64Array): Buffer {
  return Buffer.from(Uint16Array.from(hist).buffer);
}

/**
 * Rolls one service day of `services` up into `bench_service_daily`: one row per field, counter
 * and clerk, with counts, sums and the bucketed histograms of waiting and service times — what
 * the hub could write when it closes a day. Returns the number of rows written.
 */
export function rollupDay(db: Db, day: string): number {
  db.exec(ROLLUP_TABLE);
  const rows = db
    .prepare(
      `SELECT field_id AS f, counter_id AS c, COALESCE(clerk_id, '') AS k,
         ${bucketSql('called_at - waiting_since')} AS wb, called_at - waiting_since AS wait,
         CASE WHEN started_at IS NOT NULL AND ended_at IS NOT NULL
           THEN ${bucketSql('ended_at - started_at')} END AS sb,
         ended_at - started_at AS service, outcome
       FROM services WHERE day = ?`,
    )
    .all(day) as {
    f: string;
    c: string;
    k: string;
    wb: number;
    wait: number;
    sb: number | null;
    service: number | null;
    outcome: string | null;
  }[];
  const groups = new Map<string, { f: string; c: string; k: string; a: Accumulator }>();
  for (const r of rows) {
    const id = `${r.f}\u0000${r.c}\u0000${r.k}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { f: r.f, c: r.c, k: r.k, a: accumulator() }));
    const a = g.a;
    a.visits++;
    if (r.outcome === 'done') a.served++;
    if (r.outcome === 'no_show') a.noShows++;
    if (r.outcome === 'transferred') a.transferred++;
    a.waitSum += r.wait;
    a.waitHist[r.wb]!++;
    if (r.sb !== null && r.service !== null) {
      a.serviceN++;
      a.serviceSum += r.service;
      a.serviceHist[r.sb]!++;
    }
  }
  const insert = db.prepare(
    `INSERT INTO bench_service_daily VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare(`DELETE FROM bench_service_daily WHERE day = ?`).run(day);
    for (const { f, c, k, a } of groups.values())
      insert.run(
        day,
        f,
        c,
        k,
        a.visits,
        a.served,
        a.noShows,
        a.transferred,
        a.waitSum,
        histBlob(a.waitHist),
        a.serviceN,
        a.serviceSum,
        histBlob(a.serviceHist),
      );
  })();
  return groups.size;
}

/** Rolls up every day found in `services`; returns the days and the roll-up rows written. */
export function buildDailyRollup(db: Db): { days: number; rows: number } {
  db.exec(ROLLUP_TABLE);
  const days = (
    db.prepare(`SELECT DISTINCT day FROM services ORDER BY day`).all() as { day: string }[]
  ).map((r) => r.day);
  let rows = 0;
  for (const day of days) rows += rollupDay(db, day);
  return { days: days.length, rows };
}

/** The same report as `serviceTimesReport`, read from the daily roll-up instead of every visit. */
export function rollupReport(db: Db, range: DayRange, groupBy: ReportGroup): ReportRow[] {
  const key = groupBy === 'field' ? 'field_id' : 'clerk_id';
  const rows = db
    .prepare(
      `SELECT ${key} AS k, visits, served, no_shows AS noShows, transferred, wait_sum AS waitSum,
         wait_hist AS waitHist, service_n AS serviceN, service_sum AS serviceSum, service_hist AS serviceHist
       FROM bench_service_daily WHERE day BETWEEN ? AND ?`,
    )
    .all(range.from, range.to) as {
    k: string;
    visits: number;
    served: number;
    noShows: number;
    transferred: number;
    waitSum: number;
    waitHist: Buffer;
    serviceN: number;
    serviceSum: number;
    serviceHist: Buffer;
  }[];
  const groups = new Map<string, Accumulator>();
  const add = (into: Float64Array, blob: Buffer) => {
    // A view needs 2-byte alignment; a Buffer from a pool may not have it.
    const bytes = blob.byteOffset % 2 === 0 ? blob : Buffer.from(blob);
    const counts = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
    for (let i = 0; i < counts.length; i++) into[i]! += counts[i]!;
  };
  for (const r of rows) {
    let a = groups.get(r.k);
    if (!a) groups.set(r.k, (a = accumulator()));
    a.visits += r.visits;
    a.served += r.served;
    a.noShows += r.noShows;
    a.transferred += r.transferred;
    a.waitSum += r.waitSum;
    a.serviceN += r.serviceN;
    a.serviceSum += r.serviceSum;
    add(a.waitHist, r.waitHist);
    add(a.serviceHist, r.serviceHist);
  }
  return toRows(groups);
}
