// A tiny HTTP route that needs an API key, for tests of keys before (or without) the REST API:
// it answers 200 with the key's identity, 401 with the reason, 403 when the key may not act.
import Fastify from 'fastify';
import type { ApiPermission } from '@luot/protocol';
import { mayUseKey, resolveApiKey } from '../src/api-keys.ts';
import type { Clock } from '../src/clock.ts';
import { asyncProvince, type SqliteProvince } from '../src/db/store.ts';

/**
 * Listens on 127.0.0.1 beside a test hub, on the same store: `GET /probe/<site>/<permission>`
 * with `Authorization: Bearer luot_k_…`.
 */
export async function startApiKeyProbe(
  sqlite: SqliteProvince,
  clock: Clock,
): Promise<{ url: string; close(): Promise<void> }> {
  const province = asyncProvince(sqlite);
  const app = Fastify();
  app.get<{ Params: { site: string; permission: string } }>(
    '/probe/:site/:permission',
    async (request, reply) => {
      const resolved = await resolveApiKey({ province, clock }, request.headers.authorization);
      if (!resolved.ok)
        return reply.code(401).send({ ok: false, error: { code: resolved.reason } });
      const { site, permission } = request.params;
      if (!mayUseKey(resolved.key, site, permission as ApiPermission))
        return reply.code(403).send({ ok: false, error: { code: 'FORBIDDEN' } });
      return { ok: true, data: resolved.key };
    },
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}
