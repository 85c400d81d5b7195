// The tamper-evident log on a real PostgreSQL: two hub nodes writing one site's chains at once,
// rows changed behind the hub's back with SQL (verify names each), and a centre's chain carried
// by `luot migrate` and going on in the province.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@luot/protocol';
import { hasPostgres, startPostgres, type TestPostgres } from '../../testing/postgres.ts';
import { createTestNode, issueCommand, oneFieldConfig } from '../../testing/pg-node.ts';
import { verifyChains, type PublishedCode } from '../chain/verify.ts';
import { runCli } from '../cli.ts';
import { asyncProvince, createProvinceStore, openDatabase } from '../db/index.ts';
import { migrateToPostgres } from '../migrate-to-postgres.ts';
import type { Store, StoredCommand } from '../store.ts';
import { openPgChainSource } from './chain-source.ts';
import { openPgProvince, type PgProvinceStore } from './province-store.ts';

if (!hasPostgres)
  console.warn('pg chain: skipped, PostgreSQL is not installed (apt-get install postgresql)');

const log = pino({ level: 'silent' });
const T0 = Date.parse('2026-11-23T02:00:00Z');

const audit = (site: Store, n: number, actor = 'user:admin'): Promise<number> =>
  site.appendAudit({
    at: T0 + n,
    actor,
    action: 'media.upload',
    target: `media-${n}`,
    detail: { name: `Ảnh ${n}` },
  } satisfies Omit<AuditEntry, 'id'>);

/** The kiosk's issue of ticket `number` on the next day, 2026-11-24. */
function issueNextDay(id: string, number: number): StoredCommand {
  const c = issueCommand(id, number, 'device:k1');
  const row = c.rows[0]!;
  if (row.kind !== 'ticket.insert') throw new Error('an issue inserts its ticket');
  const ticket = { ...row.ticket, day: '2026-11-24', issuedAt: row.ticket.issuedAt + 86_400_000 };
  return {
    ...c,
    events: [{ type: 'ticket.issued', at: ticket.issuedAt, day: ticket.day, ticket }],
    rows: [{ ...row, ticket }],
  };
}

async function verify(url: string, site = 'xa-a', published: PublishedCode[] = []) {
  const source = await openPgChainSource(url);
  try {
    const result = await verifyChains(source, { sites: [site], published });
    return { ...result.sites[0]!, intact: result.intact };
  } finally {
    await source.close();
  }
}

async function sql(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

describe.skipIf(!hasPostgres)('the tamper-evident log on PostgreSQL', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  }, 120_000);

  const twoNodes = async (url: string): Promise<[PgProvinceStore, PgProvinceStore]> => {
    const a = await openPgProvince({ url, log, poolSize: 4 });
    const b = await openPgProvince({ url, log, poolSize: 4 });
    await a.createSite('xa-a', oneFieldConfig('Xã A'), 0);
    return [a, b];
  };

  it('two nodes issuing and auditing on one site at once: each chain stays one line, verify intact', async () => {
    const url = await server.createDatabase();
    const [a, b] = await twoNodes(url);
    const nodes = [createTestNode('a', a.site('xa-a')), createTestNode('b', b.site('xa-a'))];
    await Promise.all([
      ...nodes.map(async (node) => {
        for (let i = 0; i < 40; i++) await node.issue(i % 4 === 0 ? 3 : 1);
      }),
      ...[a, b].map(async (store, k) => {
        for (let n = 0; n < 30; n++) await audit(store.site('xa-a'), k * 100 + n, `user:${k}`);
      }),
    ]);
    const result = await verify(url);
    expect(result.events.finding).toBeNull();
    expect(result.audit.finding).toBeNull();
    expect(result.events.records).toBe(2 * (10 * 3 + 30));
    expect(result.audit.records).toBe(60);
    expect(result.intact).toBe(true);
    // The heads kept with the site are the last records' hashes.
    const head = await sql(url, `SELECT head_hash FROM sites WHERE id = 'xa-a'`);
    const last = await sql(
      url,
      `SELECT hash FROM events WHERE site_id = 'xa-a' ORDER BY seq DESC LIMIT 1`,
    );
    expect(head.rows[0].head_hash).toBe(last.rows[0].hash);
    await Promise.all([a.close(), b.close()]);
  });

  describe('rows changed with SQL: verify names the first one', () => {
    /** A site with 8 events (seq 1–8) and 5 audit records; resolves the URL and audit ids. */
    const built = async () => {
      const url = await server.createDatabase();
      const store = await openPgProvince({ url, log, poolSize: 2 });
      await store.createSite('xa-a', oneFieldConfig('Xã A'), 0);
      const site = store.site('xa-a');
      for (let n = 1; n <= 8; n++) await site.append([issueCommand(`t${n}`, n, 'device:k1')]);
      const ids: number[] = [];
      for (let n = 1; n <= 5; n++) ids.push(await audit(site, n));
      await store.close();
      expect((await verify(url)).intact).toBe(true);
      return { url, ids };
    };

    it('an event edited', async () => {
      const { url } = await built();
      await sql(
        url,
        `UPDATE events SET payload = replace(payload, '"number":4', '"number":40')
         WHERE site_id = 'xa-a' AND seq = 4`,
      );
      const result = await verify(url);
      expect(result.intact).toBe(false);
      expect(result.events.finding).toMatchObject({ kind: 'edited', pos: 4 });
    });

    it('an event deleted', async () => {
      const { url } = await built();
      await sql(url, `DELETE FROM events WHERE site_id = 'xa-a' AND seq = 5`);
      expect((await verify(url)).events.finding).toMatchObject({ kind: 'deleted', pos: 6 });
    });

    it('two events swapped', async () => {
      const { url } = await built();
      await sql(
        url,
        `UPDATE events SET seq = -seq WHERE site_id = 'xa-a' AND seq IN (3, 4);
         UPDATE events SET seq = CASE seq WHEN -3 THEN 4 ELSE 3 END
         WHERE site_id = 'xa-a' AND seq IN (-3, -4)`,
      );
      expect((await verify(url)).events.finding).toMatchObject({ kind: 'reordered', pos: 3 });
    });

    it('an audit record deleted', async () => {
      const { url, ids } = await built();
      await sql(url, 'DELETE FROM audit_log WHERE id = $1', [ids[2]]);
      expect((await verify(url)).audit.finding).toMatchObject({ kind: 'deleted', pos: ids[3] });
    });

    it('an audit record inserted between two others', async () => {
      const { url, ids } = await built();
      // Room after the second record (the later ones moved up one), then a forged record there,
      // linked to the second.
      await sql(
        url,
        `CREATE TEMP TABLE later AS SELECT * FROM audit_log WHERE id > ${ids[1]};
         DELETE FROM audit_log WHERE id > ${ids[1]};
         INSERT INTO audit_log OVERRIDING SYSTEM VALUE SELECT id + 1, site_id, at, actor, action,
           target, detail, prev_hash, hash FROM later;
         INSERT INTO audit_log (id, site_id, at, actor, action, target, detail, prev_hash, hash)
           OVERRIDING SYSTEM VALUE
           SELECT id + 1, site_id, at + 1, 'user:ke-gian', action, target, detail, hash, md5(hash)
           FROM audit_log WHERE id = ${ids[1]}`,
      );
      expect((await verify(url)).audit.finding).toMatchObject({
        kind: 'inserted',
        pos: ids[1]! + 1,
      });
    });

    it('a sealed day rewritten with fresh hashes: the published code no longer matches', async () => {
      const url = await server.createDatabase();
      const store = await openPgProvince({ url, log, poolSize: 2 });
      await store.createSite('xa-a', oneFieldConfig('Xã A'), 0);
      const site = store.site('xa-a');
      await site.append([issueCommand('t1', 1, 'device:k1'), issueCommand('t2', 2, 'device:k1')]);
      await site.append([issueNextDay('t3', 1)]);
      const sealed = await site.sealDay('2026-11-23', T0 + 86_400_000);
      await store.close();
      const published = [{ day: '2026-11-23', code: sealed.code }];
      expect((await verify(url, 'xa-a', published)).intact).toBe(true);
      // Someone rewrites the digest row too: the code on the lobby board gives it away.
      await sql(
        url,
        `UPDATE chain_digests SET digest = repeat('a', 64), code = 'AAAA-AAAA-AAAA'
         WHERE site_id = 'xa-a'`,
      );
      const result = await verify(url, 'xa-a', published);
      expect(result.intact).toBe(false);
      expect(result.digests.finding?.day).toBe('2026-11-23');
    });
  });

  it('luot migrate carries the chain: verify intact in the province, and the next event links on', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'luot-chain-mig-')), 'luot.db');
    const centre = asyncProvince(createProvinceStore(openDatabase(path)));
    await centre.createSite('trung-tam', oneFieldConfig('Trung tâm'), 0);
    const local = centre.site('trung-tam');
    for (let n = 1; n <= 4; n++) await local.append([issueCommand(`t${n}`, n, 'device:k1')]);
    for (let n = 1; n <= 3; n++) await audit(local, n);
    await local.append([issueNextDay('u1', 1), issueNextDay('u2', 2)]);
    await audit(local, 10);
    const sealed = await local.sealDay('2026-11-23', T0 + 86_400_000);
    await centre.close();

    const url = await server.createDatabase();
    const counts = await migrateToPostgres({
      sqlitePath: path,
      postgresUrl: url,
      siteId: 'trung-tam',
      as: 'xa-b',
      now: T0,
    });
    expect(counts.digests).toBe(1);
    const published = [{ day: '2026-11-23', code: sealed.code }];
    const after = await verify(url, 'xa-b', published);
    expect([after.events.finding, after.audit.finding, after.digests.finding]).toEqual([
      null,
      null,
      null,
    ]);
    expect(after.events.records).toBe(6);
    expect(after.audit.records).toBe(4);
    expect(after.intact).toBe(true);

    // The province goes on from the last migrated records.
    const province = await openPgProvince({ url, log, poolSize: 2 });
    const site = province.site('xa-b');
    await site.append([issueNextDay('u3', 3)]);
    await audit(site, 11);
    await province.close();
    const links = await sql(
      url,
      `SELECT seq, prev_hash, hash FROM events WHERE site_id = 'xa-b' AND seq IN (6, 7) ORDER BY seq`,
    );
    expect(links.rows[1].prev_hash).toBe(links.rows[0].hash);
    const final = await verify(url, 'xa-b', published);
    expect(final.events.records).toBe(7);
    expect(final.audit.records).toBe(5);
    expect(final.intact).toBe(true);

    // What the operator runs: exit 0 and the lines saying so; then a code not published: 1.
    const dir = mkdtempSync(join(tmpdir(), 'luot-chain-codes-'));
    writeFileSync(join(dir, 'codes.txt'), `2026-11-23 ${sealed.code.toLowerCase()}\n`);
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const code = await runCli(['verify', '--postgres', url, '--site', 'xa-b', ...args], {
        out: (line) => out.push(line),
        err: (line) => out.push(line),
        now: () => T0,
        env: {},
      });
      return { code, out: out.join('\n') };
    };
    const ok = await run('--published', join(dir, 'codes.txt'));
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/xa-b events: intact — 7 records \(seq 1–7\)/);
    expect(ok.out).toMatch(/^Intact/m);
    const wrong = await run('--code', '2026-11-23=AAAA-AAAA-AAAA');
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/TAMPERING FOUND/);
    expect((await run('--data', dir)).code).toBe(2);
  });
});
