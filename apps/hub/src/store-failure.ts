import { failure, type Ack } from '@luot/protocol';
import type { Logger } from 'pino';

/** What a refused command adds to UNAVAILABLE's message when the shared store cannot be reached. */
export const STORE_UNAVAILABLE_VI = 'máy chủ dữ liệu tạm thời không truy cập được';

/** Error codes of a store that cannot be reached right now (the network's, PostgreSQL's). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  // PostgreSQL: connection exceptions (08…), an administrator's or crash shutdown, starting up.
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);

/** Whether an error says the store is out of reach (it may come back), not that a write was wrong. */
export function storeUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && UNREACHABLE.has(code)) return true;
  return (
    typeof message === 'string' &&
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
      message,
    )
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
