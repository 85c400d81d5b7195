import { failure, type Ack } from '@luot/protocol';
import type { Logger } from 'pino';

/** What a refused command adds to UNAVAILABLE's message when the shared store cannot be reached. */
export const STORE_UNAVAILABLE_VI = 'máy chủ dữ liệu tạm thời không truy cập được';

/**
 * Whether a store's error says it is out of reach for now (it may come back), not that a write
 * was wrong: a store that waits on a server rejects so with `code: 'UNAVAILABLE'` (the
 * PostgreSQL store's `StoreUnavailableError`, pg/unavailable.ts).
 */
export function storeUnavailable(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'UNAVAILABLE'
  );
}

/** The answer to a command whose store failed: UNAVAILABLE when out of reach, else INTERNAL. */
export function failureOfStore(err: unknown, log: Pick<Logger, 'error' | 'warn'>): Ack<never> {
  if (storeUnavailable(err)) {
    log.warn({ err }, 'the store is out of reach; command refused');
    return failure('UNAVAILABLE', STORE_UNAVAILABLE_VI);
  }
  log.error({ err }, 'storing a command failed');
  return failure('INTERNAL');
}
