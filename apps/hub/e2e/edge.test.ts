// The hub's edge in Chromium: every app over HTTPS with its Content-Security-Policy and no
// violation, the phone page on the public listener, device tokens out of the address bar and
// out of Referers, and no foreign page framing the admin app.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PASSWORD, request, startTestHub, type TestHub } from '../testing/index.ts';
import { issueTls } from '../src/tls-files.ts';

let t: TestHub;
let browser: Browser;
let context: BrowserContext;
let tlsDir: string;

beforeAll(async () => {
  tlsDir = mkdtempSync(join(tmpdir(), 'luot-edge-tls-'));
  const { paths } = issueTls(tlsDir, { names: ['localhost'], ips: ['127.0.0.1'] });
  t = await startTestHub({
    serveApps: true,
    hub: {
      tls: { cert: readFileSync(paths.serverCert), key: readFileSync(paths.serverKey) },
      publicListener: { port: 0, host: '127.0.0.1' },
    },
  });
  browser = await launchChromium();
  // The test CA is not in Chromium's store; the certificate itself is checked in
  // edge.integration.test.ts with Node's TLS and the CA.
  context = await browser.newContext({
    ignoreHTTPSErrors: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  // Every CSP violation a page meets, recorded before any of its scripts runs.
  await context.addInitScript({
    content: `window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`,
  });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  if (tlsDir) rmSync(tlsDir, { recursive: true, force: true });
});

/** A page whose console errors and CSP violations (seen by the page or reported) are kept. */
async function open(url: string) {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await page.goto(url);
  return { page, errors };
}

const violations = (page: Page) => page.evaluate<string[]>('window.__csp');

describe('over HTTPS, with the security headers', () => {
  it('the admin app signs in and pairs a device (its QR code) with no CSP violation', async () => {
    const { page, errors } = await open(`${t.url}/admin/`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=dashboard]');
    // Pairing shows the device's QR code (an inline SVG) and link: no inline style refused.
    await page.click('nav >> text=Thiết bị');
    await page.fill('form[aria-label="Ghép nối thiết bị"] input >> nth=0', 'sanh-9');
    await page.fill('form[aria-label="Ghép nối thiết bị"] input >> nth=1', 'Màn hình sảnh 9');
    await page.click('form[aria-label="Ghép nối thiết bị"] button[type=submit]');
    await page.waitForSelector('[data-testid=paired-device] .qr svg');
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the counter app signs a clerk in and opens the counter with no CSP violation', async () => {
    const { page, errors } = await open(`${t.url}/counter/`);
    await page.selectOption('select[name=counter]', { label: 'Quầy 1' });
    await page.fill('input[name=username]', 'cb1');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=current]');
    await expect.poll(() => t.hub.queue.live.counters.c1?.status).toBe('open');
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the kiosk in a browser issues a ticket (virtual printer) with no CSP violation', async () => {
    const before = Object.keys(t.hub.queue.live.tickets).length;
    const { page, errors } = await open(`${t.url}/kiosk/?token=${t.tokens.kiosk}`);
    await page.waitForSelector('.field-button[data-state="open"]');
    expect(page.url()).not.toContain('token=');
    await page.locator('[data-field="ho-tich"]').click();
    await page.getByTestId('take-number').click();
    await expect.poll(() => Object.keys(t.hub.queue.live.tickets).length).toBe(before + 1);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the lobby board connects over WSS and loads its voice clips with no CSP violation', async () => {
    const clip = new Promise<number>((resolve) => {
      context.on('response', (res) => {
        if (/\/display\/voice\/vi\/pause\.opus$/.test(res.url())) resolve(res.status());
      });
    });
    const { page, errors } = await open(`${t.url}/display/lobby?token=${t.tokens.lobby}`);
    await page.waitForSelector('[data-counter="c1"]');
    expect([200, 206]).toContain(await clip);
    expect(await violations(page)).toEqual([]);
    // The test CA is not trusted by this Chromium, which then refuses the display app's service
    // worker script (a TV trusts the hub's CA, see `luot tls`); that refusal and nothing else.
    const certRefusal = 'An SSL certificate error occurred when fetching the script.';
    expect(errors.filter((e) => e !== certRefusal)).toEqual([]);
    await page.close();
  });

  it('the phone page on the public listener follows its ticket over WSS', async () => {
    const { socket } = await kioskOverTls();
    const res = await request(socket, 'ticket:issue', { fieldId: 'dat-dai' });
    socket.disconnect();
    if (!res.ok) throw new Error(res.error.code);
    const { page, errors } = await open(`${t.publicUrl}${res.data.path}`);
    await expect
      .poll(() => page.textContent('[data-testid="phone-label"]'))
      .toBe(res.data.ticket.label);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    // The display app's service worker is for the screens only: not on the phone page.
    expect(
      await page.evaluate<number>(
        'navigator.serviceWorker.getRegistrations().then((r) => r.length)',
      ),
    ).toBe(0);
    // Its staff neighbours are not there.
    const admin = await page.goto(`${t.publicUrl}/admin/`);
    expect(admin?.status()).toBe(404);
    expect((await page.goto(`${t.publicUrl}/display/sw.js`))?.status()).toBe(404);
    await page.close();
  });
});

/** The kiosk's socket over WSS (the test CA is not trusted by Node's default store). */
async function kioskOverTls() {
  const { io } = await import('socket.io-client');
  const socket = io(t.url, {
    auth: { token: t.tokens.kiosk },
    transports: ['websocket'],
    rejectUnauthorized: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket: socket as unknown as ReturnType<TestHub['connect']> };
}

describe('device tokens', () => {
  it('leave the address bar once kept, survive a reload, and never travel in a Referer', async () => {
    const referers: string[] = [];
    const page = await context.newPage();
    page.on('request', (req) => {
      const referer = req.headers()['referer'];
      if (referer) referers.push(referer);
    });
    await page.goto(`${t.url}/display/sign?token=${t.tokens.sign1}`);
    await page.waitForSelector('[data-counter="c1"]');
    expect(page.url()).toBe(`${t.url}/display/sign`);
    await page.reload();
    await page.waitForSelector('[data-counter="c1"]');
    expect(page.url()).toBe(`${t.url}/display/sign`);
    // Its own requests (script, styles, fonts, socket) carry no Referer at all.
    expect(referers.filter((r) => r.includes(t.tokens.sign1!))).toEqual([]);
    expect(referers).toEqual([]);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});

describe('framing', () => {
  let foreign: Server;
  afterAll(async () => {
    await new Promise((resolve) => foreign?.close(resolve));
  });

  it('a page of another origin cannot show the admin app in a frame', async () => {
    foreign = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><title>Trang lạ</title><iframe id="f" src="${t.url}/admin/"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    const port = (foreign.address() as AddressInfo).port;
    const page = await context.newPage();
    const refused = page.waitForEvent('console', (msg) => /frame-ancestors/.test(msg.text()));
    await page.goto(`http://127.0.0.1:${port}/`);
    await refused;
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // Chromium replaces the refused document with its error page: no admin app inside.
    expect(await frame?.$('input[name=username]')).toBeFalsy();
    expect(frame?.url()).not.toBe(`${t.url}/admin/`);
    await page.close();
  });
});
