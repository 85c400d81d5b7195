import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueueState, SiteConfig } from '@luot/domain';
import { connectHub } from '@luot/hub-client';
import type { BearerLoginResult } from '@luot/protocol';
import type {
  ClerkBehaviour,
  ClerkSpec,
  DisplaySpec,
  IssuedRecord,
  KioskSpec,
  PhoneSpec,
} from './messages.ts';
import {
  capacityRates,
  connectClients,
  drawFields,
  issueFromKiosks,
  rushArrivals,
  runRush,
  type RushClients,
  type RushResult,
} from './rush.ts';
import type { Distribution } from './stats.ts';
import type { PushFollow } from './push-follow.ts';
import { prepareDataDir, SIM_PASSWORD, startServer, type ServerProcess } from './server-process.ts';
import { middayTimeZone, SIM_FIELDS, simSiteConfig } from './site.ts';
import type { WorkerPool } from './worker-pool.ts';

export interface RushOptions {
  counters: number;
  displays: number;
  phones: number;
  kiosks: number;
  /** Tickets waiting when the rush starts (the crowd at opening); phones follow some of them. */
  prefill: number;
  durationMs: number;
  warmupMs: number;
  /** How many times faster than real time the clerks work (service, walk, pauses). */
  speed: number;
  /** Arrivals as a share of the counters' capacity, averaged over the rush. */
  load: number;
  seed: number;
}

export const BENCH_RUSH: RushOptions = {
  counters: 200,
  displays: 50,
  phones: 1000,
  kiosks: 4,
  prefill: 1500,
  durationMs: 60_000,
  warmupMs: 5_000,
  speed: 60,
  load: 1,
  seed: 20_261_123,
};

/**
 * A tiny morning for tests of the simulator and the benches (correctness, not speed): services
 * of a few hundred milliseconds, several cycles per counter in five seconds.
 */
export const TINY_RUSH: RushOptions = {
  ...BENCH_RUSH,
  counters: 10,
  displays: 2,
  phones: 6,
  kiosks: 2,
  prefill: 12,
  durationMs: 5_000,
  warmupMs: 0,
  speed: 1_500,
};

/** Clerks' behaviour at `speed` times real time, from each field's typical service time. */
export function clerkBehaviour(
  speed: number,
  fields: readonly { id: string; serviceMinutes: number }[] = SIM_FIELDS,
): ClerkBehaviour {
  const minutes = (m: number) => (m * 60_000) / speed;
  return {
    walkMs: [minutes(1 / 6), minutes(2 / 3)],
    serviceMeanMs: Object.fromEntries(fields.map((f) => [f.id, minutes(f.serviceMinutes)])),
    defaultServiceMeanMs: minutes(10),
    serviceCv: 0.6,
    noShowRate: 0.04,
    transferRate: 0.03,
    gapMs: [0, minutes(0.5)],
    idleRetryMs: Math.max(250, minutes(1)),
    ratingRate: 0,
  };
}

/** The mean cycle of a counter on a field: walk, service and pause. */
export function cycleMs(behaviour: ClerkBehaviour, fieldId: string): number {
  const mean = ([a, b]: [number, number]) => (a + b) / 2;
  return (
    mean(behaviour.walkMs) +
    (behaviour.serviceMeanMs[fieldId] ?? behaviour.defaultServiceMeanMs) +
    mean(behaviour.gapMs)
  );
}

/** Signs a clerk in at their counter over HTTP; returns the session token. */
export async function login(
  url: string,
  username: string,
  counterId?: string,
  password = SIM_PASSWORD,
): Promise<string> {
  let res: Response;
  // The hub answers 503 with Retry-After while its password checking is full (a few at once);
  // a clerk tries again for up to 30 s, as the counter app does.
  const giveUpAt = Date.now() + 30_000;
  for (;;) {
    res = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username,
        password,
        bearer: true,
        ...(counterId ? { counterId } : {}),
      }),
    });
    if (res.status !== 503 || Date.now() > giveUpAt) break;
    await res.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
  }
  const body = (await res.json()) as { ok: boolean; data?: BearerLoginResult };
  if (!body.ok || !body.data) throw new Error(`login ${username} failed: ${JSON.stringify(body)}`);
  return body.data.token;
}

/** Runs `fn` over items with at most `limit` at a time. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

export interface PreparedRush {
  mode: 'hub' | 'relay';
  server: ServerProcess;
  config: SiteConfig;
  clients: RushClients;
  /** Tickets issued before the rush (hub only). */
  prefill: IssuedRecord[];
  prefillPerSecond: number | null;
  /** The server's resident set size (MB) after each step of preparing it. */
  memoryByStep: Record<string, number>;
  dataDir: string | null;
  cleanup(): Promise<void>;
}

function clerkSpecs(config: SiteConfig, tokens: string[]): ClerkSpec[] {
  const allFields = config.fields.map((f) => f.id);
  return config.counters.map((c, i) => ({
    kind: 'clerk',
    username: `cb${String(i + 1).padStart(3, '0')}`,
    counterId: c.id,
    token: tokens[i] ?? '',
    fieldIds: c.fieldIds,
    transferFieldIds: allFields,
  }));
}

/** Phones follow two of every three tickets waiting at the start, up to `count`. */
function followed<T>(tickets: T[], count: number): T[] {
  return tickets.filter((_, i) => i % 3 !== 2).slice(0, count);
}

/**
 * Starts a real hub on a fresh data directory (synchronous=FULL, loopback), signs every clerk in
 * at their counter, connects kiosks, screens and clerks, issues the tickets waiting at opening,
 * and connects the phone pages of some of them.
 */
export async function prepareHubRush(
  pool: WorkerPool,
  options: RushOptions,
  extra: {
    cpuProfileDir?: string;
    dataDir?: string;
    nodeArgs?: string[];
    onLine?: (line: string) => void;
    env?: Record<string, string>;
    /** More options for the hub itself. */
    hubArgs?: string[];
    /** Runs on the prepared data directory before the hub starts (more settings, say). */
    beforeStart?: (dataDir: string) => Promise<void>;
  } = {},
): Promise<PreparedRush> {
  const dataDir = extra.dataDir ?? mkdtempSync(join(tmpdir(), 'luot-sim-'));
  const config = simSiteConfig({
    counters: options.counters,
    timeZone: middayTimeZone(Date.now()),
  });
  const people = await prepareDataDir(dataDir, config, {
    displays: options.displays,
    kiosks: options.kiosks,
  });
  await extra.beforeStart?.(dataDir);
  const server = await startServer({
    kind: 'hub',
    dataDir,
    cpuProfileDir: extra.cpuProfileDir,
    nodeArgs: extra.nodeArgs,
    onLine: extra.onLine,
    env: extra.env,
    hubArgs: extra.hubArgs,
  });
  const cleanup = async () => {
    await pool.drop();
    await server.stop();
    if (!extra.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const memoryByStep: Record<string, number> = {};
  const step = (name: string) => {
    memoryByStep[name] = server.memory()?.rssMb ?? NaN;
  };
  try {
    step('started');
    const tokens = await mapLimit(people.clerks, 8, (c) =>
      login(server.url, c.username, c.counterId),
    );
    step('clerks signed in');
    const kiosks: KioskSpec[] = people.kiosks.map((token, i) => ({
      kind: 'kiosk',
      id: `kiosk-${i + 1}`,
      token,
    }));
    const displays: DisplaySpec[] = people.displays.map((token, i) => ({
      kind: 'display',
      id: `display-${i + 1}`,
      token,
    }));
    const clerks = clerkSpecs(config, tokens);
    await connectClients(pool, 'hub', server.url, [...kiosks, ...displays, ...clerks]);
    step('screens, counters and kiosks connected');
    const fields = drawFields(SIM_FIELDS, options.prefill, options.seed);
    const prefill = await issueFromKiosks(pool, kiosks, fields, 120_000);
    step('tickets waiting at opening issued');
    if (prefill.issued.length < options.prefill)
      throw new Error(
        `prefill issued ${prefill.issued.length} of ${options.prefill}: ${JSON.stringify(prefill.failures)}`,
      );
    const phones: PhoneSpec[] = followed(prefill.issued, options.phones).map((t) => ({
      kind: 'phone',
      token: t.token,
      ticketId: t.ticketId,
      fieldId: t.fieldId,
    }));
    await connectClients(pool, 'hub', server.url, phones);
    step('phone pages connected');
    return {
      mode: 'hub',
      server,
      config,
      clients: { clerks, displays, phones, kiosks },
      prefill: prefill.issued,
      prefillPerSecond: prefill.perSecond,
      memoryByStep,
      dataDir,
      cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Starts the bare relay and connects the same clients (phones in the same fields) to it. */
export async function prepareRelayRush(
  pool: WorkerPool,
  options: RushOptions,
  extra: { cpuProfileDir?: string } = {},
): Promise<PreparedRush> {
  const config = simSiteConfig({ counters: options.counters, timeZone: 'UTC' });
  const server = await startServer({ kind: 'relay', cpuProfileDir: extra.cpuProfileDir });
  try {
    const kiosks: KioskSpec[] = Array.from({ length: options.kiosks }, (_, i) => ({
      kind: 'kiosk',
      id: `kiosk-${i + 1}`,
      token: '',
    }));
    const displays: DisplaySpec[] = Array.from({ length: options.displays }, (_, i) => ({
      kind: 'display',
      id: `display-${i + 1}`,
      token: '',
    }));
    const clerks = clerkSpecs(config, []);
    // The same fields as the hub's phone pages, each with its place among the tickets waiting
    // at opening (which the hub calls oldest first).
    const fields = drawFields(SIM_FIELDS, options.prefill, options.seed);
    const seen: Record<string, number> = {};
    const places = fields.map((fieldId) => ({
      fieldId,
      ahead: (seen[fieldId] = (seen[fieldId] ?? -1) + 1),
    }));
    const phones: PhoneSpec[] = followed(places, options.phones).map(({ fieldId, ahead }, i) => ({
      kind: 'phone',
      token: '',
      ticketId: `relay-${i}`,
      fieldId,
      ahead,
    }));
    const clients = { clerks, displays, phones, kiosks };
    const memoryByStep: Record<string, number> = { started: server.memory()?.rssMb ?? NaN };
    await connectClients(pool, 'relay', server.url, [...kiosks, ...displays, ...clerks, ...phones]);
    memoryByStep['all connected'] = server.memory()?.rssMb ?? NaN;
    return {
      mode: 'relay',
      server,
      config,
      clients,
      prefill: [],
      prefillPerSecond: null,
      memoryByStep,
      dataDir: null,
      cleanup: async () => {
        await pool.drop();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** Runs the rush on prepared clients with the plan `options` describe (same plan for hub and relay). */
export async function runPreparedRush(
  pool: WorkerPool,
  prepared: PreparedRush,
  options: RushOptions,
  extra: { follow?: PushFollow } = {},
): Promise<RushResult & { server: ServerUsage }> {
  const behaviour = clerkBehaviour(options.speed);
  const arrivals = rushArrivals({
    durationMs: options.durationMs,
    fieldRates: capacityRates(prepared.config.counters, (f) => cycleMs(behaviour, f), options.load),
    kioskIds: prepared.clients.kiosks.map((k) => k.id),
    priorityShare: 0.05,
    seed: options.seed + 1,
  });
  const cpuBefore = prepared.server.cpuSeconds();
  const result = await runRush(pool, prepared.mode, prepared.clients, {
    durationMs: options.durationMs,
    warmupMs: options.warmupMs,
    drainMs: 20_000,
    behaviour,
    arrivals,
    seed: options.seed + 2,
    ...(extra.follow ? { follow: extra.follow } : {}),
  });
  const cpuAfter = prepared.server.cpuSeconds();
  return {
    ...result,
    server: {
      ...(prepared.server.memory() ?? { peakRssMb: NaN, rssMb: NaN }),
      cpuShare:
        cpuBefore !== null && cpuAfter !== null
          ? (cpuAfter - cpuBefore) / ((options.durationMs + 1000) / 1000)
          : null,
    },
  };
}

/** The server process's memory and how much of one core it used during the run. */
export interface ServerUsage {
  peakRssMb: number;
  rssMb: number;
  /** CPU seconds per second of the run (1 = one core busy all the time). */
  cpuShare: number | null;
}

export interface IssuanceResult {
  kiosks: number;
  issued: number;
  perSecond: number;
  latency: Distribution;
  failures: Record<string, number>;
  server: ServerUsage;
  /** The tickets the hub holds afterwards (must equal `issued`). */
  hubTickets: number;
}

/**
 * Durable issuance: a fresh hub, `kiosks` kiosk sockets spread over the workers, each issuing
 * one ticket at a time as fast as the hub acknowledges, until `tickets` are issued or the
 * deadline passes.
 */
export async function runIssuance(
  pool: WorkerPool,
  options: {
    kiosks: number;
    tickets: number;
    deadlineMs: number;
    seed: number;
    cpuProfileDir?: string;
    /** Another built hub entry point and its flags (the chain bench's `--chain on|off`). */
    hubMainFile?: string;
    hubArgs?: string[];
  },
): Promise<IssuanceResult & { cpuProfile: string | null }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'luot-issue-'));
  const config = simSiteConfig({ counters: 20, timeZone: middayTimeZone(Date.now()) });
  const people = await prepareDataDir(dataDir, config, { displays: 1, kiosks: options.kiosks });
  const server = await startServer({
    kind: 'hub',
    dataDir,
    cpuProfileDir: options.cpuProfileDir,
    ...(options.hubMainFile ? { hubMainFile: options.hubMainFile } : {}),
    ...(options.hubArgs ? { hubArgs: options.hubArgs } : {}),
  });
  try {
    const kiosks: KioskSpec[] = people.kiosks.map((token, i) => ({
      kind: 'kiosk',
      id: `kiosk-${i + 1}`,
      token,
    }));
    await connectClients(pool, 'hub', server.url, kiosks);
    // A short warm-up (JIT, SQLite page cache), not counted.
    await issueFromKiosks(
      pool,
      kiosks,
      drawFields(SIM_FIELDS, kiosks.length * 25, options.seed + 7),
      30_000,
    );
    const cpuBefore = server.cpuSeconds();
    const started = performance.now();
    const run = await issueFromKiosks(
      pool,
      kiosks,
      drawFields(SIM_FIELDS, options.tickets, options.seed),
      options.deadlineMs,
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = server.cpuSeconds();
    const state = await hubState(server.url, people.displays[0]!);
    await pool.drop();
    const memory = server.memory() ?? { peakRssMb: NaN, rssMb: NaN };
    await server.stop();
    return {
      kiosks: kiosks.length,
      issued: run.issued.length,
      perSecond: run.perSecond,
      latency: run.latency,
      failures: run.failures,
      server: {
        ...memory,
        cpuShare: cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / elapsed : null,
      },
      hubTickets: Object.keys(state.tickets).length - kiosks.length * 25,
      cpuProfile: server.cpuProfile(),
    };
  } finally {
    await pool.drop();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The hub's queue as a screen sees it: a display socket's snapshot. */
export async function hubState(url: string, displayToken: string): Promise<QueueState> {
  const socket = connectHub(url, displayToken);
  try {
    // The hub sends a screen its snapshot as soon as it connects.
    return await new Promise<QueueState>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no snapshot within 10 s')), 10_000);
      socket.once('snapshot', (snapshot) => {
        clearTimeout(timer);
        resolve(snapshot.state);
      });
      socket.once('connect_error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  } finally {
    socket.disconnect();
  }
}

export interface Accounting {
  issued: number;
  byStatus: Record<string, number>;
  /** Acknowledged tickets the hub does not have, and tickets the hub has that nobody was told of. */
  lostTickets: number;
  unknownTickets: number;
  /** Tickets called more often than their transfers allow (a ticket called twice). */
  calledTwice: number;
  finishes: number;
  noShows: number;
  transfers: number;
  /** issued − (done + no-show + waiting + called + serving + cancelled + expired). */
  unaccounted: number;
}

/**
 * Checks what the simulator was told against the hub's final state: every acknowledged ticket
 * exists, each status is accounted for, and no ticket was called more often than it was
 * transferred back into a queue.
 */
export function accountFor(
  state: QueueState,
  issued: IssuedRecord[],
  clerkOps: RushResult['records']['clerkOps'],
): Accounting {
  const tickets = Object.values(state.tickets);
  const byStatus: Record<string, number> = {};
  for (const t of tickets) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
  const issuedIds = new Set(issued.map((t) => t.ticketId));
  const hubIds = new Set(tickets.map((t) => t.id));
  const calls = new Map<string, number>();
  const transfers = new Map<string, number>();
  let finishes = 0;
  let noShows = 0;
  let transferred = 0;
  for (const op of clerkOps) {
    if (!op.ok || !op.ticketId) continue;
    if (op.op === 'callNext') calls.set(op.ticketId, (calls.get(op.ticketId) ?? 0) + 1);
    if (op.op === 'transfer') {
      transfers.set(op.ticketId, (transfers.get(op.ticketId) ?? 0) + 1);
      transferred++;
    }
    if (op.op === 'finish') finishes++;
    if (op.op === 'noShow') noShows++;
  }
  let calledTwice = 0;
  for (const [id, n] of calls) if (n > 1 + (transfers.get(id) ?? 0)) calledTwice++;
  const accounted = [
    'done',
    'no_show',
    'waiting',
    'called',
    'serving',
    'cancelled',
    'expired',
  ].reduce((s, k) => s + (byStatus[k] ?? 0), 0);
  return {
    issued: issued.length,
    byStatus,
    lostTickets: [...issuedIds].filter((id) => !hubIds.has(id)).length,
    unknownTickets: [...hubIds].filter((id) => !issuedIds.has(id)).length,
    calledTwice,
    finishes,
    noShows,
    transfers: transferred,
    unaccounted: issued.length - accounted,
  };
}
