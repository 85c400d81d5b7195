// The REST API (issue 16): its routes, their document and reference page, registered together.
import type { FastifyInstance } from 'fastify';
import { mayUseKey, resolveApiKey, type ApiKeyDeps } from '../api-keys.ts';
import { docRoutes } from './docs.ts';
import { openApiDocument } from './openapi.ts';
import type { RestRoute } from './route.ts';
import { REST_ROUTES } from './routes.ts';
import { registerRestRoutes, type RestKeys } from './serve.ts';
import type { Sites } from '../sites.ts';
import type { Dispatch } from '../sockets/socket-server.ts';
import type { SiteReports } from '../reports/report-routes.ts';

/** The version of the REST API (its paths start /api/v1). */
export const REST_API_VERSION = '1.0.0';

/** Every /api/v1 route: the API's and its reference's. What is served is what is documented. */
export function restApiRoutes(): { routes: readonly RestRoute[]; document: () => string } {
  let text: string | null = null;
  const document = () => (text ??= JSON.stringify(openApiDocument(routes, REST_API_VERSION)));
  const routes: readonly RestRoute[] = [...REST_ROUTES, ...docRoutes(document)];
  return { routes, document };
}

/** Registers the REST API, its document and its reference page on a listener. */
export function registerRestApi(
  app: FastifyInstance,
  deps: ApiKeyDeps & { sites: Sites; dispatch: Dispatch; reports: SiteReports },
): void {
  const keys: RestKeys = {
    async resolve(authorization) {
      const found = await resolveApiKey(deps, authorization);
      return found.ok ? { ...found.key, id: found.key.keyId } : null;
    },
    may: mayUseKey,
  };
  registerRestRoutes(app, restApiRoutes().routes, { ...deps, keys });
}
