import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { staffingQuerySchema, type StaffingQuery } from '@luot/protocol';
import type { Clock } from '../clock.ts';
import type { ProvinceStore, ReportEngine } from '../store.ts';
import type { Site, Sites } from '../sites.ts';
import { sendFailure } from '../http-errors.ts';
import { belongsTo } from '../identity.ts';
import { requireStaff } from '../staff-auth.ts';
import { tooLong } from './report-routes.ts';
import {
  STAFFING_QUERY_FALLBACK_VI,
  STAFFING_QUERY_VI,
  STAFFING_UNKNOWN_PARAM_VI,
} from './staffing-labels-vi.ts';
import { staffingXlsx } from './staffing-xlsx.ts';

const STAFF = ['supervisor', 'admin'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The query of a staffing plan, or what is wrong with it (Vietnamese, for a person). */
export function parseStaffingQuery(raw: unknown): StaffingQuery | string {
  const parsed = staffingQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return STAFFING_QUERY_FALLBACK_VI;
    if (issue.code === 'unrecognized_keys')
      return `${STAFFING_UNKNOWN_PARAM_VI} ${issue.keys.join(', ')}.`;
    const key = String(issue.path[0] ?? '');
    // The period's schema speaks Vietnamese; zod's own messages of the numbers are English.
    if (issue.code === 'custom') return key ? `${key}: ${issue.message}` : issue.message;
    return STAFFING_QUERY_VI[key] ?? STAFFING_QUERY_FALLBACK_VI;
  }
  return tooLong(parsed.data.from, parsed.data.to) ?? parsed.data;
}

/**
 * The staffing planner for supervisors and admins (Bearer session): GET /api/reports/staffing
 * (JSON `StaffingPlan`) and /api/reports/staffing.xlsx, both with ?from&to&targetShare&
 * withinMinutes&arrivalsFactor&serviceFactor&counterDelta, and `site` for a person of several
 * sites (default: the session's). Reads only; a bad query is 400 and changes nothing.
 */
export function registerStaffingRoutes(
  app: FastifyInstance,
  deps: {
    province: ProvinceStore;
    sites: Sites;
    reports: ReportEngine;
    clock: Clock;
    sessionIdleMs: number;
    log: Logger;
  },
) {
  /** The site and query of a request, or null when the reply is already sent. */
  const resolve = async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ site: Site; query: StaffingQuery } | null> => {
    const staff = await requireStaff(request, reply, deps, STAFF);
    if (!staff) return null;
    const query = parseStaffingQuery(request.query);
    if (typeof query === 'string') {
      void sendFailure(reply, 'BAD_REQUEST', query);
      return null;
    }
    const siteId = query.site ?? staff.siteId;
    if (siteId !== staff.siteId && !belongsTo(staff.sites, siteId)) {
      void sendFailure(reply, 'FORBIDDEN');
      return null;
    }
    const site = deps.sites.get(siteId);
    if (!site) {
      void sendFailure(reply, 'NOT_FOUND');
      return null;
    }
    return { site, query };
  };

  const plan = async (site: Site, query: StaffingQuery) => {
    try {
      const { config } = (await site.queue.durable()).state;
      return {
        plan: await deps.reports.staffing(site.id, query, config, deps.clock.now()),
        config,
      };
    } catch (err) {
      deps.log.error({ err, query }, 'staffing plan failed');
      return null;
    }
  };

  app.get('/api/reports/staffing', async (request, reply) => {
    const at = await resolve(request, reply);
    if (!at) return reply;
    const answer = await plan(at.site, at.query);
    if (!answer) return sendFailure(reply, 'INTERNAL');
    return { ok: true, data: answer.plan };
  });

  app.get('/api/reports/staffing.xlsx', async (request, reply) => {
    const at = await resolve(request, reply);
    if (!at) return reply;
    const answer = await plan(at.site, at.query);
    if (!answer) return sendFailure(reply, 'INTERNAL');
    const body = await staffingXlsx(answer.plan, {
      siteName: answer.config.site.name,
      timeZone: answer.config.site.timeZone,
      generatedAt: deps.clock.now(),
    });
    const { from, to } = at.query;
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="ke-hoach-quay-${from}-${to}.xlsx"`)
      .send(body);
  });
}
