import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { connectRedis } from './redis-client.ts';

/**
 * Makes a Socket.IO server's rooms span every hub node that shares this Redis: an emit to a
 * room on one node reaches the room's sockets on all of them (Socket.IO's Redis Streams
 * adapter). Call it before any socket connects. Resolves with a function that closes the
 * Redis connections (after `io.close()`); rejects if Redis cannot be reached at start.
 *
 * While Redis is down each node goes on serving its own sockets: a broadcast's publish fails
 * at once (no offline queue on the publishing connection) and the adapter still delivers it
 * locally. The readers keep a queue, so they wait for Redis rather than spin, and the streams
 * are read again when it is back; what other nodes broadcast meanwhile is lost to this one,
 * and its screens catch up by sequence number (a gap makes them resync) at the next event, or
 * at once if the hub acts on `onRestored` (e.g. sends its sockets what they missed).
 */
export async function attachRedisAdapter(
  io: Server,
  {
    url,
    log,
    onRestored,
  }: {
    url: string;
    log: Logger;
    /** Called each time Redis answers again after the connection was lost. */
    onRestored?: () => void;
  },
): Promise<() => Promise<void>> {
  const publisher = await connectRedis(url, { log, name: 'socket-adapter' });
  let lost = false;
  publisher.on('reconnecting', () => (lost = true));
  publisher.on('ready', () => {
    if (!lost) return;
    lost = false;
    onRestored?.();
  });
  // The adapter duplicates this connection for its stream reader and its pub/sub subscriber:
  // those queue their commands while Redis is away (a reader without a queue would retry its
  // XREAD in a tight loop; a subscriber would lose its SUBSCRIBE) and never give up on them.
  // They stay lazy like the publisher: the adapter connects them itself, now that Redis is up.
  const duplicate = publisher.duplicate.bind(publisher);
  const readerOptions: Partial<RedisOptions> = {
    enableOfflineQueue: true,
    commandTimeout: undefined,
    maxRetriesPerRequest: null,
    connectionName: 'luot-socket-adapter-reader',
  };
  const duplicates: ReturnType<typeof duplicate>[] = [];
  publisher.duplicate = (override?: Partial<RedisOptions>) => {
    const client = duplicate({ ...readerOptions, ...override });
    duplicates.push(client);
    return client;
  };
  // The adapter sends its messages between servers (server-side emits, fetchSockets, acks) with
  // PUBLISH and drops the promise: while Redis is away that rejection would end the process.
  // Marked handled here; callers that wait for the answer still see the failure.
  const publish = publisher.publish.bind(publisher) as (...args: unknown[]) => Promise<number>;
  publisher.publish = ((...args: unknown[]) => {
    const sent = publish(...args);
    sent.catch(() => undefined);
    return sent;
  }) as typeof publisher.publish;
  io.adapter(createAdapter(publisher));
  return async () => {
    // io.close() closes the adapter, which stops its readers; these make sure nothing lingers.
    for (const client of duplicates) client.disconnect();
    await publisher.quit().catch(() => publisher.disconnect());
  };
}
