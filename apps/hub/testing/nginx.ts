import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether Debian's nginx is installed (`apt-get install nginx`); tests that need it skip otherwise. */
export const HAS_NGINX =
  spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).status === 0;

/** A free loopback port (closed again before a server takes it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once something listens on the loopback port. */
export async function waitForPort(port: number, what = 'server'): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} did not listen on ${port}`);
}

export interface RunningNginx {
  dir: string;
  stop(): Promise<void>;
}

/**
 * A throwaway nginx in the foreground: `site` (a recipe from deploy/, adapted by the test) is
 * included in a minimal `http { }` block with every file in a temporary folder. Resolves once
 * `waitPort` listens.
 */
export async function startNginx(
  site: string,
  waitPort: number,
  options: { workerConnections?: number } = {},
): Promise<RunningNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'luot-nginx-'));
  const temps = ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];
  writeFileSync(join(dir, 'site.conf'), site);
  for (const sub of temps) mkdirSync(join(dir, sub));
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'master_process off;',
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      `events { worker_connections ${options.workerConnections ?? 4096}; }`,
      // Each proxied client holds two connections (its own and the node's).
      ...(options.workerConnections
        ? [`worker_rlimit_nofile ${options.workerConnections * 2};`]
        : []),
      'http {',
      '  access_log off;',
      ...temps.map(
        (sub) => `  ${sub === 'body' ? 'client_body' : sub}_temp_path ${join(dir, sub)};`,
      ),
      `  include ${join(dir, 'site.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')];
  const check = spawnSync('nginx', ['-t', ...args], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t failed: ${check.stderr}`);
  const nginx: ChildProcess = spawn('nginx', args, { stdio: 'ignore' });
  await waitForPort(waitPort, 'nginx');
  return {
    dir,
    async stop() {
      if (nginx.exitCode === null) {
        const exited = new Promise((resolve) => nginx.once('exit', resolve));
        nginx.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
