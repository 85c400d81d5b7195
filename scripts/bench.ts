/**
 * `pnpm bench`: the hub's figures against baselines measured in the same run, on this machine.
 *
 *   start           spawn → "listening" of the hub on a fresh data directory and on a generated
 *                   year with no day packed; the hub's idle RSS after start.
 *   call-to-screen  a simulated morning rush through a bare Socket.IO relay, then the same clients
 *                   and plan on a real hub child process (200 counters, 50 lobby boards, 1,000
 *                   phone pages, kiosks), in rounds (3 unless --quick); p50/p99/max from "call
 *                   next" to the last display, compared as the median of the rounds' ratios.
 *   issuance        8 kiosk sockets issuing as fast as the hub acknowledges, against raw
 *                   better-sqlite3 inserts of the same rows, one transaction per ticket.
 *   memory          the hub's peak RSS (VmHWM) during the rush, against the relay's.
 *   reports         a generated year (~1.5 M tickets, 10 fields, 40 counters): the hub's own
 *                   reports for one month and the year, by field and by clerk, on the raw tables
 *                   and once the closed days are packed (as the hub packs them at midnight).
 *   planner         the staffing plan (issue 17) of the same generated year on SQLite, days
 *                   not packed and packed (scripts/bench-planner.ts); target < 2 s packed.
 *                   Not in the default set: --only planner.
 *   ticket          render + encode to ESC/POS of one kiosk ticket.
 *   flood           4 clerks' acknowledgement latency (call next / start / finish) on a real hub
 *                   with its default socket limits, unloaded, then while one attacker process
 *                   (lowest CPU priority) floods it (8 ticket sockets emitting as fast as
 *                   answered, 32 polling handshakes in flight that never sign in); the hub's
 *                   RSS; then the same on a hub with the limits lifted, as a baseline.
 *   rest            "call next" round trip over the REST API against the same over the socket,
 *                   same hub, counters and waiting tickets (scripts/bench-rest.ts); both reported.
 *
 * Prints a table of every target with its ratio and whether it is met, and writes
 * bench/results/<timestamp>.json.
 *
 * `--province` runs instead a province's morning (scripts/sim/province-bench.ts): 100 small
 * sites on one PostgreSQL, three hub nodes behind nginx with Redis, against one node on the same
 * PostgreSQL; issuance across sites with PostgreSQL's commit times, a node killed, peak RSS per
 * node. Writes bench/results/<timestamp>-province.json.
 * `--citizens` runs instead issue 14's targets (scripts/sim/citizens-bench.ts): the same rush with
 * messages off and on (every ticket's phone subscribed to Web Push at a local push endpoint),
 * rounds alternating, call-to-screen p99 on ÷ off and the messages' lag; then the booking race of
 * 200 citizens (signed in first) on a few slots and on many, bookings/s, and the database checked
 * for slots over capacity. Writes bench/results/<timestamp>-citizens.json. With --only rush,race.
 * `--webhooks` runs instead issue 16's webhook targets (scripts/bench-webhooks.ts): the same rush
 * without and with a subscription to every event posting to a local receiver, rounds alternating;
 * call-to-screen p99 with ÷ without, and the delivery lag p99. Writes
 * bench/results/<timestamp>-webhooks.json.
 * Options: --quick (a small, fast run), --profile (CPU-profile the hub and the relay: --cpu-prof,
 * summarised), --only start,rush,issue,reports,planner,ticket,flood,rest, --rounds N (rush rounds), --tuned (one more
 * rush on a hub with the README's glibc setting), --workers N, --duration SECONDS, --province
 * (with --quick: 30 sites, a 15 s rush; --sites N).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rawIssueBaseline, type RawIssueResult } from '@luot/hub/bench';
import {
  formatProfileSummary,
  summariseProfile,
  type ProfileSummary,
} from './sim/profile-summary.ts';
import { benchFlood, FLOOD_BENCH, type FloodBenchResult } from './sim/flood-bench.ts';
import { benchReports, type ReportBenchResult } from './sim/report-bench.ts';
import { benchPlanner, type PlannerBenchResult } from './bench-planner.ts';
import { benchStart, type StartBenchResult } from './sim/start-bench.ts';
import {
  accountFor,
  BENCH_RUSH,
  hubState,
  prepareHubRush,
  prepareRelayRush,
  runIssuance,
  runPreparedRush,
  type Accounting,
  type IssuanceResult,
  type RushOptions,
  type ServerUsage,
} from './sim/scenarios.ts';
import { killAllServers, SIM_SOCKET_LIMITS } from './sim/server-process.ts';
import { SIM_FIELDS } from './sim/site.ts';
import { benchTicket, type TicketBenchResult } from './sim/ticket-bench.ts';
import { benchRest, REST_BENCH, REST_BENCH_QUICK, type RestBenchResult } from './bench-rest.ts';
import {
  benchProvince,
  PROVINCE_BENCH,
  PROVINCE_BENCH_QUICK,
  type ProvinceBenchResult,
} from './sim/province-bench.ts';
import { startWorkers, type WorkerPool } from './sim/worker-pool.ts';
import { benchCitizens, RACE, RACE_QUICK, type CitizensBenchResult } from './sim/citizens-bench.ts';
import type { RushResult } from './sim/rush.ts';
import { median, type Distribution } from './sim/stats.ts';
import { benchWebhooks, webhookRows, type WebhookBenchResult } from './bench-webhooks.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Nothing in the bench may run longer than this; then everything it started is killed. */
const HARD_LIMIT_MS = 15 * 60_000;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    only: { type: 'string' },
    rounds: { type: 'string' },
    tuned: { type: 'boolean', default: false },
    workers: { type: 'string', default: '3' },
    duration: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'bench', 'results') },
    province: { type: 'boolean', default: false },
    sites: { type: 'string' },
    citizens: { type: 'boolean', default: false },
    webhooks: { type: 'boolean', default: false },
  },
});
const only = new Set(
  (
    values.only ?? (values.citizens ? 'rush,race' : 'start,rush,issue,reports,ticket,flood,rest')
  ).split(','),
);
const workers = Number(values.workers);
const stamp = new Date()
  .toISOString()
  .replace(/:/g, '-')
  .replace(/\.\d+Z$/, 'Z');
const profileDir = values.profile ? join(ROOT, '.tmp', 'profiles', stamp) : undefined;

const rushOptions: RushOptions = values.quick
  ? {
      ...BENCH_RUSH,
      counters: 40,
      displays: 10,
      phones: 200,
      prefill: 300,
      durationMs: 15_000,
      warmupMs: 3_000,
    }
  : { ...BENCH_RUSH };
if (values.duration) rushOptions.durationMs = Number(values.duration) * 1000;
const issuance = values.quick
  ? { tickets: 1000, deadlineMs: 15_000 }
  : { tickets: 5000, deadlineMs: 30_000 };
const reportTickets = values.quick ? 150_000 : 1_500_000;
const rushRounds = Number(values.rounds ?? (values.quick ? 1 : 3));
const ticketRuns = values.quick ? 50 : 200;

/** Megabytes, as the hub reports them on /healthz. */
interface HubMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/**
 * The memory setting for a hub on Linux (see the README): glibc returns large freed blocks (the
 * 16 MB each sign-in's scrypt uses) to the system instead of keeping them in per-thread arenas.
 */
const TUNED_HUB = { env: { MALLOC_MMAP_THRESHOLD_: '131072' } };
const describeTuning = () =>
  Object.entries(TUNED_HUB.env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

const watchdog = setTimeout(() => {
  console.error(`bench: over the hard limit of ${HARD_LIMIT_MS / 60_000} minutes; stopping`);
  killAllServers();
  process.exit(3);
}, HARD_LIMIT_MS);
watchdog.unref();

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model =
    /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    // not a git checkout
  }
  return {
    nproc: cpus().length,
    cpu: model,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit,
  };
}

const log = (message: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

type RushRun = Omit<RushResult, 'records'> & { server: ServerUsage };

/** One round of the rush: the relay, then the hub, with the same clients and plan. */
interface RushRound {
  relay: RushRun;
  hub: RushRun;
  memoryByStep: { hub: Record<string, number>; relay: Record<string, number> };
  /** The hub's own account of its memory at the end of the rush (GET /healthz). */
  hubMemoryAtEnd: HubMemory;
  prefillPerSecond: number | null;
  accounting: Accounting;
  /** Hub ÷ relay. */
  ratios: { p50: number | null; p99: number | null; peakRss: number };
}

interface Results {
  startedAt: string;
  finishedAt?: string;
  quick: boolean;
  profiled: boolean;
  machine: ReturnType<typeof machine>;
  load: { before: number[]; after?: number[] };
  start?: StartBenchResult;
  rush?: {
    options: RushOptions;
    rounds: RushRound[];
    /** The median over the rounds of each ratio (the figure the targets are checked on). */
    median: { p50: number | null; p99: number | null; peakRss: number };
    tuned?: RushRun & { settings: string; memoryByStep: Record<string, number> };
  };
  issuance?: IssuanceResult & {
    profile: string | null;
    raw: RawIssueResult;
    rawGrouped: RawIssueResult;
    ratio: number;
  };
  reports?: ReportBenchResult;
  planner?: PlannerBenchResult;
  ticket?: TicketBenchResult;
  flood?: FloodBenchResult & { lifted: FloodBenchResult };
  rest?: RestBenchResult;
  profiles?: Record<string, ProfileSummary>;
  province?: ProvinceBenchResult;
  citizens?: CitizensBenchResult;
  webhooks?: WebhookBenchResult;
  rows?: Row[];
}

interface Row {
  what: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

const results: Results = {
  startedAt: new Date().toISOString(),
  quick: values.quick,
  profiled: values.profile,
  machine: machine(),
  load: { before: loadavg() },
};

function profileOf(name: string, file: string | null) {
  if (!file) return;
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')), 20);
  (results.profiles ??= {})[name] = summary;
  console.log(`\n${name} — hub CPU profile (${file}):\n${formatProfileSummary(summary)}\n`);
}

/** Runs `fn` with a fresh pool of load generators, so no run gets workers warmed by another. */
async function withWorkers<T>(fn: (pool: WorkerPool) => Promise<T>): Promise<T> {
  const pool = await startWorkers(workers);
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

const ratio = (hub: number | null, relay: number | null) =>
  hub !== null && relay ? hub / relay : null;

async function rushRound(round: number): Promise<RushRound> {
  const profiled = profileDir && round === 0 ? profileDir : undefined;
  log(
    `rush ${round + 1}/${rushRounds} on the bare relay: ${rushOptions.counters} counters, ${rushOptions.displays} displays, ${rushOptions.phones} phones, ${rushOptions.durationMs / 1000} s`,
  );
  const relayRun = await withWorkers(async (pool) => {
    const prepared = await prepareRelayRush(pool, rushOptions, {
      ...(profiled ? { cpuProfileDir: join(profiled, 'relay') } : {}),
    });
    const result = await runPreparedRush(pool, prepared, rushOptions);
    await prepared.cleanup();
    return { prepared, result };
  });
  if (profiled) profileOf('relay', relayRun.prepared.server.cpuProfile());
  log(
    `rush ${round + 1}/${rushRounds} on the hub (signing in the clerks, issuing the tickets waiting at opening)`,
  );
  const hubRun = await withWorkers(async (pool) => {
    const prepared = await prepareHubRush(pool, rushOptions, {
      ...(profiled ? { cpuProfileDir: join(profiled, 'rush') } : {}),
    });
    const result = await runPreparedRush(pool, prepared, rushOptions);
    const state = await hubState(prepared.server.url, prepared.clients.displays[0]!.token);
    const health = (await (await fetch(`${prepared.server.url}/healthz`)).json()) as {
      memoryMb: HubMemory;
    };
    const accounting = accountFor(
      state,
      [...prepared.prefill, ...result.records.issued],
      result.records.clerkOps,
    );
    await prepared.cleanup();
    return { prepared, result, accounting, memory: health.memoryMb };
  });
  if (profiled) profileOf('rush', hubRun.prepared.server.cpuProfile());
  const hub = strip(hubRun.result);
  const relay = strip(relayRun.result);
  return {
    relay,
    hub,
    memoryByStep: { hub: hubRun.prepared.memoryByStep, relay: relayRun.prepared.memoryByStep },
    hubMemoryAtEnd: hubRun.memory,
    prefillPerSecond: hubRun.prepared.prefillPerSecond,
    accounting: hubRun.accounting,
    ratios: {
      p50: ratio(hub.callToScreen.p50, relay.callToScreen.p50),
      p99: ratio(hub.callToScreen.p99, relay.callToScreen.p99),
      peakRss: hub.server.peakRssMb / relay.server.peakRssMb,
    },
  };
}

const strip = <T extends { records: unknown }>({ records: _records, ...rest }: T) => rest;

async function benchRush(): Promise<void> {
  const rounds: RushRound[] = [];
  for (let round = 0; round < rushRounds; round++) rounds.push(await rushRound(round));
  results.rush = {
    options: rushOptions,
    rounds,
    median: {
      p50: median(rounds.map((r) => r.ratios.p50)),
      p99: median(rounds.map((r) => r.ratios.p99)),
      peakRss: median(rounds.map((r) => r.ratios.peakRss))!,
    },
  };
  if (!values.tuned) return;
  // The same rush, shorter, on a hub started with the glibc setting the README mentions.
  const tunedOptions = { ...rushOptions, durationMs: Math.min(rushOptions.durationMs, 30_000) };
  log(
    `rush on a hub with memory settings (${describeTuning()}), ${tunedOptions.durationMs / 1000} s`,
  );
  const tunedRun = await withWorkers(async (pool) => {
    const prepared = await prepareHubRush(pool, tunedOptions, TUNED_HUB);
    const result = await runPreparedRush(pool, prepared, tunedOptions);
    await prepared.cleanup();
    return { prepared, result };
  });
  results.rush.tuned = {
    settings: describeTuning(),
    ...strip(tunedRun.result),
    memoryByStep: tunedRun.prepared.memoryByStep,
  };
}

async function benchStartup(): Promise<void> {
  log('start: the hub on a fresh data directory');
  results.start = await benchStart({ tickets: reportTickets, seed: 2025, log });
}

async function benchIssuance(): Promise<void> {
  const pool = await startWorkers(workers);
  try {
    log(`issuance: 8 kiosk sockets, ${issuance.tickets} tickets`);
    const hub = await runIssuance(pool, {
      kiosks: 8,
      tickets: issuance.tickets,
      deadlineMs: issuance.deadlineMs,
      seed: rushOptions.seed,
      ...(profileDir ? { cpuProfileDir: join(profileDir, 'issue') } : {}),
    });
    profileOf('issuance', hub.cpuProfile);
    log('issuance baseline: raw better-sqlite3 inserts of the same rows');
    const fieldIds = SIM_FIELDS.map((f) => f.id);
    const path = join(tmpdir(), `luot-raw-${process.pid}.db`);
    const raw = rawIssueBaseline({ path: `${path}-1`, tickets: issuance.tickets, fieldIds });
    const rawGrouped = rawIssueBaseline({
      path: `${path}-8`,
      tickets: issuance.tickets,
      fieldIds,
      perTransaction: 8,
    });
    for (const p of [`${path}-1`, `${path}-8`])
      for (const s of ['', '-wal', '-shm']) execFileSync('rm', ['-f', p + s]);
    const { cpuProfile, ...rest } = hub;
    results.issuance = {
      ...rest,
      profile: cpuProfile,
      raw,
      rawGrouped,
      ratio: hub.perSecond / raw.perSecond,
    };
  } finally {
    await pool.close();
  }
}

function benchReportQueries(): void {
  log(`reports: generating a year of history (~${reportTickets.toLocaleString('en')} tickets)`);
  results.reports = benchReports({
    path: join(tmpdir(), `luot-history-${process.pid}.db`),
    tickets: reportTickets,
    runs: 5,
    seed: 2025,
  });
}

function benchStaffingPlan(): void {
  log(`planner: generating a year of history (~${reportTickets.toLocaleString('en')} tickets)`);
  results.planner = benchPlanner({
    path: join(tmpdir(), `luot-planner-${process.pid}.db`),
    tickets: reportTickets,
    runs: 5,
    seed: 2025,
  });
}

async function benchSocketFlood(): Promise<void> {
  const options = {
    ...FLOOD_BENCH,
    ...(values.quick ? { phaseMs: 6_000 } : {}),
    ...(profileDir ? { cpuProfileDir: join(profileDir, 'flood') } : {}),
  };
  log(
    `flood: clerks ${options.phaseMs / 1000} s unloaded, then ${options.phaseMs / 1000} s under ` +
      `${options.ticketSockets} flooding ticket sockets + ${options.handshakeConcurrency} handshakes in flight`,
  );
  const { cpuProfile, ...rest } = await benchFlood(options);
  profileOf('flood', cpuProfile);
  log('flood baseline: the same, on a hub with its socket limits lifted (as before they existed)');
  const lifted = await benchFlood({
    ...options,
    cpuProfileDir: undefined,
    socketLimits: { ...SIM_SOCKET_LIMITS, pendingHandshakes: 1e6, connectTimeoutMs: 45_000 },
  });
  results.flood = { ...rest, cpuProfile, lifted };
  for (const [label, r] of [
    ['limits', rest],
    ['lifted', lifted],
  ] as const) {
    const a = r.attacker;
    log(
      `flood (${label}): attacker sent ${int(a.events)} events (${int(a.rateLimited)} RATE_LIMITED, ` +
        `${int(a.answered - a.rateLimited - a.otherErrors)} served), ${a.disconnects} disconnects, ` +
        `${a.connectRefused} connects refused, handshakes ${JSON.stringify(a.handshakes)}; ` +
        `clerk failures ${JSON.stringify(r.clerkFailures)}`,
    );
  }
}

function benchTicketRendering(): void {
  log(`ticket: render + encode, ${ticketRuns} runs`);
  results.ticket = benchTicket(ticketRuns);
}

const ms = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : v.toFixed(digits);
const dist = (d: Distribution) => `${ms(d.p50)} / ${ms(d.p99)} / ${ms(d.max)}`;
const int = (v: number) => Math.round(v).toLocaleString('en');

/** The median over the rush rounds of a figure. */
const rushMedian = (pick: (r: RushRound) => number | null) =>
  median(results.rush?.rounds.map(pick) ?? []);
const times = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}×`);
const mb = (v: number | null | undefined) => `${ms(v, 0)} MB`;

function rows(): Row[] {
  const out: Row[] = [];
  const st = results.start;
  if (st) {
    out.push({
      what: `start → listening, a year unpacked (${int(st.year.history.tickets)} tickets, ${st.year.history.days} days), ms`,
      value: ms(st.year.listeningMs, 0),
      baseline: `${ms(st.fresh.listeningMs, 0)} (fresh data directory)`,
      ratio: times(st.year.listeningMs / st.fresh.listeningMs),
      target: '< 2,000 ms',
      met: st.year.listeningMs < 2000,
    });
    out.push({
      what: `  …its ${st.year.packedDays} days packed after listening, at ms; slowest /healthz meanwhile`,
      value: ms(st.year.packedAtMs, 0),
      baseline: `${ms(st.year.slowestAnswerMs, 0)} ms slowest of ${st.year.answers} answers`,
      ratio: '—',
      target: '—',
      met: null,
    });
    out.push({
      what: 'hub idle RSS after start, fresh data directory (built, on node)',
      value: mb(st.fresh.idleRssMb),
      baseline: `idle node ${mb(st.loader.nodeMb)}, with tsx ${mb(st.loader.withTsxMb)}`,
      ratio: '—',
      target: '≤ 100 MB',
      met: st.fresh.idleRssMb <= 100,
    });
    out.push({
      what: 'hub idle RSS after start and packing, a year',
      value: mb(st.year.idleRssMb),
      baseline: `peak ${mb(st.year.peakRssMb)}`,
      ratio: '—',
      target: '≤ 100 MB',
      met: st.year.idleRssMb <= 100,
    });
  }
  const r = results.rush;
  if (r) {
    const first = r.rounds[0]!;
    const n = r.rounds.length;
    const of = n > 1 ? `median of ${n} rounds` : '1 round';
    const hub50 = rushMedian((x) => x.hub.callToScreen.p50);
    const relay50 = rushMedian((x) => x.relay.callToScreen.p50);
    const hub99 = rushMedian((x) => x.hub.callToScreen.p99);
    const relay99 = rushMedian((x) => x.relay.callToScreen.p99);
    out.push({
      what: `call-to-screen p50, ms (${first.hub.clients.total} clients, ~${first.hub.calls} calls; ${of})`,
      value: ms(hub50),
      baseline: `${ms(relay50)} (bare relay)`,
      ratio: times(r.median.p50),
      target: '≤ 1.2× relay',
      met: r.median.p50 === null ? null : r.median.p50 <= 1.2,
    });
    out.push({
      what: `call-to-screen p99, ms (each round: ${r.rounds.map((x) => `${ms(x.hub.callToScreen.p99, 0)}/${ms(x.relay.callToScreen.p99, 0)}`).join(', ')})`,
      value: ms(hub99),
      baseline: `${ms(relay99)} (bare relay)`,
      ratio: times(r.median.p99),
      target: '≤ 1.2× relay',
      met: r.median.p99 === null ? null : r.median.p99 <= 1.2,
    });
    const split = (x: RushRun) =>
      `${ms(x.callToServer.p50)} / ${ms(x.callToServer.p99)} + ${ms(x.serverToScreen.p50)} / ${ms(x.serverToScreen.p99)}`;
    out.push({
      what: 'call → server + server → last screen, p50 / p99 ms each (round 1)',
      value: split(first.hub),
      baseline: `${split(first.relay)} (bare relay)`,
      ratio: '—',
      target: '—',
      met: null,
    });
    out.push({
      what: 'call-to-phone p50 / p99 / max, ms (the called ticket’s page; round 1)',
      value: dist(first.hub.callToPhone),
      baseline: '—',
      ratio: '—',
      target: '—',
      met: null,
    });
    out.push({
      what: `hub peak RSS, MB (${first.hub.clients.total} clients, no environment settings; ${of})`,
      value: ms(
        rushMedian((x) => x.hub.server.peakRssMb),
        0,
      ),
      baseline: `${ms(
        rushMedian((x) => x.relay.server.peakRssMb),
        0,
      )} (bare relay)`,
      ratio: times(r.median.peakRss),
      target: '≤ 1.3× relay',
      met: r.median.peakRss <= 1.3,
    });
    if (r.tuned)
      out.push({
        what: `hub peak RSS with ${r.tuned.settings}, MB (p99 ${ms(r.tuned.callToScreen.p99)} ms)`,
        value: ms(r.tuned.server.peakRssMb, 0),
        baseline: '—',
        ratio: '—',
        target: '—',
        met: null,
      });
    out.push({
      what: 'server CPU during the rush, share of one core (round 1)',
      value: ms(first.hub.server.cpuShare, 2),
      baseline: `${ms(first.relay.server.cpuShare, 2)} (bare relay)`,
      ratio: '—',
      target: '—',
      met: null,
    });
  }
  const i = results.issuance;
  if (i) {
    out.push({
      what: `durable issuance against raw inserts (8 kiosks, ${int(i.issued)} tickets)`,
      value: `${int(i.perSecond)}/s`,
      baseline: `${int(i.raw.perSecond)}/s (raw, 1 transaction/ticket)`,
      ratio: `${(i.ratio * 100).toFixed(0)} %`,
      target: '≥ 75 %',
      met: i.ratio >= 0.75,
    });
    out.push({
      what: 'durable issuance, tickets/s',
      value: int(i.perSecond),
      baseline: `${int(i.rawGrouped.perSecond)} (raw, 8 tickets/transaction)`,
      ratio: `${((i.perSecond / i.rawGrouped.perSecond) * 100).toFixed(0)} %`,
      target: '≥ 1,500/s',
      met: i.perSecond >= 1500,
    });
  }
  for (const q of results.reports?.queries ?? [])
    out.push({
      what: `report, ${q.range} by ${q.groupBy}, ms (median of ${q.packedRuns.length}, days packed)`,
      value: ms(q.packedMs, 0),
      baseline: `${ms(q.rawMs, 0)} (same report, days not packed)${q.same ? '' : ' DIFFERENT'}`,
      ratio: `${(q.packedMs / q.rawMs).toFixed(2)}×`,
      target: '≤ 300 ms',
      met: q.same && q.packedMs <= 300,
    });
  const pl = results.planner;
  if (pl)
    out.push({
      what: `staffing plan of a year, ms (median of ${pl.packedRuns.length}, days packed; ${pl.cells} cells, reading ${pl.readMs} ms, CPU ${pl.packedCpuMs} ms)`,
      value: ms(pl.packedMs, 0),
      baseline: `${ms(pl.unpackedMs, 0)} (days not packed)${pl.same ? '' : ' DIFFERENT'}`,
      ratio: `${(pl.packedMs / pl.unpackedMs).toFixed(2)}×`,
      target: '< 2,000 ms',
      met: pl.same && pl.packedMs < 2000,
    });
  out.push(...provinceRows());
  out.push(...citizensRows());
  out.push(...webhookRows(results.webhooks));
  const t = results.ticket;
  if (t)
    out.push({
      what: 'ticket render + encode, ms (80 mm, raster) median / p95',
      value: `${ms(t.total.p50)} / ${ms(t.total.p95)}`,
      baseline: `render ${ms(t.render.p50)} + encode ${ms(t.encode.p50)}`,
      ratio: '—',
      target: '≤ 50 ms',
      met: (t.total.p50 ?? Infinity) <= 50,
    });
  const rb = results.rest;
  if (rb)
    out.push({
      what: `REST "call next" round trip p50 / p99, ms (${rb.options.counters} counters busy, ${rb.options.waiting} waiting)`,
      value: `${ms(rb.rest.p50)} / ${ms(rb.rest.p99)}`,
      baseline: `socket ${ms(rb.socket.p50)} / ${ms(rb.socket.p99)}`,
      ratio: `${times(rb.ratio.p50)} / ${times(rb.ratio.p99)}`,
      target: 'report both',
      met: null,
    });
  const f = results.flood;
  if (f) {
    out.push({
      what: `clerk ack p99 under one attacker's flood, ms (p50 ${ms(f.flood.p50)}; ${f.flood.n} acks)`,
      value: ms(f.flood.p99),
      baseline: `${ms(f.unloaded.p99)} unloaded (p50 ${ms(f.unloaded.p50)})`,
      ratio: times(f.ratio),
      target: '≤ 2×',
      met: f.ratio !== null && f.ratio <= 2,
    });
    out.push({
      what: 'hub RSS under the flood: peak / at its end',
      value: `${mb(f.hub.peakRssMb)} / ${mb(f.hub.rssAfterFloodMb)}`,
      baseline: `${mb(f.hub.rssBeforeMb)} before`,
      ratio: '—',
      target: '—',
      met: null,
    });
    const l = f.lifted;
    out.push({
      what: `  …the same with the socket limits lifted, ms (p50 ${ms(l.flood.p50)}; ${l.flood.n} acks)`,
      value: ms(l.flood.p99),
      baseline: `${ms(l.unloaded.p99)} unloaded (p50 ${ms(l.unloaded.p50)})`,
      ratio: times(l.ratio),
      target: '—',
      met: null,
    });
    out.push({
      what: "  …its hub RSS: peak / at the flood's end",
      value: `${mb(l.hub.peakRssMb)} / ${mb(l.hub.rssAfterFloodMb)}`,
      baseline: `${mb(l.hub.rssBeforeMb)} before`,
      ratio: '—',
      target: '—',
      met: null,
    });
  }
  return out;
}

function provinceRows(): Row[] {
  const p = results.province;
  if (!p) return [];
  const { single, cluster } = p;
  const n = cluster.nodes;
  const out: Row[] = [];
  const clients = `${int(cluster.clients.total)} sockets, ${p.options.sites} sites`;
  out.push({
    what: `province call-to-screen p50, ms (${clients}; ~${cluster.rush.calls} calls)`,
    value: `${ms(cluster.rush.callToScreen.p50)} (${n} nodes)`,
    baseline: `${ms(single.rush.callToScreen.p50)} (1 node)`,
    ratio: times(p.ratios.p50),
    target: '≤ 2× one node',
    met: p.ratios.p50 === null ? null : p.ratios.p50 <= 2,
  });
  out.push({
    what: `province call-to-screen p99, ms (max ${ms(cluster.rush.callToScreen.max, 0)} / ${ms(single.rush.callToScreen.max, 0)})`,
    value: `${ms(cluster.rush.callToScreen.p99)} (${n} nodes)`,
    baseline: `${ms(single.rush.callToScreen.p99)} (1 node)`,
    ratio: times(p.ratios.p99),
    target: '≤ 2× one node',
    met: p.ratios.p99 === null ? null : p.ratios.p99 <= 2,
  });
  const ci = cluster.issuance;
  const si = single.issuance;
  out.push({
    what: `issuance across ${p.options.sites} sites, tickets/s (${int(ci.tickets)} tickets, ${p.options.sites} kiosks at once)`,
    value: `${int(ci.perSecond)} (${n} nodes)`,
    baseline: `${int(si.perSecond)} (1 node)`,
    ratio: times(ci.perSecond / si.perSecond),
    target: '≥ 500/s',
    met: ci.perSecond >= 500,
  });
  out.push({
    what: `PostgreSQL COMMIT p50 / p99, ms (its statement log; ${int(ci.commitMs.n)} commits)`,
    value: `${ms(ci.commitMs.p50, 2)} / ${ms(ci.commitMs.p99, 2)} (${n} nodes)`,
    baseline: `${ms(si.commitMs.p50, 2)} / ${ms(si.commitMs.p99, 2)} (1 node)`,
    ratio: '—',
    target: '—',
    met: null,
  });
  out.push({
    what: 'kiosk issue → acknowledged p50 / p99, ms (during the issuance)',
    value: `${ms(ci.latency.p50)} / ${ms(ci.latency.p99)} (${n} nodes)`,
    baseline: `${ms(si.latency.p50)} / ${ms(si.latency.p99)} (1 node)`,
    ratio: '—',
    target: '—',
    met: null,
  });
  const k = cluster.kill;
  if (k)
    out.push({
      what: `node killed: its ${k.clients} clients all served again, s (p50 ${ms(k.servedSeconds.p50, 2)}; ${k.notServed} never)`,
      value: ms(k.allServedSeconds, 2),
      baseline: `then ${k.issuedAfter}/${p.options.sites} kiosks issued`,
      ratio: '—',
      target: '≤ 5 s',
      met: k.allServedSeconds !== null && k.allServedSeconds <= 5,
    });
  out.push({
    what: 'peak RSS per node (VmHWM), MB',
    value: cluster.peakRssMb.map((v) => ms(v, 0)).join(' / '),
    baseline: `${ms(single.peakRssMb[0], 0)} (1 node)`,
    ratio: '—',
    target: '—',
    met: null,
  });
  return out;
}

function citizensRows(): Row[] {
  const c = results.citizens;
  if (!c) return [];
  const out: Row[] = [];
  const r = c.rush;
  if (r) {
    const n = r.rounds.length;
    const of = n > 1 ? `median of ${n} rounds` : '1 round';
    const first = r.rounds[0]!;
    const on99 = median(r.rounds.map((x) => x.on.callToScreen.p99));
    const off99 = median(r.rounds.map((x) => x.off.callToScreen.p99));
    out.push({
      what: `call-to-screen p99 with messages on, ms (${first.on.clients.total} clients, ~${first.on.calls} calls; ${of}; each round on/off: ${r.rounds.map((x) => `${ms(x.on.callToScreen.p99, 0)}/${ms(x.off.callToScreen.p99, 0)}`).join(', ')})`,
      value: ms(on99),
      baseline: `${ms(off99)} (messages off)`,
      ratio: times(r.median.p99),
      target: '≤ 1.1× off',
      met: r.median.p99 === null ? null : r.median.p99 <= 1.1,
    });
    out.push({
      what: `call-to-screen p50 with messages on, ms (${of})`,
      value: ms(median(r.rounds.map((x) => x.on.callToScreen.p50))),
      baseline: `${ms(median(r.rounds.map((x) => x.off.callToScreen.p50)))} (messages off)`,
      ratio: times(r.median.p50),
      target: '—',
      met: null,
    });
    for (const [round, x] of r.rounds.entries()) {
      const m = x.on.messages;
      out.push({
        what: `message lag, call (hub's calledAt) → push at the endpoint, p50 / p99 / max ms (round ${round + 1}; ${m.notified} of ${m.calls} calls notified)`,
        value: dist(m.lagFromCalledAt),
        baseline: `${dist(m.lagFromAck)} from the clerk's ack`,
        ratio: '—',
        target: 'reported',
        met: null,
      });
    }
    const m = first.on.messages;
    out.push({
      what: `pushes in round 1: ${int(m.arrived)} arrived (${Object.entries(m.byKind)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}), undecryptable, "called" sent twice`,
      value: `${m.undecryptable}, ${m.doubled}`,
      baseline: `${int(m.subscribed)} tickets subscribed; outbox drained ${ms(m.drainMs / 1000, 1)} s after the rush`,
      ratio: '—',
      target: '0, 0',
      met: m.undecryptable === 0 && m.doubled === 0,
    });
    out.push({
      what: 'hub peak RSS, MB, messages on (round 1)',
      value: mb(first.on.server.peakRssMb),
      baseline: `${mb(first.off.server.peakRssMb)} (messages off)`,
      ratio: times(first.on.server.peakRssMb / first.off.server.peakRssMb),
      target: '—',
      met: null,
    });
    out.push({
      what: 'hub CPU during the rush, share of one core, messages on (round 1)',
      value: ms(first.on.server.cpuShare, 2),
      baseline: `${ms(first.off.server.cpuShare, 2)} (messages off)`,
      ratio: '—',
      target: '—',
      met: null,
    });
  }
  for (const race of c.race ?? []) {
    for (const p of race.phases) {
      const refused = Object.entries(p.refused)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      out.push({
        what: `booking race (${race.backend}), ${p.requests} citizens at once on ${p.slots} slots (${p.places} places): accepted, refused`,
        value: `${p.accepted} accepted`,
        baseline: refused || 'none refused',
        ratio: '—',
        target: `≤ ${p.places}`,
        met: p.accepted <= p.places,
      });
      out.push({
        what: `  …bookings/s (answers/s); answer p50 / p99 / max, ms; hub CPU per request`,
        value: `${ms(p.bookingsPerSecond, 0)}/s (${ms(p.answersPerSecond, 0)}/s)`,
        baseline: `${dist(p.latency)}; ${ms(p.hubCpuMsPerRequest, 1)} ms CPU`,
        ratio: '—',
        target: 'reported',
        met: null,
      });
    }
    const k = race.check;
    out.push({
      what: `database (${race.backend}) after the race: slots over capacity (fullest ${k.maxHeld} of ${k.capacity}); accepted bookings stored once`,
      value: `${k.overCapacity} over; ${k.storedOnce} of ${k.accepted}`,
      baseline: `missing ${k.missing}, doubled ${k.duplicated}, unknown ${k.unknown}`,
      ratio: '—',
      target: '0 over, all once',
      met: k.ok,
    });
  }
  return out;
}

function printTable(table: Row[]): void {
  const headers: Row = {
    what: 'what',
    value: 'hub',
    baseline: 'baseline (same run)',
    ratio: 'ratio',
    target: 'target',
    met: null,
  };
  const all = [headers, ...table];
  const keys = ['what', 'value', 'baseline', 'ratio', 'target'] as const;
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...all.map((r) => r[k].length))]));
  const line = (r: Row, mark: string) =>
    `| ${keys.map((k) => r[k].padEnd(width[k]!)).join(' | ')} | ${mark.padEnd(3)} |`;
  console.log(line(headers, 'met'));
  console.log(`|${keys.map((k) => '-'.repeat(width[k]! + 2)).join('|')}|-----|`);
  for (const r of table) console.log(line(r, r.met === null ? '' : r.met ? 'yes' : 'no'));
}

function printProvinceDetails(): void {
  const p = results.province;
  if (!p) return;
  for (const d of [p.single, p.cluster]) {
    const r = d.rush;
    console.log(
      `\n${d.nodes} node(s): ${d.clients.total} sockets (${d.clients.clerks} clerks, ${d.clients.displays} boards, ` +
        `${d.clients.kiosks} kiosks, ${d.clients.phones} phones), set up in ${ms(d.setupSeconds, 0)} s; ` +
        `rush ${r.calls} calls counted, ${r.arrivalsIssued} arrivals issued, display gaps ${r.gaps}, ` +
        `calls not on every board of their site ${r.incomplete}, clients that failed to connect ${d.connectFailures.length}, call-to-phone p50/p99 ${ms(r.callToPhone.p50)} / ${ms(r.callToPhone.p99)} ms` +
        (Object.keys(r.errors).length ? `; errors ${JSON.stringify(r.errors)}` : '') +
        (Object.keys(d.issuance.failures).length
          ? `; issuance failures ${JSON.stringify(d.issuance.failures)}`
          : ''),
    );
    if (d.kill)
      console.log(
        `node kill: ${d.kill.clients} clients lost their node (${JSON.stringify(d.kill.byKind)}), ` +
          `served again p50 ${ms(d.kill.servedSeconds.p50, 2)} s, max ${ms(d.kill.servedSeconds.max, 2)} s; ` +
          `${d.kill.notServed} not served within 30 s; afterwards ${d.kill.issuedAfter} kiosks issued` +
          (Object.keys(d.kill.issueFailuresAfter).length
            ? ` (failures ${JSON.stringify(d.kill.issueFailuresAfter)})`
            : ''),
      );
  }
}

async function main(): Promise<void> {
  const m = results.machine;
  log(
    `${m.nproc} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (values.webhooks) {
    log(
      `webhooks: the rush without and with a subscription to every event (${rushRounds} round(s))`,
    );
    results.webhooks = await benchWebhooks({ rush: rushOptions, rounds: rushRounds, workers, log });
  } else if (values.citizens) {
    log(
      `citizens: the rush with messages off and on (${rushRounds} round(s)), then the booking race`,
    );
    results.citizens = await benchCitizens({
      rush: rushOptions,
      rounds: rushRounds,
      race: {
        ...(values.quick ? RACE_QUICK : RACE),
        ...(profileDir ? { cpuProfileDir: join(profileDir, 'race') } : {}),
      },
      workers,
      only,
      log,
    });
    for (const race of results.citizens.race ?? [])
      profileOf(`booking race (${race.backend})`, race.cpuProfile);
  } else if (values.province) {
    const base = values.quick ? PROVINCE_BENCH_QUICK : PROVINCE_BENCH;
    log(`province: ${values.sites ?? base.sites} sites, 1 node then ${base.nodes} behind nginx`);
    results.province = await benchProvince({
      ...base,
      ...(values.sites ? { sites: Number(values.sites) } : {}),
      ...(values.duration ? { durationMs: Number(values.duration) * 1000 } : {}),
      workers,
      log,
    });
  } else {
    if (only.has('start')) await benchStartup();
    if (only.has('ticket')) benchTicketRendering();
    if (only.has('issue')) await benchIssuance();
    if (only.has('rush')) await benchRush();
    if (only.has('reports')) benchReportQueries();
    if (only.has('planner')) benchStaffingPlan();
    if (only.has('flood')) await benchSocketFlood();
    if (only.has('rest'))
      results.rest = await benchRest(values.quick ? REST_BENCH_QUICK : REST_BENCH, log);
  }
  results.load.after = loadavg();
  results.finishedAt = new Date().toISOString();
  results.rows = rows();
  console.log(
    `\nLượt bench, ${results.startedAt.slice(0, 16)}Z, ${m.nproc} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, ` +
      `load ${results.load.before[0]!.toFixed(2)} → ${results.load.after[0]!.toFixed(2)}${values.quick ? ' (quick)' : ''}\n`,
  );
  printTable(results.rows);
  printProvinceDetails();
  for (const [round, r] of (results.rush?.rounds ?? []).entries()) {
    const a = r.accounting;
    console.log(
      `\nrush ${round + 1} accounting: issued ${a.issued} = ${Object.entries(a.byStatus)
        .map(([k, n]) => `${k} ${n}`)
        .join(' + ')}` +
        `; lost ${a.lostTickets}, called twice ${a.calledTwice}, display gaps ${r.hub.gaps}, ` +
        `calls not on every display ${r.hub.incomplete}; clock offset between processes ≤ ${ms(r.hub.clock.maxOffsetMs, 3)} ms`,
    );
    if (Object.keys(r.hub.errors).length)
      console.log(`hub errors: ${JSON.stringify(r.hub.errors)}`);
  }
  for (const [round, r] of (results.citizens?.rush?.rounds ?? []).entries())
    for (const m of r.order) {
      const run = r[m];
      console.log(
        `\ncitizens rush ${round + 1}, messages ${m}: ${run.calls} calls counted, ${run.arrivalsIssued} arrivals issued, ` +
          `display gaps ${run.gaps}, calls not on every display ${run.incomplete}` +
          (m === 'on'
            ? `; push subscriptions ${r.on.messages.subscribed}, refused ${JSON.stringify(r.on.messages.subscribeFailures)}`
            : '') +
          (Object.keys(run.errors).length ? `; errors ${JSON.stringify(run.errors)}` : ''),
      );
    }
  for (const race of results.citizens?.race ?? [])
    console.log(
      `\nbooking race (${race.backend}): ${race.signIn.citizens} citizens signed in in ${ms(race.signIn.seconds, 1)} s` +
        (Object.keys(race.signIn.failures).length
          ? ` (failures ${JSON.stringify(race.signIn.failures)})`
          : ''),
    );
  mkdirSync(values.out, { recursive: true });
  const file = join(
    values.out,
    `${stamp}${values.province ? '-province' : ''}${values.citizens ? '-citizens' : ''}${values.webhooks ? '-webhooks' : ''}${values.quick ? '-quick' : ''}.json`,
  );
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}

main()
  .then(() => {
    clearTimeout(watchdog);
    process.exit(0);
  })
  .catch((err: unknown) => {
    console.error(err);
    killAllServers();
    process.exit(1);
  });
