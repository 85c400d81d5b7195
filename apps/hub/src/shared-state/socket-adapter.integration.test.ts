// Two real Socket.IO servers on loopback sharing one real redis-server through the adapter.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRedis, startRedis, type TestRedis } from '../../testing/redis.ts';
import { attachRedisAdapter } from './socket-adapter.ts';

if (!hasRedis)
  console.warn(
    'socket-adapter: skipped, `redis-server` is not on PATH (apt-get install redis-server)',
  );

interface Node {
  io: Server;
  http: HttpServer;
  url: string;
  closeAdapter: () => Promise<void>;
  /** How many times Redis came back after an outage, as the node heard it. */
  restored: () => number;
}

async function startNode(redisUrl: string): Promise<Node> {
  const http = createServer();
  const io = new Server(http);
  let restored = 0;
  const closeAdapter = await attachRedisAdapter(io, {
    url: redisUrl,
    log: pino({ level: 'silent' }),
    onRestored: () => restored++,
  });
  io.on('connection', (socket) => void socket.join('stream'));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    io,
    http,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    closeAdapter,
    restored: () => restored,
  };
}

/** A client that keeps every 'event' it is sent. */
async function client(url: string): Promise<{ socket: Socket; got: number[] }> {
  const socket = connect(url, { transports: ['websocket'], reconnection: false });
  const got: number[] = [];
  socket.on('event', (n: number) => got.push(n));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, got };
}

describe.skipIf(!hasRedis)('Socket.IO across nodes through Redis Streams', () => {
  let redis: TestRedis;
  let a: Node;
  let b: Node;
  let onA: { socket: Socket; got: number[] };
  let onB: { socket: Socket; got: number[] };

  beforeAll(async () => {
    redis = await startRedis();
    [a, b] = [await startNode(redis.url), await startNode(redis.url)];
    [onA, onB] = [await client(a.url), await client(b.url)];
  });

  afterAll(async () => {
    onA?.socket.disconnect();
    onB?.socket.disconnect();
    for (const node of [a, b]) {
      if (!node) continue;
      await node.io.close();
      await node.closeAdapter();
    }
    await redis?.stop();
  });

  it('delivers an emit to a room on one node to the room’s clients on the other', async () => {
    // The join reaches the room once the connection handler ran; emit until it is heard.
    let n = 0;
    await expect
      .poll(() => {
        a.io.to('stream').emit('event', ++n);
        return onB.got.length;
      })
      .toBeGreaterThan(0);
    // Both clients hear every emit made after that, whichever node made it, each once (the
    // order between two nodes' emits is not defined: the hub's sequence numbers order events).
    const from = n + 1;
    a.io.to('stream').emit('event', from);
    b.io.to('stream').emit('event', from + 1);
    const since = (got: number[]) => got.filter((x) => x >= from).sort((x, y) => x - y);
    await expect.poll(() => since(onB.got)).toEqual([from, from + 1]);
    await expect.poll(() => since(onA.got)).toEqual([from, from + 1]);
  });

  it('disconnects a room’s sockets on every node (a session revoked on one node)', async () => {
    const extra = await client(b.url);
    let n = 0;
    // Joined once its connection handler ran: wait until an emit from A reaches it.
    await expect
      .poll(() => {
        a.io.to('stream').emit('event', 500 + ++n);
        return extra.got.length;
      })
      .toBeGreaterThan(0);
    const gone = new Promise<string>((resolve) => extra.socket.once('disconnect', resolve));
    a.io.in(extra.socket.id!).disconnectSockets(true);
    expect(await gone).toBe('io server disconnect');
    expect(onB.socket.connected).toBe(true);
  });

  it('keeps each node serving its own clients while Redis is down, and crosses again after', async () => {
    await redis.stop();
    const base = 1_000;
    a.io.to('stream').emit('event', base);
    b.io.to('stream').emit('event', base + 1);
    await expect.poll(() => onA.got.includes(base)).toBe(true);
    await expect.poll(() => onB.got.includes(base + 1)).toBe(true);
    // Messages between servers (Pub/Sub, not the stream) fail quietly rather than crash a node.
    a.io.serverSideEmit('hello');
    // Nothing crosses while Redis is away.
    expect(onB.got).not.toContain(base);
    expect(onA.got).not.toContain(base + 1);

    await redis.restart();
    // Each node hears Redis come back (so it can send its sockets what they missed).
    await expect.poll(() => [a.restored(), b.restored()], { timeout: 30_000 }).toEqual([1, 1]);
    // Neither server is restarted: their connections come back by themselves.
    let n = 2_000;
    await expect
      .poll(
        () => {
          a.io.to('stream').emit('event', ++n);
          return onB.got.some((x) => x > 2_000);
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(true);
    let m = 3_000;
    await expect
      .poll(
        () => {
          b.io.to('stream').emit('event', ++m);
          return onA.got.some((x) => x > 3_000);
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(true);
  });
});
