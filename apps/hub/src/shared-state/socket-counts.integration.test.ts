// The per-address socket cap of limits.ts held across two real Socket.IO servers sharing a
// real redis-server: sockets a client opens on one node count on the other.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRedis, startRedis, type TestRedis } from '../../testing/redis.ts';
import {
  createSocketLimits,
  DEFAULT_SOCKET_LIMITS,
  peerAddress,
  rateLimitedError,
} from '../sockets/limits.ts';
import { connectRedis } from './redis-client.ts';
import { createSharedCounts } from './socket-counts.ts';

if (!hasRedis)
  console.warn(
    'socket counts (Redis): skipped, `redis-server` is not on PATH (apt-get install redis-server)',
  );

const quiet = pino({ level: 'silent' });
const OPTIONS = { syncMs: 200, ttlMs: 1_000 };

describe.skipIf(!hasRedis)('socket caps across nodes', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];
  const servers: { io: Server; http: HttpServer }[] = [];
  const sockets: Socket[] = [];

  /** A node: a Socket.IO server with the hub's address cap (2 here), counting through Redis. */
  async function node() {
    const client = await connectRedis(redis.url, { log: quiet, name: 'test' });
    clients.push(client);
    const counts = createSharedCounts({ redis: client, log: quiet, options: OPTIONS });
    const limits = createSocketLimits(
      { ...DEFAULT_SOCKET_LIMITS, socketsPerAddress: 2 },
      peerAddress,
      counts,
    );
    const http = createServer();
    const io = new Server(http, limits.serverOptions);
    limits.watchEngine(io.engine);
    io.use((socket, next) => (limits.admitAddress(socket) ? next() : next(rateLimitedError())));
    io.on('connection', (socket) => limits.signedIn(socket));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    servers.push({ io, http });
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    return { url, counts, client };
  }

  /** Opens a socket; resolves 'connected' or the refusal's message. */
  function open(url: string): Promise<string> {
    const socket = connect(url, { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (err) => resolve(err.message));
    });
  }

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const { io } of servers) await io.close();
    for (const c of clients) c.disconnect();
    await redis?.stop();
  });

  it('refuses a socket on one node when the address has its cap open across both', async () => {
    const [a, b] = [await node(), await node()];
    expect(await open(a.url)).toBe('connected');
    expect(await open(b.url)).toBe('connected');
    // Each node learns the other's count at its next sync.
    await expect.poll(() => a.counts.get('address:127.0.0.1'), { timeout: 10_000 }).toBe(2);
    expect(await open(a.url)).toBe('RATE_LIMITED');
    expect(await open(b.url)).toBe('RATE_LIMITED');

    // A node that stops publishing (killed; here: its Redis connection cut) lapses.
    b.client.disconnect();
    await expect.poll(() => a.counts.get('address:127.0.0.1'), { timeout: 10_000 }).toBe(1);
    expect(await open(a.url)).toBe('connected');
  });
});
