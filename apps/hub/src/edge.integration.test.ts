// The hub's edge: HTTPS with `luot tls`'s certificate, the public listener, security headers
// and the Origin check, over real HTTP(S) and Socket.IO on loopback.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest as fetchRaw, request, startTestHub, type TestHub } from '../testing/index.ts';
import { runCli } from './cli.ts';
import { isOwnOrigin } from './web-edge.ts';

let t: TestHub | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await t?.close();
  t = undefined;
});

/** Connects a Socket.IO client and resolves with how the handshake ended. */
function connectOutcome(
  url: string,
  token: string,
  extra: { origin?: string; ca?: string } = {},
): Promise<{
  connected: boolean;
  error?: string;
  code?: string;
  socket: Socket;
  views: unknown[];
}> {
  const socket = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    ...(extra.origin ? { extraHeaders: { origin: extra.origin } } : {}),
    ...(extra.ca ? { ca: extra.ca } : {}),
  });
  sockets.push(socket);
  const views: unknown[] = [];
  socket.on('ticket:view', (view: unknown) => views.push(view));
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ connected: true, socket, views }));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) =>
      resolve({ connected: false, error: err.message, code: err.data?.code, socket, views }),
    );
  });
}

async function issueTicket(hub: TestHub): Promise<string> {
  const { socket: kiosk } = await hub.connectReady(hub.tokens.kiosk!);
  const res = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  if (!res.ok) throw new Error(res.error.code);
  return res.data.token;
}

const quiet = { out: () => undefined, err: () => undefined, env: {} };

describe('luot tls', () => {
  let dataDir: string;
  let ca: string;
  let firstServerCert: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'luot-tls-'));
    const out: string[] = [];
    const code = await runCli(
      [
        'tls',
        '--data',
        dataDir,
        '--name',
        'hub.local',
        '--name',
        'luot.xa.vn',
        '--ip',
        '127.0.0.1',
      ],
      { ...quiet, out: (l) => out.push(l), now: () => Date.now() },
    );
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/Windows[\s\S]*Linux[\s\S]*Android[\s\S]*Chromium/);
    ca = readFileSync(join(dataDir, 'tls/ca.crt'), 'utf8');
    firstServerCert = readFileSync(join(dataDir, 'tls/server.crt'), 'utf8');
    return () => rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps both private keys readable by the hub user only', () => {
    expect(statSync(join(dataDir, 'tls/ca.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'tls/server.key')).mode & 0o777).toBe(0o600);
  });

  it("makes a certificate that verifies against the centre's CA for its names and address", async () => {
    const t_ = await startTestHub({
      hub: {
        tls: {
          cert: readFileSync(join(dataDir, 'tls/server.crt')),
          key: readFileSync(join(dataDir, 'tls/server.key')),
        },
      },
    });
    t = t_;
    const port = Number(new URL(t_.url).port);
    const handshake = (servername: string | undefined) =>
      new Promise<{ authorized: boolean; error?: string }>((resolve) => {
        const socket = tlsConnect(
          { host: '127.0.0.1', port, ca, ...(servername ? { servername } : {}) },
          () => {
            resolve({ authorized: socket.authorized });
            socket.end();
          },
        );
        socket.on('error', (err) => resolve({ authorized: false, error: err.message }));
      });
    expect(await handshake('hub.local')).toEqual({ authorized: true });
    expect(await handshake('luot.xa.vn')).toEqual({ authorized: true });
    expect(await handshake(undefined)).toEqual({ authorized: true }); // by its IP address
    expect((await handshake('other.local')).authorized).toBe(false);
    // Without the CA (a machine that was not set up), the certificate is not trusted.
    const untrusted = await new Promise<string>((resolve) => {
      const s = tlsConnect({ host: '127.0.0.1', port, servername: 'hub.local' }, () =>
        resolve('connected'),
      );
      s.on('error', (err) => resolve(err.message));
    });
    expect(untrusted).not.toBe('connected');

    // The hub answers over HTTPS, with HSTS, and its sockets over WSS.
    const health = await fetchRaw(`${t_.url}/healthz`, { ca });
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toMatch(/max-age=/);
    const display = await connectOutcome(t_.url, t_.tokens.display!, { ca });
    expect(display.connected).toBe(true);
  });

  it('re-issues the server certificate with the same CA', async () => {
    const code = await runCli(['tls', '--data', dataDir, '--name', 'hub2.local'], {
      ...quiet,
      now: () => Date.now(),
    });
    expect(code).toBe(0);
    expect(readFileSync(join(dataDir, 'tls/ca.crt'), 'utf8')).toBe(ca);
    expect(readFileSync(join(dataDir, 'tls/server.crt'), 'utf8')).not.toBe(firstServerCert);
    t = await startTestHub({
      hub: {
        tls: {
          cert: readFileSync(join(dataDir, 'tls/server.crt')),
          key: readFileSync(join(dataDir, 'tls/server.key')),
        },
      },
    });
    const port = Number(new URL(t.url).port);
    const authorized = await new Promise<boolean>((resolve) => {
      const s = tlsConnect({ host: '127.0.0.1', port, ca, servername: 'hub2.local' }, () => {
        resolve(s.authorized);
        s.end();
      });
      s.on('error', () => resolve(false));
    });
    expect(authorized).toBe(true);
  });

  it('refuses a bad name or address, and a call without any, changing nothing', async () => {
    const errors: string[] = [];
    const io_ = { ...quiet, err: (l: string) => errors.push(l), now: () => Date.now() };
    expect(await runCli(['tls', '--data', dataDir, '--ip', '300.1.1.1'], io_)).toBe(2);
    expect(await runCli(['tls', '--data', dataDir, '--name', 'bad name'], io_)).toBe(2);
    expect(await runCli(['tls', '--data', dataDir], io_)).toBe(2);
    expect(errors.join('\n')).toMatch(/not an IP address[\s\S]*not a host name[\s\S]*--name/);
    expect(readFileSync(join(dataDir, 'tls/ca.crt'), 'utf8')).toBe(ca);
  });
});

describe('security headers', () => {
  it('are on every answer: pages, API answers and 404s', async () => {
    t = await startTestHub();
    for (const path of ['/healthz', '/api/nothing', '/admin/']) {
      const res = await fetchRaw(t.url + path);
      expect(res.headers['content-security-policy'], path).toMatch(/default-src 'self'/);
      expect(res.headers['content-security-policy'], path).toMatch(/frame-ancestors 'none'/);
      // The display app's service worker (/display/sw.js) is a script of the hub itself.
      expect(res.headers['content-security-policy'], path).toMatch(/worker-src 'self'/);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['referrer-policy'], path).toBe('no-referrer');
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      // Plain HTTP on the LAN: no HSTS and no upgrade of subresources to HTTPS.
      expect(res.headers['strict-transport-security'], path).toBeUndefined();
      expect(res.headers['content-security-policy'], path).not.toMatch(/upgrade-insecure/);
    }
  });
});

describe('Origin check', () => {
  it('decides one way for sockets and HTTP', () => {
    const allowed = ['https://luot.tinh.gov.vn'];
    const own = (origin: string | undefined, host = '192.168.1.10:8080') =>
      isOwnOrigin({ origin, host, allowed });
    expect(own(undefined)).toBe(true);
    expect(own('http://192.168.1.10:8080')).toBe(true);
    expect(own('https://192.168.1.10:8080')).toBe(true);
    expect(own('https://hub.local', 'hub.local')).toBe(true);
    expect(own('https://hub.local:443', 'hub.local')).toBe(true);
    expect(own('https://luot.tinh.gov.vn')).toBe(true);
    expect(own('http://evil.example')).toBe(false);
    expect(own('http://192.168.1.10:8081')).toBe(false);
    expect(own('null')).toBe(false);
    expect(own('file://')).toBe(false);
    expect(isOwnOrigin({ origin: 'file://', host: 'x', allowed, fileOrigin: true })).toBe(true);
  });

  it('refuses a state-changing request from a foreign page with FORBIDDEN, changing nothing', async () => {
    t = await startTestHub({ hub: { allowedOrigins: ['https://luot.tinh.gov.vn'] } });
    const login = (origin?: string) =>
      fetchRaw(`${t!.url}/api/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(origin ? { origin } : {}),
        },
        body: JSON.stringify({ username: 'admin', password: 'mat-khau-thu' }),
      });
    const foreign = await login('http://evil.example');
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(JSON.parse(foreign.body).error.message).toMatch(/trang web khác/);
    // The hub's own page, a configured origin and a client without Origin sign in.
    expect((await login(t.url)).status).toBe(200);
    expect((await login('https://luot.tinh.gov.vn')).status).toBe(200);
    expect((await login()).status).toBe(200);
    // Reads are not state-changing: a foreign Origin on a GET is answered as usual.
    expect(
      (await fetchRaw(`${t.url}/healthz`, { headers: { origin: 'http://evil.example' } })).status,
    ).toBe(200);
  });

  it('refuses a socket from a foreign page, and admits its own, configured and no Origin', async () => {
    t = await startTestHub({ hub: { allowedOrigins: ['https://luot.tinh.gov.vn'] } });
    const token = t.tokens.display!;
    expect((await connectOutcome(t.url, token, { origin: 'http://evil.example' })).connected).toBe(
      false,
    );
    expect((await connectOutcome(t.url, token, { origin: t.url })).connected).toBe(true);
    expect(
      (await connectOutcome(t.url, token, { origin: 'https://luot.tinh.gov.vn' })).connected,
    ).toBe(true);
    expect((await connectOutcome(t.url, token)).connected).toBe(true);
    // The Electron kiosk's screen is a file page: Chromium sends Origin null on its socket.
    expect((await connectOutcome(t.url, t.tokens.kiosk!, { origin: 'null' })).connected).toBe(true);
    expect((await connectOutcome(t.url, t.tokens.kiosk!, { origin: 'file://' })).connected).toBe(
      true,
    );
  });

  it('answers a cross-origin polling handshake without CORS headers', async () => {
    t = await startTestHub();
    const res = await fetchRaw(`${t.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('public listener', () => {
  const publicHub = () =>
    startTestHub({ serveApps: true, hub: { publicListener: { port: 0, host: '127.0.0.1' } } });

  it("serves the phone and citizens' pages and their files, and 404 for every staff page and API", async () => {
    t = await publicHub();
    const pub = t.publicUrl!;
    const ticket = await issueTicket(t);
    const page = await fetchRaw(`${pub}/t/${ticket}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    const script = /src="(\/display\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    expect((await fetchRaw(pub + script!)).status).toBe(200);
    const css = /href="(\/display\/assets\/[^"]+\.css)"/.exec(page.body)?.[1];
    expect((await fetchRaw(pub + css!)).status).toBe(200);

    // The citizens' pages are the same app: take a number, book, a booking's page.
    for (const path of ['/', '/lay-so', '/b/bkg_some-booking-token']) {
      const res = await fetchRaw(pub + path);
      expect(res.status, path).toBe(200);
      expect(res.body, path).toContain(script!);
    }

    for (const path of [
      '/admin/',
      '/admin/index.html',
      '/counter/',
      '/kiosk/',
      '/display/',
      '/display/lobby',
      '/display/index.html',
      '/display/voice/vi/pause.opus',
      '/healthz',
      '/api/clock',
      '/api/reports/daily',
      '/api/admin/devices',
    ]) {
      const res = await fetchRaw(pub + path);
      expect(res.status, path).toBe(404);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
    const login = await fetchRaw(`${pub}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'mat-khau-thu' }),
    });
    expect(login.status).toBe(404);
    // The staff listener still serves them.
    expect((await fetchRaw(`${t.url}/admin/`)).status).toBe(200);
  });

  it('admits only ticket links on its socket: staff and device credentials get FORBIDDEN', async () => {
    t = await publicHub();
    const pub = t.publicUrl!;
    const ticket = await issueTicket(t);
    const phone = await connectOutcome(pub, ticket);
    expect(phone.connected).toBe(true);
    await expect.poll(() => phone.views.length).toBe(1);
    expect(phone.views[0]).toMatchObject({ label: '1001' });

    const session = await t.login('admin');
    for (const token of [t.tokens.kiosk!, t.tokens.display!, session.token]) {
      const outcome = await connectOutcome(pub, token);
      expect(outcome).toMatchObject({ connected: false, code: 'FORBIDDEN' });
    }
    // An unknown secret is still UNAUTHENTICATED, as on the staff listener.
    expect(await connectOutcome(pub, 'tkt_not-a-real-ticket-token')).toMatchObject({
      connected: false,
      code: 'UNAUTHENTICATED',
    });
  });
});
