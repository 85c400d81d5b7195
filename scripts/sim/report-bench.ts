import { rmSync } from 'node:fs';
import {
  buildDailyRollup,
  generateHistory,
  openDatabase,
  rollupReport,
  scanBaseline,
  serviceTimesReport,
  type DayRange,
  type HistorySummary,
  type ReportGroup,
} from '@luot/hub/bench';
import { SIM_FIELDS, simCounters } from './site.ts';

export interface ReportTiming {
  range: 'month' | 'year';
  groupBy: ReportGroup;
  rows: number;
  /** Median of the runs, in ms: the report from every visit, from the daily roll-up, and a bare scan. */
  directMs: number;
  rollupMs: number;
  scanMs: number;
  /** Whether the roll-up gave exactly the report the direct query gave. */
  same: boolean;
}

export interface ReportBenchResult {
  history: HistorySummary;
  fileMb: number;
  rollup: { days: number; rows: number; ms: number; perDayMs: number };
  queries: ReportTiming[];
}

const MONTH: DayRange = { from: '2025-10-01', to: '2025-10-31' };
const YEAR: DayRange = { from: '2025-01-01', to: '2025-12-31' };

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

function medianOf(fn: () => unknown, runs: number): number {
  const times = Array.from({ length: runs }, () => timed(fn).ms).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Generates a year (2025) of history for 10 fields and 40 counters into a fresh SQLite file
 * (about `tickets` tickets), then times each report — one month and the whole year, by field
 * and by clerk — straight from `services`, from a daily roll-up, and as a bare scan.
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
    // Service times are a quarter of the live simulation's, so 40 counters can serve ~5,750
    // tickets a day (1.5 M a year) with waits of half an hour or so.
    const history = generateHistory(db, {
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
      tickets: options.tickets,
      utcOffsetHours: 7,
      seed: options.seed,
    });
    const rollup = timed(() => buildDailyRollup(db));
    const queries: ReportTiming[] = [];
    for (const [range, days] of [
      ['month', MONTH],
      ['year', YEAR],
    ] as const)
      for (const groupBy of ['field', 'clerk'] as const) {
        const direct = serviceTimesReport(db, days, groupBy);
        const fromRollup = rollupReport(db, days, groupBy);
        queries.push({
          range,
          groupBy,
          rows: direct.length,
          directMs: medianOf(() => serviceTimesReport(db, days, groupBy), options.runs),
          rollupMs: medianOf(() => rollupReport(db, days, groupBy), options.runs),
          scanMs: medianOf(() => scanBaseline(db, days), options.runs),
          same: JSON.stringify(direct) === JSON.stringify(fromRollup),
        });
      }
    const pages = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return {
      history,
      fileMb: (pages * pageSize) / 1024 / 1024,
      rollup: {
        ...rollup.value,
        ms: rollup.ms,
        perDayMs: rollup.ms / Math.max(1, rollup.value.days),
      },
      queries,
    };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(options.path + suffix, { force: true });
  }
}
