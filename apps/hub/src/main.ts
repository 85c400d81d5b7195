import { readFileSync, writeFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { parseTrustProxy, type TrustProxy } from './client-address.ts';
import { systemClock } from './clock.ts';
import { describeFix } from './file-modes.ts';
import { createHub, type HubOptions } from './hub.ts';
import { openProvince, seedDemo, sqlitePorts } from './setup.ts';
import { openPostgres } from './postgres.ts';
import type { ProvinceStore, ReportEngine } from './store.ts';
import { defaultStaticApps } from './static-apps.ts';
import { DEFAULT_SOCKET_LIMITS, type SocketLimits } from './sockets/limits.ts';
import { parseAllowedOrigins } from './web-edge.ts';

/** Whether a listening address is reachable only from this machine. */
function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIPv4(host) && host.startsWith('127.');
}

/**
 * Starts the hub on a data directory: `node dist/main.js --data ./data --port 8080 [--demo]`.
 * It listens on all addresses by default, and on 127.0.0.1 with `--demo`, whose accounts share
 * a published password: the demo on a network address needs `--allow-demo-on-network`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: process.env.LUOT_DATA ?? './data' },
      // A province's shared store and Redis, for several hub nodes (README, "Province").
      postgres: { type: 'string', default: process.env.LUOT_POSTGRES_URL },
      redis: { type: 'string', default: process.env.LUOT_REDIS_URL },
      port: { type: 'string', default: process.env.LUOT_PORT ?? '8080' },
      host: { type: 'string', default: process.env.LUOT_HOST },
      demo: { type: 'boolean', default: false },
      'allow-demo-on-network': { type: 'boolean', default: false },
      'kiosk-interval-ms': { type: 'string' },
      // For load tests on one machine, where every client shares one address: e.g.
      // '{"eventsPerSecond":1000000,"socketsPerAddress":1000000}' (see sockets/limits.ts).
      'socket-limits': { type: 'string' },
      'tls-cert': { type: 'string', default: process.env.LUOT_TLS_CERT },
      'tls-key': { type: 'string', default: process.env.LUOT_TLS_KEY },
      'public-port': { type: 'string', default: process.env.LUOT_PUBLIC_PORT },
      'public-host': { type: 'string', default: process.env.LUOT_PUBLIC_HOST },
      'allowed-origin': {
        type: 'string',
        multiple: true,
        default: process.env.LUOT_ALLOWED_ORIGINS ? [process.env.LUOT_ALLOWED_ORIGINS] : [],
      },
      // Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is believed.
      'trust-proxy': { type: 'string', default: process.env.LUOT_TRUST_PROXY },
    },
  });
  const log = pino({ level: process.env.LUOT_LOG_LEVEL ?? 'info' });
  let trustProxy: TrustProxy;
  try {
    trustProxy = parseTrustProxy(values['trust-proxy']);
  } catch (err) {
    log.error(
      { trustProxy: values['trust-proxy'], err: String(err) },
      '--trust-proxy takes addresses or CIDR ranges, comma-separated (e.g. 127.0.0.1 or 10.0.0.0/8)',
    );
    process.exit(2);
  }
  if (trustProxy) log.info({ trustProxy }, 'X-Forwarded-For believed from these proxies only');
  const host = values.host ?? (values.demo ? '127.0.0.1' : '0.0.0.0');
  if (values.demo && !isLoopback(host) && !values['allow-demo-on-network']) {
    log.error(
      { host },
      `refusing --demo on ${host}: the demo accounts' password is public, so anyone on the network could sign in; listen on 127.0.0.1, or add --allow-demo-on-network to expose it anyway`,
    );
    process.exit(2);
  }
  const ports = values.postgres
    ? await postgresPorts(values.postgres, log)
    : await sqliteDataPorts(resolve(values.data), values.demo, log);

  const options: Partial<HubOptions> = { trustProxy };
  if (values.redis) options.redisUrl = values.redis;
  if (values['kiosk-interval-ms']) options.kioskMinIntervalMs = Number(values['kiosk-interval-ms']);
  options.socketLimits = parseSocketLimits(values['socket-limits'], log);
  const [certFile, keyFile] = [values['tls-cert'], values['tls-key']];
  if (Boolean(certFile) !== Boolean(keyFile)) {
    log.error('--tls-cert and --tls-key go together (make both with `luot tls`)');
    process.exit(2);
  }
  if (certFile && keyFile)
    options.tls = { cert: readFileSync(certFile), key: readFileSync(keyFile) };
  if (values['public-port'] !== undefined) {
    const publicPort = Number(values['public-port']);
    if (!Number.isInteger(publicPort) || publicPort < 0 || publicPort > 65535) {
      log.error({ publicPort: values['public-port'] }, '--public-port is not a port number');
      process.exit(2);
    }
    options.publicListener = { port: publicPort, host: values['public-host'] ?? host };
  }
  try {
    options.allowedOrigins = parseAllowedOrigins(
      values['allowed-origin'].flatMap((v) => v.split(',')).filter((v) => v.trim() !== ''),
    );
  } catch (err) {
    log.error(`--allowed-origin: ${(err as Error).message}`);
    process.exit(2);
  }

  const hub = await createHub({
    province: ports.province,
    reports: ports.reports,
    clock: systemClock,
    log,
    staticApps: defaultStaticApps(),
    options,
    // How long a message being sent is held before it may be sent again (a sender that died);
    // tests shorten it, see src/messages/outbox.ts.
    ...(process.env.LUOT_MESSAGES_LEASE_MS && {
      messages: { leaseMs: Number(process.env.LUOT_MESSAGES_LEASE_MS) },
    }),
    // The same for webhook deliveries (src/webhooks/webhooks.ts); tests shorten it.
    ...(process.env.LUOT_WEBHOOKS_LEASE_MS && {
      webhooks: { leaseMs: Number(process.env.LUOT_WEBHOOKS_LEASE_MS) },
    }),
  });
  await hub.listen(Number(values.port), host);

  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await hub.close();
    await ports.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** What the hub runs on: its store, its reports, and how to close them. */
interface Ports {
  province: ProvinceStore;
  reports: ReportEngine;
  close(): Promise<void>;
}

/** A province's PostgreSQL, shared with the other nodes; its sites are added with `luot site add`. */
async function postgresPorts(url: string, log: pino.Logger): Promise<Ports> {
  const province = await openPostgres(url, log);
  if ((await province.listSites()).length === 0) {
    log.error('the PostgreSQL database has no site: run `luot init --postgres URL --site FILE`');
    process.exit(2);
  }
  return { province, reports: province.reports, close: () => province.close() };
}

/** The data directory's SQLite file (seeded with the demo centre on `--demo`). */
async function sqliteDataPorts(dataDir: string, demo: boolean, log: pino.Logger): Promise<Ports> {
  // The database, its journal and the demo's credentials hold personal data and secrets:
  // readable by the hub's own user only (the service unit sets the same).
  process.umask(0o077);
  const sqlite = openProvince(dataDir, (fix) =>
    log.warn(
      { path: fix.path, from: fix.from.toString(8), to: fix.to.toString(8) },
      `data directory was readable by others: tightened ${describeFix(fix)}`,
    ),
  );
  if (sqlite.listSites().length === 0) {
    if (!demo) {
      log.error(
        { dataDir },
        'no site configuration: run `luot init --data DIR --site FILE`, or start with --demo',
      );
      process.exit(2);
    }
    const seeded = await seedDemo(sqlite, systemClock.now());
    const file = join(dataDir, 'demo-credentials.txt');
    writeFileSync(
      file,
      [
        `Demo password for every account: ${seeded.password}`,
        ...seeded.users.map((u) => `user ${u.username} (${u.role})`),
        ...seeded.devices.map((d) => `device ${d.id} (${d.kind}, ${d.name}): ${d.token}`),
        '',
      ].join('\n'),
      // Passwords and device tokens: readable by the hub's own user only.
      { mode: 0o600 },
    );
    log.info({ dataDir, credentials: file }, 'seeded the demo centre');
  }
  const ports = sqlitePorts(sqlite, log);
  return { ...ports, close: async () => sqlite.close() };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/** `--socket-limits` over the defaults; a malformed value stops the hub (exit code 2). */
function parseSocketLimits(text: string | undefined, log: pino.Logger): SocketLimits {
  if (!text) return DEFAULT_SOCKET_LIMITS;
  let given: unknown;
  try {
    given = JSON.parse(text);
  } catch {
    given = null;
  }
  const entries = given !== null && typeof given === 'object' ? Object.entries(given) : null;
  const known = (k: string): k is keyof SocketLimits => k in DEFAULT_SOCKET_LIMITS;
  if (!entries || !entries.every(([k, v]) => known(k) && typeof v === 'number' && v > 0)) {
    log.error(
      { given: text, keys: Object.keys(DEFAULT_SOCKET_LIMITS) },
      '--socket-limits takes a JSON object of positive numbers',
    );
    process.exit(2);
  }
  return { ...DEFAULT_SOCKET_LIMITS, ...Object.fromEntries(entries) };
}
