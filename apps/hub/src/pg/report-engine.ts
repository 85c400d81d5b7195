import type { SiteConfig } from '@luot/domain';
import type { Report, ReportQuery } from '@luot/protocol';
import {
  BOOKING_SHOW_UP_SQL,
  unpackedRanges,
  type BookingShowUpRow,
} from '../db/report-queries.ts';
import {
  assembleTicketCounts,
  estimateCellsOfPackedDays,
  visitBatchOfPackedDays,
} from '../db/report-queries.ts';
import { packDay, type PackedDay } from '../db/report-days.ts';
import { buildReport } from '../reports/build-report.ts';
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
  return {
    async run(siteId: string, query: ReportQuery, config: SiteConfig, now: number) {
      const started = performance.now();
      const { from, to } = query;
      const { days, names, showUp } = await db.tx(
        async (c) => {
          const stored = await readPackedDays(c, siteId, from, to);
          const read: PackedDay[] = [...stored];
          for (const [gapFrom, gapTo] of unpackedRanges(from, to, stored))
            for (const [day, rows] of await readDayRows(c, siteId, gapFrom, gapTo))
              read.push({ day, ...packDay(rows.tickets, rows.visits, rows.estimates) });
          read.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
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
          estimateErrors: () => estimateCellsOfPackedDays(days),
        },
        query,
        config,
        now,
      );
      return { ...report, elapsedMs: Math.round(performance.now() - started) };
    },
    async close() {},
  };
}
