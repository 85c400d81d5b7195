import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { ClaimedMessage, MessageChannel, MessageStore } from '../store.ts';
import { SendError, type Provider } from './providers/provider.ts';
import type { Sealer } from './recipient-crypto.ts';

/** The waits before each retry: 10 s, 30 s, 2 min, 5 min, then every 10 min. */
export const BACKOFF_MS = [10_000, 30_000, 120_000, 300_000, 600_000];
/** A message not sent this long after it was enqueued is given up (`failed`). */
export const GIVE_UP_AFTER_MS = 75 * 60_000;
/**
 * A claimed message is `sending` this long; a sender that died holding it leaves it to be
 * claimed again after (a provider call times out well before: 10 s).
 */
export const LEASE_MS = 60_000;

export function backoffMs(attempts: number): number {
  return BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!;
}

/** What a drain did. */
export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * The sender: claims due messages from the store, opens each recipient, hands the message to its
 * channel's provider (the message id as the idempotency key) and marks it sent; a failure worth
 * retrying is due again after the back-off, until `GIVE_UP_AFTER_MS` after it was enqueued;
 * any other failure is final. One drain at a time per process; several nodes share the work
 * through the store's claims.
 */
export function createOutbox(deps: {
  store: MessageStore;
  /** The provider for a site's channel now, or null when the channel is off or not set up. */
  provider(siteId: string, channel: MessageChannel): Promise<Provider | null>;
  sealer: Sealer;
  clock: Clock;
  log: Pick<Logger, 'warn' | 'error' | 'info'>;
  batch?: number;
  leaseMs?: number;
  giveUpAfterMs?: number;
}) {
  const { store, sealer, clock, log } = deps;
  const batch = deps.batch ?? 20;
  const leaseMs = deps.leaseMs ?? LEASE_MS;
  const giveUpAfterMs = deps.giveUpAfterMs ?? GIVE_UP_AFTER_MS;
  let running: Promise<DrainResult> | null = null;
  /** A drain was asked for while one ran: it goes round once more (a message enqueued meanwhile). */
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  /**
   * Sends one claimed message; resolves true when the provider took it (the caller marks a
   * round's sent messages together), or marks it due again or failed and resolves false.
   */
  async function sendOne(m: ClaimedMessage, result: DrainResult): Promise<boolean> {
    let error: SendError;
    try {
      const provider = await deps.provider(m.siteId, m.channel);
      if (!provider) throw new SendError('kênh gửi đã tắt hoặc chưa cài đặt', false);
      let to: string;
      try {
        to = sealer.open(m.recipient);
      } catch {
        throw new SendError('không mở được người nhận (khóa đã đổi?)', false);
      }
      await provider.send({ id: m.id, kind: m.kind, to, text: m.text, data: m.data });
      result.sent++;
      return true;
    } catch (err) {
      error = err instanceof SendError ? err : new SendError((err as Error).message, true);
    }
    const now = clock.now();
    const next = now + backoffMs(m.attempts);
    if (error.retry && next - m.createdAt < giveUpAfterMs) {
      await store.retryMessage(m.id, next, error.message);
      result.retried++;
      log.warn(
        {
          message: m.id,
          site: m.siteId,
          channel: m.channel,
          attempts: m.attempts,
          error: error.message,
        },
        'message not sent; retrying',
      );
    } else {
      await store.finishMessages([m.id], { status: 'failed', at: now, error: error.message });
      result.failed++;
      log.warn(
        {
          message: m.id,
          site: m.siteId,
          channel: m.channel,
          attempts: m.attempts,
          error: error.message,
        },
        'message failed',
      );
    }
    return false;
  }

  async function drainOnce(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, failed: 0 };
    do {
      again = false;
      await drainDue(result);
    } while (again);
    return result;
  }

  async function drainDue(result: DrainResult): Promise<void> {
    for (;;) {
      const claimed = await store.claimMessages(clock.now(), batch, leaseMs);
      if (claimed.length === 0) break;
      const taken = await Promise.all(
        claimed.map((m) =>
          sendOne(m, result).catch((err: unknown) => {
            // The store failed while marking: the lease brings it back later.
            log.error({ err, message: m.id }, 'marking a message failed');
            return false;
          }),
        ),
      );
      // A round's sent messages marked in one transaction (their recipients cleared); a hub
      // killed before this sends them again after the lease, with the same idempotency keys.
      const sent = claimed.filter((_, i) => taken[i]).map((m) => m.id);
      await store
        .finishMessages(sent, { status: 'sent', at: clock.now() })
        .catch((err: unknown) =>
          log.error({ err, messages: sent.length }, 'marking messages sent failed'),
        );
      if (claimed.length < batch) break;
    }
  }

  return {
    /** Sends every message due now; resolves with what happened (a drain under way goes round once more). */
    drain(): Promise<DrainResult> {
      if (running) again = true;
      running ??= drainOnce().finally(() => {
        running = null;
      });
      return running;
    },
    /** Drains every `intervalMs` until `stop`. */
    start(intervalMs: number): void {
      if (timer || intervalMs <= 0) return;
      timer = setInterval(() => {
        this.drain().catch((err: unknown) => log.error({ err }, 'outbox drain failed'));
      }, intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
