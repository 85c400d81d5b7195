import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { connectHub, request, type HubSocket } from '@luot/hub-client';
import type { Ack } from '@luot/protocol';
import { startTestHub, type TestHub } from '../testing/test-hub.ts';
import { DEFAULT_SOCKET_LIMITS, type SocketLimits } from './sockets/limits.ts';

type ConnectError = Error & { data?: { code: string; message: string } };

let t: TestHub | null = null;
const extra: HubSocket[] = [];
afterEach(async () => {
  for (const s of extra.splice(0)) s.disconnect();
  await t?.close();
  t = null;
});

async function hubWith(limits: Partial<SocketLimits>): Promise<TestHub> {
  t = await startTestHub({ hub: { socketLimits: { ...DEFAULT_SOCKET_LIMITS, ...limits } } });
  return t;
}

/** A socket that does not reconnect by itself, resolved once it connects or is refused. */
function open(
  hub: TestHub,
  token: string,
): Promise<{ socket: HubSocket; error: ConnectError | null }> {
  const socket = connectHub(hub.url, token, { autoConnect: false });
  socket.io.reconnection(false);
  extra.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket, error: null }));
    socket.once('connect_error', (error: ConnectError) => resolve({ socket, error }));
    socket.connect();
  });
}

/** A new engine.io handshake over polling (nothing signed in), from a loopback address. */
function handshake(
  url: string,
  localAddress = '127.0.0.1',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(`${url}/socket.io/?EIO=4&transport=polling`, { localAddress, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

async function issueTicket(hub: TestHub): Promise<{ id: string; token: string }> {
  const kiosk = (await hub.connectReady(hub.tokens.kiosk!)).socket;
  const res = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  if (!res.ok) throw new Error('issue failed');
  kiosk.disconnect();
  return { id: res.data.ticket.id, token: res.data.token };
}

const clerkSocket = async (hub: TestHub) =>
  (await hub.connectReady((await hub.login('cb1', 'c1')).token)).socket;

describe('socket limits', () => {
  it('closes the connection of a message over the size limit; a smaller bad one is refused with a code', async () => {
    const hub = await hubWith({ maxMessageBytes: 8 * 1024 });
    const clerk = await clerkSocket(hub);
    const seq = hub.hub.queue.seq;
    // Under the limit: reaches validation and gets a clear refusal.
    const long = await request(clerk, 'counter:pause', { reason: 'x'.repeat(4000) });
    expect(!long.ok && long.error.code).toBe('BAD_REQUEST');
    expect(clerk.connected).toBe(true);
    // Over it: the hub closes the connection without reading the message.
    const dropped = new Promise<string>((resolve) => clerk.once('disconnect', resolve));
    const huge = await request(clerk, 'counter:pause', { reason: 'x'.repeat(20_000) }, 3000);
    expect(await dropped).toMatch(/transport/);
    expect(!huge.ok && huge.error.code).toBe('UNAVAILABLE');
    expect(hub.hub.queue.seq).toBe(seq);
  });

  it('answers a flooding socket RATE_LIMITED while another socket is served, then drops it', async () => {
    const hub = await hubWith({ eventsPerSecond: 0.5, eventBurst: 5, disconnectAfterRefused: 40 });
    const clerk = await clerkSocket(hub);
    await issueTicket(hub);
    const ticket = await issueTicket(hub);
    const { socket: phone, error } = await open(hub, ticket.token);
    expect(error).toBeNull();

    const acks = await Promise.all(
      Array.from({ length: 30 }, () => request(phone, 'ticket:view', {}) as Promise<Ack<unknown>>),
    );
    const limited = acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED');
    expect(acks.filter((a) => a.ok).length).toBeLessThanOrEqual(6);
    expect(limited.length).toBeGreaterThanOrEqual(24);
    expect(!limited[0]!.ok && limited[0]!.error.message).toMatch(/quá nhanh/);
    // The clerk's own budget is untouched.
    const called = await request(clerk, 'counter:callNext', {});
    expect(called.ok).toBe(true);

    // Keeping on far over the budget ends the connection.
    const dropped = new Promise<string>((resolve) => phone.once('disconnect', resolve));
    for (let i = 0; i < 60 && phone.connected; i++) phone.emit('ticket:view', {}, () => undefined);
    expect(await dropped).toBe('io server disconnect');
    expect((await request(clerk, 'sync:snapshot', {})).ok).toBe(true);
    // …and that link is refused for a while; the others are not.
    expect((await open(hub, ticket.token)).error?.data?.code).toBe('RATE_LIMITED');
    const other = await issueTicket(hub);
    expect((await open(hub, other.token)).error).toBeNull();
  });

  it('caps the sockets on one ticket link and gives the place back when one leaves', async () => {
    const hub = await hubWith({ socketsPerTicket: 2 });
    const ticket = await issueTicket(hub);
    const first = await open(hub, ticket.token);
    const second = await open(hub, ticket.token);
    expect([first.error, second.error]).toEqual([null, null]);
    const third = await open(hub, ticket.token);
    expect(third.error?.data?.code).toBe('RATE_LIMITED');
    expect(third.error?.data?.message).toMatch(/quá nhanh/);
    // Another ticket's phone is not affected.
    const other = await issueTicket(hub);
    expect((await open(hub, other.token)).error).toBeNull();

    first.socket.disconnect();
    await expect
      .poll(async () => (await open(hub, ticket.token)).error?.data?.code ?? 'ok')
      .toBe('ok');
    expect((await open(hub, ticket.token)).error?.data?.code).toBe('RATE_LIMITED');
  });

  it('caps the sockets of one paired device', async () => {
    const hub = await hubWith({ socketsPerDevice: 2 });
    const token = hub.tokens.display!;
    const a = await open(hub, token);
    await open(hub, token);
    expect((await open(hub, token)).error?.data?.code).toBe('RATE_LIMITED');
    expect((await open(hub, hub.tokens.lobby!)).error).toBeNull();
    a.socket.disconnect();
    await expect.poll(async () => (await open(hub, token)).error?.data?.code ?? 'ok').toBe('ok');
  });

  it('caps the sockets from one address', async () => {
    const hub = await hubWith({ socketsPerAddress: 3 });
    const a = await open(hub, hub.tokens.display!);
    await open(hub, hub.tokens.lobby!);
    await open(hub, hub.tokens.kiosk!);
    const refused = await open(hub, hub.tokens.sign1!);
    expect(refused.error?.data?.code).toBe('RATE_LIMITED');
    a.socket.disconnect();
    await expect
      .poll(async () => (await open(hub, hub.tokens.sign2!)).error?.data?.code ?? 'ok')
      .toBe('ok');
  });

  it('refuses handshakes beyond the pending caps, keeps serving a clerk, and closes idle ones', async () => {
    const hub = await hubWith({
      pendingPerAddress: 3,
      pendingHandshakes: 6,
      connectTimeoutMs: 5000,
    });
    const clerk = await clerkSocket(hub);
    await issueTicket(hub);
    const from1 = await Promise.all(Array.from({ length: 5 }, () => handshake(hub.url)));
    expect(from1.map((r) => r.status).sort()).toEqual([200, 200, 200, 403, 403]);
    expect(from1.find((r) => r.status === 403)!.body).toContain('RATE_LIMITED');
    // Another address has its own share, up to the total.
    const from2 = await Promise.all(
      Array.from({ length: 3 }, () => handshake(hub.url, '127.0.0.2')),
    );
    expect(from2.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await handshake(hub.url, '127.0.0.3')).status).toBe(403);

    // The clerk, signed in before, is still answered.
    expect((await request(clerk, 'counter:callNext', {})).ok).toBe(true);

    // Handshakes that never sign in are closed, and the places come back.
    await expect
      .poll(async () => (await handshake(hub.url, '127.0.0.3')).status, { timeout: 20_000 })
      .toBe(200);
  });
});
