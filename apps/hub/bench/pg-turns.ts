// Commands per second through `Store.turn` on PostgreSQL, and how long each turn's transaction
// takes (lock the site's head, catch up, store, NOTIFY, COMMIT): many sites, several store
// instances ("nodes") on one throwaway server, each node issuing on every site in its own loop,
// one command per turn (the worst case: no group commit).
//   pnpm bench:pg-turns [--sites 100] [--nodes 2] [--seconds 15] [--pool 10]
import { parseArgs } from 'node:util';
import pino from 'pino';
import { startPostgres } from '../testing/postgres.ts';
import { openPgProvince } from '../src/pg/province-store.ts';
import type { Store } from '../src/store.ts';
import { createTestNode, oneFieldConfig } from '../testing/pg-node.ts';

const { values } = parseArgs({
  options: {
    sites: { type: 'string', default: '100' },
    nodes: { type: 'string', default: '2' },
    seconds: { type: 'string', default: '15' },
    pool: { type: 'string', default: '10' },
    batch: { type: 'string', default: '1' },
    /** PostgreSQL settings for a comparison, e.g. --pg synchronous_commit=off. */
    pg: { type: 'string', multiple: true, default: [] },
  },
});
const sites = Number(values.sites);
const nodeCount = Number(values.nodes);
const seconds = Number(values.seconds);
const poolSize = Number(values.pool);
const batch = Number(values.batch);

const server = await startPostgres({
  settings: {
    max_connections: String(nodeCount * poolSize + 20),
    ...Object.fromEntries(values.pg.map((kv) => kv.split('=') as [string, string])),
  },
});
const log = pino({ level: 'warn' });
try {
  const stores = [];
  for (let n = 0; n < nodeCount; n++)
    stores.push(await openPgProvince({ url: server.url, log, poolSize }));
  const ids = Array.from({ length: sites }, (_, i) => `xa-${String(i + 1).padStart(3, '0')}`);
  for (const id of ids) await stores[0]!.createSite(id, oneFieldConfig(id), 0);

  const turnsMs: number[] = [];
  const commitMs: number[] = [];
  let commands = 0;
  let failures = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    stores.flatMap((store, n) =>
      ids.map(async (id) => {
        const site = store.site(id);
        // Commit time: from the moment the site's lock is held (decide is called) to the
        // commit acknowledged: the writes, COMMIT and its flush to disk.
        const timed: Store = {
          ...site,
          turn: (afterSeq, decide) => {
            let locked = 0;
            return site.turn!(afterSeq, (missed) => {
              locked = performance.now();
              return decide(missed);
            }).then((seqs) => {
              commitMs.push(performance.now() - locked);
              return seqs;
            });
          },
        };
        const node = createTestNode(`n${n}-${id}`, timed);
        while (performance.now() < until) {
          const t = performance.now();
          try {
            await node.issue(batch);
            turnsMs.push(performance.now() - t);
            commands += batch;
          } catch {
            failures++;
          }
        }
      }),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  const pct = (values: number[]) => {
    values.sort((a, b) => a - b);
    const at = (p: number) =>
      +values[Math.min(values.length - 1, Math.floor(p * values.length))]!.toFixed(1);
    return { p50: at(0.5), p99: at(0.99), max: at(1) };
  };
  console.log(
    JSON.stringify(
      {
        sites,
        nodes: nodeCount,
        poolPerNode: poolSize,
        commandsPerTurn: batch,
        seconds: Number(elapsed.toFixed(1)),
        commands,
        commandsPerSecond: Math.round(commands / elapsed),
        turnsPerSecond: Math.round(turnsMs.length / elapsed),
        // A turn as its caller waits for it: a pooled connection, the site's lock, the commit.
        turnMs: pct(turnsMs),
        commitMs: pct(commitMs),
        failures,
      },
      null,
      2,
    ),
  );
  await Promise.all(stores.map((s) => s.close()));
} finally {
  await server.stop();
}
