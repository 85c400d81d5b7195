import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { SiteConfig } from '@luot/domain';
import type { Report, ReportQuery } from '@luot/protocol';
import type { ReportQueries } from '../db/index.ts';
import { buildReport } from './build-report.ts';
import type { ReportJob } from './report-worker.ts';

type Pending = { resolve: (r: Report) => void; reject: (e: Error) => void };

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
 * database is in memory or the worker cannot start.
 */
export function createReportRunner(deps: { queries: ReportQueries; log: Logger }) {
  let worker: Worker | null = null;
  let broken = deps.queries.path === null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function failAll(err: Error) {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  }

  function start(): Worker | null {
    if (worker || broken) return worker;
    try {
      const w = new Worker(WORKER_ENTRY);
      w.unref();
      w.on('message', (msg: { id: number; report?: Report; error?: string }) => {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        if (msg.report) p.resolve(msg.report);
        else p.reject(new Error(msg.error ?? 'report failed'));
      });
      w.on('error', (err) => {
        deps.log.error({ err }, 'report worker failed');
        worker = null;
        failAll(err);
      });
      w.on('exit', () => {
        worker = null;
        failAll(new Error('report worker stopped'));
      });
      worker = w;
    } catch (err) {
      deps.log.warn({ err }, 'report worker unavailable; computing reports in-process');
      broken = true;
    }
    return worker;
  }

  return {
    /** The report of a period, computed off the main thread when possible. */
    run(query: ReportQuery, config: SiteConfig, now: number): Promise<Report> {
      const w = start();
      if (!w || deps.queries.path === null)
        return Promise.resolve(buildReport(deps.queries, query, config, now));
      const id = nextId++;
      const job: ReportJob = { id, path: deps.queries.path, query, config, now };
      return new Promise<Report>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage(job);
      });
    },
    async close(): Promise<void> {
      const w = worker;
      worker = null;
      broken = true;
      failAll(new Error('hub closing'));
      if (w) await w.terminate();
    },
  };
}
