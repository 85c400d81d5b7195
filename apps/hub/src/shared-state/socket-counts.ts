import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createCounts, type Counts } from '../sockets/limits.ts';
import { withFallback } from './fallback.ts';

export interface SharedCountsOptions {
  /** How often a node publishes its counts and reads the others'. */
  syncMs: number;
  /** A node's counts stand for this long after its last publish (then it counts as gone). */
  ttlMs: number;
}

export const DEFAULT_SHARED_COUNTS: SharedCountsOptions = { syncMs: 1_000, ttlMs: 5_000 };

/**
 * The socket counts of `limits.ts` (per address, phone link and device) summed over every
 * node: what this node holds, plus what the other nodes published at their last sync (each
 * node publishes its own counts every `syncMs`; counts of a node that stopped publishing lapse
 * after `ttlMs`). Checking a cap stays synchronous and costs no round trip; the sum is at most
 * one sync old, so a client opening sockets on several nodes at once may pass a cap by what it
 * opens within that second, not more.
 *
 * While Redis does not answer, the other nodes' last counts are kept until they lapse, then
 * each node counts only its own sockets (logged once).
 */
export function createSharedCounts(deps: {
  redis: Redis;
  log: Logger;
  options?: SharedCountsOptions;
  nodeId?: string;
  /** Which listener's sockets (a node's staff and public listeners count apart). */
  listener?: string;
}): Counts & { close(): Promise<void>; sync(): Promise<void> } {
  const P = `luot:sockets:${deps.listener ?? 'staff'}`;
  const NODES = `${P}:nodes`;
  const countsOf = (nodeId: string) => `${P}:node:${nodeId}`;
  const { redis, log } = deps;
  const options = deps.options ?? DEFAULT_SHARED_COUNTS;
  const nodeId = deps.nodeId ?? randomBytes(6).toString('hex');
  const local = createCounts();
  let remote = new Map<string, number>();
  let remoteUntil = 0;
  const shared = withFallback(log, 'socket limits', 'each node counts only its own sockets');

  async function sync(): Promise<void> {
    const mine = local.entries();
    const m = redis.multi().del(countsOf(nodeId));
    if (mine.length > 0) m.hset(countsOf(nodeId), Object.fromEntries(mine));
    await m.pexpire(countsOf(nodeId), options.ttlMs).sadd(NODES, nodeId).exec();
    const others = (await redis.smembers(NODES)).filter((n) => n !== nodeId);
    const read = redis.multi();
    for (const n of others) read.hgetall(countsOf(n));
    const replies = others.length > 0 ? ((await read.exec()) ?? []) : [];
    const next = new Map<string, number>();
    const gone: string[] = [];
    for (const [i, [err, value]] of replies.entries()) {
      if (err) throw err;
      const counts = value as Record<string, string>;
      if (Object.keys(counts).length === 0) gone.push(others[i]!);
      for (const [key, n] of Object.entries(counts))
        next.set(key, (next.get(key) ?? 0) + Number(n));
    }
    if (gone.length > 0) await redis.srem(NODES, ...gone);
    remote = next;
    remoteUntil = Date.now() + options.ttlMs;
  }

  const timer = setInterval(() => {
    void shared(sync, () => {
      if (Date.now() > remoteUntil) remote = new Map();
    });
  }, options.syncMs);
  timer.unref();

  return {
    get: (key) => local.get(key) + (remote.get(key) ?? 0),
    add: local.add,
    remove: local.remove,
    entries: local.entries,
    get size() {
      return local.size;
    },
    /** Publishes this node's counts and reads the others' now (also done every `syncMs`). */
    sync: () => shared(sync, () => undefined),
    /** Stops publishing and takes this node's counts away. */
    async close() {
      clearInterval(timer);
      await shared(
        async () => {
          await redis.multi().del(countsOf(nodeId)).srem(NODES, nodeId).exec();
        },
        () => undefined,
      );
    },
  };
}
