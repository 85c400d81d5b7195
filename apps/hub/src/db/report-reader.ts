import Database from 'better-sqlite3';
import { createReportQueries, type ReportQueries } from './report-queries.ts';
import { createStaffingSource, type StaffingSource } from './staffing-source.ts';

/**
 * A read-only connection for computing reports off the hub's main thread. SQLite's WAL lets it
 * read a consistent snapshot while the hub keeps writing; migrations are the writer's job.
 */
export function openReportReader(path: string): {
  /** One site's report queries (prepared once per site, then kept). */
  queries(siteId: string): ReportQueries;
  /** One site's staffing planner input (prepared once per site, then kept). */
  staffing(siteId: string): StaffingSource;
  close(): void;
} {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const sites = new Map<string, ReportQueries>();
  const staffing = new Map<string, StaffingSource>();
  return {
    queries(siteId) {
      let queries = sites.get(siteId);
      if (!queries) sites.set(siteId, (queries = createReportQueries(db, siteId)));
      return queries;
    },
    staffing(siteId) {
      let source = staffing.get(siteId);
      if (!source) staffing.set(siteId, (source = createStaffingSource(db, siteId)));
      return source;
    },
    close: () => db.close(),
  };
}
