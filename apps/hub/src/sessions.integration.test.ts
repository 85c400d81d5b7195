import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import type { Ack, AdminSession, AuditEntry, SessionInfo } from '@luot/protocol';
import { hashSecret } from './auth.ts';
import { runCli } from './cli.ts';
import { request, startTestHub, type TestHub } from '../testing/test-hub.ts';
import type { HubSocket } from '@luot/hub-client';

const MINUTE = 60_000;
let t: TestHub;

afterEach(async () => {
  await t.close();
});

/** A hub whose sweep never runs within a test: what happens at once is the request's doing. */
async function hubWithoutSweep(extra: Parameters<typeof startTestHub>[0] = {}) {
  t = await startTestHub({
    counters: 2,
    ...extra,
    hub: { sweepIntervalMs: 3_600_000, ...extra.hub },
  });
  return t;
}

async function call<T>(
  method: string,
  path: string,
  opts: { token?: string; cookie?: string; body?: unknown } = {},
): Promise<{ status: number; body: Ack<T>; setCookie: string | null }> {
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Ack<T>,
    setCookie: res.headers.get('set-cookie'),
  };
}

/** Resolves once the hub drops the socket (not on the client's own say). */
function dropped(socket: HubSocket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

function refusedConnect(token: string): Promise<string> {
  const socket = t.connect(token);
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (err) => resolve(err.message));
    socket.once('snapshot', () => reject(new Error('connected with a dead token')));
  });
}

describe('a password change ends sessions', () => {
  it('an admin reset drops the clerk’s open socket at once and refuses its token', async () => {
    await hubWithoutSweep();
    const admin = (await t.login('admin')).token;
    const clerk = (await t.login('cb1', 'c1')).token;
    const { socket } = await t.connectReady(clerk);
    const gone = dropped(socket);

    const reset = await call('POST', '/api/admin/users/cb1/password', {
      token: admin,
      body: { password: 'mat-khau-moi-1' },
    });
    expect(reset.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect((await call('GET', '/api/session', { token: clerk })).status).toBe(401);
    expect(await refusedConnect(clerk)).toBe('UNAUTHENTICATED');
    // The admin who reset it is still signed in.
    expect((await call('GET', '/api/session', { token: admin })).status).toBe(200);
  });

  it('changing one’s own password keeps this session and ends the others, sockets included', async () => {
    await hubWithoutSweep();
    const here = (await t.login('giamsat')).token;
    const there = (await t.login('giamsat')).token;
    const { socket: hereSocket } = await t.connectReady(here);
    const { socket: thereSocket } = await t.connectReady(there);
    const gone = dropped(thereSocket);

    const wrong = await call('POST', '/api/password', {
      token: here,
      body: { currentPassword: 'khong-phai', newPassword: 'mat-khau-moi-1' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({
      ok: false,
      error: { message: 'Mật khẩu hiện tại không đúng.' },
    });
    expect((await call('GET', '/api/session', { token: there })).status).toBe(200);

    const short = await call('POST', '/api/password', {
      token: here,
      body: { currentPassword: 'mat-khau-thu', newPassword: 'ngan' },
    });
    expect(short.status).toBe(400);

    const changed = await call('POST', '/api/password', {
      token: here,
      body: { currentPassword: 'mat-khau-thu', newPassword: 'mat-khau-moi-1' },
    });
    expect(changed.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect((await call('GET', '/api/session', { token: there })).status).toBe(401);
    expect((await call('GET', '/api/session', { token: here })).status).toBe(200);
    expect(hereSocket.connected).toBe(true);
    expect((await request(hereSocket, 'sync:snapshot', {})).ok).toBe(true);

    const signIn = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'giamsat', password: 'mat-khau-moi-1' }),
    });
    expect(signIn.status).toBe(200);
  });

  it('`luot user password` ends the sessions; a running hub drops their sockets on its sweep', async () => {
    t = await startTestHub({ counters: 2 });
    const clerk = (await t.login('cb1', 'c1')).token;
    const { socket } = await t.connectReady(clerk);
    const gone = dropped(socket);
    const code = await runCli(
      [
        'user',
        'password',
        '--data',
        t.dataDir,
        '--username',
        'cb1',
        '--password',
        'mat-khau-moi-1',
      ],
      { out: () => undefined, err: () => undefined, now: () => t.clock.now(), env: {} },
    );
    expect(code).toBe(0);
    expect(await gone).toBe('io server disconnect');
    expect((await call('GET', '/api/session', { token: clerk })).status).toBe(401);
  });
});

describe('idle timeout', () => {
  it('a session used within the idle time lives on; one left alone for it ends, sockets too', async () => {
    t = await startTestHub({ counters: 2, hub: { sessionIdleMs: 30 * MINUTE } });
    const token = (await t.login('giamsat')).token;
    const { socket } = await t.connectReady(token);

    // Used every 29 minutes, over two hours: still signed in.
    for (let i = 0; i < 5; i++) {
      t.clock.advance(29 * MINUTE);
      expect((await request(socket, 'sync:snapshot', {})).ok).toBe(true);
    }
    const gone = dropped(socket);
    t.clock.advance(30 * MINUTE);
    expect(await gone).toBe('io server disconnect');
    expect((await call('GET', '/api/session', { token })).status).toBe(401);
    expect(await refusedConnect(token)).toBe('UNAUTHENTICATED');
  });

  it('a clerk whose session went idle signs in again at the same counter, which stayed open', async () => {
    t = await startTestHub({ counters: 2 });
    const first = (await t.login('cb1', 'c1')).token;
    t.clock.advance(61 * MINUTE);
    expect((await call('GET', '/api/session', { token: first })).status).toBe(401);
    expect(t.hub.queue.live.counters.c1).toMatchObject({ status: 'open', clerkId: 'cb1' });
    const again = await t.login('cb1', 'c1');
    expect(again.counterId).toBe('c1');
    const { socket } = await t.connectReady(again.token);
    expect((await request(socket, 'sync:snapshot', {})).ok).toBe(true);
  });

  it('records a use at most once a minute', async () => {
    t = await startTestHub({ counters: 2 });
    const token = (await t.login('admin')).token;
    const lastSeen = () => t.province.findSession(hashSecret(token))!.lastSeenAt;
    const signedInAt = lastSeen();
    t.clock.advance(59_000);
    await call('GET', '/api/session', { token });
    expect(lastSeen()).toBe(signedInAt);
    t.clock.advance(1_000);
    await call('GET', '/api/session', { token });
    expect(lastSeen()).toBe(signedInAt + MINUTE);
  });
});

describe('sessions in the administration', () => {
  it('lists open sessions and revokes one: its socket drops at once, its token is refused, it is audited', async () => {
    await hubWithoutSweep();
    const admin = (await t.login('admin')).token;
    const clerk = (await t.login('cb1', 'c1')).token;
    const supervisor = (await t.login('giamsat')).token;
    const { socket } = await t.connectReady(clerk);

    const list = await call<AdminSession[]>('GET', '/api/admin/sessions', { token: admin });
    if (!list.body.ok) throw new Error('no list');
    expect(list.body.data.map((s) => s.username).sort()).toEqual(['admin', 'cb1', 'giamsat']);
    const row = list.body.data.find((s) => s.username === 'cb1')!;
    expect(row).toMatchObject({
      name: 'Cán bộ 1',
      role: 'clerk',
      counterId: 'c1',
      startedAt: t.clock.now(),
      address: '127.0.0.1',
      current: false,
    });
    expect(row.id).toMatch(/^[0-9a-f]{24}$/);
    expect(JSON.stringify(list.body.data)).not.toContain(clerk);
    expect(list.body.data.find((s) => s.username === 'admin')!.current).toBe(true);

    expect((await call('GET', '/api/admin/sessions', { token: supervisor })).status).toBe(403);
    expect(
      (await call('DELETE', `/api/admin/sessions/${row.id}`, { token: supervisor })).status,
    ).toBe(403);
    expect((await call('GET', '/api/session', { token: clerk })).status).toBe(200);

    const gone = dropped(socket);
    const revoked = await call('DELETE', `/api/admin/sessions/${row.id}`, { token: admin });
    expect(revoked.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect((await call('GET', '/api/session', { token: clerk })).status).toBe(401);
    const after = await call<AdminSession[]>('GET', '/api/admin/sessions', { token: admin });
    expect(after.body.ok && after.body.data.map((s) => s.username).sort()).toEqual([
      'admin',
      'giamsat',
    ]);

    const audit = await call<AuditEntry[]>('GET', '/api/admin/audit', { token: admin });
    expect(audit.body.ok && audit.body.data[0]).toMatchObject({
      actor: 'admin',
      action: 'session.revoke',
      target: 'cb1',
    });

    const again = await call('DELETE', `/api/admin/sessions/${row.id}`, { token: admin });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await call('DELETE', `/api/admin/sessions/__proto__`, { token: admin });
    expect(bad.status).toBe(400);
  });
});

describe('the session cookie', () => {
  it('a browser sign-in gets an HttpOnly, SameSite=Strict cookie and no token; the cookie works over HTTP and sockets', async () => {
    await hubWithoutSweep();
    const res = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cb1', password: 'mat-khau-thu', counterId: 'c1' }),
    });
    const body = (await res.json()) as Ack<SessionInfo & { token?: string }>;
    expect(body).toMatchObject({ ok: true, data: { counterId: 'c1', user: { username: 'cb1' } } });
    expect(body.ok && body.data.token).toBeUndefined();
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^luot_session=ses_[\w-]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure'); // plain HTTP here; Secure over HTTPS
    const cookie = setCookie.split(';')[0]!;
    // A browser with no session is told so without an error; one with a dead session gets 401.
    expect((await call('GET', '/api/session')).body).toEqual({ ok: true, data: null });

    const who = await call<SessionInfo>('GET', '/api/session', { cookie });
    expect(who.body).toMatchObject({
      ok: true,
      data: { user: { username: 'cb1' }, counterId: 'c1' },
    });

    const socket = ioClient(t.url, { transports: ['websocket'], extraHeaders: { cookie } });
    const snapshot = await new Promise((resolve, reject) => {
      socket.once('snapshot', resolve);
      socket.once('connect_error', reject);
    });
    expect(snapshot).toBeTruthy();
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));

    const out = await call('POST', '/api/logout', { cookie });
    expect(out.status).toBe(200);
    expect(out.setCookie).toMatch(/^luot_session=;/);
    expect(out.setCookie).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    await gone;
    expect((await call('GET', '/api/session', { cookie })).status).toBe(401);
    socket.close();
  });

  it('a page without an origin of its own (Origin null: a file, a sandboxed frame) is never signed in by the cookie', async () => {
    await hubWithoutSweep();
    const res = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'mat-khau-thu' }),
    });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const outcome = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = ioClient(t.url, {
          transports: ['websocket'],
          extraHeaders: { cookie, origin },
          reconnection: false,
        });
        socket.once('snapshot', () => (socket.close(), resolve('snapshot')));
        socket.once('connect_error', (err) => (socket.close(), resolve(err.message)));
      });
    expect(await outcome('null')).toBe('UNAUTHENTICATED');
    expect(await outcome('file://')).toBe('UNAUTHENTICATED');
    expect(await outcome(t.url)).toBe('snapshot');
  });

  it('staff HTTP routes accept the cookie', async () => {
    await hubWithoutSweep();
    const res = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'mat-khau-thu' }),
    });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await call('GET', '/api/admin/sessions', { cookie })).status).toBe(200);
    expect((await call('GET', '/api/admin/sessions', {})).status).toBe(401);
  });
});
