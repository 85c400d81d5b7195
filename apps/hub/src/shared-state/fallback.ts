import type { Logger } from 'pino';

/**
 * Runs calls to Redis with a fallback to the node's own memory: a call that fails answers the
 * fallback's value instead, and the outage is logged once (an error: what the node now does
 * without Redis), its end once.
 */
export function withFallback(log: Logger, part: string, whileDown: string) {
  let down = false;
  return async function shared<T>(
    call: () => Promise<T>,
    fallback: () => T | Promise<T>,
  ): Promise<T> {
    try {
      const value = await call();
      if (down) {
        down = false;
        log.info(`${part}: Redis answers again`);
      }
      return value;
    } catch (err) {
      if (!down) {
        down = true;
        log.error(
          { err: err instanceof Error ? err.message : String(err) },
          `${part}: Redis unavailable; ${whileDown}`,
        );
      }
      return fallback();
    }
  };
}
