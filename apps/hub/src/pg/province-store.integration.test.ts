// The province store on a real PostgreSQL server: the port's conformance suite, and the
// migrations applied once when several nodes start at the same time.
import pino from 'pino';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres, startPostgres, type TestPostgres } from '../../testing/postgres.ts';
import { describeProvinceStore } from '../../testing/store-conformance.ts';
import { describeChainStore } from '../../testing/store-conformance-chain.ts';
import { openPgChainSource } from './chain-source.ts';
import { openPgProvince } from './province-store.ts';
import { migrationFiles } from './migrate.ts';
import { issueCommand, oneFieldConfig } from '../../testing/pg-node.ts';
import { UnknownSiteError } from './commit.ts';
import { isUnavailable } from './unavailable.ts';

if (!hasPostgres)
  console.warn('pg store: skipped, PostgreSQL is not installed (apt-get install postgresql)');

const log = pino({ level: 'silent' });

describe.skipIf(!hasPostgres)('PostgreSQL province store', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  // The shutdown checkpoint writes every database the suite made (one per test, 30 of them):
  // on a busy machine that takes longer than the default minute.
  afterAll(async () => {
    await server?.stop();
  }, 240_000);

  describeProvinceStore('PostgreSQL', async () =>
    openPgProvince({ url: await server.createDatabase(), log, poolSize: 3 }),
  );

  describeChainStore('PostgreSQL', async () => {
    const url = await server.createDatabase();
    return {
      store: await openPgProvince({ url, log, poolSize: 3 }),
      source: () => openPgChainSource(url),
    };
  });

  it('refuses commands for a site that was never created, as not found, not unavailable', async () => {
    const store = await openPgProvince({ url: await server.createDatabase(), log, poolSize: 2 });
    const refused = await store
      .site('khong-co')
      .append([issueCommand('t1', 1, 'device:kiosk-1')])
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(UnknownSiteError);
    expect(isUnavailable(refused)).toBe(false);
    expect(await store.site('khong-co').lastSeq()).toBe(0);
    await store.close();
  });

  it('applies each migration once when several nodes start at the same time', async () => {
    const url = await server.createDatabase();
    const nodes = await Promise.all(
      Array.from({ length: 4 }, () => openPgProvince({ url, log, poolSize: 2 })),
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    await client.end();
    expect(rows).toEqual(migrationFiles().map((m) => ({ version: m.version, name: m.name })));
    // Every node works on the one schema.
    await nodes[0]!.createSite('xa-a', oneFieldConfig('Xã A'), 0);
    expect((await nodes[3]!.listSites()).map((s) => s.id)).toEqual(['xa-a']);
    await Promise.all(nodes.map((n) => n.close()));
  });
});
