// The province store on a real PostgreSQL server: the port's conformance suite, and the
// migrations applied once when several nodes start at the same time.
import pino from 'pino';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres, startPostgres, type TestPostgres } from '../../testing/postgres.ts';
import { describeProvinceStore } from '../store-conformance.ts';
import { openPgProvince } from './province-store.ts';
import { migrationFiles } from './migrate.ts';
import { oneFieldConfig } from '../../testing/pg-node.ts';

if (!hasPostgres)
  console.warn('pg store: skipped, PostgreSQL is not installed (apt-get install postgresql)');

const log = pino({ level: 'silent' });

describe.skipIf(!hasPostgres)('PostgreSQL province store', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  describeProvinceStore('PostgreSQL', async () =>
    openPgProvince({ url: await server.createDatabase(), log, poolSize: 3 }),
  );

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
