import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { SignInGuard, SignInGuardOptions } from '../sign-in-guard.ts';
import type { PresenceBook } from '../sockets/device-presence.ts';
import type { Counts } from '../sockets/limits.ts';
import { createRedisPresenceBook, type RedisPresenceOptions } from './presence-book.ts';
import { connectRedis } from './redis-client.ts';
import { createRedisSignInGuard } from './sign-in-guard.ts';
import { attachRedisAdapter } from './socket-adapter.ts';
import { createSharedCounts } from './socket-counts.ts';

export { attachRedisAdapter } from './socket-adapter.ts';
export { createRedisSignInGuard } from './sign-in-guard.ts';
export { createRedisPresenceBook, DEFAULT_REDIS_PRESENCE } from './presence-book.ts';
export { connectRedis } from './redis-client.ts';
export { createSharedCounts, DEFAULT_SHARED_COUNTS } from './socket-counts.ts';

/** What a hub node shares with the other nodes of a province through one Redis. */
export interface SharedState {
  /** This node's id in Redis (device presence). */
  readonly nodeId: string;
  /** The sign-in guard every node counts in. */
  signInGuard(options: SignInGuardOptions): SignInGuard;
  /** Device presence for every site this node serves (`attachSocketServer`'s `presenceBook`). */
  presenceBook: PresenceBook;
  /**
   * Socket counts per address, link and device summed over the nodes, for one listener
   * (`attachSocketServer`'s `socketCounts`): each listener counts its own, as on one node.
   */
  socketCounts(listener: string): Counts;
  /**
   * Rooms across nodes for a Socket.IO server: call before any socket connects. `onRestored`
   * hears Redis come back after an outage (this node's sockets may have missed events).
   */
  attachAdapter(io: Server, onRestored?: () => void): Promise<void>;
  /** Takes this node's presence away and closes every Redis connection (after the servers). */
  close(): Promise<void>;
}

/**
 * Connects a hub node to the province's Redis (`redis://host:6379`, or `rediss://` for TLS).
 * Rejects if Redis cannot be reached at start, so a node that is told to share does not run
 * alone by mistake; once running, each part rides out an outage by itself (see each module).
 * Without a Redis URL the hub needs none of this: its guard and presence stay in memory.
 */
export async function connectSharedState(deps: {
  url: string;
  log: Logger;
  presence?: RedisPresenceOptions;
}): Promise<SharedState> {
  const { url, log } = deps;
  const redis = await connectRedis(url, { log, name: 'shared-state' });
  const presenceBook = createRedisPresenceBook({ redis, log, options: deps.presence });
  const adapters: (() => Promise<void>)[] = [];
  const counts: { close(): Promise<void> }[] = [];
  return {
    nodeId: presenceBook.nodeId,
    signInGuard: (options) => createRedisSignInGuard({ redis, log, options }),
    presenceBook,
    socketCounts(listener) {
      const shared = createSharedCounts({ redis, log, nodeId: presenceBook.nodeId, listener });
      counts.push(shared);
      return shared;
    },
    async attachAdapter(io, onRestored) {
      adapters.push(await attachRedisAdapter(io, { url, log, onRestored }));
    },
    async close() {
      await presenceBook.close();
      for (const c of counts) await c.close();
      for (const close of adapters) await close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
