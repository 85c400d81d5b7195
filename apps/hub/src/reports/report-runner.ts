import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { SiteConfig } from '@luot/domain';
import type { Report, ReportQuery, StaffingPlan, StaffingQuery } from '@luot/protocol';
import type { ReportQueries, StaffingSource } from '../db/index.ts';
import { createJobThread } from '../job-thread.ts';
import { buildReport } from './build-report.ts';
import type { ReportJob, StaffingJob } from './report-worker.ts';
import { timedStaffingPlan } from './staffing-plan.ts';

/**
 * The worker's entry, beside this module: in the built hub (dist/main.js) the bundled
 * dist/report-worker.js; when this file runs as TypeScript source (tests, tsx), an entry that
 * registers tsx's loader in the worker thread before loading report-worker.ts.
 */
const WORKER_ENTRY = new URL(
  import.meta.url.endsWith('.ts') ? './report-worker-entry.mjs' : './report-worker.js',
  import.meta.url,
);

/**
 * Runs reports on one worker thread (started on first use, jobs in order), so the queue's
 * sockets keep answering while a year is computed. Falls back to computing in-process when the
 * database is in memory or the worker cannot start. `queries(siteId)` gives a site's queries on
 * the hub's own connection (`SqliteProvince.site(id).reports`), for that fallback.
 */
export function createReportRunner(deps: {
  path: string | null;
  queries: (siteId: string) => ReportQueries;
  /** A site's staffing planner input on the hub's own connection, for the same fallback. */
  staffing: (siteId: string) => StaffingSource;
  log: Logger;
}) {
  const { path } = deps;
  const onFailure = (err: unknown, where: 'start' | 'thread') =>
    where === 'start'
      ? deps.log.warn({ err }, 'report worker unavailable; computing reports in-process')
      : deps.log.error({ err }, 'report worker failed');
  const thread = createJobThread<ReportJob, Report>({
    spawn: () => new Worker(WORKER_ENTRY),
    inProcess: async (job) => buildReport(deps.queries(job.siteId), job.query, job.config, job.now),
    usable: path !== null,
    onFailure,
  });
  // Staffing plans run on a thread of their own (the same worker code, started on first use),
  // so each thread's answers keep one type.
  const staffingThread = createJobThread<StaffingJob, StaffingPlan>({
    spawn: () => new Worker(WORKER_ENTRY),
    inProcess: async (job) =>
      timedStaffingPlan(job.siteId, deps.staffing(job.siteId).read, job.query, job.config),
    usable: path !== null,
    onFailure,
  });
  return {
    /** A site's report of a period, computed off the main thread when possible. */
    run(siteId: string, query: ReportQuery, config: SiteConfig, now: number): Promise<Report> {
      return thread.run({ path: path ?? '', siteId, query, config, now });
    },
    /** A site's staffing plan from a period's history, off the main thread when possible. */
    staffing(
      siteId: string,
      query: StaffingQuery,
      config: SiteConfig,
      now: number,
    ): Promise<StaffingPlan> {
      return staffingThread.run({ kind: 'staffing', path: path ?? '', siteId, query, config, now });
    },
    async close() {
      await Promise.all([thread.close(), staffingThread.close()]);
    },
  };
}
