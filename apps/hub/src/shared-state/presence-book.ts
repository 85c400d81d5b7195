import { randomBytes } from 'node:crypto';
import type { DeviceStatus } from '@luot/protocol';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createMemoryPresenceBook, type PresenceBook } from '../sockets/device-presence.ts';
import { withFallback } from './fallback.ts';

export interface RedisPresenceOptions {
  /** A node that has not renewed its mark for this long counts as gone (SIGKILL, a cut cable). */
  nodeTtlMs: number;
  /** How often a node renews its mark, re-asserts its connections and looks for gone nodes. */
  heartbeatMs: number;
}

/** A killed node's devices leave the lists within 10 s, and the dashboards are told within 13 s. */
export const DEFAULT_REDIS_PRESENCE: RedisPresenceOptions = {
  nodeTtlMs: 10_000,
  heartbeatMs: 3_000,
};

const P = 'luot:presence';
const NODES = `${P}:nodes`;
const alive = (nodeId: string) => `${P}:alive:${nodeId}`;
/** The devices a node holds sockets for: field "site\ndevice" → sockets. */
const held = (nodeId: string) => `${P}:node:${nodeId}`;
/** Who holds a device: field node id → sockets on that node. Grouped by site for a cluster. */
const holders = (siteId: string, deviceId: string) => `${P}:{${siteId}}:device:${deviceId}`;
/** A site's device statuses: field device id → JSON. */
const statusKey = (siteId: string) => `${P}:{${siteId}}:status`;

/**
 * Device presence shared by several hub nodes through Redis: a device is online while any
 * node whose mark is alive holds a socket for it. Each node writes only its own counts (as
 * absolute numbers, so rewriting them is harmless), renews its mark every `heartbeatMs`, and
 * re-asserts its connections then, so an emptied Redis (restarted) is whole again within one
 * heartbeat. A node killed without closing stops counting when its mark expires
 * (`nodeTtlMs`); the first live node to notice removes its counts and tells each affected
 * site's presence (`onLost`), so the dashboards show the devices offline.
 *
 * While Redis does not answer, the node answers from its own connections (logged once per
 * outage): its dashboards see the devices connected to it.
 */
export function createRedisPresenceBook(deps: {
  redis: Redis;
  log: Logger;
  options?: RedisPresenceOptions;
  /** This node's id; random by default (a restarted node is a new node). */
  nodeId?: string;
}): PresenceBook & { readonly nodeId: string; close(): Promise<void> } {
  const { redis, log } = deps;
  const options = deps.options ?? DEFAULT_REDIS_PRESENCE;
  const nodeId = deps.nodeId ?? randomBytes(6).toString('hex');
  const memory = createMemoryPresenceBook();
  const lostListeners = new Map<string, Set<(deviceId: string) => void>>();

  const shared = withFallback(log, 'device presence', 'dashboards see only this node’s devices');

  /** This node's count for a device, written as it is now (0 removes it). */
  function writeCount(siteId: string, deviceId: string, count: number) {
    const field = `${siteId}\n${deviceId}`;
    const m = redis.multi();
    if (count > 0)
      m.hset(holders(siteId, deviceId), nodeId, count).hset(held(nodeId), field, count);
    else m.hdel(holders(siteId, deviceId), nodeId).hdel(held(nodeId), field);
    return m.exec();
  }

  /**
   * Renews this node's mark and writes its connections as they are now: counts a write missed
   * while Redis was unreachable (a disconnect's removal included) are put right, and an
   * emptied Redis is filled again.
   */
  async function heartbeat(): Promise<void> {
    const written = Object.keys(await redis.hgetall(held(nodeId)));
    const m = redis.multi().set(alive(nodeId), '1', 'PX', options.nodeTtlMs).sadd(NODES, nodeId);
    const now = new Set<string>();
    for (const [siteId, devices] of memory.local())
      for (const [deviceId, count] of devices) {
        const field = `${siteId}\n${deviceId}`;
        now.add(field);
        m.hset(holders(siteId, deviceId), nodeId, count).hset(held(nodeId), field, count);
      }
    for (const field of written) {
      if (now.has(field)) continue;
      const [siteId, deviceId] = field.split('\n') as [string, string];
      m.hdel(holders(siteId, deviceId), nodeId).hdel(held(nodeId), field);
    }
    await m.exec();
  }

  /** Removes the counts of nodes whose mark expired, and tells the sites of devices now offline. */
  async function reapGoneNodes(): Promise<void> {
    const nodes = (await redis.smembers(NODES)).filter((n) => n !== nodeId);
    if (nodes.length === 0) return;
    const marks = await redis.mget(...nodes.map(alive));
    for (const [i, gone] of nodes.entries()) {
      if (marks[i] !== null) continue;
      // One live node reaps a gone one.
      if ((await redis.set(`${P}:reap:${gone}`, nodeId, 'PX', options.nodeTtlMs, 'NX')) === null)
        continue;
      const fields = Object.keys(await redis.hgetall(held(gone)));
      const m = redis.multi();
      for (const field of fields) {
        const [siteId, deviceId] = field.split('\n') as [string, string];
        m.hdel(holders(siteId, deviceId), gone);
      }
      await m.del(held(gone)).srem(NODES, gone).exec();
      for (const field of fields) {
        const [siteId, deviceId] = field.split('\n') as [string, string];
        if ((await online(siteId, [deviceId])).size > 0) continue;
        for (const listener of lostListeners.get(siteId) ?? []) listener(deviceId);
      }
      log.info({ node: gone, devices: fields.length }, 'device presence: a node went away');
    }
  }

  async function online(siteId: string, deviceIds: readonly string[]): Promise<Set<string>> {
    if (deviceIds.length === 0) return new Set();
    const m = redis.multi();
    for (const id of deviceIds) m.hgetall(holders(siteId, id));
    const replies = ((await m.exec()) ?? []).map(([err, v]) => {
      if (err) throw err;
      return v as Record<string, string>;
    });
    const nodes = [...new Set(replies.flatMap((r) => Object.keys(r)))];
    const marks = nodes.length > 0 ? await redis.mget(...nodes.map(alive)) : [];
    const live = new Set(nodes.filter((n, i) => marks[i] !== null || n === nodeId));
    return new Set(
      deviceIds.filter((_, i) =>
        Object.entries(replies[i]!).some(([n, count]) => live.has(n) && Number(count) > 0),
      ),
    );
  }

  const timer = setInterval(() => {
    void shared(
      async () => {
        await heartbeat();
        await reapGoneNodes();
      },
      async () => undefined,
    );
  }, options.heartbeatMs);
  timer.unref();
  void shared(heartbeat, async () => undefined);

  return {
    nodeId,
    async connected(siteId, deviceId) {
      await memory.connected(siteId, deviceId);
      const count = memory.local().get(siteId)?.get(deviceId) ?? 0;
      await shared(
        () => writeCount(siteId, deviceId, count),
        async () => null,
      );
    },
    async disconnected(siteId, deviceId) {
      const stillHere = await memory.disconnected(siteId, deviceId);
      const count = memory.local().get(siteId)?.get(deviceId) ?? 0;
      if (stillHere) {
        await shared(
          () => writeCount(siteId, deviceId, count),
          async () => null,
        );
        return true;
      }
      return shared(
        async () => {
          await writeCount(siteId, deviceId, 0);
          return (await online(siteId, [deviceId])).size > 0;
        },
        async () => false,
      );
    },
    online(siteId, deviceIds) {
      return shared(
        () => online(siteId, deviceIds),
        () => memory.online(siteId, deviceIds),
      );
    },
    async status(siteId, deviceId) {
      return shared(
        async () => {
          const raw = await redis.hget(statusKey(siteId), deviceId);
          return raw === null ? null : (JSON.parse(raw) as DeviceStatus);
        },
        () => memory.status(siteId, deviceId),
      );
    },
    async statuses(siteId) {
      return shared(
        async () => {
          const raw = await redis.hgetall(statusKey(siteId));
          return new Map(
            Object.entries(raw).map(([id, json]) => [id, JSON.parse(json) as DeviceStatus]),
          );
        },
        () => memory.statuses(siteId),
      );
    },
    async setStatus(siteId, status) {
      await memory.setStatus(siteId, status);
      await shared(
        () => redis.hset(statusKey(siteId), status.deviceId, JSON.stringify(status)),
        async () => 0,
      );
    },
    onLost(siteId, listener) {
      let set = lostListeners.get(siteId);
      if (!set) lostListeners.set(siteId, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    /** Stops the heartbeat and takes this node's counts and mark away (a clean shutdown). */
    async close() {
      clearInterval(timer);
      await shared(
        async () => {
          const m = redis.multi();
          for (const [siteId, devices] of memory.local())
            for (const deviceId of devices.keys()) m.hdel(holders(siteId, deviceId), nodeId);
          await m.del(held(nodeId), alive(nodeId)).srem(NODES, nodeId).exec();
        },
        async () => undefined,
      );
    },
  };
}
