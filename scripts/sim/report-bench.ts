import { rmSync } from 'node:fs';
import {
  buildReport,
  createProvinceStore,
  DEFAULT_SITE_ID,
  generateHistory,
  openDatabase,
  type HistorySummary,
} from '@luot/hub/bench';
import type { Report, ReportQuery } from '@luot/protocol';
import { SIM_FIELDS, simCounters, simSiteConfig } from './site.ts';

type Db = ReturnType<typeof openDatabase>;

export interface ReportTiming {
  range: 'month' | 'year';
  groupBy: ReportQuery['groupBy'];
  rows: number;
  /** The hub's report (`buildReport`) before the days were packed, one run, in ms. */
  rawMs: number;
  /** The same report once the days are packed: median, and every run, in ms. */
  packedMs: number;
  packedRuns: number[];
  /** Whether the packed days gave exactly the report the raw tables gave. */
  same: boolean;
}

export interface ReportBenchResult {
  history: HistorySummary;
  fileMb: number;
  packing: { days: number; ms: number; perDayMs: number; mb: number };
  queries: ReportTiming[];
}

/**
 * Writes a generated 2025 into `db`: about `tickets` tickets over 261 working days for the ten
 * simulated fields, 40 counters and 44 clerks, none of its days packed for reports.
 */
export function generateYear(db: Db, tickets: number, seed: number): HistorySummary {
  // Service times are a quarter of the live simulation's, so 40 counters can serve ~5,750
  // tickets a day (1.5 M a year) with waits of half an hour or so.
  return generateHistory(db, {
    fields: SIM_FIELDS.map((f, i) => ({
      id: f.id,
      prefix: String.fromCharCode(65 + i),
      start: 1,
      digits: 4,
      weight: f.weight,
      serviceMinutes: f.serviceMinutes / 4,
    })),
    counters: simCounters(SIM_FIELDS, 40),
    clerks: Array.from({ length: 44 }, (_, i) => `cb${String(i + 1).padStart(3, '0')}`),
    from: YEAR.from,
    to: YEAR.to,
    tickets,
    utcOffsetHours: 7,
    seed,
  });
}

const MONTH = { from: '2025-10-01', to: '2025-10-31' };
const YEAR = { from: '2025-01-01', to: '2025-12-31' };

/**
 * Generates a year (2025) of history for 10 fields, 40 counters and 44 clerks into a fresh
 * SQLite file (about `tickets` tickets), then times the hub's own reports — one month and the
 * whole year, by field and by clerk — on the raw tables, packs the closed days as the hub does
 * at midnight, and times the same reports again.
 */
export function benchReports(options: {
  path: string;
  tickets: number;
  runs: number;
  seed: number;
}): ReportBenchResult {
  for (const suffix of ['', '-wal', '-shm']) rmSync(options.path + suffix, { force: true });
  const db = openDatabase(options.path);
  try {
    const history = generateYear(db, options.tickets, options.seed);
    const store = createProvinceStore(db).site(DEFAULT_SITE_ID);
    const config = simSiteConfig({ counters: 40, timeZone: 'Asia/Ho_Chi_Minh' });
    const cases = (['month', 'year'] as const).flatMap((range) =>
      (['field', 'clerk'] as const).map((groupBy) => ({
        range,
        query: { ...(range === 'month' ? MONTH : YEAR), groupBy },
      })),
    );
    const report = (query: ReportQuery): Report => buildReport(store.reports, query, config, 0);
    const withoutTime = (r: Report) => JSON.stringify({ ...r, elapsedMs: 0 });

    const raw = cases.map((c) => report(c.query));
    const packingStarted = performance.now();
    const days = store.reportDays.packDaysBefore('2026-01-01', Date.now());
    const packingMs = performance.now() - packingStarted;
    const packedBytes = db
      .prepare('SELECT SUM(length(keys) + length(tickets) + length(visits)) FROM report_days')
      .pluck()
      .get() as number;

    const queries = cases.map((c, i): ReportTiming => {
      const first = report(c.query);
      const runs = [first.elapsedMs];
      for (let r = 1; r < options.runs; r++) runs.push(report(c.query).elapsedMs);
      return {
        range: c.range,
        groupBy: c.query.groupBy,
        rows: first.rows.length,
        rawMs: raw[i]!.elapsedMs,
        packedMs: [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!,
        packedRuns: runs,
        same: withoutTime(first) === withoutTime(raw[i]!),
      };
    });
    const pages = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return {
      history,
      fileMb: (pages * pageSize) / 1024 / 1024,
      packing: {
        days,
        ms: packingMs,
        perDayMs: packingMs / Math.max(1, days),
        mb: packedBytes / 1024 / 1024,
      },
      queries,
    };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(options.path + suffix, { force: true });
  }
}
