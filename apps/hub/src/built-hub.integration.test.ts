import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isWorkingDay } from '@luot/domain';
import { connectHub, request, type HubSocket } from '@luot/hub-client';
import type { Ack, BearerLoginResult, Report, Snapshot } from '@luot/protocol';

/*
 * The hub as production runs it: the JavaScript in dist/ that `pnpm build` makes (built here
 * first when it is missing), started with plain node, on real files and real sockets.
 */
const HUB_DIR = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(HUB_DIR, 'dist');
const FIXTURES = join(HUB_DIR, 'test-fixtures');

const temp: string[] = [];
const children: ChildProcess[] = [];

beforeAll(() => {
  if (existsSync(join(DIST, 'main.js')) && existsSync(join(DIST, 'cli.js'))) return;
  const build = spawnSync('pnpm', ['--filter', '@luot/hub', 'build'], {
    cwd: HUB_DIR,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
});

afterEach(async () => {
  await Promise.all(children.splice(0).map(stop));
});

afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'luot-built-'));
  temp.push(dir);
  return dir;
}

function luot(...args: string[]) {
  return spawnSync(process.execPath, [join(DIST, 'cli.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, LUOT_PASSWORD: undefined },
  });
}

interface Started {
  child: ChildProcess;
  /** Resolves with the listening address, or with the exit code if the hub stops first. */
  outcome: Promise<{ port: number; host: string } | { exitCode: number | null }>;
  lines: string[];
}

function startHub(args: string[]): Started {
  const child = spawn(process.execPath, ['--enable-source-maps', join(DIST, 'main.js'), ...args], {
    cwd: tempDir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  const outcome = new Promise<{ port: number; host: string } | { exitCode: number | null }>(
    (resolve) => {
      child.once('exit', (exitCode) => resolve({ exitCode }));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        lines.push(line);
        const entry = JSON.parse(line) as { msg?: string; port?: number; host?: string };
        if (entry.msg === 'listening' && entry.port && entry.host)
          resolve({ port: entry.port, host: entry.host });
      });
      child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    },
  );
  return { child, outcome, lines };
}

async function listening(started: Started): Promise<string> {
  const outcome = await started.outcome;
  if (!('port' in outcome))
    throw new Error(`the hub exited (${outcome.exitCode}):\n${started.lines.join('\n')}`);
  return `http://127.0.0.1:${outcome.port}`;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('the luot command, built', () => {
  it('prints its usage and initialises a data directory', () => {
    const help = luot('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('luot init');

    const data = join(tempDir(), 'site');
    const init = luot('init', '--data', data, '--site', join(FIXTURES, 'upgrade-site.json'));
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(init.stdout).toContain(`Initialised ${data}`);
    expect(existsSync(join(data, 'luot.db'))).toBe(true);
    // Personal data: nobody but the hub's own user may read the directory or the database.
    expect(statSync(data).mode & 0o077).toBe(0);
    expect(statSync(join(data, 'luot.db')).mode & 0o077).toBe(0);

    const add = luot(
      'user',
      'add',
      '--data',
      data,
      '--username',
      'admin',
      '--name',
      'Quản trị',
      '--role',
      'admin',
      '--password',
      'mat-khau-dai',
    );
    expect(add.status).toBe(0);
    expect(luot('user', 'list', '--data', data).stdout).toContain('admin\tadmin\tQuản trị');
    // A second init refuses, with the usage exit code.
    expect(luot('init', '--data', data, '--site', join(FIXTURES, 'upgrade-site.json')).status).toBe(
      2,
    );
  });
});

describe('the daily backup script of deploy/systemd', () => {
  it('adds an encrypted online copy, keeps only the newest KEEP, and removes plain copies', () => {
    const root = tempDir();
    const data = join(root, 'data');
    const backups = join(root, 'backups');
    const key = join(root, 'backup.key');
    mkdirSync(backups);
    expect(luot('init', '--data', data, '--site', join(FIXTURES, 'upgrade-site.json')).status).toBe(
      0,
    );
    expect(luot('backup-key', '--out', key).status).toBe(0);
    // Two encrypted copies from earlier days, and a plain one an older version left.
    for (const [name, daysAgo] of [
      ['luot-2026-01-01T023000.luotbak', 3],
      ['luot-2026-01-02T023000.luotbak', 2],
      ['luot-2025-12-31T023000.db', 4],
    ] as const) {
      writeFileSync(join(backups, name), 'old');
      const when = new Date(Date.now() - daysAgo * 86_400_000);
      utimesSync(join(backups, name), when, when);
    }
    const run = spawnSync(
      'sh',
      [join(HUB_DIR, 'deploy/systemd/luot-backup.sh'), data, backups, key],
      { encoding: 'utf8', env: { ...process.env, KEEP: '2', LUOT_CLI: join(DIST, 'cli.js') } },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const kept = readdirSync(backups).sort();
    expect(kept).toHaveLength(2);
    expect(kept[0]).toBe('luot-2026-01-02T023000.luotbak');
    expect(kept[1]).toMatch(/^luot-.*\.luotbak$/);
    // Encrypted: no SQLite header in the new copy, and readable by the hub's user only.
    const made = join(backups, kept[1]!);
    expect(readFileSync(made).subarray(0, 16).toString('latin1')).not.toContain('SQLite format');
    expect(statSync(made).mode & 0o077).toBe(0);
  });
});

describe('the demo centre, built', () => {
  it('listens on 127.0.0.1 by default, refuses a network address unless allowed', async () => {
    const data = join(tempDir(), 'demo');
    const demo = startHub(['--demo', '--data', data, '--port', '0']);
    const url = await listening(demo);
    expect(await demo.outcome).toMatchObject({ host: '127.0.0.1' });
    const health = (await (await fetch(`${url}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    for (const file of ['luot.db', 'luot.db-wal', 'demo-credentials.txt'])
      expect(statSync(join(data, file)).mode & 0o077).toBe(0);
    await stop(demo.child);

    const refused = startHub(['--demo', '--data', data, '--port', '0', '--host', '0.0.0.0']);
    expect(await refused.outcome).toEqual({ exitCode: 2 });
    const said = refused.lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(said).toHaveLength(1);
    expect(said[0]!.msg).toMatch(/refusing --demo on 0\.0\.0\.0.*--allow-demo-on-network/);

    const allowed = startHub([
      ...['--demo', '--data', data, '--port', '0', '--host', '0.0.0.0'],
      '--allow-demo-on-network',
    ]);
    await listening(allowed);
    expect(await allowed.outcome).toMatchObject({ host: '0.0.0.0' });
  });

  it('without --demo and without a site, says how to make one and exits 2', async () => {
    const started = startHub(['--data', join(tempDir(), 'empty'), '--port', '0']);
    expect(await started.outcome).toEqual({ exitCode: 2 });
    expect(started.lines.join('\n')).toContain('luot init --data DIR --site FILE');
  });
});

describe('upgrading a data directory made before the build (commit 8ff3e39)', () => {
  const made = JSON.parse(readFileSync(join(FIXTURES, 'upgrade-v0.json'), 'utf8')) as {
    madeAt: string;
    password: string;
    kioskToken: string;
    issued: string[];
    served: string[];
  };
  const sockets: HubSocket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });

  it('migrates, starts, keeps the day it recorded and issues a new ticket', async () => {
    const data = join(tempDir(), 'old');
    mkdirSync(data);
    copyFileSync(join(FIXTURES, 'upgrade-v0.db'), join(data, 'luot.db'));
    const hub = startHub(['--data', data, '--port', '0', '--host', '127.0.0.1']);
    const url = await listening(hub);

    // The old day's tickets, through a report, which the built report worker computes.
    const login = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: made.password, bearer: true }),
    });
    const session = (await login.json()) as Ack<BearerLoginResult>;
    if (!session.ok) throw new Error(JSON.stringify(session.error));
    const auth = { authorization: `Bearer ${session.data.token}` };
    const day = new Date(made.madeAt).toLocaleDateString('en-CA', {
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    const res = await fetch(`${url}/api/reports?from=${day}&to=${day}&groupBy=field`, {
      headers: auth,
    });
    const report = (await res.json()) as Ack<Report>;
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    expect(report.data.total.issued).toBe(made.issued.length);
    expect(report.data.total.served).toBe(made.served.length);
    // The Excel export loads exceljs from node_modules, beside the bundle.
    const xlsx = await fetch(`${url}/api/reports/export.xlsx?from=${day}&to=${day}`, {
      headers: auth,
    });
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(hub.lines.join('\n')).not.toContain('report worker');

    // The kiosk paired by the old hub still signs in and issues the next number of today.
    const kiosk = connectHub(url, made.kioskToken);
    sockets.push(kiosk);
    const snapshot = await new Promise<Snapshot>((resolve, reject) => {
      kiosk.once('snapshot', resolve);
      kiosk.once('connect_error', reject);
    });
    const sameDay = snapshot.state.day === day;
    const issued = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
    // The fixture's configuration predates the calendar: Monday to Friday, so a run at the
    // weekend is refused as outside hours.
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
    if (!isWorkingDay(snapshot.state.config, today)) {
      expect(!issued.ok && issued.error.code).toBe('OUTSIDE_HOURS');
      return;
    }
    if (!issued.ok) throw new Error(JSON.stringify(issued.error));
    // On the fixture's own service day numbering continues after 1001–1003; on a later day it restarts.
    expect(issued.data.ticket.label).toBe(sameDay ? '1004' : '1001');
  });
});
