import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { siteConfigSchema, type SiteConfig, type SiteConfigInput } from '@luot/domain';
import { connectHub, request, type HubSocket } from '@luot/hub-client';
import type { DeviceKind, BearerLoginResult, Snapshot } from '@luot/protocol';
import { createFakeClock } from '../src/clock.ts';
import { createHub, type Hub, type HubOptions } from '../src/hub.ts';
import type { MessagingOptions } from '../src/messages/messaging.ts';
import type { WebhookOptions } from '../src/webhooks/webhooks.ts';
import {
  addUser,
  databasePath,
  initSite,
  openProvince,
  pairDevice,
  sqlitePorts,
} from '../src/setup.ts';
import { DEFAULT_SITE_ID } from '../src/store.ts';
import { defaultStaticApps, type StaticApp } from '../src/static-apps.ts';
import { DEFAULT_SOCKET_LIMITS } from '../src/sockets/limits.ts';
import type { SqliteProvince, SqliteSite } from '../src/db/index.ts';
import { startFakeProvider, type FakeProvider } from './fake-provider.ts';
import { smsSettings } from './phone-messages.ts';

/** 09:00 on 2026-11-23 (a Monday) in Asia/Ho_Chi_Minh. */
export const MONDAY_9AM = Date.parse('2026-11-23T02:00:00Z');
export const PASSWORD = 'mat-khau-thu';

/** A small centre: two fields, `counters` counters serving both, and one of each device kind per counter. */
export function testConfig(counters = 3, overrides: Partial<SiteConfigInput> = {}) {
  return siteConfigSchema.parse({
    site: { name: 'Bộ phận Một cửa xã Thử Nghiệm', timeZone: 'Asia/Ho_Chi_Minh' },
    fields: [
      {
        id: 'ho-tich',
        name: 'Tư pháp – Hộ tịch',
        numbering: { start: 1001, digits: 4 },
        sessions: [
          { from: '07:30', to: '11:30' },
          { from: '13:30', to: '17:00' },
        ],
      },
      {
        id: 'dat-dai',
        name: 'Đất đai',
        numbering: { prefix: 'A', start: 1, digits: 3 },
        sessions: [{ from: '07:30', to: '17:00' }],
      },
    ],
    counters: Array.from({ length: counters }, (_, i) => ({
      id: `c${i + 1}`,
      number: i + 1,
      name: `Quầy ${i + 1}`,
      fieldIds: ['ho-tich', 'dat-dai'],
    })),
    priorityClasses: [{ id: 'cao-tuoi', name: 'Người cao tuổi' }],
    ...overrides,
  });
}

export interface TestHub {
  /** The staff listener: `http://127.0.0.1:PORT`, `https://…` with `hub.tls`. */
  url: string;
  /** The public listener's address when `hub.publicListener` is set (give it port 0). */
  publicUrl: string | null;
  hub: Hub;
  /** The first site's store, answering at once. */
  store: SqliteSite;
  /** The whole deployment's store (every site), answering at once. */
  province: SqliteProvince;
  /** The sites, the first one `DEFAULT_SITE_ID` unless `sites` named others. */
  siteIds: string[];
  clock: ReturnType<typeof createFakeClock>;
  /**
   * The fake eSMS/ZNS provider every site's messages go to by SMS (unless a test saves its own
   * settings): read what a phone received with `codeReceived`, `smsTo`, `smsReceived`.
   */
  provider: FakeProvider;
  dataDir: string;
  dbPath: string;
  /**
   * Device tokens: `kiosk`, `display` (silent lobby board), `lobby` (a lobby board that
   * speaks), `pad1`…`padN` (rating pads) and `sign1`…`signN` (displays above each counter);
   * the second and later sites' as `<site>/kiosk` and so on.
   */
  tokens: Record<string, string>;
  /** Signs a person in over HTTP; clerks name their counter. */
  /** Signs in as a non-browser client: the answer carries the bearer token. */
  login(username: string, counterId?: string, siteId?: string): Promise<BearerLoginResult>;
  connect(token: string): HubSocket;
  /** Connects and waits for the first snapshot (or connect_error). */
  connectReady(token: string): Promise<{ socket: HubSocket; snapshot: Snapshot }>;
  /** Stops the hub as a crash or a power cut would: sockets drop, the database stays. */
  stop(): Promise<void>;
  /**
   * Starts the hub again (stopping it first if it runs, then running `whileDown`) on the same
   * port and database, so open pages reconnect by themselves; `hub` then refers to the new one.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real hub on a temporary SQLite file, listening on 127.0.0.1 with a fake clock. Users:
 * clerks `cb1`…`cbN`, `giamsat` (supervisor) and `admin`. Devices: `kiosk`, `display`,
 * `pad1`…`padN` (rating pads at each counter).
 */
export async function startTestHub(
  options: {
    counters?: number;
    now?: number;
    hub?: Partial<HubOptions>;
    dataDir?: string;
    /** Serve the built front ends (run `pnpm build` first), for browser tests. */
    serveApps?: boolean;
    /** With `serveApps`: these build folders instead of the repository's (a copy a test edits). */
    staticApps?: StaticApp[];
    /** The site configuration; by default `testConfig(counters)`. */
    config?: SiteConfig;
    /**
     * Sites to serve (a province); by default one, `DEFAULT_SITE_ID`. The first site's people
     * are `cb1`…, `giamsat`, `admin`; another site's `<site>.cb1`…, `<site>.giamsat`,
     * `<site>.admin`; `tinh` administers every site.
     */
    sites?: string[];
    /**
     * The messages part's options; the outbox sends only when a message is enqueued or `drain` is
     * called. Every site that has no message settings yet sends codes and phone messages by SMS
     * through `provider` (a fake on 127.0.0.1).
     */
    messages?: Partial<MessagingOptions>;
    /** The hub's logger (silent by default), for a test that reads what the hub logs. */
    log?: Logger;
    /** Webhooks' options; by default no safety-net timer (commits and `settle` drive them). */
    webhooks?: Partial<WebhookOptions>;
  } = {},
): Promise<TestHub> {
  const counters = options.counters ?? 3;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'luot-hub-'));
  const clock = createFakeClock(options.now ?? MONDAY_9AM);
  const province = openProvince(dataDir);
  const siteIds = options.sites ?? [DEFAULT_SITE_ID];
  const store = province.site(siteIds[0]!);
  const tokens: Record<string, string> = {};
  if (province.listSites().length === 0) {
    for (const [n, siteId] of siteIds.entries())
      await seedSite(province, siteId, n === 0 ? '' : `${siteId}.`, tokens, {
        counters,
        config: options.config ?? testConfig(counters),
        at: clock.now(),
        name: n === 0 ? null : `Điểm ${siteId}`,
      });
    if (options.sites)
      await addUser(
        province,
        { username: 'tinh', name: 'Quản trị tỉnh', role: 'admin', password: PASSWORD, sites: null },
        0,
      );
  }
  // Sites with settings of their own (a reused data folder) keep them; a test may save others.
  const provider = await startFakeProvider();
  for (const siteId of province.listSites().map((s) => s.id))
    if ((await province.readMessageSettings(siteId)) == null)
      await province.writeMessageSettings(siteId, smsSettings(provider.url), clock.now());
  const log = options.log ?? pino({ level: 'silent' });
  const newHub = () =>
    createHub({
      ...sqlitePorts(province, log),
      clock,
      log,
      staticApps: options.serveApps ? (options.staticApps ?? defaultStaticApps()) : [],
      messages: { pollMs: 0, ...options.messages },
      webhooks: { pollMs: 0, ...options.webhooks },
      options: {
        kioskMinIntervalMs: 0,
        sweepIntervalMs: 200,
        rolloverCheckMs: 100,
        // Tests send events as fast as the hub answers; the budget is tested on its own.
        socketLimits: { ...DEFAULT_SOCKET_LIMITS, eventsPerSecond: 1e6, eventBurst: 1e6 },
        ...options.hub,
      },
    });
  let hub = await newHub();
  let running = true;
  const port = await hub.listen(0, '127.0.0.1');
  const scheme = options.hub?.tls ? 'https' : 'http';
  const url = `${scheme}://127.0.0.1:${port}`;
  const publicPort = hub.publicPort();
  const publicUrl = publicPort === null ? null : `${scheme}://127.0.0.1:${publicPort}`;
  const stop = async () => {
    if (!running) return;
    running = false;
    await hub.close();
  };
  const sockets: HubSocket[] = [];

  const connect = (token: string) => {
    const socket = connectHub(url, token);
    sockets.push(socket);
    return socket;
  };

  return {
    url,
    publicUrl,
    get hub() {
      return hub;
    },
    store,
    province,
    siteIds,
    clock,
    provider,
    dataDir,
    dbPath: databasePath(dataDir),
    tokens,
    login: (username, counterId, siteId) =>
      signIn(url, { username, password: PASSWORD, counterId, siteId }),
    connect,
    connectReady(token) {
      const socket = connect(token);
      return new Promise((resolve, reject) => {
        socket.once('snapshot', (snapshot) => resolve({ socket, snapshot }));
        socket.once('connect_error', (err) => reject(err));
      });
    },
    stop,
    async restart(whileDown) {
      await stop();
      await whileDown?.();
      hub = await newHub();
      await hub.listen(port, '127.0.0.1');
      running = true;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await stop();
      await provider.close();
      province.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { request };

/**
 * One site of a test deployment: its configuration, clerks `<prefix>cb1`…, `<prefix>giamsat`,
 * `<prefix>admin`, and its devices (tokens under `<prefix as site/>kiosk`, …).
 */
async function seedSite(
  province: SqliteProvince,
  siteId: string,
  prefix: string,
  tokens: Record<string, string>,
  o: { counters: number; config: SiteConfig; at: number; name: string | null },
): Promise<void> {
  const { counters } = o;
  const config = o.name ? { ...o.config, site: { ...o.config.site, name: o.name } } : o.config;
  await initSite(province, siteId, config, o.at);
  const sites = [siteId];
  for (let i = 1; i <= counters; i++)
    await addUser(
      province,
      {
        username: `${prefix}cb${i}`,
        name: `Cán bộ ${i}`,
        role: 'clerk',
        password: PASSWORD,
        sites,
      },
      0,
    );
  await addUser(
    province,
    {
      username: `${prefix}giamsat`,
      name: 'Giám sát',
      role: 'supervisor',
      password: PASSWORD,
      sites,
    },
    0,
  );
  await addUser(
    province,
    { username: `${prefix}admin`, name: 'Quản trị', role: 'admin', password: PASSWORD, sites },
    0,
  );
  const devices: { id: string; kind: DeviceKind; counterId?: string; speaks?: boolean }[] = [
    { id: 'kiosk', kind: 'kiosk' },
    { id: 'display', kind: 'display' },
    { id: 'lobby', kind: 'display', speaks: true },
    ...Array.from({ length: counters }, (_, i) => ({
      id: `pad${i + 1}`,
      kind: 'rating' as const,
      counterId: `c${i + 1}`,
    })),
    ...Array.from({ length: counters }, (_, i) => ({
      id: `sign${i + 1}`,
      kind: 'display' as const,
      counterId: `c${i + 1}`,
    })),
  ];
  const store = province.site(siteId);
  const key = prefix ? `${siteId}/` : '';
  for (const d of devices) tokens[key + d.id] = await pairDevice(store, { ...d, name: d.id }, 0);
}

/**
 * Signs a person in over HTTP as a script does (`bearer: true`: the token comes in the answer)
 * and, as the apps do, waits and tries again while the hub's password checking is full (503).
 */
export async function signIn(
  url: string,
  who: { username: string; password: string; counterId?: string; deskId?: string; siteId?: string },
): Promise<BearerLoginResult> {
  const { username, password, counterId, deskId, siteId } = who;
  for (;;) {
    const res = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username,
        password,
        bearer: true,
        ...(counterId ? { counterId } : {}),
        ...(deskId ? { deskId } : {}),
        ...(siteId ? { siteId } : {}),
      }),
    });
    const body = (await res.json()) as { ok: boolean; data?: BearerLoginResult; error?: unknown };
    if (res.status === 503) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    if (!body.ok || !body.data)
      throw new Error(`login ${username} failed: ${JSON.stringify(body)}`);
    return body.data;
  }
}
