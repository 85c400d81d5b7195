// A real redis-server for tests: its own loopback port, a temporary folder, nothing saved.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `redis-server` is on PATH (tests that need it skip, with a warning, when it is not). */
export const hasRedis =
  spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).status === 0;

export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops the server (SIGTERM) and waits for it to exit; the folder is removed. */
  stop(): Promise<void>;
  /** Stops the server if it runs (or after `stop`) and starts a new, empty one on the same port. */
  restart(): Promise<void>;
}

/** A free loopback port (closed again before redis-server takes it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts redis-server and resolves once it accepts connections. */
function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume(); // keep draining, so the server never blocks on a full pipe
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.resume();
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`redis-server exited (${code}) before it was ready:\n${out}`)),
    );
  });
}

function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Starts a real redis-server on a free loopback port with persistence off (`--save ''
 * --appendonly no`) in a temporary folder. Stop it in the test's `afterAll`.
 */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'luot-redis-'));
  let child: ChildProcess | null = await launch(port, dir);
  // A test process that ends without stopping it (a crash, process.exit) takes it along.
  const onExit = () => child?.kill('SIGKILL');
  process.once('exit', onExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      process.off('exit', onExit);
      await stopChild(child);
      child = null;
      rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await stopChild(child);
      mkdirSync(dir, { recursive: true }); // stop() may have removed it
      child = await launch(port, dir);
    },
  };
}
