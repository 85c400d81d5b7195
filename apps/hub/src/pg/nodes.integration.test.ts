// Several hub nodes on one PostgreSQL: one site's commands ordered by the database across
// nodes, a server restarted under load, and commits heard by the other nodes.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres, startPostgres, type TestPostgres } from '../../testing/postgres.ts';
import { openPgProvince, type PgProvinceStore } from './province-store.ts';
import { createTestNode, oneFieldConfig } from '../../testing/pg-node.ts';
import { isUnavailable } from './unavailable.ts';

if (!hasPostgres)
  console.warn('pg nodes: skipped, PostgreSQL is not installed (apt-get install postgresql)');

const log = pino({ level: 'silent' });

/** What the database holds for a site: its tickets' numbers in event order, and its head. */
async function stored(url: string, site: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const events = await client.query<{ seq: string; ticket_id: string }>(
      'SELECT seq, ticket_id FROM events WHERE site_id = $1 ORDER BY seq',
      [site],
    );
    const tickets = await client.query<{ id: string; number: number }>(
      'SELECT id, number FROM tickets WHERE site_id = $1',
      [site],
    );
    const head = await client.query<{ head_seq: string }>(
      'SELECT head_seq FROM sites WHERE id = $1',
      [site],
    );
    const numberOf = new Map(tickets.rows.map((t) => [t.id, t.number]));
    return {
      seqs: events.rows.map((e) => Number(e.seq)),
      ticketIds: events.rows.map((e) => e.ticket_id),
      numbers: events.rows.map((e) => numberOf.get(e.ticket_id)),
      ticketRows: tickets.rows.length,
      head: Number(head.rows[0]?.head_seq ?? 0),
    };
  } finally {
    await client.end();
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe.skipIf(!hasPostgres)('hub nodes sharing PostgreSQL', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const twoNodes = async (url: string): Promise<[PgProvinceStore, PgProvinceStore]> => {
    const a = await openPgProvince({ url, log, poolSize: 4 });
    const b = await openPgProvince({ url, log, poolSize: 4 });
    await a.createSite('xa-a', oneFieldConfig('Xã A'), 0);
    return [a, b];
  };

  it('two nodes issuing on one site at once: numbers unique and contiguous, every command kept', async () => {
    const url = await server.createDatabase();
    const [a, b] = await twoNodes(url);
    const nodes = [createTestNode('a', a.site('xa-a')), createTestNode('b', b.site('xa-a'))];
    const resolved: { numbers: number[]; seqs: number[][] }[] = [];
    // Each node issues 60 times, some turns with a group of 3 commands, both nodes at once.
    await Promise.all(
      nodes.map(async (node) => {
        for (let i = 0; i < 60; i++) resolved.push(await node.issue(i % 5 === 0 ? 3 : 1));
      }),
    );
    const total = resolved.reduce((n, r) => n + r.numbers.length, 0);
    expect(total).toBe(2 * (12 * 3 + 48));
    const db = await stored(url, 'xa-a');
    expect(db.seqs).toEqual(range(total));
    expect(db.numbers).toEqual(range(total));
    expect(db.head).toBe(total);
    // Every acknowledged command is there, with the number its node gave it, at its seq.
    for (const r of resolved)
      r.seqs.flat().forEach((seq, i) => expect(db.numbers[seq - 1]).toBe(r.numbers[i]));
    // The other node's commands reached each node's decision in order, without a gap.
    expect(nodes.flatMap((n) => n.gaps)).toEqual([]);
    // The nodes did interleave: each decided after commits of the other it had not seen.
    for (const node of nodes) expect(node.handed.count).toBeGreaterThan(0);
    await Promise.all([a.close(), b.close()]);
  });

  it('PostgreSQL killed mid-rush: calls refused as unavailable, nothing half-written, then served again', async () => {
    const url = await server.createDatabase();
    const [a, b] = await twoNodes(url);
    const nodes = [createTestNode('a', a.site('xa-a')), createTestNode('b', b.site('xa-a'))];
    const acknowledged: number[] = [];
    const refusals: unknown[] = [];
    let stop = false;
    const rush = nodes.map(async (node) => {
      while (!stop) {
        try {
          acknowledged.push(...(await node.issue(2)).numbers);
        } catch (err) {
          refusals.push(err);
          await new Promise((r) => setTimeout(r, 20));
          // Whether the failed turn committed is not known: catch up before deciding again.
          await node.catchUp().catch(() => {});
        }
      }
    });
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 10));
    await server.kill();
    // While it is down, every call is refused at once, recognisably.
    const down = await a
      .site('xa-a')
      .lastSeq()
      .catch((err: unknown) => err);
    expect(isUnavailable(down)).toBe(true);
    await expect(b.listSites()).rejects.toSatisfy(isUnavailable);
    await server.start();
    const before = acknowledged.length;
    // Served again by the same stores, without reopening them.
    while (acknowledged.length < before + 40) await new Promise((r) => setTimeout(r, 10));
    stop = true;
    await Promise.all(rush);

    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every(isUnavailable)).toBe(true);
    const db = await stored(url, 'xa-a');
    // Whole commands only: every event has its ticket row, numbers and seqs run without a gap.
    expect(db.ticketRows).toBe(db.seqs.length);
    expect(db.seqs).toEqual(range(db.seqs.length));
    expect(db.numbers).toEqual(range(db.seqs.length));
    expect(db.head).toBe(db.seqs.length);
    for (const n of acknowledged) expect(db.numbers).toContain(n);
    await Promise.all([a.close(), b.close()]);
  });

  it("a node killed while it holds a site's lock: the lock is freed, nothing of it stored", async () => {
    const url = await server.createDatabase();
    const [a, b] = await twoNodes(url);
    const script = fileURLToPath(new URL('../../testing/pg-hold-lock.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, url, 'xa-a'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('locked')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the locking node exited (${code})`)));
    });
    // This node's turn waits for the lock, and goes through once the holder is killed.
    const node = createTestNode('b', b.site('xa-a'));
    const waiting = node.issue();
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    const waitingForLock = async () =>
      Number(
        (
          await watcher.query(
            `SELECT count(*) AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )
        ).rows[0].n,
      );
    await expect.poll(waitingForLock).toBe(1);
    await watcher.end();
    child.kill('SIGKILL');
    expect(await waiting).toEqual({ numbers: [1], seqs: [[1]] });
    const db = await stored(url, 'xa-a');
    expect(db.seqs).toEqual([1]);
    expect(db.ticketIds).toEqual(['b-1']);
    await Promise.all([a.close(), b.close()]);
  });

  it("hears another node's commits, and catches up after the server restarts", async () => {
    const url = await server.createDatabase();
    const [a, b] = await twoNodes(url);
    await a.createSite('xa-b', oneFieldConfig('Xã B'), 0);
    const heard: string[] = [];
    b.onCommit((site, seq) => heard.push(`${site}:${seq}`));
    await b.listening();
    const node = createTestNode('a', a.site('xa-a'));
    await node.issue();
    await node.issue(2);
    await expect.poll(() => heard).toEqual(['xa-a:1', 'xa-a:3']);

    await server.restart();
    // A commit made while the listener is still away is reported by the catch-up: every site
    // with its head once the listener is back.
    for (;;) {
      try {
        await node.issue();
        break;
      } catch (err) {
        expect(isUnavailable(err)).toBe(true);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await b.listening();
    await expect.poll(() => heard).toContain('xa-a:4');
    expect(heard).toContain('xa-b:0');
    // And it listens again: the next commit is heard as it happens.
    await node.issue();
    await expect.poll(() => heard).toContain('xa-a:5');
    await Promise.all([a.close(), b.close()]);
  });
});
