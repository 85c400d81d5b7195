import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { SiteConfig } from '@luot/domain';
import type { Report, ReportQuery } from '@luot/protocol';
import type { ReportQueries } from '../db/index.ts';
import { createJobThread } from '../job-thread.ts';
import { buildReport } from './build-report.ts';
import type { ReportJob } from './report-worker.ts';

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
  log: Logger;
}) {
  const { path } = deps;
  const thread = createJobThread<ReportJob, Report>({
    spawn: () => new Worker(WORKER_ENTRY),
    inProcess: async (job) => buildReport(deps.queries(job.siteId), job.query, job.config, job.now),
    usable: path !== null,
    onFailure: (err, where) =>
      where === 'start'
        ? deps.log.warn({ err }, 'report worker unavailable; computing reports in-process')
        : deps.log.error({ err }, 'report worker failed'),
  });
  return {
    /** A site's report of a period, computed off the main thread when possible. */
    run(siteId: string, query: ReportQuery, config: SiteConfig, now: number): Promise<Report> {
      return thread.run({ path: path ?? '', siteId, query, config, now });
    },
    close: thread.close,
  };
}
