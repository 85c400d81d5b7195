import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  newSiteConfig,
  siteOverview,
  worstFirst,
  type QueueState,
  type SiteConfig,
} from '@luot/domain';
import {
  catalogueSchema,
  isProvinceAdmin,
  newSiteSchema,
  provinceReach,
  provinceReportQuerySchema,
  type ProvinceOverview,
  type ProvinceReport,
  type ProvinceReportQuery,
  type Report,
  type ReportQuery,
  type UserRole,
} from '@luot/protocol';
import type { z } from 'zod';
import type { Clock } from '../clock.ts';
import { sendFailure } from '../http-errors.ts';
import { reportCsv, reportXlsx } from '../reports/export.ts';
import { MAX_REPORT_DAYS } from '../reports/report-routes.ts';
import type { CatalogueEntry } from '../store.ts';
import { combineReports, siteGrouping } from './combine-reports.ts';
import { PROVINCE_VI } from './messages-vi.ts';

/** The person behind a request, as the province views need them. */
export interface ProvinceStaff {
  username: string;
  role: UserRole;
  sites: string[] | null;
}

/** What the province views read and change; the hub wires it to its per-site runtimes. */
export interface ProvinceDeps {
  /** Who is asking: resolves the request's staff session; null = not signed in. */
  staff(req: FastifyRequest): Promise<ProvinceStaff | null>;
  /** Every site the deployment runs, with its live queue state (read it now, do not keep it). */
  sites(): Promise<{ id: string; state: QueueState }[]>;
  report(siteId: string, query: ReportQuery): Promise<Report>;
  readCatalogue(): Promise<CatalogueEntry[]>;
  writeCatalogue(entries: CatalogueEntry[]): Promise<void>;
  /** Adds a site with this configuration and starts serving it at once. */
  createSite(id: string, config: SiteConfig): Promise<void>;
  clock: Clock;
}

/** How many sites' reports are computed at once (each runs on its site's report engine). */
const REPORT_CONCURRENCY = 4;

function daysBetween(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/** The first problem of a refused input, in Vietnamese: the schema's own, or the input's. */
function problem(error: z.ZodError, fallback: string): string {
  const issue = error.issues[0];
  if (!issue) return fallback;
  const input = issue.path.findLast((p) => typeof p === 'string');
  if (issue.code === 'custom') {
    const where = input !== undefined ? PROVINCE_VI.where[input] : undefined;
    return where ? `${where}: ${issue.message}` : issue.message;
  }
  return (input !== undefined && PROVINCE_VI.inputs[input]) || fallback;
}

/** Maps `items` through `fn`, at most `limit` at a time, keeping their order. */
async function mapPooled<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * The province's own views, for supervisors and admins: GET /api/province/overview (every site
 * the person reaches, worst first), GET /api/province/report (reports across those sites, JSON,
 * CSV or XLSX), GET/PUT /api/province/catalogue and POST /api/province/sites. A province
 * administrator reaches every site and alone may change the catalogue and add sites; a
 * supervisor or admin of some sites reaches those; anyone else is refused.
 */
export function registerProvinceRoutes(app: FastifyInstance, deps: ProvinceDeps): void {
  /** The person and the sites they reach; answers 401/403 and returns null otherwise. */
  async function reach(request: FastifyRequest, reply: FastifyReply) {
    const person = await deps.staff(request);
    if (!person) {
      void sendFailure(reply, 'UNAUTHENTICATED');
      return null;
    }
    const sites = provinceReach(person);
    if (sites === null) {
      void sendFailure(reply, 'FORBIDDEN');
      return null;
    }
    const visible = (id: string) => sites === 'all' || sites.includes(id);
    return { person, visible };
  }

  async function provinceAdmin(request: FastifyRequest, reply: FastifyReply) {
    const who = await reach(request, reply);
    if (!who) return null;
    if (!isProvinceAdmin(who.person)) {
      void sendFailure(reply, 'FORBIDDEN', PROVINCE_VI.adminOnly);
      return null;
    }
    return who;
  }

  app.get('/api/province/overview', async (request, reply) => {
    const who = await reach(request, reply);
    if (!who) return reply;
    const now = deps.clock.now();
    const sites = (await deps.sites())
      .filter((s) => who.visible(s.id))
      .map((s) => ({ id: s.id, ...siteOverview(s.state, now) }))
      .sort(worstFirst);
    const data: ProvinceOverview = {
      serverTime: now,
      canManage: isProvinceAdmin(who.person),
      sites,
    };
    return { ok: true, data };
  });

  const parseReport = (raw: unknown): ProvinceReportQuery | string => {
    const parsed = provinceReportQuerySchema.safeParse(raw);
    if (!parsed.success) return problem(parsed.error, PROVINCE_VI.badReportQuery);
    if (daysBetween(parsed.data.from, parsed.data.to) > MAX_REPORT_DAYS)
      return PROVINCE_VI.tooManyDays(MAX_REPORT_DAYS);
    return parsed.data;
  };

  app.get('/api/province/report', async (request, reply) => {
    const who = await reach(request, reply);
    if (!who) return reply;
    const query = parseReport(request.query);
    if (typeof query === 'string') return sendFailure(reply, 'BAD_REQUEST', query);
    const started = performance.now();
    const [sites, catalogue] = await Promise.all([deps.sites(), deps.readCatalogue()]);
    const mine = sites.filter((s) => who.visible(s.id));
    const siteQuery: ReportQuery = {
      from: query.from,
      to: query.to,
      groupBy: siteGrouping(query.groupBy),
    };
    const parts = await mapPooled(mine, REPORT_CONCURRENCY, async (s) => ({
      siteId: s.id,
      siteName: s.state.config.site.name,
      config: s.state.config,
      report: await deps.report(s.id, siteQuery),
    }));
    const combined = combineReports({ ...query, parts, catalogue, now: deps.clock.now() });
    const report: ProvinceReport = {
      ...combined,
      elapsedMs: Math.round(performance.now() - started),
    };
    const file = `bao-cao-toan-tinh-${query.groupBy}-${query.from}-${query.to}`;
    if (query.format === 'csv')
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file}.csv"`)
        .send(reportCsv(report));
    if (query.format === 'xlsx')
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${file}.xlsx"`)
        .send(await reportXlsx(report, PROVINCE_VI.workbookTitle(mine.length)));
    return { ok: true, data: report };
  });

  app.get('/api/province/catalogue', async (request, reply) => {
    if (!(await reach(request, reply))) return reply;
    return { ok: true, data: await deps.readCatalogue() };
  });

  app.put('/api/province/catalogue', async (request, reply) => {
    if (!(await provinceAdmin(request, reply))) return reply;
    const parsed = catalogueSchema.safeParse(request.body);
    if (!parsed.success)
      return sendFailure(reply, 'BAD_REQUEST', problem(parsed.error, PROVINCE_VI.badCatalogue));
    await deps.writeCatalogue(parsed.data);
    return { ok: true, data: parsed.data };
  });

  app.post('/api/province/sites', async (request, reply) => {
    if (!(await provinceAdmin(request, reply))) return reply;
    const parsed = newSiteSchema.safeParse(request.body);
    if (!parsed.success)
      return sendFailure(reply, 'BAD_REQUEST', problem(parsed.error, PROVINCE_VI.badSite));
    const { id, name, timeZone } = parsed.data;
    if ((await deps.sites()).some((s) => s.id === id))
      return sendFailure(reply, 'INVALID_STATE', PROVINCE_VI.siteIdTaken(id));
    await deps.createSite(id, newSiteConfig({ name, timeZone }));
    return reply.code(201).send({ ok: true, data: { id } });
  });
}
