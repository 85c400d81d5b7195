// What the load simulator and `pnpm bench` (scripts/) need from the hub: data-directory setup,
// the path of the hub's entry point to start it as a child process, and the benchmark-only
// database helpers beside this file. Imported by scripts only.
import { fileURLToPath } from 'node:url';

export { hashPassword } from '../src/auth.ts';
export {
  DEMO_PEOPLE_FILE,
  DEMO_SITE_FILE,
  databasePath,
  initSite,
  loadSiteConfig,
  openProvince,
  pairDevice,
  seedDemo,
} from '../src/setup.ts';
export { DEFAULT_SITE_ID } from '../src/store.ts';
export { issueTls } from '../src/tls-files.ts';
export { openDatabase } from '../src/db/index.ts';
export {
  generateHistory,
  type HistoryCounter,
  type HistoryField,
  type HistoryOptions,
  type HistorySummary,
} from './bench-history.ts';
export { rawIssueBaseline, type RawIssueResult } from './bench-raw.ts';
export { asyncProvince, createProvinceStore } from '../src/db/index.ts';
export { buildReport } from '../src/reports/build-report.ts';
export { createStaffingSource } from '../src/db/index.ts';
export { timedStaffingPlan } from '../src/reports/staffing-plan.ts';

/** The built hub's entry point (`node <this> --data DIR --port 0 …`; `pnpm build` makes it). */
export const HUB_MAIN_FILE = fileURLToPath(new URL('../dist/main.js', import.meta.url));
/** The hub package's directory, the working directory to start it in. */
export const HUB_PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export { combineReports, siteGrouping } from '../src/province/combine-reports.ts';
export { reportCsv, reportXlsx } from '../src/reports/export.ts';

// `pnpm bench --province`: a province on throwaway servers (PostgreSQL, Redis, nginx).
export { openPostgres } from '../src/postgres.ts';
export { startPostgres, type TestPostgres } from '../testing/postgres.ts';
export { startRedis, type TestRedis } from '../testing/redis.ts';
export { freePort, startNginx, type RunningNginx } from '../testing/nginx.ts';
export { activity, commitLog, type CommitLog } from './pg-commit-log.ts';

// `pnpm bench --citizens`: the booking race's check against the database.
export {
  storedBookingsPostgres,
  storedBookingsSqlite,
  type StoredBooking,
} from './bench-bookings.ts';
export { startFakeProvider, type FakeProvider } from '../testing/fake-provider.ts';
// The bench's push endpoint is tested against the hub's own Web Push provider and texts.
export { webPushProvider, makeVapidKeys } from '../src/messages/providers/web-push.ts';
export { calledText, nearText, PUSH_TITLE } from '../src/messages/texts.ts';
export { subscribeEveryEvent, deliveryStates } from './webhooks.ts';
export {
  startWebhookReceiver,
  type WebhookReceiver,
  type ReceivedDelivery,
} from '../testing/webhook-receiver.ts';
