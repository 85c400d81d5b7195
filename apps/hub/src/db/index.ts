export {
  openDatabase,
  DatabaseInUseError,
  backupDatabase,
  tableDigest,
  verifyDatabaseFile,
  type Db,
} from './open-database.ts';
export {
  createProvinceStore,
  asyncProvince,
  type SqliteProvince,
  type SqliteSite,
  type ServiceRow,
} from './store.ts';
export {
  type BookingShowUpRow,
  type ReportQueries,
  type TicketCounts,
  type VisitBatch,
  type VisitDimension,
} from './report-queries.ts';
export type { AuditLog } from './audit-log.ts';
export { openReportReader } from './report-reader.ts';
export {
  createStaffingSource,
  NO_SHOW_HOLDS_SQL,
  type NoShowHoldRow,
  type StaffingSource,
} from './staffing-source.ts';
export { createSiteExport, type SiteExport, type ExportedTable } from './site-export.ts';
