// Worker thread entry: computes reports on its own read-only connection, so a year-long report
// never stalls the hub's sockets. Messages: { id, path, query, config, now } → { id, report } or
// { id, error }.
import { parentPort } from 'node:worker_threads';
import type { SiteConfig } from '@luot/domain';
import type { ReportQuery } from '@luot/protocol';
import { openReportReader } from '../db/index.ts';
import { buildReport } from './build-report.ts';

export interface ReportJob {
  id: number;
  path: string;
  query: ReportQuery;
  config: SiteConfig;
  now: number;
}

let reader: ReturnType<typeof openReportReader> | null = null;
let readerPath: string | null = null;

parentPort?.on('message', (job: ReportJob) => {
  try {
    if (readerPath !== job.path) {
      reader?.close();
      reader = openReportReader(job.path);
      readerPath = job.path;
    }
    parentPort!.postMessage({
      id: job.id,
      report: buildReport(reader!.queries, job.query, job.config, job.now),
    });
  } catch (err) {
    parentPort!.postMessage({
      id: job.id,
      error: err instanceof Error ? err.message : String(err),
    });
  }
});
