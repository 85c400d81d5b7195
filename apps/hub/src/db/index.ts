export { openDatabase, backupDatabase, verifyDatabaseFile, type Db } from './open-database.ts';
export { createStore, tableDigest, type SqliteStore, type ServiceRow } from './store.ts';
export {
  type ReportQueries,
  type TicketCounts,
  type VisitBatch,
  type VisitDimension,
} from './report-queries.ts';
export type { AuditLog } from './audit-log.ts';
export { openReportReader } from './report-reader.ts';
