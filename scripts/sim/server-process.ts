import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { SiteConfig } from '@luot/domain';
import {
  HUB_MAIN_FILE,
  HUB_PACKAGE_DIR,
  hashPassword,
  openProvince,
  initSite,
  DEFAULT_SITE_ID,
  pairDevice,
} from '@luot/hub/bench';

export const SIM_PASSWORD = 'mo-phong-2026';
export const RELAY_MAIN_FILE = fileURLToPath(new URL('./relay-server.ts', import.meta.url));
const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The relay as plain JavaScript, so it runs on bare `node` as the built hub does (under tsx it
 * would carry the loader's memory and compile time, and the comparison would flatter the hub).
 * Written once per process into `.tmp/`, from where `socket.io` resolves to the repository's.
 */
function builtRelay(): string {
  const out = join(REPO_DIR, '.tmp', 'relay-server.mjs');
  mkdirSync(dirname(out), { recursive: true });
  const { outputText } = ts.transpileModule(readFileSync(RELAY_MAIN_FILE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  writeFileSync(out, outputText);
  return out;
}
let relayFile: string | null = null;
/** Linux reports process CPU times in clock ticks of 1/100 s (USER_HZ) on every common platform. */
const CLOCK_TICKS = 100;

export interface SimPeople {
  clerks: { username: string; counterId: string }[];
  /** Device tokens by device id. */
  displays: string[];
  kiosks: string[];
}

/**
 * Fills an empty data directory for a simulated centre: the configuration, one clerk per
 * counter (`cb001`… at `q001`…, all with the same password, hashed once), a supervisor, and
 * paired display and kiosk devices.
 */
export async function prepareDataDir(
  dataDir: string,
  config: SiteConfig,
  devices: { displays: number; kiosks: number },
): Promise<SimPeople> {
  const province = openProvince(dataDir);
  try {
    const at = Date.now();
    await initSite(province, DEFAULT_SITE_ID, config, at);
    const site = province.site(DEFAULT_SITE_ID);
    const sites = [DEFAULT_SITE_ID];
    const passwordHash = await hashPassword(SIM_PASSWORD);
    const clerks = config.counters.map((c, i) => ({
      username: `cb${String(i + 1).padStart(3, '0')}`,
      counterId: c.id,
    }));
    for (const c of clerks)
      province.createUser(
        { username: c.username, name: c.username, role: 'clerk', passwordHash, sites },
        at,
      );
    province.createUser(
      { username: 'giamsat', name: 'Giám sát', role: 'supervisor', passwordHash, sites },
      at,
    );
    const pair = (kind: 'display' | 'kiosk', n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          pairDevice(site, { id: `${kind}-${i + 1}`, kind, name: `${kind} ${i + 1}` }, at),
        ),
      );
    return {
      clerks,
      displays: await pair('display', devices.displays),
      kiosks: await pair('kiosk', devices.kiosks),
    };
  } finally {
    province.close();
  }
}

/**
 * A simulated centre's clients all come from 127.0.0.1 and its kiosks issue as fast as the hub
 * answers (`--kiosk-interval-ms 0`): the per-address caps and the event budget are lifted.
 */
export const SIM_SOCKET_LIMITS: Record<string, number> = {
  eventsPerSecond: 1e6,
  eventBurst: 1e6,
  socketsPerAddress: 1e6,
  pendingPerAddress: 1e6,
  pendingHandshakes: 1e6,
};

const running = new Set<ChildProcess>();

/** Kills every server this process started that still runs (on a fatal error or a time limit). */
export function killAllServers(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
process.once('exit', killAllServers);

export interface ServerProcess {
  pid: number;
  url: string;
  child: ChildProcess;
  /** Peak and current resident set size of the process, in MB (from /proc/<pid>/status). */
  memory(): { peakRssMb: number; rssMb: number } | null;
  /** CPU time the process has used so far (user + system), in seconds (from /proc/<pid>/stat). */
  cpuSeconds(): number | null;
  /** Stops the process with SIGTERM (it exits cleanly, writing a CPU profile if asked for one). */
  stop(): Promise<void>;
  /** The CPU profile written on exit, when started with `cpuProfileDir`. */
  cpuProfile(): string | null;
}

/**
 * Starts a server as a child process — the hub (`main.ts` on a data directory, loopback only,
 * kiosks not rate-limited) or the bare relay — and resolves once its "listening" log line names
 * the port.
 */
export function startServer(options: {
  kind: 'hub' | 'relay';
  dataDir?: string;
  cpuProfileDir?: string;
  logLevel?: string;
  /** The hub's port and address: 0 (any free port) on 127.0.0.1 unless told otherwise. */
  port?: number;
  host?: string;
  /** More options for node itself (V8 flags, --trace-gc …). */
  nodeArgs?: string[];
  /** Called with each line the server prints to stdout. */
  onLine?: (line: string) => void;
  /** More environment variables for the server. */
  env?: Record<string, string>;
  /** The hub's socket limits over its defaults (see `SIM_SOCKET_LIMITS`). */
  socketLimits?: Record<string, number>;
  /** A province's PostgreSQL (`--postgres`, instead of a data directory) and Redis (`--redis`). */
  postgres?: string;
  redis?: string;
  /** More options for the hub itself (e.g. `--trust-proxy 127.0.0.1` behind nginx). */
  hubArgs?: string[];
  /** Another built entry point taking the hub's flags (the chain bench's hub); main.js if not. */
  hubMainFile?: string;
}): Promise<ServerProcess> {
  // Both run as plain JavaScript on bare node: the hub built, as in production (`pnpm build`
  // first), the relay transpiled.
  const args = [
    ...(options.kind === 'hub' ? ['--enable-source-maps'] : []),
    ...(options.nodeArgs ?? []),
  ];
  if (options.cpuProfileDir) {
    mkdirSync(options.cpuProfileDir, { recursive: true });
    args.push('--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir);
  }
  if (options.kind === 'hub') {
    if (options.postgres) args.push(HUB_MAIN_FILE, '--postgres', options.postgres);
    else if (options.dataDir)
      args.push(options.hubMainFile ?? HUB_MAIN_FILE, '--data', options.dataDir);
    else throw new Error('the hub needs a data directory or a PostgreSQL URL');
    if (options.redis) args.push('--redis', options.redis);
    args.push(...(options.hubArgs ?? []));
    args.push('--port', String(options.port ?? 0), '--host', options.host ?? '127.0.0.1');
    args.push('--kiosk-interval-ms', '0');
    args.push('--socket-limits', JSON.stringify(options.socketLimits ?? SIM_SOCKET_LIMITS));
  } else args.push((relayFile ??= builtRelay()));
  const child = spawn(process.execPath, args, {
    cwd: HUB_PACKAGE_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LUOT_LOG_LEVEL: options.logLevel ?? 'info', ...options.env },
  });
  running.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const memory = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
      return { peakRssMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
    } catch {
      return null;
    }
  };
  const cpuSeconds = () => {
    try {
      // Fields after the command name: state is field 3, utime 14 and stime 15 (1-based).
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch {
      return null;
    }
  };
  const before = options.cpuProfileDir ? new Set(readdirSync(options.cpuProfileDir)) : new Set();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.kind} did not listen within 30 s\n${stderr}`));
    }, 30_000);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${options.kind} exited before listening (${child.exitCode})\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      options.onLine?.(line);
      let entry: { msg?: string; port?: number };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.msg !== 'listening' || typeof entry.port !== 'number') return;
      clearTimeout(timer);
      resolve({
        pid: child.pid!,
        url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${entry.port}`,
        child,
        memory,
        cpuSeconds,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(killer);
        },
        cpuProfile() {
          if (!options.cpuProfileDir || !existsSync(options.cpuProfileDir)) return null;
          // CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the main thread
          // (tsx's module loader thread writes a profile of its own).
          const main = readdirSync(options.cpuProfileDir).find(
            (f) => !before.has(f) && f.includes(`.${child.pid}.0.`) && f.endsWith('.cpuprofile'),
          );
          return main ? join(options.cpuProfileDir, main) : null;
        },
      });
    });
  });
}
