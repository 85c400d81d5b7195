import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { systemClock } from './clock.ts';
import { createHub } from './hub.ts';
import { openStore, seedDemo, sqlitePorts } from './setup.ts';
import { defaultStaticApps } from './static-apps.ts';

/** Starts the hub on a data directory: `tsx src/main.ts --data ./data --port 8080 [--demo]`. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: process.env.LUOT_DATA ?? './data' },
      port: { type: 'string', default: process.env.LUOT_PORT ?? '8080' },
      host: { type: 'string', default: process.env.LUOT_HOST ?? '0.0.0.0' },
      demo: { type: 'boolean', default: false },
      'kiosk-interval-ms': { type: 'string' },
    },
  });
  const log = pino({ level: process.env.LUOT_LOG_LEVEL ?? 'info' });
  const dataDir = resolve(values.data);
  const store = openStore(dataDir);

  if (!store.readConfig()) {
    if (!values.demo) {
      log.error(
        { dataDir },
        'no site configuration: run `pnpm luot init --data DIR --site FILE`, or start with --demo',
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
    );
    log.info({ dataDir, credentials: file }, 'seeded the demo centre');
  }

  const hub = await createHub({
    ...sqlitePorts(store, log),
    clock: systemClock,
    log,
    staticApps: defaultStaticApps(),
    options: values['kiosk-interval-ms']
      ? { kioskMinIntervalMs: Number(values['kiosk-interval-ms']) }
      : {},
  });
  await hub.listen(Number(values.port), values.host);

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
