import { randomBytes } from 'node:crypto';
import {
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_HEADERS,
  WEBHOOK_RETRY_WINDOW_MS,
  type WebhookBody,
  type WebhookEventType,
} from '@luot/protocol';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { createSealer, type Sealer } from '../messages/recipient-crypto.ts';
import type { Site, Sites } from '../sites.ts';
import type {
  ClaimedWebhookDelivery,
  NewWebhookDelivery,
  ProvinceStore,
  WebhookFill,
  WebhookOutcome,
  WebhookResult,
} from '../store.ts';
import { shapeEvent, type ShapedEvent } from './bodies.ts';
import { signWebhook } from './signing.ts';

/** The store's secret that seals subscriptions' signing secrets (32 random bytes, base64). */
export const WEBHOOK_KEY_SECRET = 'webhooks.secret-key';

export interface WebhookOptions {
  /** The safety net: fill and send this often even if no commit was heard (0: never). */
  pollMs: number;
  /** How long a receiver has to answer one delivery. */
  timeoutMs: number;
  /**
   * A claimed delivery is `sending` this long; a sender that died leaves it to be sent again.
   * Long enough for a whole claim sent `concurrency` at a time to a receiver that times out.
   */
  leaseMs: number;
  /** Sends at once per subscription on this node (a slow receiver holds only its own). */
  concurrency: number;
  /** Deliveries claimed at most per subscription (across nodes), sent `concurrency` at a time. */
  claimPerSubscription: number;
  /** The first retry's wait; each next one doubles, up to `maxBackoffMs`, plus up to 20 % jitter. */
  backoffMs: number;
  maxBackoffMs: number;
  /** How long a delivery is retried before it is dead. */
  retryWindowMs: number;
  /** Commits and ended sends are gathered this long into one fill and one round of the sender. */
  roundMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  pollMs: 5_000,
  timeoutMs: 10_000,
  leaseMs: 180_000,
  concurrency: 16,
  claimPerSubscription: 100,
  backoffMs: 10_000,
  maxBackoffMs: 60 * 60_000,
  retryWindowMs: WEBHOOK_RETRY_WINDOW_MS,
  roundMs: 100,
};

/** The wait before retry number `attempts` (1 = after the first failure), jitter not included. */
export function webhookBackoffMs(
  attempts: number,
  o: Pick<WebhookOptions, 'backoffMs' | 'maxBackoffMs'>,
) {
  return Math.min(o.backoffMs * 2 ** Math.max(0, attempts - 1), o.maxBackoffMs);
}

/** A delivery's idempotency key: one per stored event and subscription. */
export function idempotencyKey(siteId: string, seq: number, subscriptionId: string): string {
  return `${siteId}:${seq}:${subscriptionId}`;
}

export type Webhooks = Awaited<ReturnType<typeof createWebhooks>>;

const SUBSCRIBABLE = new Set<string>(WEBHOOK_EVENT_TYPES);

/**
 * Webhooks: the filler, which follows each site's stored events with one cursor per
 * subscription and turns every subscribed event into a delivery row (woken by the site's
 * commits, and on a timer); and the sender, which claims due deliveries, POSTs each signed
 * body, and marks it delivered, due again after a back-off, or dead once its retry window is
 * over. Neither runs in the queue's turn: a receiver that is down or hangs holds up only its
 * own deliveries.
 */
export async function createWebhooks(deps: {
  province: ProvinceStore;
  sites: Sites;
  clock: Clock;
  log: Logger;
  newId: () => string;
  options?: Partial<WebhookOptions>;
}) {
  const { province, sites, clock } = deps;
  const log = deps.log.child({ part: 'webhooks' });
  const options = { ...DEFAULT_WEBHOOK_OPTIONS, ...deps.options };
  const key = await province.secret(
    WEBHOOK_KEY_SECRET,
    () => randomBytes(32).toString('base64'),
    clock.now(),
  );
  const sealer: Sealer = createSealer(Buffer.from(key, 'base64'));
  let closed = false;
  /** Aborts the sends under way when the hub closes (their leases bring them back). */
  const closing = new AbortController();

  // --- The filler: stored events → delivery rows, one site at a time in order.
  const filling = new Map<string, { running: Promise<void>; again: boolean }>();

  async function fillOnce(site: Site): Promise<number> {
    const cursors = await province.webhookCursors(site.id);
    if (cursors.length === 0) return 0;
    const from = Math.min(...cursors.map((c) => c.seq));
    const events = await site.store.eventsAfter(from);
    if (events.length === 0) return 0;
    const last = events[events.length - 1]!.seq;
    const bodies = new Map<number, ShapedEvent>();
    const fills: WebhookFill[] = [];
    for (const { subscription, seq } of cursors) {
      if (seq >= last) continue;
      const deliveries: NewWebhookDelivery[] = [];
      for (const stored of events) {
        if (stored.seq <= seq) continue;
        const type = stored.event.type;
        if (!SUBSCRIBABLE.has(type) || !subscription.events.includes(type as WebhookEventType))
          continue;
        let shaped = bodies.get(stored.seq);
        if (!shaped) {
          shaped = await shapeEvent(site, stored);
          bodies.set(stored.seq, shaped);
        }
        const id = idempotencyKey(site.id, stored.seq, subscription.id);
        deliveries.push({
          id: deps.newId(),
          subscriptionId: subscription.id,
          siteId: site.id,
          seq: stored.seq,
          type: shaped.type,
          ticketId: shaped.ticketId,
          ticketLabel: shaped.body.ticketLabel,
          orderKey: shaped.orderKey,
          idempotencyKey: id,
          body: JSON.stringify({ id, ...shaped.body } satisfies WebhookBody),
          at: clock.now(),
        });
      }
      fills.push({ subscriptionId: subscription.id, from: seq, to: last, deliveries });
    }
    return fills.length === 0 ? 0 : province.fillWebhookDeliveries(site.id, fills);
  }

  /** Fills a site's deliveries (a fill asked for while one runs goes round once more), then sends. */
  function fill(site: Site): Promise<void> {
    if (closed) return Promise.resolve();
    const current = filling.get(site.id);
    if (current) {
      current.again = true;
      return current.running;
    }
    const entry = { again: false, running: Promise.resolve() };
    entry.running = (async () => {
      try {
        do {
          entry.again = false;
          // New deliveries: claimed at once (fills are already gathered by `roundMs`).
          if ((await fillOnce(site)) > 0) void pump();
        } while (entry.again && !closed);
      } catch (err) {
        log.error({ err, site: site.id }, 'filling webhook deliveries failed');
      } finally {
        filling.delete(site.id);
      }
    })();
    filling.set(site.id, entry);
    return entry.running;
  }

  // --- The sender. Claimed deliveries wait in a queue per subscription and are sent
  // `concurrency` at a time; each send that ends starts the next one at once.
  const heldById = new Map<string, ClaimedWebhookDelivery>();
  const waiting = new Map<string, ClaimedWebhookDelivery[]>();
  const active = new Map<string, number>();
  const inFlight = new Map<string, Promise<void>>();

  function queue(d: ClaimedWebhookDelivery): void {
    heldById.set(d.id, d);
    const list = waiting.get(d.subscriptionId) ?? [];
    list.push(d);
    waiting.set(d.subscriptionId, list);
    startNext(d.subscriptionId);
  }

  function startNext(subscriptionId: string): void {
    const list = waiting.get(subscriptionId) ?? [];
    while ((active.get(subscriptionId) ?? 0) < options.concurrency && list.length > 0) {
      const d = list.shift()!;
      active.set(subscriptionId, (active.get(subscriptionId) ?? 0) + 1);
      inFlight.set(
        d.id,
        send(d).finally(() => {
          heldById.delete(d.id);
          inFlight.delete(d.id);
          active.set(subscriptionId, active.get(subscriptionId)! - 1);
          startNext(subscriptionId);
          soon();
        }),
      );
    }
    if (list.length === 0) waiting.delete(subscriptionId);
  }

  // Rounds: a round stores the outcomes of the sends that ended since the
  // last one (one transaction for all of them), claims what is due, and starts sending it. A
  // round is asked for by a fill that stored deliveries and by each send that ends, and runs
  // at most `roundMs` later, so a busy morning costs a few transactions a second, not several
  // per event (each one a disk sync on the queue's SQLite file).
  let outcomes: WebhookResult[] = [];
  let round: Promise<void> | null = null;
  let roundAgain = false;
  let roundTimer: NodeJS.Timeout | null = null;

  function soon(): void {
    if (closed || roundTimer) return;
    roundTimer = setTimeout(() => {
      roundTimer = null;
      void pump();
    }, options.roundMs);
  }

  async function flushOutcomes(): Promise<void> {
    if (outcomes.length === 0) return;
    const results = outcomes;
    outcomes = [];
    try {
      await province.finishWebhookDeliveries(results);
    } catch (err) {
      // The store failed while marking: the leases bring those deliveries back later.
      log.error({ err, deliveries: results.length }, 'marking webhook deliveries failed');
    }
  }

  function pump(): Promise<void> {
    if (closed) return Promise.resolve();
    if (round) {
      roundAgain = true;
      return round;
    }
    round = (async () => {
      try {
        do {
          roundAgain = false;
          await flushOutcomes();
          const limit = options.claimPerSubscription * 4;
          const claimed = await province.claimWebhookDeliveries(clock.now(), {
            limit,
            perSubscription: options.claimPerSubscription,
            leaseMs: options.leaseMs,
          });
          for (const d of claimed) {
            // Still held here (its lease ran out on a moved clock): the one held is this claim
            // now, so its outcome is recorded against it.
            const held = heldById.get(d.id);
            if (held) held.attempts = d.attempts;
            else queue(d);
          }
          if (claimed.length >= limit) roundAgain = true;
        } while (roundAgain && !closed);
      } catch (err) {
        log.error({ err }, 'claiming webhook deliveries failed');
      } finally {
        round = null;
      }
    })();
    return round;
  }

  /** One attempt: POST, then the outcome stored (only if the delivery is still this claim's). */
  async function send(d: ClaimedWebhookDelivery): Promise<void> {
    let status: number | null = null;
    let error: string | null = null;
    try {
      const secret = sealer.open(d.sealedSecret);
      const t = Math.floor(clock.now() / 1000);
      const response = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Luot-Webhooks/1',
          [WEBHOOK_HEADERS.signature]: signWebhook(secret, t, d.body),
          [WEBHOOK_HEADERS.idempotencyKey]: d.idempotencyKey,
          [WEBHOOK_HEADERS.event]: d.type,
          [WEBHOOK_HEADERS.delivery]: d.id,
        },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs), closing.signal]),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (err) {
      // The hub is closing: no outcome; the lease brings the delivery back.
      if (closing.signal.aborted) return;
      error = describe(err, options.timeoutMs);
    }
    const now = clock.now();
    let outcome: WebhookOutcome;
    if (error === null) outcome = { state: 'delivered', at: now, status: status! };
    else {
      const wait = webhookBackoffMs(d.attempts, options);
      const next = now + wait + Math.floor(Math.random() * wait * 0.2);
      outcome =
        next - d.windowFrom <= options.retryWindowMs
          ? { state: 'pending', nextAt: next, status, error }
          : { state: 'dead', at: now, status, error };
      log.warn(
        { delivery: d.id, subscription: d.subscriptionId, attempts: d.attempts, error },
        outcome.state === 'dead' ? 'webhook delivery dead' : 'webhook delivery failed; retrying',
      );
    }
    outcomes.push({ id: d.id, attempts: d.attempts, outcome });
  }

  // A site's commits ask for a fill within `roundMs` (a burst of commits: one fill).
  const fillTimers = new Map<string, NodeJS.Timeout>();
  const fillSoon = (site: Site) => {
    if (closed || fillTimers.has(site.id)) return;
    fillTimers.set(
      site.id,
      setTimeout(() => {
        fillTimers.delete(site.id);
        void fill(site);
      }, options.roundMs),
    );
  };
  const watch = (site: Site) => {
    site.queue.onCommit(() => fillSoon(site));
    void fill(site);
  };
  for (const site of sites.all()) watch(site);
  sites.onAdded(watch);
  const timer = options.pollMs > 0 ? setInterval(() => void tick(), options.pollMs) : null;
  timer?.unref();

  /** Fills every site and sends what is due (the timer's round; tests call it after moving the clock). */
  async function tick(): Promise<void> {
    await Promise.all(sites.all().map(fill));
    await pump();
  }

  return {
    sealer,
    options,
    /** Fills every site, sends what is due, and waits for the sends under way (tests). */
    async settle(): Promise<void> {
      await tick();
      while (heldById.size > 0 || outcomes.length > 0 || round) {
        await Promise.all([...inFlight.values(), round]);
        await pump();
      }
    },
    tick,
    /** A delivery queued again ("send again"): send it now. */
    wake: pump,
    async close(): Promise<void> {
      closed = true;
      if (timer) clearInterval(timer);
      if (roundTimer) clearTimeout(roundTimer);
      for (const t of fillTimers.values()) clearTimeout(t);
      closing.abort();
      await Promise.allSettled([...filling.values()].map((f) => f.running));
      await round;
      waiting.clear();
      await Promise.allSettled([...inFlight.values()]);
      // What was delivered before the close is stored as delivered (not sent again).
      await flushOutcomes();
    },
  };
}

/** Why an attempt got no answer, in English for the log and the delivery list. */
function describe(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
  if (e.cause?.code) return `${e.cause.code}${e.cause.message ? `: ${e.cause.message}` : ''}`;
  return e.message ?? String(err);
}
