import type { FastifyInstance } from 'fastify';
import { reportQuerySchema, type Report, type ReportQuery, type StaffMember } from '@luot/protocol';
import type { Clock } from '../clock.ts';
import type { Store } from '../db/index.ts';
import type { QueueService } from '../queue-service.ts';
import { requireStaff, sendFailure } from '../staff-auth.ts';
import { computeReport } from './compute-report.ts';
import { reportCsv, reportXlsx } from './export.ts';

/** Longest period one report may cover, in days (a year and a bit, for year-on-year views). */
export const MAX_REPORT_DAYS = 400;

const STAFF = ['supervisor', 'admin'] as const;

function daysBetween(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/** Builds a report from the store, timing it. */
export function buildReport(
  store: Store,
  queue: QueueService,
  clock: Clock,
  query: ReportQuery,
): Report {
  const started = performance.now();
  const config = queue.state.config;
  const personNames = store.reports.personNames();
  const { from, to, groupBy } = query;
  const visits =
    groupBy === 'counter'
      ? store.reports.visits(
          from,
          to,
          'counter',
          config.counters.map((c) => c.id),
        )
      : groupBy === 'clerk'
        ? store.reports.visits(from, to, 'clerk', [...personNames.keys()])
        : store.reports.visits(from, to, groupBy === 'hour' ? 'quarter' : 'none');
  const report = computeReport({
    query,
    config,
    tickets: store.reports.ticketCounts(from, to),
    visits,
    personNames,
    now: clock.now(),
  });
  return { ...report, elapsedMs: Math.round(performance.now() - started) };
}

/**
 * Reports for supervisors and admins (Bearer session): GET /api/reports (JSON),
 * /api/reports/export.csv and /api/reports/export.xlsx, all with ?from&to&groupBy. Also the
 * staff directory (GET /api/staff) and the hub's clock (GET /api/clock) for the dashboard.
 */
export function registerReportRoutes(
  app: FastifyInstance,
  deps: { store: Store; queue: QueueService; clock: Clock },
) {
  const { store, queue, clock } = deps;

  const parse = (raw: unknown): ReportQuery | string => {
    const parsed = reportQuerySchema.safeParse(raw);
    if (!parsed.success) return 'Khoảng ngày hoặc cách nhóm không hợp lệ.';
    if (daysBetween(parsed.data.from, parsed.data.to) > MAX_REPORT_DAYS)
      return `Một báo cáo chỉ bao gồm tối đa ${MAX_REPORT_DAYS} ngày.`;
    return parsed.data;
  };

  app.get('/api/reports', async (request, reply) => {
    if (!requireStaff(request, reply, deps, STAFF)) return reply;
    const query = parse(request.query);
    if (typeof query === 'string') return sendFailure(reply, 'BAD_REQUEST', query);
    return { ok: true, data: buildReport(store, queue, clock, query) };
  });

  app.get('/api/reports/export.csv', async (request, reply) => {
    if (!requireStaff(request, reply, deps, STAFF)) return reply;
    const query = parse(request.query);
    if (typeof query === 'string') return sendFailure(reply, 'BAD_REQUEST', query);
    const report = buildReport(store, queue, clock, query);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(query)}.csv"`)
      .send(reportCsv(report));
  });

  app.get('/api/reports/export.xlsx', async (request, reply) => {
    if (!requireStaff(request, reply, deps, STAFF)) return reply;
    const query = parse(request.query);
    if (typeof query === 'string') return sendFailure(reply, 'BAD_REQUEST', query);
    const report = buildReport(store, queue, clock, query);
    const body = await reportXlsx(report, queue.state.config.site.name);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${fileName(query)}.xlsx"`)
      .send(body);
  });

  app.get('/api/staff', async (request, reply) => {
    if (!requireStaff(request, reply, deps, STAFF)) return reply;
    const people: StaffMember[] = store
      .listUsers()
      .map(({ username, name, role }) => ({ username, name, role }));
    return { ok: true, data: people };
  });

  // The hub's time, so screens measure waits by the hub's clock and not their own.
  app.get('/api/clock', async () => ({ ok: true, data: { serverTime: clock.now() } }));
}

function fileName(query: ReportQuery): string {
  return `bao-cao-${query.groupBy}-${query.from}-${query.to}`;
}
