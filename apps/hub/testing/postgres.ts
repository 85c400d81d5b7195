// A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary folder, the
// server on its own free loopback port (no Unix socket), stopped and removed afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The folder of Debian's PostgreSQL binaries (the newest version), or of `postgres` on PATH. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v postgres'], { encoding: 'utf8' });
  return found.status === 0 ? join(found.stdout.trim(), '..') : null;
}

/** Whether a PostgreSQL server can be started here (tests skip with a warning otherwise). */
export const hasPostgres = postgresBinDir() !== null;

export interface TestPostgres {
  /** `postgres://luot@127.0.0.1:PORT/luot`: a superuser, no password (trust on loopback). */
  url: string;
  port: number;
  /** A new empty database on the same server; its URL. */
  createDatabase(): Promise<string>;
  /** Shuts the server down cleanly (fast shutdown) and removes its folder. */
  stop(): Promise<void>;
  /** Shuts the server down cleanly and starts it again on the same port with the same data. */
  restart(): Promise<void>;
  /** SIGKILL, as a crash would (then `start()` brings it back, recovering from its log). */
  kill(): Promise<void>;
  /** Starts the server again after `kill()` or `shutdown()`. */
  start(): Promise<void>;
  /** Shuts the server down cleanly, keeping its folder (`start()` brings it back). */
  shutdown(): Promise<void>;
}

/** A free loopback port (closed again before the server takes it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** When we are root, PostgreSQL must run as another user: `postgres` (Debian's package makes it). */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) =>
    spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim();
  const uid = Number(id('-u'));
  const gid = Number(id('-g'));
  if (!uid || !gid) throw new Error('running as root needs a `postgres` user to run PostgreSQL');
  return { uid, gid };
}

/**
 * Starts a throwaway PostgreSQL server: `initdb` into a temporary folder, then `postgres` on a
 * free loopback port with a database `luot`. Settings are the server's defaults (fsync and
 * synchronous commit on), so what a test or benchmark measures is what a deployment gets.
 */
export async function startPostgres(
  options: { settings?: Record<string, string> } = {},
): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'luot-pg-'));
  const data = join(dir, 'data');
  if (user) chownSync(dir, user.uid, user.gid);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'luot', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    { encoding: 'utf8', cwd: dir, ...asUser },
  );
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '200',
    ...options.settings,
  };
  const args = ['-D', data, '-p', String(port)];
  for (const [key, value] of Object.entries(settings)) args.push('-c', `${key}=${value}`);

  let server: ChildProcess | null = null;
  let output = '';
  const admin = `postgres://luot@127.0.0.1:${port}/postgres`;

  const start = async () => {
    output = '';
    const child = spawn(join(bin, 'postgres'), args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...asUser,
    });
    server = child;
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    // Ready once it answers a query (after a kill, once recovery is over).
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) {
        // A killed server's backends may still hold the old shared memory for a moment.
        if (/shared memory block is still in use|lock file .* already exists/.test(output)) {
          await new Promise((r) => setTimeout(r, 200));
          return start();
        }
        throw new Error(`postgres exited (${child.exitCode}): ${output}`);
      }
      const client = new pg.Client({ connectionString: admin });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.query('SELECT 1');
        await client.end();
        return;
      } catch {
        await client.end().catch(() => {});
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`postgres did not start on ${port}: ${output}`);
  };

  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const shutdown = async () => {
    const child = server;
    server = null;
    if (!child) return;
    child.kill('SIGINT'); // fast shutdown: sessions are ended, the log is flushed
    await exited(child);
  };

  let databases = 0;
  await start();
  const created = async (name: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return `postgres://luot@127.0.0.1:${port}/${name}`;
  };
  const url = await created('luot');

  return {
    url,
    port,
    createDatabase: () => created(`luot_${++databases}`),
    start,
    shutdown,
    async restart() {
      await shutdown();
      await start();
    },
    async kill() {
      const child = server;
      server = null;
      if (!child) return;
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      await shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
