// deploy/nginx-province.conf proven: a real nginx, configured from the recipe in a temporary
// directory, on its own loopback ports in front of a real hub's public listener.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  HAS_NGINX,
  rawRequest,
  request,
  startNginx,
  type RunningNginx,
  startTestHub,
  type RawAnswer,
  type RawInit,
  type TestHub,
} from '../testing/index.ts';
import { issueTls } from './tls-files.ts';

const RECIPE = fileURLToPath(new URL('../deploy/nginx-province.conf', import.meta.url));
if (!HAS_NGINX)
  console.warn('nginx-province: skipped, `nginx` is not on PATH (apt-get install nginx)');

/** A request to the edge: its certificate names localhost, while the test dials 127.0.0.1. */
function get(url: string, init: RawInit = {}): Promise<RawAnswer> {
  return rawRequest(url, init.ca ? { servername: 'localhost', ...init } : init);
}

describe.skipIf(!HAS_NGINX)(
  'nginx in front of the public listener (deploy/nginx-province.conf)',
  () => {
    let t: TestHub;
    let dir: string;
    let nginx: RunningNginx | undefined;
    let ca: string;
    let edge: string;
    let plain: string;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      t = await startTestHub({
        serveApps: true,
        hub: { publicListener: { port: 0, host: '127.0.0.1' } },
      });
      dir = mkdtempSync(join(tmpdir(), 'luot-nginx-'));
      const { paths } = issueTls(dir, { names: ['localhost'], ips: ['127.0.0.1'] });
      ca = readFileSync(paths.caCert, 'utf8');
      const [tlsPort, httpPort] = [await freePort(), await freePort()];
      const publicPort = new URL(t.publicUrl!).port;
      // The recipe as an installer would adapt it: names, certificate paths, ports.
      const site = readFileSync(RECIPE, 'utf8')
        .replaceAll('luot.tinh.example.vn', 'localhost')
        .replace('/etc/ssl/luot/fullchain.pem', paths.serverCert)
        .replace('/etc/ssl/luot/privkey.pem', paths.serverKey)
        .replace('server 127.0.0.1:8081;', `server 127.0.0.1:${publicPort};`)
        .replace('listen 443 ssl;', `listen 127.0.0.1:${tlsPort} ssl;`)
        .replace('listen 80;', `listen 127.0.0.1:${httpPort};`);
      nginx = await startNginx(site, tlsPort);
      edge = `https://127.0.0.1:${tlsPort}`;
      plain = `http://127.0.0.1:${httpPort}`;
    });

    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await nginx?.stop();
      await t?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    async function ticket() {
      const { socket } = await t.connectReady(t.tokens.kiosk!);
      const res = await request(socket, 'ticket:issue', { fieldId: 'ho-tich' });
      socket.disconnect();
      if (!res.ok) throw new Error(res.error.code);
      return res.data;
    }

    function through(token: string, origin?: string) {
      const socket = io(edge, {
        auth: { token },
        ...(origin ? { extraHeaders: { origin } } : {}),
        transports: ['websocket'],
        reconnection: false,
        ca,
        servername: 'localhost',
      } as Parameters<typeof io>[1]);
      sockets.push(socket);
      const views: { label: string }[] = [];
      socket.on('ticket:view', (v: { label: string }) => views.push(v));
      const outcome = new Promise<{ connected: boolean; code?: string }>((resolve) => {
        socket.once('connect', () => resolve({ connected: true }));
        socket.once('connect_error', (err: Error & { data?: { code?: string } }) =>
          resolve({ connected: false, code: err.data?.code }),
        );
      });
      return { socket, views, outcome };
    }

    it('serves the phone page, its files and its live socket over HTTPS', async () => {
      const mine = await ticket();
      const page = await get(`${edge}${mine.path}`, { ca });
      expect(page.status).toBe(200);
      expect(page.body).toContain('<div id="root">');
      expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(page.headers['server']).toBe('nginx');
      const script = /src="(\/display\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
      expect((await get(`${edge}${script}`, { ca })).status).toBe(200);

      // As the browser opens it: Origin is the edge's address, which the hub sees as its own.
      const phone = through(mine.token, edge);
      expect(await phone.outcome).toEqual({ connected: true });
      await expect.poll(() => phone.views.length).toBe(1);
      expect(phone.views[0]!.label).toBe(mine.ticket.label);
      // A page elsewhere holding a ticket link cannot open its socket.
      expect((await through(mine.token, 'https://evil.example').outcome).connected).toBe(false);
    });

    it('refuses the staff pages, the API and staff credentials', async () => {
      for (const path of [
        '/admin/',
        '/counter/',
        '/kiosk/',
        '/display/lobby',
        '/api/clock',
        '/healthz',
      ]) {
        expect((await get(`${edge}${path}`, { ca })).status, path).toBe(404);
      }
      const login = await get(`${edge}/api/login`, {
        ca,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'mat-khau-thu' }),
      });
      expect(login.status).toBe(404);
      const kiosk = through(t.tokens.kiosk!);
      expect(await kiosk.outcome).toEqual({ connected: false, code: 'FORBIDDEN' });
    });

    it('redirects plain HTTP to HTTPS', async () => {
      const res = await get(`${plain}/t/abc`);
      expect(res.status).toBe(301);
      expect(res.headers.location).toBe('https://127.0.0.1/t/abc');
    });
  },
);
