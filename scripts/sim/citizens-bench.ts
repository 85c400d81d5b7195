/**
 * `pnpm bench --citizens`: the issue-14 targets (citizens outside the lobby).
 *
 *   rush, messages off vs on  the seeded morning rush of `pnpm bench` (scripts/sim/scenarios.ts)
 *                             twice per round on fresh hubs, messages off and on, the order
 *                             alternating between rounds. "On": every ticket's phone subscribes
 *                             to Web Push (the tickets waiting at opening before the rush, each
 *                             ticket issued during it as soon as it is issued) at a local push
 *                             endpoint in this process (push-endpoint.ts), which records when
 *                             each message arrives and decrypts it. Call-to-screen p99 on ÷ off
 *                             (median over the rounds of the ratios); message lag from the call
 *                             (the hub's `calledAt`, and the clerk's acknowledgement) to the
 *                             "please come to counter K" push arriving.
 *   booking race              a hub whose field takes bookings; 200 citizens, each with their own
 *                             phone number and address, signed in beforehand (one-time code read
 *                             from the fake SMS provider); all at once on the same few slots, then
 *                             all at once over many slots; bookings/s, answer latency, and the
 *                             database read afterwards: no slot over its capacity, every accepted
 *                             booking stored exactly once.
 */
import type { RushResult } from './rush.ts';
import {
  mapLimit,
  prepareHubRush,
  runPreparedRush,
  type RushOptions,
  type ServerUsage,
} from './scenarios.ts';
import { messagesOffHub, messagesOnHub } from './citizens-hub.ts';
import type { PushEndpoint } from './push-endpoint.ts';
import { followByPush, type PushFollow } from './push-follow.ts';
import { distribution, type Distribution } from './stats.ts';
import { onOffRounds, strip, type OnOffResult, type OnOffRound } from './on-off-rounds.ts';
import { startWorkers, type WorkerPool } from './worker-pool.ts';
import {
  raceBookings,
  RACE,
  RACE_QUICK,
  type RaceOptions,
  type RaceResult,
} from './booking-race.ts';

export { RACE, RACE_QUICK };

export interface CitizensBenchOptions {
  rush: RushOptions;
  rounds: number;
  race: RaceOptions;
  workers: number;
  /** Which parts to run: 'rush', 'race'. */
  only: Set<string>;
  log: (message: string) => void;
}

type RushRun = Omit<RushResult, 'records'> & { server: ServerUsage };

/** What the messages-on run saw at its push endpoint. */
export interface MessageFigures {
  /** Tickets subscribed before the rush and during it, and subscriptions refused, by code. */
  subscribed: number;
  subscribeFailures: Record<string, number>;
  /** Pushes that arrived, and those that did not decrypt with the subscriber's keys. */
  arrived: number;
  undecryptable: number;
  /** Arrivals by kind of message (called, ahead, other). */
  byKind: Record<string, number>;
  /** Counted calls of subscribed tickets, and how many of them got their "called" push. */
  calls: number;
  notified: number;
  /** Tickets with more "called" pushes than calls and recalls (a message sent twice). */
  doubled: number;
  /** From the hub's `calledAt` to the push's arrival. */
  lagFromCalledAt: Distribution;
  /** From the clerk's acknowledgement of "call next" to the push's arrival. */
  lagFromAck: Distribution;
  /** How long after the rush the last push arrived (the outbox draining). */
  drainMs: number;
}

export type CitizensRushRound = OnOffRound<RushRun, RushRun & { messages: MessageFigures }>;

export interface CitizensBenchResult {
  rush?: OnOffResult<RushRun, RushRun & { messages: MessageFigures }>;
  race?: RaceResult[];
}

/**
 * Which push this is, from its decrypted text: the call ("… mời đến quầy …") or the "N people
 * ahead" notice. The hub's texts are Vietnamese; the payload may be JSON with a body.
 */
export function messageKind(text: string): 'called' | 'ahead' | 'other' {
  let body = text;
  try {
    const json = JSON.parse(text) as { title?: string; body?: string; kind?: string };
    if (json.kind === 'called' || json.kind === 'ahead') return json.kind;
    body = `${json.title ?? ''} ${json.body ?? ''}`;
  } catch {
    // plain text
  }
  if (/quầy/i.test(body)) return 'called';
  if (/trước|tiếp theo/i.test(body)) return 'ahead';
  return 'other';
}

/**
 * Message figures of a messages-on run: for every counted call of a subscribed ticket, the
 * first "called" push to its endpoint after the call, on the shared clock.
 */
function messageFigures(
  endpoint: PushEndpoint,
  result: RushResult,
  warmupMs: number,
  /** When each ticket's subscription was made (shared clock; before the rush: 0). */
  subscribed: Map<string, number>,
  subscribeFailures: Record<string, number>,
  rushEndedAt: number,
): MessageFigures {
  const byKind: Record<string, number> = {};
  const calledPushes = new Map<string, number[]>();
  let undecryptable = 0;
  let last = rushEndedAt;
  for (const a of endpoint.arrivals()) {
    last = Math.max(last, a.at);
    let kind: string;
    try {
      kind = messageKind(endpoint.decrypt(a));
    } catch {
      undecryptable++;
      continue;
    }
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (kind !== 'called') continue;
    const list = calledPushes.get(a.id) ?? [];
    list.push(a.at);
    calledPushes.set(a.id, list);
  }
  const recalls = new Map<string, number>();
  const callsOf = new Map<string, number>();
  for (const op of result.records.clerkOps)
    if (op.ok && op.ticketId && (op.op === 'recall' || op.op === 'callNext'))
      (op.op === 'recall' ? recalls : callsOf).set(
        op.ticketId,
        ((op.op === 'recall' ? recalls : callsOf).get(op.ticketId) ?? 0) + 1,
      );
  const fromCalledAt: number[] = [];
  const fromAck: number[] = [];
  let calls = 0;
  let notified = 0;
  const firstCall = new Set<string>();
  for (const call of result.records.calls) {
    if (firstCall.has(call.ticketId)) continue;
    firstCall.add(call.ticketId);
    // A ticket called before its phone had subscribed is not told: not counted.
    const since = subscribed.get(call.ticketId);
    if (since === undefined || since > call.sentAt) continue;
    if (call.sentAt < result.startedAt + warmupMs) continue;
    calls++;
    const calledAt = Number(call.key.split('|')[2]);
    const arrival = (calledPushes.get(call.ticketId) ?? []).find((at) => at >= call.sentAt);
    if (arrival === undefined) continue;
    notified++;
    if (Number.isFinite(calledAt)) fromCalledAt.push(arrival - calledAt);
    fromAck.push(arrival - call.ackAt);
  }
  let doubled = 0;
  for (const [id, pushes] of calledPushes)
    if (pushes.length > (callsOf.get(id) ?? 0) + (recalls.get(id) ?? 0)) doubled++;
  return {
    subscribed: subscribed.size,
    subscribeFailures,
    arrived: endpoint.arrivals().length,
    undecryptable,
    byKind,
    calls,
    notified,
    doubled,
    lagFromCalledAt: distribution(fromCalledAt),
    lagFromAck: distribution(fromAck),
    drainMs: Math.max(0, last - rushEndedAt),
  };
}

/** One run of the rush on a fresh hub, messages off or on. */
async function rushRun(
  pool: WorkerPool,
  o: CitizensBenchOptions,
  messages: 'off' | 'on',
): Promise<RushRun & { messages?: MessageFigures }> {
  const hub = messages === 'on' ? await messagesOnHub() : await messagesOffHub();
  const endpoint = hub.endpoint;
  try {
    const prepared = await prepareHubRush(pool, o.rush, {
      hubArgs: hub.hubArgs,
      env: hub.env,
      ...(hub.beforeStart ? { beforeStart: hub.beforeStart } : {}),
    });
    try {
      let follow: PushFollow | undefined;
      const subscribed = new Map<string, number>();
      const failures: Record<string, number> = {};
      if (endpoint) {
        follow = { hubUrl: prepared.server.url, endpointUrl: endpoint.url, keys: endpoint.keys };
        const plan = follow;
        await mapLimit(prepared.prefill, 16, async (t) => {
          const res = await followByPush(plan, t);
          if (res.ok) subscribed.set(t.ticketId, 0);
          else failures[res.code] = (failures[res.code] ?? 0) + 1;
        });
        if (subscribed.size === 0)
          throw new Error(`no ticket could subscribe to Web Push: ${JSON.stringify(failures)}`);
      }
      const result = await runPreparedRush(pool, prepared, o.rush, follow ? { follow } : {});
      if (!endpoint) return strip(result);
      const rushEndedAt = result.startedAt + o.rush.durationMs;
      await endpoint.settle(3000, 30_000);
      // Tickets issued during the rush subscribed as soon as they were issued.
      for (const [id, at] of Object.entries(result.follows.subscribedAt)) subscribed.set(id, at);
      for (const [k, n] of Object.entries(result.follows.failures))
        failures[k] = (failures[k] ?? 0) + n;
      const figures = messageFigures(
        endpoint,
        result,
        o.rush.warmupMs,
        subscribed,
        failures,
        rushEndedAt,
      );
      return { ...strip(result), messages: figures };
    } finally {
      await prepared.cleanup();
    }
  } finally {
    await hub.close();
  }
}

async function benchRush(o: CitizensBenchOptions): Promise<CitizensBenchResult['rush']> {
  const run = async (messages: 'off' | 'on') => {
    const pool = await startWorkers(o.workers);
    try {
      return await rushRun(pool, o, messages);
    } finally {
      await pool.close();
    }
  };
  return onOffRounds({
    options: o.rush,
    rounds: o.rounds,
    starting: (round, messages) =>
      o.log(
        `citizens rush ${round}/${o.rounds}, messages ${messages}: ${o.rush.counters} counters, ${o.rush.displays} displays, ${o.rush.phones} phones, ${o.rush.durationMs / 1000} s`,
      ),
    run: {
      off: () => run('off'),
      on: async () => (await run('on')) as RushRun & { messages: MessageFigures },
    },
  });
}

/** Runs the parts of the citizens' bench asked for. */
export async function benchCitizens(o: CitizensBenchOptions): Promise<CitizensBenchResult> {
  const out: CitizensBenchResult = {};
  if (o.only.has('rush')) out.rush = await benchRush(o);
  if (o.only.has('race')) out.race = await raceBookings({ ...o.race, log: o.log });
  return out;
}
