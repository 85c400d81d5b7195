// Device presence across hub nodes through a real redis-server: what each node's dashboard
// lists and is sent, a node SIGKILLed, and Redis restarted.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { DeviceStatus } from '@luot/protocol';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasRedis, startRedis, type TestRedis } from '../../testing/redis.ts';
import { createProvinceStore, openDatabase } from '../db/index.ts';
import { createDevicePresence } from '../sockets/device-presence.ts';
import { connectRedis } from './redis-client.ts';
import { createRedisPresenceBook } from './presence-book.ts';

if (!hasRedis)
  console.warn(
    'device presence (Redis): skipped, `redis-server` is not on PATH (apt-get install redis-server)',
  );

const SITE = 'xa-tan-phu';
const FAST = { nodeTtlMs: 1_500, heartbeatMs: 300 };
const NODE_SCRIPT = fileURLToPath(new URL('../../testing/presence-node.ts', import.meta.url));
const HUB_DIR = fileURLToPath(new URL('../..', import.meta.url));
const quiet = pino({ level: 'silent' });
const printer = { online: true, paper: 'near-end' as const, coverOpen: false };

describe.skipIf(!hasRedis)('device presence across nodes', () => {
  let redis: TestRedis;
  const db = openDatabase(':memory:');
  const sqlite = createProvinceStore(db).site(SITE);
  /** The site's devices, in a real (SQLite) store every node reads. */
  const site = {
    siteId: SITE,
    deviceById: async (id: string) => sqlite.deviceById(id),
    listDevices: async () => sqlite.listDevices(),
    touchDevice: async (id: string, at: number) => sqlite.touchDevice(id, at),
  };
  const clients: Redis[] = [];
  const closers: (() => Promise<void>)[] = [];
  const children: ChildProcess[] = [];

  /** A hub node's presence: its own Redis connection, and what its dashboards are sent. */
  async function node() {
    const client = await connectRedis(redis.url, { log: quiet, name: 'test' });
    clients.push(client);
    const book = createRedisPresenceBook({ redis: client, log: quiet, options: FAST });
    closers.push(() => book.close());
    const sent: DeviceStatus[] = [];
    const presence = createDevicePresence({
      store: site,
      clock: { now: () => Date.now() },
      publish: (s) => sent.push(s),
      book,
    });
    const online = async (id: string) =>
      (await presence.list()).find((d) => d.deviceId === id)?.online;
    return { presence, sent, online, book };
  }

  beforeAll(async () => {
    redis = await startRedis();
    for (const id of ['kiosk-1', 'kiosk-2', 'board-1', 'board-2'])
      sqlite.createDevice(
        {
          id,
          kind: id.startsWith('kiosk') ? 'kiosk' : 'display',
          name: id,
          counterId: null,
          speaks: false,
          tokenHash: `h-${id}`,
        },
        Date.now(),
      );
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const c of clients) c.disconnect();
    await redis?.stop();
    db.close();
  });

  it('shows a device online on every node while any node holds a socket for it', async () => {
    const [a, b] = [await node(), await node()];
    await a.presence.connected('kiosk-1');
    expect(a.sent.at(-1)).toMatchObject({ deviceId: 'kiosk-1', online: true });
    expect(await b.online('kiosk-1')).toBe(true);
    // Its printer, reported on A, is on B's dashboard too.
    await a.presence.report('kiosk-1', printer);
    expect((await b.presence.list()).find((d) => d.deviceId === 'kiosk-1')).toMatchObject({
      online: true,
      printer,
    });
    // A second socket on B (the screen reconnected there): A's closing leaves it online.
    await b.presence.connected('kiosk-1');
    const sentByA = a.sent.length;
    await a.presence.disconnected('kiosk-1');
    expect(a.sent.length).toBe(sentByA);
    expect(await a.online('kiosk-1')).toBe(true);
    // Its last socket closes: offline on both dashboards.
    await b.presence.disconnected('kiosk-1');
    expect(b.sent.at(-1)).toMatchObject({ deviceId: 'kiosk-1', online: false });
    expect(await a.online('kiosk-1')).toBe(false);
    expect(await b.online('kiosk-1')).toBe(false);
  });

  it('takes a node’s devices off at once when it closes cleanly', async () => {
    const [a, b] = [await node(), await node()];
    await a.presence.connected('kiosk-2');
    expect(await b.online('kiosk-2')).toBe(true);
    await a.book.close();
    expect(await b.online('kiosk-2')).toBe(false);
  });

  it('stops counting the devices of a node killed with SIGKILL, and tells the dashboards', async () => {
    const b = await node();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        NODE_SCRIPT,
        redis.url,
        SITE,
        'kiosk-2,board-2',
        String(FAST.nodeTtlMs),
        String(FAST.heartbeatMs),
      ],
      { cwd: HUB_DIR, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`presence node exited ${code}`)));
    });
    expect(await b.online('kiosk-2')).toBe(true);
    expect(await b.online('board-2')).toBe(true);

    child.kill('SIGKILL');
    await expect.poll(() => b.online('kiosk-2'), { timeout: 15_000 }).toBe(false);
    expect(await b.online('board-2')).toBe(false);
    // The dashboards connected to B are sent both devices offline.
    await expect
      .poll(
        () =>
          b.sent
            .filter((s) => !s.online)
            .map((s) => s.deviceId)
            .sort(),
        { timeout: 15_000 },
      )
      .toEqual(['board-2', 'kiosk-2']);
  });

  it('puts right a disconnect it could not write while its connection was down', async () => {
    const [a, b] = [await node(), await node()];
    const [connA, connB] = clients.slice(-2) as [Redis, Redis];
    await a.presence.connected('board-2');
    expect(await b.online('board-2')).toBe(true);
    // A's connection drops (Redis itself runs on and keeps what it holds) and the device
    // leaves A before A is connected again: the removal cannot be written then.
    const closed = once(connA, 'close');
    await connB.client('KILL', 'ID', String(await connA.client('ID')));
    await closed;
    await a.presence.disconnected('board-2');
    expect(a.sent.at(-1)).toMatchObject({ deviceId: 'board-2', online: false });
    // Once A is connected again, its next heartbeat removes the count it could not.
    await expect.poll(() => b.online('board-2'), { timeout: 15_000 }).toBe(false);
  });

  it('answers from the node’s own sockets while Redis is down, and is whole again after a restart', async () => {
    const [a, b] = [await node(), await node()];
    await a.presence.connected('board-1');
    expect(await b.online('board-1')).toBe(true);
    await redis.stop();
    // A's dashboards still see the device connected to A.
    expect(await a.online('board-1')).toBe(true);
    await redis.restart();
    // Redis comes back empty; A re-asserts its sockets within a heartbeat.
    await expect.poll(() => b.online('board-1'), { timeout: 15_000 }).toBe(true);
    await a.presence.disconnected('board-1');
    expect(await b.online('board-1')).toBe(false);
  });
});
