// API keys on a province: two nodes on one real PostgreSQL. A key made on one node works on the
// other; revoked on one, it is refused by the other at its next request (no cache to wait out).
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres, startPostgres, type TestPostgres } from '../testing/postgres.ts';
import { createApiKey, resolveApiKey } from './api-keys.ts';
import { createFakeClock } from './clock.ts';
import { openPgProvince, type PgProvinceStore } from './pg/index.ts';

if (!hasPostgres) console.warn('API keys on PostgreSQL: skipped, PostgreSQL is not installed');

const T0 = Date.parse('2026-11-23T02:00:00Z');
const log = pino({ level: 'silent' });

describe.skipIf(!hasPostgres)('API keys on a province (two nodes, PostgreSQL)', () => {
  let server: TestPostgres;
  let nodes: PgProvinceStore[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    const url = await server.createDatabase();
    nodes = await Promise.all([0, 1].map(() => openPgProvince({ url, log, poolSize: 3 })));
  }, 60_000);
  afterAll(async () => {
    for (const node of nodes) await node.close();
    await server?.stop();
  });

  it('a key made on one node works on the other, until revoked on either', async () => {
    const clock = createFakeClock(T0);
    const [a, b] = nodes.map((province) => ({ province, clock }));
    const key = await createApiKey(
      a!,
      { name: 'Một cửa', siteId: 'xa-a', permissions: ['queue:read'] },
      'admin',
    );
    const header = `Bearer ${key.secret}`;
    // Requests at once on both nodes: all admitted, one use recorded.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => resolveApiKey(i % 2 ? a! : b!, header)),
    );
    expect(answers.every((r) => r.ok)).toBe(true);
    expect((await a!.province.apiKeyById(key.id))!.lastUsedAt).toBe(T0);

    clock.advance(1_000);
    expect(await a!.province.revokeApiKey(key.id, 'admin', clock.now())).toBe(true);
    expect(await resolveApiKey(b!, header)).toEqual({ ok: false, reason: 'revoked' });
    expect(await resolveApiKey(a!, header)).toEqual({ ok: false, reason: 'revoked' });
  });
});
