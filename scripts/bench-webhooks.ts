/**
 * `pnpm bench --webhooks`: issue 16's webhook targets.
 *
 * The seeded morning rush of `pnpm bench` (scripts/sim/scenarios.ts) twice per round on fresh
 * hubs: without subscriptions, and with one subscription to every event posting to a local
 * receiver in this process (a node:http server answering 200 at once), the order alternating
 * between rounds. Reports call-to-screen p99 with ÷ without (median over the rounds; target
 * ≤ 1.1×) and the delivery lag, from the event's `occurredAt` (the hub's clock when it decided
 * it, just before it was stored) to the receiver getting it (target p99 ≤ 1 s), and whether every
 * stored event was delivered exactly once.
 */
import {
  DEFAULT_SITE_ID,
  deliveryStates,
  startWebhookReceiver,
  subscribeEveryEvent,
  type WebhookReceiver,
} from '@luot/hub/bench';
import type { RushResult } from './sim/rush.ts';
import {
  prepareHubRush,
  runPreparedRush,
  type RushOptions,
  type ServerUsage,
} from './sim/scenarios.ts';
import { distribution, median, type Distribution } from './sim/stats.ts';
import { onOffRounds, strip, type OnOffResult, type OnOffRound } from './sim/on-off-rounds.ts';
import { startWorkers } from './sim/worker-pool.ts';

export interface WebhookBenchOptions {
  rush: RushOptions;
  rounds: number;
  workers: number;
  log: (message: string) => void;
}

type RushRun = Omit<RushResult, 'records'> & { server: ServerUsage };

/** What the receiver saw in a run with the subscription. */
export interface DeliveryFigures {
  /** Requests received, distinct idempotency keys among them, and deliveries stored by state. */
  requests: number;
  keys: number;
  stored: Record<string, number>;
  /** From the event's `occurredAt` to its first arrival at the receiver, ms. */
  lag: Distribution;
  /** How long after the rush the last delivery arrived. */
  drainMs: number;
}

export type WebhookRushRound = OnOffRound<RushRun, RushRun & { deliveries: DeliveryFigures }>;
export type WebhookBenchResult = OnOffResult<RushRun, RushRun & { deliveries: DeliveryFigures }>;

/** Waits until no delivery has arrived for `quietMs` (or `maxMs` passed). */
async function quiet(receiver: WebhookReceiver, quietMs: number, maxMs: number): Promise<void> {
  const start = Date.now();
  let seen = -1;
  let since = Date.now();
  while (Date.now() - start < maxMs) {
    if (receiver.requests.length !== seen) {
      seen = receiver.requests.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function rushRun(o: WebhookBenchOptions, hooks: 'off' | 'on') {
  const pool = await startWorkers(o.workers);
  const receiver = hooks === 'on' ? await startWebhookReceiver() : null;
  let dataDir = '';
  try {
    const prepared = await prepareHubRush(pool, o.rush, {
      ...(receiver && {
        beforeStart: async (dir: string) => {
          dataDir = dir;
          await subscribeEveryEvent(dir, DEFAULT_SITE_ID, receiver.url);
        },
      }),
    });
    try {
      const result: RushRun = strip(await runPreparedRush(pool, prepared, o.rush));
      if (!receiver) return result;
      const rushEndedAt = Date.now();
      await quiet(receiver, 3000, 60_000);
      const first = new Map<string, number>();
      for (const d of receiver.requests)
        if (!first.has(d.body.id)) first.set(d.body.id, d.receivedAt - d.body.occurredAt);
      const last = Math.max(rushEndedAt, ...receiver.requests.map((d) => d.receivedAt));
      const deliveries: DeliveryFigures = {
        requests: receiver.requests.length,
        keys: first.size,
        stored: deliveryStates(dataDir),
        lag: distribution([...first.values()]),
        drainMs: last - rushEndedAt,
      };
      return { ...result, deliveries };
    } finally {
      await prepared.cleanup();
    }
  } finally {
    await receiver?.close();
    await pool.close();
  }
}

/** Runs the rush without and with a subscription to every event, `rounds` times. */
export function benchWebhooks(o: WebhookBenchOptions): Promise<WebhookBenchResult> {
  return onOffRounds({
    options: o.rush,
    rounds: o.rounds,
    starting: (round, hooks) =>
      o.log(
        `webhooks rush ${round}/${o.rounds}, subscription ${hooks}: ${o.rush.counters} counters, ${o.rush.displays} displays, ${o.rush.phones} phones, ${o.rush.durationMs / 1000} s`,
      ),
    run: {
      off: () => rushRun(o, 'off'),
      on: async () => (await rushRun(o, 'on')) as RushRun & { deliveries: DeliveryFigures },
    },
  });
}

/** The rows `pnpm bench` prints for the webhook bench. */
export function webhookRows(r: WebhookBenchResult | undefined) {
  if (!r) return [];
  const f = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));
  const n = r.rounds.length;
  const of = n > 1 ? `median of ${n} rounds` : '1 round';
  const on99 = median(r.rounds.map((x) => x.on.callToScreen.p99));
  const off99 = median(r.rounds.map((x) => x.off.callToScreen.p99));
  const rows = [
    {
      what: `call-to-screen p99 with a webhook on every event, ms (~${r.rounds[0]!.on.calls} calls; ${of}; each round on/off: ${r.rounds.map((x) => `${f(x.on.callToScreen.p99, 0)}/${f(x.off.callToScreen.p99, 0)}`).join(', ')})`,
      value: f(on99),
      baseline: `${f(off99)} (no subscription)`,
      ratio: r.median.p99 === null ? '—' : `${r.median.p99.toFixed(2)}×`,
      target: '≤ 1.1× without',
      met: r.median.p99 === null ? null : r.median.p99 <= 1.1,
    },
  ];
  for (const [round, x] of r.rounds.entries()) {
    const d = x.on.deliveries;
    const lag = d.lag;
    rows.push({
      what: `webhook delivery lag, event stored → receiver, p50 / p99 / max ms (round ${round + 1}; ${d.keys} events, ${d.requests} requests; stored ${JSON.stringify(d.stored)}; drained ${f(d.drainMs / 1000)} s after the rush)`,
      value: `${f(lag.p50, 0)} / ${f(lag.p99, 0)} / ${f(lag.max, 0)}`,
      baseline: '—',
      ratio: '—',
      target: 'p99 ≤ 1,000 ms, each event once',
      met:
        lag.p99 !== null &&
        lag.p99 <= 1000 &&
        d.keys === d.requests &&
        d.keys === (d.stored.delivered ?? 0),
    });
  }
  return rows;
}
