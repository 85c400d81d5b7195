// Worker thread entry: computes reports on its own read-only connection, so a year-long report
// never stalls the hub's sockets. Messages: { id, job: { path, siteId, query, config, now } } →
// { id, result: report } or { id, error } (see job-thread.ts).
import { parentPort } from 'node:worker_threads';
import type { SiteConfig } from '@luot/domain';
import type { ReportQuery, StaffingQuery } from '@luot/protocol';
import { openReportReader } from '../db/index.ts';
import { buildReport } from './build-report.ts';
import { timedStaffingPlan } from './staffing-plan.ts';

export interface ReportJob {
  kind?: 'report';
  path: string;
  /** The site whose report this is: every query filters by it. */
  siteId: string;
  query: ReportQuery;
  config: SiteConfig;
  now: number;
}

/** A staffing plan to compute (reports/staffing-plan.ts), on the same thread and reader. */
export interface StaffingJob {
  kind: 'staffing';
  path: string;
  siteId: string;
  query: StaffingQuery;
  config: SiteConfig;
  now: number;
}

let reader: ReturnType<typeof openReportReader> | null = null;
let readerPath: string | null = null;

parentPort?.on('message', ({ id, job }: { id: number; job: ReportJob | StaffingJob }) => {
  try {
    if (readerPath !== job.path) {
      reader?.close();
      reader = openReportReader(job.path);
      readerPath = job.path;
    }
    if (job.kind === 'staffing') {
      const source = reader!.staffing(job.siteId);
      parentPort!.postMessage({
        id,
        result: timedStaffingPlan(job.siteId, source.read, job.query, job.config),
      });
      return;
    }
    parentPort!.postMessage({
      id,
      result: buildReport(reader!.queries(job.siteId), job.query, job.config, job.now),
    });
  } catch (err) {
    parentPort!.postMessage({
      id,
      error: err instanceof Error ? err.message : String(err),
    });
  }
});
