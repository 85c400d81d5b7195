// Registers the REST API's routes (routes.ts, docs.ts) on the staff listener: the key checked,
// then its site and permission, then the route run through `dispatch`; every refusal in the
// hub's error shape with its status, changing nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_STATUS, type ApiPermission, type ErrorCode } from '@luot/protocol';
import { sendFailure } from '../http-errors.ts';
import type { SiteReports } from '../reports/report-routes.ts';
import type { Sites } from '../sites.ts';
import type { Dispatch } from '../sockets/socket-server.ts';
import { fastifyPath } from './openapi.ts';
import type { CallerKey, RestAnswer, RestRoute } from './route.ts';
import { REST_MESSAGES_VI } from './messages-vi.ts';

/** How a request's key is found and what it may do (api-keys.ts). */
export interface RestKeys {
  /** The key of an `Authorization: Bearer …` header (its use recorded); null: none, unknown or revoked. */
  resolve(authorization: string | undefined): Promise<CallerKey | null>;
  /** Whether the key may act at this site with this permission. */
  may(key: CallerKey, siteId: string, permission: ApiPermission): boolean;
}

/** Registers every route of `routes` under /api/v1. */
export function registerRestRoutes(
  app: FastifyInstance,
  routes: readonly RestRoute[],
  deps: { sites: Sites; keys: RestKeys; dispatch: Dispatch; reports: SiteReports },
): void {
  for (const route of routes)
    app.route({
      method: route.method,
      url: fastifyPath(route.path),
      handler: (request, reply) => serve(route, request, reply),
    });

  async function serve(route: RestRoute, request: FastifyRequest, reply: FastifyReply) {
    const params = route.params.safeParse(request.params);
    const key = route.permission ? await deps.keys.resolve(request.headers.authorization) : null;
    if (route.permission && !key) return refuse(reply, 'UNAUTHENTICATED', REST_MESSAGES_VI.noKey);
    if (!params.success) return refuse(reply, 'BAD_REQUEST', pathProblem(params.error.issues));
    const siteId = (params.data as { siteId?: string }).siteId ?? '';
    if (key && route.permission && !deps.keys.may(key, siteId, route.permission))
      return refuse(reply, 'FORBIDDEN', REST_MESSAGES_VI.forbidden);
    const site = deps.sites.get(siteId);
    if (route.permission && !site) return refuse(reply, 'NOT_FOUND', REST_MESSAGES_VI.noSite);
    const answer = await route.run(
      {
        key: key ?? { id: '', name: '', siteId: null, permissions: [] },
        site: site!,
        dispatch: deps.dispatch,
        reports: deps.reports,
        publicUrl: `${request.protocol}://${request.host}`,
      },
      { params: params.data as Record<string, string>, query: request.query, body: request.body },
    );
    return send(reply, answer);
  }
}

function pathProblem(issues: readonly { path: PropertyKey[]; code: string }[]): string {
  const first = issues[0];
  return first ? `${first.path.map(String).join('.') || 'path'}: ${first.code}` : 'path';
}

function refuse(reply: FastifyReply, code: ErrorCode, message: string) {
  return sendFailure(reply, code, message);
}

function send(reply: FastifyReply, answer: RestAnswer) {
  if (!answer.ok) {
    // A kiosk's interval: a key may issue again once it has passed (2 s by default).
    if (answer.error.code === 'RATE_LIMITED') void reply.header('retry-after', '2');
    return reply.code(HTTP_STATUS[answer.error.code]).send(answer);
  }
  if ('file' in answer) {
    const { file } = answer;
    void reply.header('content-type', file.contentType);
    if (file.name) void reply.header('content-disposition', `attachment; filename="${file.name}"`);
    if (file.maxAgeS) void reply.header('cache-control', `public, max-age=${file.maxAgeS}`);
    return reply.send(file.body);
  }
  return reply.send(answer);
}
