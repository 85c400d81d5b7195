import { rmSync } from 'node:fs';
import {
  createProvinceStore,
  createStaffingSource,
  DEFAULT_SITE_ID,
  openDatabase,
  timedStaffingPlan,
  type HistorySummary,
} from '@luot/hub/bench';
import { staffingQuerySchema } from '@luot/protocol';
import { generateYear } from './sim/report-bench.ts';
import { simSiteConfig } from './sim/site.ts';

export interface PlannerBenchResult {
  history: HistorySummary;
  /** Cells planned (field × weekday × hour with history) and counters needed over them. */
  cells: number;
  /** The year planned with its days not packed (one run), in ms. */
  unpackedMs: number;
  /** The year planned once its days are packed: median and every run, in ms. */
  packedMs: number;
  packedRuns: number[];
  /**
   * The CPU time of the packed runs (this thread), median in ms: on a machine shared with other
   * work the wall time waits for the CPU, this does not.
   */
  packedCpuMs: number;
  /** Of a packed run: reading the packed days and no-show times alone, in ms (median). */
  readMs: number;
  /** Whether every run gave the same plan (the simulation is seeded). */
  same: boolean;
}

const YEAR = { from: '2025-01-01', to: '2025-12-31' };

/**
 * `pnpm bench --only planner`: the staffing plan of a generated year (bench-history's year,
 * ~1.5 M tickets, 10 fields, 40 counters) on SQLite, as the report worker computes it
 * (`timedStaffingPlan` over the site's staffing source): once with no day packed, then `runs`
 * times once the closed days are packed. The target is 2 s for the packed year.
 */
export function benchPlanner(options: {
  path: string;
  tickets: number;
  runs: number;
  seed: number;
}): PlannerBenchResult {
  for (const suffix of ['', '-wal', '-shm']) rmSync(options.path + suffix, { force: true });
  const db = openDatabase(options.path);
  try {
    const history = generateYear(db, options.tickets, options.seed);
    const config = simSiteConfig({ counters: 40, timeZone: 'Asia/Ho_Chi_Minh' });
    const source = createStaffingSource(db, DEFAULT_SITE_ID);
    const query = staffingQuerySchema.parse(YEAR);
    const plan = () => timedStaffingPlan(DEFAULT_SITE_ID, source.read, query, config);
    const unpacked = plan();
    createProvinceStore(db).site(DEFAULT_SITE_ID).reportDays.packDaysBefore('2026-01-01', 0);
    const runs: number[] = [];
    const cpu: number[] = [];
    const reads: number[] = [];
    const plans: string[] = [];
    for (let r = 0; r < options.runs; r++) {
      const before = process.cpuUsage();
      const p = plan();
      const used = process.cpuUsage(before);
      cpu.push(Math.round((used.user + used.system) / 1000));
      runs.push(p.elapsedMs);
      plans.push(JSON.stringify({ ...p, elapsedMs: 0 }));
      const started = performance.now();
      source.read(query.from, query.to);
      reads.push(performance.now() - started);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const first = JSON.parse(plans[0]!) as { fields: { cells: unknown[] }[] };
    return {
      history,
      cells: first.fields.reduce((s, f) => s + f.cells.length, 0),
      unpackedMs: unpacked.elapsedMs,
      packedMs: median(runs),
      packedRuns: runs,
      packedCpuMs: median(cpu),
      readMs: Math.round(median(reads)),
      same:
        plans.every((p) => p === plans[0]) &&
        plans[0] === JSON.stringify({ ...unpacked, elapsedMs: 0 }),
    };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(options.path + suffix, { force: true });
  }
}
