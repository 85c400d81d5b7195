/**
 * `pnpm bench --province`: a province's morning — many small sites on one PostgreSQL, served by
 * three hub nodes behind nginx (Redis between them), against the same load on a single node.
 *
 * For each of the two deployments, on a fresh database of the same PostgreSQL server:
 *   1. the sites (a few fields, a few counters each), one clerk per counter, lobby boards and a
 *      kiosk per site, made through the store as `luot site add` / `user add` / `device pair` do;
 *   2. the clerks sign in, boards, counters and kiosks connect (through nginx for the nodes);
 *   3. issuance: every site's kiosk issues the tickets waiting at opening, one at a time as fast
 *      as the hub acknowledges, all sites at once — tickets/s, and PostgreSQL's own time for
 *      each COMMIT (its statement log, see apps/hub/bench/pg-commit-log.ts);
 *   4. phone pages follow some of those tickets; then the rush: clerks call, serve and finish,
 *      kiosks issue on a morning's arrivals, boards and phones watch — call-to-screen from
 *      "call next" to the last board of the caller's site;
 *   5. peak RSS (VmHWM) of every node;
 *   6. three nodes only: one node is killed (SIGKILL) with every client connected; the time
 *      until every client it held has reconnected through nginx and been answered by another
 *      node (its snapshot, a phone its ticket's view); then every kiosk issues once more.
 * Everything it starts (PostgreSQL, Redis, nginx, nodes, load generators) is stopped at the
 * end, and killed on a fatal error.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { siteConfigSchema, type SiteConfig } from '@luot/domain';
import {
  activity,
  commitLog,
  freePort,
  hashPassword,
  openPostgres,
  pairDevice,
  startNginx,
  startPostgres,
  startRedis,
  type RunningNginx,
} from '@luot/hub/bench';
import type {
  ClerkSpec,
  ClientSpec,
  DisplaySpec,
  KioskSpec,
  PhoneSpec,
  WatchRecord,
} from './messages.ts';
import {
  capacityRates,
  drawFields,
  issueFromKiosks,
  rushArrivals,
  runRush,
  type RushResult,
} from './rush.ts';
import { clerkBehaviour, cycleMs, login, mapLimit } from './scenarios.ts';
import { SIM_PASSWORD, startServer, type ServerProcess } from './server-process.ts';
import { middayTimeZone, SIM_FIELDS, simCounters } from './site.ts';
import { distribution, sharedNow, type Distribution } from './stats.ts';
import { startWorkers, type WorkerPool } from './worker-pool.ts';

const NGINX_RECIPE = fileURLToPath(
  new URL('../../apps/hub/deploy/nginx-nodes.conf', import.meta.url),
);

export interface ProvinceBenchOptions {
  sites: number;
  countersPerSite: number;
  displaysPerSite: number;
  /** Phone pages per site, following tickets waiting at opening. */
  phonesPerSite: number;
  /** Tickets each site's kiosk issues before the rush (the issuance measurement). */
  prefillPerSite: number;
  nodes: number;
  durationMs: number;
  warmupMs: number;
  speed: number;
  load: number;
  seed: number;
  workers: number;
  log: (message: string) => void;
}

export const PROVINCE_BENCH: Omit<ProvinceBenchOptions, 'workers' | 'log'> = {
  sites: 100,
  countersPerSite: 4,
  displaysPerSite: 2,
  phonesPerSite: 14,
  prefillPerSite: 30,
  nodes: 3,
  durationMs: 40_000,
  warmupMs: 5_000,
  speed: 60,
  load: 1,
  seed: 20_261_130,
};

export const PROVINCE_BENCH_QUICK: Omit<ProvinceBenchOptions, 'workers' | 'log'> = {
  ...PROVINCE_BENCH,
  sites: 30,
  countersPerSite: 3,
  phonesPerSite: 6,
  prefillPerSite: 20,
  durationMs: 15_000,
  warmupMs: 3_000,
};

/** The fields of a small centre: the three busiest of the simulator's. */
const SMALL_FIELDS = SIM_FIELDS.slice(0, 3);

function smallSiteConfig(name: string, counters: number, timeZone: string): SiteConfig {
  return siteConfigSchema.parse({
    site: { name, timeZone },
    fields: SMALL_FIELDS.map((f, i) => ({
      id: f.id,
      name: f.name,
      numbering: { prefix: String.fromCharCode(65 + i), start: 1, digits: 4 },
      sessions: [{ from: '00:00', to: '23:59' }],
      defaultServiceMinutes: f.serviceMinutes,
      kioskOrder: i,
    })),
    counters: simCounters(SMALL_FIELDS, counters).map((c, i) => ({
      ...c,
      number: i + 1,
      name: `Quầy ${i + 1}`,
    })),
    priorityClasses: [{ id: 'nguoi-cao-tuoi', name: 'Người cao tuổi' }],
    calendar: { workingDays: [0, 1, 2, 3, 4, 5, 6] },
  });
}

interface SitePeople {
  siteId: string;
  config: SiteConfig;
  clerks: { username: string; counterId: string }[];
  displays: string[];
  kiosk: string;
}

/** Creates the sites, their clerks (one password, hashed once) and paired devices. */
async function seedProvince(url: string, o: ProvinceBenchOptions): Promise<SitePeople[]> {
  const province = await openPostgres(url);
  try {
    const at = Date.now();
    const timeZone = middayTimeZone(at);
    const passwordHash = await hashPassword(SIM_PASSWORD);
    const ids = Array.from({ length: o.sites }, (_, i) => `xa-${String(i + 1).padStart(3, '0')}`);
    return await mapLimit(ids, 2, async (siteId) => {
      const config = smallSiteConfig(`Xã ${siteId}`, o.countersPerSite, timeZone);
      await province.createSite(siteId, config, at);
      const clerks = config.counters.map((c, i) => ({
        username: `${siteId}.cb${i + 1}`,
        counterId: c.id,
      }));
      for (const c of clerks)
        await province.createUser(
          { username: c.username, name: c.username, role: 'clerk', passwordHash, sites: [siteId] },
          at,
        );
      const store = province.site(siteId);
      const displays: string[] = [];
      // Device ids unique in the province, not only in the site: the hub's per-device socket cap
      // (sockets/limits.ts) counts by device id alone, so every site's `kiosk-1` would share
      // one cap of 4 sockets per node (reported to the lead; refused as RATE_LIMITED).
      for (let i = 1; i <= o.displaysPerSite; i++)
        displays.push(
          await pairDevice(
            store,
            { id: `${siteId}-bang-${i}`, kind: 'display', name: `Bảng ${i}` },
            at,
          ),
        );
      const kiosk = await pairDevice(
        store,
        { id: `${siteId}-kiosk`, kind: 'kiosk', name: 'Kiosk' },
        at,
      );
      return { siteId, config, clerks, displays, kiosk };
    });
  } finally {
    await province.close();
  }
}

/** nginx in front of the nodes: deploy/nginx-nodes.conf with loopback addresses and ports. */
async function startEdge(nodes: ServerProcess[]): Promise<{ nginx: RunningNginx; url: string }> {
  const port = await freePort();
  const recipe = readFileSync(NGINX_RECIPE, 'utf8');
  const servers = nodes
    .map((n) => `    server ${new URL(n.url).host} max_fails=1 fail_timeout=5s;`)
    .join('\n');
  const site = recipe
    .replace(/( {4}server 10\.0\.0\.\d+:8080[^\n]*\n)+/, `${servers}\n`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`);
  if (!site.includes(servers)) throw new Error('nginx-nodes.conf: upstream servers not found');
  // Every client holds two connections through nginx: more than the harness's default 4,096.
  const nginx = await startNginx(site, port, { workerConnections: 16_384 });
  return { nginx, url: `http://127.0.0.1:${port}` };
}

export interface DeploymentResult {
  nodes: number;
  clients: RushResult['clients'];
  setupSeconds: number;
  /** Clients that failed to connect (left out of the run). */
  connectFailures: string[];
  issuance: {
    tickets: number;
    perSecond: number;
    /** Kiosk issue → acknowledgement, ms. */
    latency: Distribution;
    failures: Record<string, number>;
    /** PostgreSQL's duration of each COMMIT during the issuance, ms. */
    commitMs: Distribution;
  };
  rush: Partial<Pick<RushResult, 'records'>> & Omit<RushResult, 'records' | 'clients'>;
  /** Peak RSS (VmHWM) of each node, MB, after the rush. */
  peakRssMb: number[];
  kill?: KillResult;
}

export interface KillResult {
  /** Clients that lost their connection when the node was killed. */
  clients: number;
  byKind: Record<string, number>;
  /** Seconds from the kill until the last of them was served again (null: some never were). */
  allServedSeconds: number | null;
  servedSeconds: Distribution;
  notServed: number;
  /** After that, one ticket from every kiosk through the remaining nodes. */
  issuedAfter: number;
  issueFailuresAfter: Record<string, number>;
}

/**
 * Connects clients, tolerating a few that fail (on a shared, loaded machine a handshake now and
 * then does not complete): they are left out and counted in the results.
 */
async function connectSome(
  pool: WorkerPool,
  url: string,
  clients: ClientSpec[],
  failures: string[],
): Promise<void> {
  const { failed } = await pool.connect('hub', url, clients);
  failures.push(...failed);
  if (failed.length > Math.max(3, clients.length * 0.01))
    throw new Error(
      `${failed.length} of ${clients.length} clients failed to connect, e.g. ${failed.slice(0, 3).join('; ')}`,
    );
}

async function watchKill(
  pool: WorkerPool,
  victim: ServerProcess,
  kiosks: KioskSpec[],
  o: ProvinceBenchOptions,
): Promise<KillResult> {
  await Promise.all(
    Array.from({ length: pool.size }, (_, w) => pool.ask(w, { t: 'watch' }, 'watched')),
  );
  const killAt = sharedNow();
  victim.child.kill('SIGKILL');
  let records: WatchRecord[] = [];
  // Until every client that lost its connection has been served again, for at most 30 s.
  for (const giveUpAt = killAt + 30_000; sharedNow() < giveUpAt;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const replies = await Promise.all(
      Array.from({ length: pool.size }, (_, w) => pool.ask(w, { t: 'watched?' }, 'watched')),
    );
    records = replies.flatMap((r) => r.clients);
    if (records.length > 0 && records.every((r) => r.servedAt !== null)) break;
  }
  const served = records
    .filter((r) => r.servedAt !== null)
    .map((r) => (r.servedAt! - killAt) / 1000);
  const byKind: Record<string, number> = {};
  for (const r of records) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  const notServed = records.length - served.length;
  const after = await issueFromKiosks(
    pool,
    kiosks,
    drawFields(SMALL_FIELDS, kiosks.length, o.seed + 9),
    15_000,
  );
  return {
    clients: records.length,
    byKind,
    allServedSeconds: notServed === 0 && served.length > 0 ? Math.max(...served) : null,
    servedSeconds: distribution(served),
    notServed,
    issuedAfter: after.issued.length,
    issueFailuresAfter: after.failures,
  };
}

/** One deployment (1 node, or `o.nodes` behind nginx) on a fresh database: setup, issuance, rush. */
async function runDeployment(
  nodeCount: number,
  url: string,
  redisUrl: string | null,
  log: ReturnType<typeof commitLog>,
  o: ProvinceBenchOptions,
): Promise<DeploymentResult> {
  const setupStarted = performance.now();
  o.log(`${nodeCount} node(s): creating ${o.sites} sites, their clerks and devices`);
  const people = await seedProvince(url, o);
  const nodes: ServerProcess[] = [];
  let shown = 0;
  let edge: { nginx: RunningNginx; url: string } | null = null;
  let pool: WorkerPool | null = null;
  try {
    for (let i = 0; i < nodeCount; i++)
      nodes.push(
        await startServer({
          kind: 'hub',
          postgres: url,
          ...(redisUrl ? { redis: redisUrl } : {}),
          ...(nodeCount > 1 ? { hubArgs: ['--trust-proxy', '127.0.0.1'] } : {}),
          onLine: (line) => {
            // A node's warnings and errors are shown (the first few).
            if (shown < 10 && /"level":(40|50|60)/.test(line) && !line.includes('front ends')) {
              shown++;
              o.log(`node ${i + 1}: ${line.slice(0, 400)}`);
            }
          },
        }),
      );
    if (nodeCount > 1) edge = await startEdge(nodes);
    const entry = edge?.url ?? nodes[0]!.url;
    pool = await startWorkers(o.workers);
    const clerkPeople = people.flatMap((p) => p.clerks.map((c) => ({ ...c, site: p })));
    o.log(`${nodeCount} node(s): ${clerkPeople.length} clerks signing in`);
    const tokens = await mapLimit(clerkPeople, 8, (c) => login(entry, c.username, c.counterId));
    const allFields = SMALL_FIELDS.map((f) => f.id);
    const clerks: ClerkSpec[] = clerkPeople.map((c, i) => ({
      kind: 'clerk',
      username: c.username,
      counterId: c.counterId,
      token: tokens[i]!,
      fieldIds: c.site.config.counters.find((k) => k.id === c.counterId)!.fieldIds,
      transferFieldIds: allFields,
    }));
    const kiosks: KioskSpec[] = people.map((p) => ({
      kind: 'kiosk',
      id: `${p.siteId}-kiosk`,
      token: p.kiosk,
    }));
    const displays: DisplaySpec[] = people.flatMap((p) =>
      p.displays.map((token, i) => ({ kind: 'display', id: `${p.siteId}-bang-${i + 1}`, token })),
    );
    const connectFailures: string[] = [];
    await connectSome(pool, entry, [...kiosks, ...displays, ...clerks], connectFailures);
    const setupSeconds = (performance.now() - setupStarted) / 1000;

    o.log(
      `${nodeCount} node(s): issuance, ${o.sites} kiosks × ${o.prefillPerSite} tickets, all sites at once`,
    );
    await log.start(url);
    // A node whose store stops answering: what PostgreSQL's connections are doing, once.
    let probed = false;
    const probe = setInterval(() => {
      if (probed || shown < 2) return;
      probed = true;
      void activity(url).then((a) =>
        o.log(`a node logged errors; PostgreSQL's connections:\n${a}`),
      );
    }, 3000);
    const prefill = await issueFromKiosks(
      pool,
      kiosks,
      drawFields(SMALL_FIELDS, o.sites * o.prefillPerSite, o.seed),
      120_000,
    ).finally(() => clearInterval(probe));
    const commits = await log.stop(url);
    o.log(
      `${nodeCount} node(s): issued ${prefill.issued.length} tickets, ${Math.round(prefill.perSecond)}/s` +
        (Object.keys(prefill.failures).length
          ? `; refused ${JSON.stringify(prefill.failures)}`
          : ''),
    );

    // Phones follow two of every three tickets waiting at opening, as many per site as asked.
    const perSite = new Map<string, number>();
    const phones: PhoneSpec[] = [];
    prefill.issued.forEach((t, i) => {
      if (i % 3 === 2) return;
      const n = perSite.get(t.kioskId) ?? 0;
      if (n >= o.phonesPerSite) return;
      perSite.set(t.kioskId, n + 1);
      phones.push({ kind: 'phone', token: t.token, ticketId: t.ticketId, fieldId: t.fieldId });
    });
    await connectSome(pool, entry, phones, connectFailures);

    const behaviour = clerkBehaviour(o.speed, SMALL_FIELDS);
    const arrivals = rushArrivals({
      durationMs: o.durationMs,
      fieldRates: capacityRates(
        people.flatMap((p) => p.config.counters),
        (f) => cycleMs(behaviour, f),
        o.load,
      ),
      kioskIds: kiosks.map((k) => k.id),
      priorityShare: 0.05,
      seed: o.seed + 1,
    });
    o.log(
      `${nodeCount} node(s): rush, ${clerks.length + displays.length + kiosks.length + phones.length} sockets, ` +
        `${arrivals.length} arrivals over ${o.durationMs / 1000} s`,
    );
    const { clients, ...rush }: Partial<RushResult> & Omit<RushResult, 'records'> = await runRush(
      pool,
      'hub',
      { clerks, displays, phones, kiosks },
      {
        durationMs: o.durationMs,
        warmupMs: o.warmupMs,
        drainMs: 20_000,
        behaviour,
        arrivals,
        seed: o.seed + 2,
        displaysPerCall: o.displaysPerSite,
      },
    );
    delete rush.records;
    const peakRssMb = nodes.map((n) => n.memory()?.peakRssMb ?? NaN);
    const result: DeploymentResult = {
      nodes: nodeCount,
      clients,
      setupSeconds,
      connectFailures,
      issuance: {
        tickets: prefill.issued.length,
        perSecond: prefill.perSecond,
        latency: prefill.latency,
        failures: prefill.failures,
        commitMs: distribution(commits),
      },
      rush,
      peakRssMb,
    };
    if (nodeCount > 1) {
      o.log(`${nodeCount} nodes: killing node 2 (SIGKILL) with every client connected`);
      result.kill = await watchKill(pool, nodes[1]!, kiosks, o);
    }
    return result;
  } finally {
    await pool?.close();
    await edge?.nginx.stop();
    await Promise.all(nodes.map((n) => n.stop()));
  }
}

export interface ProvinceBenchResult {
  options: Omit<ProvinceBenchOptions, 'log'>;
  single: DeploymentResult;
  cluster: DeploymentResult;
  ratios: { p50: number | null; p99: number | null };
}

/** The whole province bench: throwaway PostgreSQL and Redis, one node, then the nodes behind nginx. */
export async function benchProvince(o: ProvinceBenchOptions): Promise<ProvinceBenchResult> {
  const log = commitLog();
  const pg = await startPostgres({ settings: { max_connections: '500', ...log.settings } });
  const redis = await startRedis();
  try {
    // The same PostgreSQL server for both, each on a database of its own.
    const single = await runDeployment(1, await pg.createDatabase(), null, log, o);
    const cluster = await runDeployment(o.nodes, await pg.createDatabase(), redis.url, log, o);
    const ratio = (a: number | null, b: number | null) => (a !== null && b ? a / b : null);
    const options: Partial<ProvinceBenchOptions> = { ...o };
    delete options.log;
    return {
      options: options as Omit<ProvinceBenchOptions, 'log'>,
      single,
      cluster,
      ratios: {
        p50: ratio(cluster.rush.callToScreen.p50, single.rush.callToScreen.p50),
        p99: ratio(cluster.rush.callToScreen.p99, single.rush.callToScreen.p99),
      },
    };
  } finally {
    await redis.stop();
    await pg.stop();
    log.remove();
  }
}
