import { writeFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { parseTrustProxy, type TrustProxy } from './client-address.ts';
import { systemClock } from './clock.ts';
import { createHub } from './hub.ts';
import { openStore, seedDemo, sqlitePorts } from './setup.ts';
import { defaultStaticApps } from './static-apps.ts';

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
      port: { type: 'string', default: process.env.LUOT_PORT ?? '8080' },
      host: { type: 'string', default: process.env.LUOT_HOST },
      demo: { type: 'boolean', default: false },
      'allow-demo-on-network': { type: 'boolean', default: false },
      'kiosk-interval-ms': { type: 'string' },
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
  const dataDir = resolve(values.data);
  // The database, its journal and the demo's credentials hold personal data and secrets:
  // readable by the hub's own user only (the service unit sets the same).
  process.umask(0o077);
  const store = openStore(dataDir);

  if (!store.readConfig()) {
    if (!values.demo) {
      log.error(
        { dataDir },
        'no site configuration: run `luot init --data DIR --site FILE`, or start with --demo',
      );
      process.exit(2);
    }
    const demo = await seedDemo(store, systemClock.now());
    const file = join(dataDir, 'demo-credentials.txt');
    writeFileSync(
      file,
      [
        `Demo password for every account: ${demo.password}`,
        ...demo.users.map((u) => `user ${u.username} (${u.role})`),
        ...demo.devices.map((d) => `device ${d.id} (${d.kind}, ${d.name}): ${d.token}`),
        '',
      ].join('\n'),
      // Passwords and device tokens: readable by the hub's own user only.
      { mode: 0o600 },
    );
    log.info({ dataDir, credentials: file }, 'seeded the demo centre');
  }

  const hub = await createHub({
    ...sqlitePorts(store, log),
    clock: systemClock,
    log,
    staticApps: defaultStaticApps(),
    options: {
      trustProxy,
      ...(values['kiosk-interval-ms']
        ? { kioskMinIntervalMs: Number(values['kiosk-interval-ms']) }
        : {}),
    },
  });
  await hub.listen(Number(values.port), host);

  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await hub.close();
    store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
