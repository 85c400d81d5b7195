import type { SiteConfig } from '@luot/domain';
import type { Report, ReportQuery } from '@luot/protocol';
import type { ReportQueries } from '../db/index.ts';
import { computeReport } from './compute-report.ts';

/** What a report reads: SQLite's queries, or a period read ahead from another store. */
export type ReportSource = Pick<
  ReportQueries,
  'ticketCounts' | 'visits' | 'personNames' | 'bookingShowUp' | 'estimateErrors'
>;

/** Reads a period's tickets and visits and computes its report, timing the whole. */
export function buildReport(
  queries: ReportSource,
  query: ReportQuery,
  config: SiteConfig,
  now: number,
): Report {
  const started = performance.now();
  const personNames = queries.personNames();
  const { from, to, groupBy } = query;
  const visits =
    groupBy === 'counter'
      ? queries.visits(
          from,
          to,
          'counter',
          config.counters.map((c) => c.id),
        )
      : groupBy === 'clerk'
        ? queries.visits(from, to, 'clerk', [...personNames.keys()])
        : queries.visits(from, to, groupBy === 'hour' ? 'quarter' : 'none');
  const report = computeReport({
    query,
    config,
    tickets: queries.ticketCounts(from, to),
    visits,
    personNames,
    bookings: queries.bookingShowUp(from, to, now),
    estimates: queries.estimateErrors(from, to),
    now,
  });
  return { ...report, elapsedMs: Math.round(performance.now() - started) };
}
