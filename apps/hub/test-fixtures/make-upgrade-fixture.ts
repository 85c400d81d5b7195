// Makes upgrade-v0.db: a data directory created and used by the hub as it was at commit 8ff3e39
// (before issue 10), for the upgrade test. It was run ONCE at that commit and its output is
// committed; running it again with newer code would make a fixture that proves nothing.
//
//   cd apps/hub && tsx test-fixtures/make-upgrade-fixture.ts
//
// The site's fields issue all day, so the upgrade test can issue a ticket at any hour.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { connectHub, request, type HubSocket } from '@luot/hub-client';
import { openDatabase } from '../src/db/index.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const hubDir = join(here, '..');
const data = mkdtempSync(join(tmpdir(), 'luot-upgrade-'));
const PASSWORD = 'nang-cap-2026';

function luot(...args: string[]): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: hubDir,
    encoding: 'utf8',
    env: { ...process.env, LUOT_PASSWORD: PASSWORD },
  });
  if (run.status !== 0) throw new Error(`luot ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}

luot('init', '--data', data, '--site', join(here, 'upgrade-site.json'));
luot('user', 'add', '--data', data, '--username', 'admin', '--name', 'Quản trị', '--role', 'admin');
luot('user', 'add', '--data', data, '--username', 'cb1', '--name', 'Cán bộ 1', '--role', 'clerk');
const kioskToken = luot(
  'device',
  'pair',
  '--data',
  data,
  '--id',
  'kiosk-1',
  '--kind',
  'kiosk',
  '--name',
  'Kiosk',
);

const hub = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'src/main.ts',
    '--data',
    data,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--kiosk-interval-ms',
    '0',
  ],
  { cwd: hubDir, stdio: ['ignore', 'pipe', 'inherit'] },
);
const port = await new Promise<number>((resolve) => {
  createInterface({ input: hub.stdout! }).on('line', (line) => {
    const entry = JSON.parse(line) as { msg?: string; port?: number };
    if (entry.msg === 'listening' && entry.port) resolve(entry.port);
  });
});
const url = `http://127.0.0.1:${port}`;
const ready = (socket: HubSocket) =>
  new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));

const kiosk = connectHub(url, kioskToken);
await ready(kiosk);
const labels: string[] = [];
for (const fieldId of ['ho-tich', 'ho-tich', 'dat-dai', 'ho-tich', 'dat-dai']) {
  const res = await request(kiosk, 'ticket:issue', { fieldId });
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  labels.push(res.data.ticket.label);
}
const login = await fetch(`${url}/api/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'cb1', password: PASSWORD, counterId: 'quay-01', bearer: true }),
});
const { data: session } = (await login.json()) as { data: { token: string } };
const clerk = connectHub(url, session.token);
await ready(clerk);
for (const event of ['counter:callNext', 'counter:start', 'counter:finish'] as const) {
  const res = await request(clerk, event, {});
  if (!res.ok) throw new Error(`${event}: ${JSON.stringify(res.error)}`);
}
const called = await request(clerk, 'counter:callNext', {});
if (!called.ok) throw new Error(JSON.stringify(called.error));
kiosk.disconnect();
clerk.disconnect();
hub.kill('SIGTERM');
await new Promise((resolve) => hub.once('exit', resolve));

const db = openDatabase(join(data, 'luot.db'));
db.pragma('wal_checkpoint(TRUNCATE)');
db.exec('VACUUM');
db.close();
copyFileSync(join(data, 'luot.db'), join(here, 'upgrade-v0.db'));
writeFileSync(
  join(here, 'upgrade-v0.json'),
  JSON.stringify(
    {
      madeAt: new Date().toISOString(),
      commit: spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim(),
      password: PASSWORD,
      kioskToken,
      issued: labels,
      served: [labels[0]],
      calledAtQuay01: called.data.label,
    },
    null,
    2,
  ) + '\n',
);
rmSync(data, { recursive: true, force: true });
console.log(`upgrade-v0.db: ${labels.join(', ')}`);
