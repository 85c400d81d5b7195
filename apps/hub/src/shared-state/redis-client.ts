import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/** How long a shared-state command may take before the caller falls back to its own memory. */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000;

/**
 * A Redis connection for shared state: commands fail at once while Redis is unreachable (no
 * offline queue), so a caller falls back to what the node knows rather than waiting; it
 * reconnects by itself (every 0.1–2 s), and logs the loss and the return once each, not every
 * retry. Resolves once connected the first time, or rejects if Redis cannot be reached then.
 */
export async function connectRedis(
  url: string,
  { log, name, options = {} }: { log: Logger; name: string; options?: RedisOptions },
): Promise<Redis> {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 100, 2_000),
    lazyConnect: true,
    connectionName: `luot-${name}`,
    ...options,
  });
  watchConnection(client, log, name);
  try {
    await client.connect();
  } catch (err) {
    client.disconnect();
    throw err;
  }
  return client;
}

/** Logs when a connection is lost and when it is back (once each), never throws on 'error'. */
export function watchConnection(client: Redis, log: Logger, name: string): void {
  let lost = false;
  client.on('error', (err: Error) => {
    if (lost) return;
    lost = true;
    log.warn({ err: err.message, redis: name }, 'redis unreachable; retrying');
  });
  // 'reconnecting', not 'close': a connection closed on purpose (quit) does not reconnect.
  client.on('reconnecting', () => {
    if (lost) return;
    lost = true;
    log.warn({ redis: name }, 'redis connection lost; retrying');
  });
  client.on('ready', () => {
    if (!lost) return;
    lost = false;
    log.info({ redis: name }, 'redis connection back');
  });
}
