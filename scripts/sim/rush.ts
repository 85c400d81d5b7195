import { prng } from '@luot/test-support';
import type {
  Arrival,
  CallRecord,
  ClerkBehaviour,
  ClerkOpRecord,
  ClerkSpec,
  ClientSpec,
  DisplaySpec,
  IssuedRecord,
  KioskSpec,
  PhoneSpec,
  RunReport,
  ServerMode,
} from './messages.ts';
import type { PushFollow } from './push-follow.ts';
import { morningRush, poissonArrivals, shapeMean, weightedIndex } from './random.ts';
import { distribution, sharedNow, type Distribution } from './stats.ts';
import type { WorkerPool } from './worker-pool.ts';

export interface RushPlan {
  durationMs: number;
  /** Calls made before this (from the start) warm up JIT and caches and are not counted. */
  warmupMs: number;
  drainMs: number;
  behaviour: ClerkBehaviour;
  arrivals: Arrival[];
  seed: number;
  /**
   * How many displays see each call: every display of the one site (the default), or, for a
   * province of many sites, the displays of the caller's site.
   */
  displaysPerCall?: number;
  /** Messages on: every ticket issued during the run subscribes its phone to Web Push. */
  follow?: PushFollow;
}

export interface RushClients {
  clerks: ClerkSpec[];
  displays: DisplaySpec[];
  phones: PhoneSpec[];
  kiosks: KioskSpec[];
}

export interface RushResult {
  mode: ServerMode;
  /** Shared-clock time the run started (calls before it plus the warm-up are not counted). */
  startedAt: number;
  clients: { clerks: number; displays: number; phones: number; kiosks: number; total: number };
  durationMs: number;
  /** Calls counted (after the warm-up), and the latency from "call next" to the last display. */
  calls: number;
  callToScreen: Distribution;
  /** From "call next" to the first display, and to the clerk's acknowledgement. */
  callToFirstScreen: Distribution;
  /**
   * The call-to-screen time split at the server's timestamp of the call (its `at`, Date.now()
   * in the server): "call next" → the server took it, and from there → the last display. Tells a
   * server that is slow to take requests from one slow to fan out (± a few ms of clock drift).
   */
  callToServer: Distribution;
  serverToScreen: Distribution;
  callAck: Distribution;
  /** From "call next" to the called ticket's phone page showing it called (hub only). */
  callToPhone: Distribution;
  /** Counted calls that did not reach every display. */
  incomplete: number;
  gaps: number;
  displayEvents: number;
  phoneViews: number;
  arrivalsIssued: number;
  clerkOps: number;
  errors: Record<string, number>;
  /** Push subscriptions of the tickets issued during the run (messages on): made, refused. */
  follows: { ok: number; failures: Record<string, number>; subscribedAt: Record<string, number> };
  clock: { maxOffsetMs: number; maxRoundTripMs: number };
  /** Raw records for accounting checks. */
  records: {
    issued: IssuedRecord[];
    clerkOps: ClerkOpRecord[];
    /** Every successful call (warm-up included), with the server's `calledAt` in its key. */
    calls: CallRecord[];
    /** Each counted call: when it was sent (ms after the start) and its call-to-screen time. */
    callToScreen: { atMs: number; ms: number }[];
  };
}

/**
 * Poisson arrivals for a rush of `durationMs`, per field in proportion to `fieldRates`
 * (tickets per second, averaged over the rush), shaped like a morning, dealt over the kiosks.
 */
export function rushArrivals(options: {
  durationMs: number;
  fieldRates: Record<string, number>;
  kioskIds: string[];
  priorityShare: number;
  seed: number;
}): Arrival[] {
  const random = prng(options.seed);
  const mean = shapeMean(morningRush);
  const arrivals: Omit<Arrival, 'kioskId'>[] = [];
  for (const [fieldId, rate] of Object.entries(options.fieldRates))
    for (const atMs of poissonArrivals(random, options.durationMs, rate / mean, morningRush))
      arrivals.push({ atMs, fieldId, priority: random() < options.priorityShare });
  arrivals.sort((a, b) => a.atMs - b.atMs);
  return arrivals.map((a, i) => ({
    ...a,
    kioskId: options.kioskIds[i % options.kioskIds.length]!,
  }));
}

/**
 * Average arrival rate per field that keeps up with the counters: each counter's service
 * capacity (1 / mean cycle) shared among the fields it serves, times `load`.
 */
export function capacityRates(
  counters: { fieldIds: string[] }[],
  cycleMs: (fieldId: string) => number,
  load: number,
): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const c of counters)
    for (const f of c.fieldIds)
      rates[f] = (rates[f] ?? 0) + (load * 1000) / cycleMs(f) / c.fieldIds.length;
  return rates;
}

/** Picks `count` field ids with probability proportional to their weights. */
export function drawFields(
  fields: readonly { id: string; weight: number }[],
  count: number,
  seed: number,
): string[] {
  const random = prng(seed);
  const weights = fields.map((f) => f.weight);
  return Array.from({ length: count }, () => fields[weightedIndex(random, weights)]!.id);
}

/**
 * Issues tickets from kiosks as fast as the server answers (each kiosk one at a time), spread
 * over the workers that hold the kiosks; resolves with every issued ticket and the rate.
 */
export async function issueFromKiosks(
  pool: WorkerPool,
  kiosks: KioskSpec[],
  fieldIds: string[],
  deadlineMs: number,
): Promise<{
  issued: IssuedRecord[];
  failures: Record<string, number>;
  perSecond: number;
  latency: Distribution;
}> {
  const byWorker = new Map<number, { ids: string[]; fields: string[][] }>();
  kiosks.forEach((k, i) => {
    const w = pool.kioskWorker(k.id);
    const entry = byWorker.get(w) ?? { ids: [], fields: [] };
    entry.ids.push(k.id);
    entry.fields.push(fieldIds.filter((_, n) => n % kiosks.length === i));
    byWorker.set(w, entry);
  });
  const deadlineAt = sharedNow() + deadlineMs;
  const reports = await Promise.all(
    [...byWorker].map(([w, e]) =>
      pool.ask(w, { t: 'issue', kioskIds: e.ids, fieldIds: e.fields, deadlineAt }, 'issued'),
    ),
  );
  const issued = reports.flatMap((r) => r.report.issued);
  const failures: Record<string, number> = {};
  for (const r of reports)
    for (const [code, n] of Object.entries(r.report.failures))
      failures[code] = (failures[code] ?? 0) + n;
  const started = Math.min(...reports.map((r) => r.report.startedAt));
  const ended = Math.max(...reports.map((r) => r.report.endedAt));
  return {
    issued,
    failures,
    perSecond: issued.length / ((ended - started) / 1000),
    latency: distribution(reports.flatMap((r) => r.report.latenciesMs)),
  };
}

/** Connects clients, dealt over the workers; throws if any fails to connect. */
export async function connectClients(
  pool: WorkerPool,
  mode: ServerMode,
  url: string,
  clients: ClientSpec[],
): Promise<void> {
  const { failed } = await pool.connect(mode, url, clients);
  if (failed.length > 0)
    throw new Error(
      `${failed.length} clients failed to connect, e.g. ${failed.slice(0, 3).join('; ')}`,
    );
}

/**
 * Runs a rush on connected clients: clerks work, kiosks issue on the arrival schedule, screens
 * and phones watch. Every worker starts at the same shared-clock instant; the run stops after
 * `durationMs` (clerks finish their current citizen) and is bounded by `drainMs` more.
 */
export async function runRush(
  pool: WorkerPool,
  mode: ServerMode,
  clients: RushClients,
  plan: RushPlan,
): Promise<RushResult> {
  const clock = await pool.clockCheck();
  const startAt = sharedNow() + 1000;
  const reports: RunReport[] = (
    await Promise.all(
      Array.from({ length: pool.size }, (_, w) =>
        pool.ask(
          w,
          {
            t: 'run',
            startAt,
            durationMs: plan.durationMs,
            drainMs: plan.drainMs,
            behaviour: plan.behaviour,
            arrivals: plan.arrivals.filter((a) => pool.kioskWorker(a.kioskId) === w),
            seed: plan.seed + w,
            ...(plan.follow ? { follow: plan.follow } : {}),
          },
          'ran',
        ),
      ),
    )
  ).map((r) => r.report);

  const seen = new Map<string, { n: number; first: number; last: number }>();
  for (const r of reports)
    for (const [key, s] of Object.entries(r.seen)) {
      const m = seen.get(key);
      if (!m) seen.set(key, { ...s });
      else {
        m.n += s.n;
        m.first = Math.min(m.first, s.first);
        m.last = Math.max(m.last, s.last);
      }
    }
  const phoneCalledAt = new Map<string, number>();
  for (const r of reports)
    for (const [id, t] of Object.entries(r.phoneCalledAt)) phoneCalledAt.set(id, t);

  const toLast: number[] = [];
  const timeline: { atMs: number; ms: number }[] = [];
  const toServer: number[] = [];
  const fromServer: number[] = [];
  const toFirst: number[] = [];
  const acks: number[] = [];
  const toPhone: number[] = [];
  const displaysPerCall = plan.displaysPerCall ?? clients.displays.length;
  let incomplete = 0;
  let counted = 0;
  const phoneSeen = new Set<string>();
  for (const call of reports.flatMap((r) => r.calls)) {
    if (call.sentAt < startAt + plan.warmupMs) continue;
    counted++;
    acks.push(call.ackAt - call.sentAt);
    const s = seen.get(call.key);
    if (!s || s.n < displaysPerCall) incomplete++;
    if (s) {
      toFirst.push(s.first - call.sentAt);
      if (s.n >= displaysPerCall) {
        toLast.push(s.last - call.sentAt);
        timeline.push({ atMs: call.sentAt - startAt, ms: s.last - call.sentAt });
        const stamped = Number(call.key.split('|')[2]);
        if (Number.isFinite(stamped)) {
          toServer.push(stamped - call.sentAt);
          fromServer.push(s.last - stamped);
        }
      }
    }
    const phoneAt = phoneCalledAt.get(call.ticketId);
    if (phoneAt !== undefined && !phoneSeen.has(call.ticketId)) {
      phoneSeen.add(call.ticketId);
      toPhone.push(phoneAt - call.sentAt);
    }
  }
  const errors: Record<string, number> = {};
  for (const r of reports)
    for (const [k, n] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + n;
  for (const r of reports)
    for (const [k, n] of Object.entries(r.arrivals.failures))
      errors[`issue:${k}`] = (errors[`issue:${k}`] ?? 0) + n;
  const clientCounts = {
    clerks: clients.clerks.length,
    displays: clients.displays.length,
    phones: clients.phones.length,
    kiosks: clients.kiosks.length,
  };
  return {
    mode,
    startedAt: startAt,
    clients: { ...clientCounts, total: Object.values(clientCounts).reduce((a, b) => a + b, 0) },
    durationMs: plan.durationMs,
    calls: counted,
    callToScreen: distribution(toLast),
    callToFirstScreen: distribution(toFirst),
    callToServer: distribution(toServer),
    serverToScreen: distribution(fromServer),
    callAck: distribution(acks),
    callToPhone: distribution(toPhone),
    incomplete,
    gaps: reports.reduce((s, r) => s + r.gaps, 0),
    displayEvents: reports.reduce((s, r) => s + r.displayEvents, 0),
    phoneViews: reports.reduce((s, r) => s + r.phoneViews, 0),
    arrivalsIssued: reports.reduce((s, r) => s + r.arrivals.issued.length, 0),
    clerkOps: reports.reduce((s, r) => s + r.clerkOps.length, 0),
    errors,
    follows: {
      ok: reports.reduce((s, r) => s + r.follows.ok, 0),
      failures: reports.reduce<Record<string, number>>((all, r) => {
        for (const [k, n] of Object.entries(r.follows.failures)) all[k] = (all[k] ?? 0) + n;
        return all;
      }, {}),
      subscribedAt: Object.assign({}, ...reports.map((r) => r.follows.subscribedAt)) as Record<
        string,
        number
      >,
    },
    clock,
    records: {
      issued: reports.flatMap((r) => r.arrivals.issued),
      clerkOps: reports.flatMap((r) => r.clerkOps),
      calls: reports.flatMap((r) => r.calls),
      callToScreen: timeline,
    },
  };
}
