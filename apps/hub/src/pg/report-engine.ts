import type pg from 'pg';
import type { SiteConfig } from '@luot/domain';
import type { Report, ReportQuery, StaffingPlan, StaffingQuery } from '@luot/protocol';
import {
  BOOKING_SHOW_UP_SQL,
  unpackedRanges,
  type BookingShowUpRow,
} from '../db/report-queries.ts';
import { assembleTicketCounts, visitBatchOfPackedDays } from '../db/report-queries.ts';
import { packDay, type PackedDay } from '../db/report-days.ts';
import { buildReport } from '../reports/build-report.ts';
import { NO_SHOW_HOLDS_SQL, noShowPeriod, type NoShowHoldRow } from '../db/staffing-source.ts';
import { planStaffing } from '../reports/staffing-plan.ts';
import type { ReportEngine } from '../store.ts';
import type { PgDb } from './pool.ts';
import { readDayRows, readPackedDays } from './report-days.ts';

/**
 * Reports of a province's sites from PostgreSQL: the same `Report` as the SQLite engine for the
 * same data. Only the reading differs: a period is read in one read-only snapshot, closed days
 * packed (`report_days`), the others packed on the fly from their rows by the same `packDay`;
 * then the shared computation (`buildReport`) runs on them.
 */
export function createPgReportEngine(db: PgDb): ReportEngine {
  /** A period's days in one read-only snapshot: packed ones, the others packed from their rows. */
  const periodDays = async (c: pg.ClientBase, siteId: string, from: string, to: string) => {
    const stored = await readPackedDays(c, siteId, from, to);
    const read: PackedDay[] = [...stored];
    for (const [gapFrom, gapTo] of unpackedRanges(from, to, stored))
      for (const [day, rows] of await readDayRows(c, siteId, gapFrom, gapTo))
        read.push({ day, ...packDay(rows.tickets, rows.visits) });
    read.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    return read;
  };
  return {
    async run(siteId: string, query: ReportQuery, config: SiteConfig, now: number) {
      const started = performance.now();
      const { from, to } = query;
      const { days, names, showUp } = await db.tx(
        async (c) => {
          const read = await periodDays(c, siteId, from, to);
          const people = await c.query<{ username: string; name: string }>(
            'SELECT username, name FROM users',
          );
          const bookings = await c.query<BookingShowUpRow>(BOOKING_SHOW_UP_SQL, [
            siteId,
            from,
            to,
            now,
          ]);
          return {
            days: read,
            names: new Map(people.rows.map((r) => [r.username, r.name])),
            // COUNT and SUM are bigint in PostgreSQL: numbers here, as SQLite gives them.
            showUp: bookings.rows.map((r) => ({ ...r, due: Number(r.due), came: Number(r.came) })),
          };
        },
        { begin: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' },
      );
      const report: Report = buildReport(
        {
          ticketCounts: () => assembleTicketCounts(days, []),
          visits: (_from, _to, dimension, known) => visitBatchOfPackedDays(days, dimension, known),
          personNames: () => names,
          bookingShowUp: () => showUp,
        },
        query,
        config,
        now,
      );
      return { ...report, elapsedMs: Math.round(performance.now() - started) };
    },
    async staffing(
      siteId: string,
      query: StaffingQuery,
      config: SiteConfig,
    ): Promise<StaffingPlan> {
      const started = performance.now();
      const { from, to } = query;
      const input = await db.tx(
        async (c) => {
          const days = await periodDays(c, siteId, from, to);
          const holds = await c.query<NoShowHoldRow>(NO_SHOW_HOLDS_SQL, [
            siteId,
            ...noShowPeriod(from, to),
          ]);
          // SUM and COUNT are bigint in PostgreSQL: numbers here, as SQLite gives them.
          const noShowHolds = holds.rows.map((r) => ({
            fieldId: r.fieldId,
            ms: Number(r.ms),
            count: Number(r.count),
          }));
          return { days, noShowHolds };
        },
        { begin: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' },
      );
      const plan = planStaffing(siteId, input, query, config);
      return { ...plan, elapsedMs: Math.round(performance.now() - started) };
    },
    async close() {},
  };
}
