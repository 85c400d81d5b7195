import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import {
  dossierRatingsQuerySchema,
  reportQuerySchema,
  type DossierRatingRow,
  type ReportQuery,
  type StaffMember,
} from '@luot/protocol';
import type { Clock } from '../clock.ts';
import type { ProvinceStore, ReportEngine } from '../store.ts';
import type { Site, Sites } from '../sites.ts';
import { sendFailure } from '../http-errors.ts';
import { requireStaff } from '../staff-auth.ts';
import { dossierRatingRows, dossierRatingsCsv, dossierRatingsXlsx } from './dossier-ratings.ts';
import { reportCsv, reportXlsx } from './export.ts';

/** Longest period one report may cover, in days (a year and a bit, for year-on-year views). */
export const MAX_REPORT_DAYS = 400;

const STAFF = ['supervisor', 'admin'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A report file to download. */
export interface ReportFile {
  contentType: string;
  name: string;
  body: string | Buffer;
}

function daysBetween(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/** Why a period is too long for one report (Vietnamese, for a person), or null. */
export function tooLong(from: string, to: string): string | null {
  const span = daysBetween(from, to);
  return !Number.isFinite(span) || span > MAX_REPORT_DAYS
    ? `Một báo cáo chỉ bao gồm tối đa ${MAX_REPORT_DAYS} ngày.`
    : null;
}

/**
 * The reports of a site, for whoever is allowed to read them (a supervisor's session here, an API
 * key in rest/): the query checked with the Vietnamese messages of the admin app, the report
 * built by the report engine, and its CSV and XLSX files. The one report path of the hub.
 */
export function createSiteReports(deps: {
  reports: ReportEngine;
  province: ProvinceStore;
  clock: Clock;
  log: Logger;
}) {
  const runner = deps.reports;
  const build = async (site: Site, query: ReportQuery) => {
    try {
      const { config } = (await site.queue.durable()).state;
      return await runner.run(site.id, query, config, deps.clock.now());
    } catch (err) {
      deps.log.error({ err, query }, 'report failed');
      return null;
    }
  };

  /** The query of a report, or what is wrong with it (Vietnamese, for a person). */
  const parse = (raw: unknown): ReportQuery | string => {
    const parsed = reportQuerySchema.safeParse(raw);
    if (!parsed.success) {
      // The schema's own Vietnamese messages name what is wrong; zod's built-in ones are English.
      const issue = parsed.error.issues[0];
      const ours = issue && (issue.code === 'custom' || issue.path[0] === 'groupBy');
      const where = issue?.path[0] === 'from' ? 'from: ' : issue?.path[0] === 'to' ? 'to: ' : '';
      return ours ? `${where}${issue.message}` : 'Khoảng ngày hoặc cách nhóm không hợp lệ.';
    }
    const long = tooLong(parsed.data.from, parsed.data.to);
    if (long) return long;
    return parsed.data;
  };

  /** A report as a file to download; null when it could not be built. */
  const file = async (site: Site, query: ReportQuery, format: 'csv' | 'xlsx') => {
    const report = await build(site, query);
    if (!report) return null;
    const name = `${fileName(query)}.${format}`;
    if (format === 'csv')
      return { contentType: 'text/csv; charset=utf-8', name, body: reportCsv(report) };
    const body = await reportXlsx(report, (await site.queue.durable()).state.config.site.name);
    return {
      contentType: XLSX,
      name,
      body,
    };
  };
  /**
   * The ratings per dossier of a period (Decision 766): the rows (JSON), or a CSV or XLSX file;
   * or what is wrong with the query (Vietnamese, for a person).
   */
  const dossierRatings = async (
    site: Site,
    raw: unknown,
  ): Promise<
    | { ok: false; message: string }
    | { ok: true; rows: DossierRatingRow[] }
    | { ok: true; file: ReportFile }
  > => {
    const parsed = dossierRatingsQuerySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const ours = issue && (issue.code === 'custom' || issue.path[0] === 'format');
      return {
        ok: false,
        message: ours ? issue.message : 'Khoảng ngày hoặc định dạng không hợp lệ.',
      };
    }
    const { from, to, format } = parsed.data;
    const long = tooLong(from, to);
    if (long) return { ok: false, message: long };
    const { config } = (await site.queue.durable()).state;
    const [visits, people] = await Promise.all([
      site.store.dossierVisits(from, to),
      deps.province.listUsers(site.id),
    ]);
    const names = new Map(people.map((p) => [p.username, p.name]));
    const rows = dossierRatingRows(visits, { id: site.id, config }, names);
    const name = `danh-gia-theo-ho-so-${from}-${to}.${format}`;
    if (format === 'json') return { ok: true, rows };
    if (format === 'csv')
      return {
        ok: true,
        file: {
          contentType: 'text/csv; charset=utf-8',
          name,
          body: dossierRatingsCsv(rows, config.site.timeZone),
        },
      };
    const body = await dossierRatingsXlsx(rows, {
      siteName: config.site.name,
      from,
      to,
      timeZone: config.site.timeZone,
      generatedAt: deps.clock.now(),
    });
    return { ok: true, file: { contentType: XLSX, name, body } };
  };

  return { parse, build, file, dossierRatings, close: () => runner.close() };
}
export type SiteReports = ReturnType<typeof createSiteReports>;

/**
 * Reports for supervisors and admins (Bearer session): GET /api/reports (JSON),
 * /api/reports/export.csv and /api/reports/export.xlsx, all with ?from&to&groupBy. Also the
 * staff directory (GET /api/staff) and the hub's clock (GET /api/clock) for the dashboard.
 */
export function registerReportRoutes(
  app: FastifyInstance,
  deps: {
    province: ProvinceStore;
    sites: Sites;
    reports: SiteReports;
    clock: Clock;
    sessionIdleMs: number;
  },
) {
  const { province, sites, clock } = deps;
  const { parse, build } = deps.reports;
  app.addHook('onClose', async () => deps.reports.close());
  /** The site of a supervisor's or admin's session: reports are of the site they work at. */
  const staffSite = async (request: FastifyRequest, reply: FastifyReply): Promise<Site | null> => {
    const staff = await requireStaff(request, reply, deps, STAFF);
    if (!staff) return null;
    const site = sites.get(staff.siteId);
    if (!site) void sendFailure(reply, 'NOT_FOUND');
    return site ?? null;
  };

  app.get('/api/reports', async (request, reply) => {
    const site = await staffSite(request, reply);
    if (!site) return reply;
    const query = parse(request.query);
    if (typeof query === 'string') return sendFailure(reply, 'BAD_REQUEST', query);
    const report = await build(site, query);
    if (!report) return sendFailure(reply, 'INTERNAL');
    return { ok: true, data: report };
  });

  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/api/reports/export.${format}`, async (request, reply) => {
      const site = await staffSite(request, reply);
      if (!site) return reply;
      const query = parse(request.query);
      if (typeof query === 'string') return sendFailure(reply, 'BAD_REQUEST', query);
      const file = await deps.reports.file(site, query, format);
      if (!file) return sendFailure(reply, 'INTERNAL');
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body);
    });

  // Ratings per dossier for the Decision 766 index: ?from&to&format=json|csv|xlsx.
  app.get('/api/reports/dossier-ratings', async (request, reply) => {
    const site = await staffSite(request, reply);
    if (!site) return reply;
    const answer = await deps.reports.dossierRatings(site, request.query);
    if (!answer.ok) return sendFailure(reply, 'BAD_REQUEST', answer.message);
    if ('rows' in answer) return { ok: true, data: answer.rows };
    const { contentType, name, body } = answer.file;
    return reply
      .header('content-type', contentType)
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(body);
  });

  app.get('/api/staff', async (request, reply) => {
    const site = await staffSite(request, reply);
    if (!site) return reply;
    const people: StaffMember[] = (await province.listUsers(site.id)).map(
      ({ username, name, role }) => ({
        username,
        name,
        role,
      }),
    );
    return { ok: true, data: people };
  });

  // The hub's time, so screens measure waits by the hub's clock and not their own.
  app.get('/api/clock', async () => ({ ok: true, data: { serverTime: clock.now() } }));
}

function fileName(query: ReportQuery): string {
  return `bao-cao-${query.groupBy}-${query.from}-${query.to}`;
}
