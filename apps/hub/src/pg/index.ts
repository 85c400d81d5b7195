// The store port (../store.ts) on PostgreSQL, for a province whose hub nodes share one database.
export { openPgProvince, type PgProvinceStore } from './province-store.ts';
export { isUnavailable, StoreUnavailableError } from './unavailable.ts';
export { UnknownSiteError, COMMIT_CHANNEL } from './commit.ts';
export { createPgReportEngine } from './report-engine.ts';
export type { CommitListener } from './commit-listener.ts';
