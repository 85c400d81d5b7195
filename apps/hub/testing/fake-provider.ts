// A fake of the message providers on 127.0.0.1, for tests and the demo (`pnpm fake-provider`):
// eSMS.vn's SendMultipleMessage_V4_post_json and Zalo ZNS's /message/template, deduplicating by
// their idempotency keys (RequestId, tracking_id) as the real ones do, and a Web Push endpoint
// that keeps what it received (encrypted; the test decrypts it). It can be told to answer 500,
// to hang, or to be down (every connection dropped).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FakeMode = 'ok' | 'error500' | 'hang' | 'down';

/** One message the fake accepted (the first time its idempotency key was seen). */
export interface FakeDelivery {
  provider: 'esms' | 'zns';
  /** RequestId or tracking_id. */
  key: string;
  phone: string;
  /** SMS: its content; ZNS: the template id. */
  text: string;
  templateData?: Record<string, string>;
  body: Record<string, unknown>;
}

/** One POST to the Web Push endpoint. */
export interface FakePush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface FakeProvider {
  /** http://127.0.0.1:PORT: the eSMS and ZNS base URL. */
  url: string;
  /** A push endpoint URL of the fake (give it to a subscription). */
  pushEndpoint(id: string): string;
  /** Messages accepted, one per idempotency key. */
  deliveries: FakeDelivery[];
  /** Every request that reached a provider endpoint with each key (duplicates included). */
  requestsPerKey: Map<string, number>;
  pushes: FakePush[];
  /** How the fake answers from now on. */
  setMode(mode: FakeMode): void;
  /** Resolves once `n` deliveries (or pushes, with `push`) have arrived. */
  waitFor(n: number, what?: 'deliveries' | 'pushes', timeoutMs?: number): Promise<void>;
  /** The access token ZNS calls must carry, and eSMS's ApiKey (both 'demo' by default). */
  close(): Promise<void>;
}

const ESMS_PATH = '/MainService.svc/json/SendMultipleMessage_V4_post_json/';

export async function startFakeProvider(
  options: { port?: number; host?: string; onDelivery?: (d: FakeDelivery) => void; onPush?: (p: FakePush) => void } = {},
): Promise<FakeProvider> {
  let mode: FakeMode = 'ok';
  const deliveries: FakeDelivery[] = [];
  const pushes: FakePush[] = [];
  const requestsPerKey = new Map<string, number>();
  const seen = new Set<string>();
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  const hanging = new Set<ServerResponse>();

  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const notify = () => {
    for (const w of waiters) w();
  };

  function accept(d: FakeDelivery): boolean {
    requestsPerKey.set(d.key, (requestsPerKey.get(d.key) ?? 0) + 1);
    if (seen.has(d.key)) return false;
    seen.add(d.key);
    deliveries.push(d);
    options.onDelivery?.(d);
    notify();
    return true;
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (mode === 'down') return req.socket.destroy();
      const body = await readBody(req);
      if (mode === 'hang') {
        hanging.add(res);
        return;
      }
      if (mode === 'error500') return json(res, 500, { error: 'fake: internal error' });
      const path = (req.url ?? '').split('?')[0]!;
      if (req.method === 'POST' && path === ESMS_PATH) {
        const b = JSON.parse(body.toString('utf8')) as Record<string, string>;
        if (!b.ApiKey || !b.SecretKey) return json(res, 200, { CodeResult: '101', ErrorMessage: 'Authorize Failed' });
        if (!b.RequestId) return json(res, 200, { CodeResult: '99', ErrorMessage: 'RequestId missing' });
        accept({ provider: 'esms', key: b.RequestId, phone: b.Phone ?? '', text: b.Content ?? '', body: b });
        return json(res, 200, { CodeResult: '100', CountRegenerate: 0, SMSID: `fake-${b.RequestId}` });
      }
      if (req.method === 'POST' && path === '/message/template') {
        if (!req.headers.access_token) return json(res, 200, { error: -124, message: 'Access token is invalid' });
        const b = JSON.parse(body.toString('utf8')) as {
          phone?: string;
          template_id?: string;
          template_data?: Record<string, string>;
          tracking_id?: string;
        };
        if (!b.tracking_id) return json(res, 200, { error: -100, message: 'tracking_id missing' });
        accept({
          provider: 'zns',
          key: b.tracking_id,
          phone: b.phone ?? '',
          text: b.template_id ?? '',
          templateData: b.template_data ?? {},
          body: b as Record<string, unknown>,
        });
        return json(res, 200, { error: 0, message: 'Success', data: { msg_id: `fake-${b.tracking_id}` } });
      }
      if (req.method === 'POST' && path.startsWith('/push/')) {
        const push = { path, headers: req.headers, body };
        pushes.push(push);
        options.onPush?.(push);
        notify();
        res.writeHead(201);
        return res.end();
      }
      json(res, 404, { error: 'fake: no such endpoint' });
    })().catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    pushEndpoint: (id) => `${url}/push/${id}`,
    deliveries,
    requestsPerKey,
    pushes,
    setMode(next) {
      mode = next;
      if (next !== 'hang') {
        for (const res of hanging) res.destroy();
        hanging.clear();
      }
    },
    waitFor(n, what = 'deliveries', timeoutMs = 10_000) {
      const count = () => (what === 'deliveries' ? deliveries.length : pushes.length);
      if (count() >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake provider: ${count()} ${what}, not ${n}, after ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (count() < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    async close() {
      for (const res of hanging) res.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
