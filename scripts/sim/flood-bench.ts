/**
 * The flood bench: clerks' acknowledgement latency on a real hub (child process, loopback,
 * default socket limits) unloaded, then while one attacker (another process, at the lowest CPU
 * priority: see `startAttacker`) floods it with events from ticket sockets and with polling
 * handshakes that never sign in. The target: the clerks' p99 under the flood within 2× the
 * unloaded p99, and the hub's memory bounded.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectHub, request, type HubSocket } from '@luot/hub-client';
import type { AttackPlan, AttackReport } from './flood-attacker.ts';
import { login } from './scenarios.ts';
import { prepareDataDir, startServer } from './server-process.ts';
import { middayTimeZone, SIM_FIELDS, simSiteConfig } from './site.ts';
import { distribution, type Distribution } from './stats.ts';

const ATTACKER_FILE = fileURLToPath(new URL('./flood-attacker.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

export interface FloodBenchOptions {
  /** How long the clerk works unloaded, and then under the flood. */
  phaseMs: number;
  /** Ticket sockets of the attacker (each on its own paper ticket's link). */
  ticketSockets: number;
  /** Events each of them keeps in flight. */
  inFlightPerSocket: number;
  /** Polling handshakes the attacker keeps in flight. */
  handshakeConcurrency: number;
  cpuProfileDir?: string;
  /** The hub's socket limits over its defaults: none for the hub as installed. */
  socketLimits?: Record<string, number>;
}

export const FLOOD_BENCH: FloodBenchOptions = {
  phaseMs: 15_000,
  ticketSockets: 8,
  inFlightPerSocket: 64,
  handshakeConcurrency: 32,
};

export interface FloodBenchResult {
  options: FloodBenchOptions;
  unloaded: Distribution;
  flood: Distribution;
  /** Flood p99 / unloaded p99 (target ≤ 2). */
  ratio: number | null;
  clerkFailures: Record<string, number>;
  attacker: AttackReport;
  hub: {
    rssBeforeMb: number;
    peakRssMb: number;
    rssAfterFloodMb: number;
    cpuShareFlood: number | null;
  };
  cpuProfile: string | null;
}

/**
 * One clerk's call-next / start / finish cycles for `ms`, one cycle every `pauseMs` (a person
 * takes that long anyway, and it keeps the clerk within the default event budget); the latency
 * of every acknowledgement.
 */
async function clerkCycles(
  clerk: HubSocket,
  ms: number,
  pauseMs: number,
  failures: Record<string, number>,
): Promise<number[]> {
  const samples: number[] = [];
  const end = performance.now() + ms;
  const timed = async (event: 'counter:callNext' | 'counter:start' | 'counter:finish') => {
    const t0 = performance.now();
    const ack = await request(clerk, event, {});
    samples.push(performance.now() - t0);
    if (!ack.ok) {
      const key = `${event} ${ack.error.code}`;
      failures[key] = (failures[key] ?? 0) + 1;
    }
    return ack.ok;
  };
  while (performance.now() < end) {
    if (await timed('counter:callNext')) {
      await timed('counter:start');
      await timed('counter:finish');
    }
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  return samples;
}

const CLERKS = 4;
const CYCLE_PAUSE_MS = 700;
/** Tickets a kiosk may issue at once under the default event budget (its burst). */
const PER_KIOSK = 20;

export async function benchFlood(
  options: FloodBenchOptions = FLOOD_BENCH,
): Promise<FloodBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'luot-flood-'));
  // One counter per field (the simulated site's least); the first CLERKS of them are staffed.
  const config = simSiteConfig({
    counters: SIM_FIELDS.length,
    timeZone: middayTimeZone(Date.now()),
  });
  const fields = config.counters.slice(0, CLERKS).map((c) => c.fieldIds[0]!);
  // Enough waiting tickets for the three phases (warm-up, unloaded, flood), issued within each
  // kiosk's burst.
  const needed =
    Math.ceil(((3 * options.phaseMs) / CYCLE_PAUSE_MS) * CLERKS * 1.2) + options.ticketSockets;
  const kiosks = Math.ceil(needed / PER_KIOSK);
  const people = await prepareDataDir(dataDir, config, { displays: 1, kiosks });
  // Default limits (`socketLimits: {}`): the hub as installed, unless told otherwise.
  const server = await startServer({
    kind: 'hub',
    dataDir,
    socketLimits: options.socketLimits ?? {},
    cpuProfileDir: options.cpuProfileDir,
  });
  const sockets: HubSocket[] = [];
  const ready = (token: string) =>
    new Promise<HubSocket>((resolve, reject) => {
      const s = connectHub(server.url, token);
      sockets.push(s);
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
  try {
    const tokens: string[] = [];
    for (const token of people.kiosks) {
      const kiosk = await ready(token);
      const acks = await Promise.all(
        Array.from({ length: PER_KIOSK }, (_, i) =>
          request(kiosk, 'ticket:issue', { fieldId: fields[i % fields.length]! }),
        ),
      );
      for (const a of acks) if (a.ok) tokens.push(a.data.token);
      kiosk.disconnect();
    }
    const attackTokens = options.ticketSockets > 0 ? tokens.slice(-options.ticketSockets) : [];
    const clerks = await Promise.all(
      people.clerks
        .slice(0, CLERKS)
        .map(async (c) => ready(await login(server.url, c.username, c.counterId))),
    );
    const failures: Record<string, number> = {};
    const phase = async () =>
      (
        await Promise.all(
          clerks.map((c) => clerkCycles(c, options.phaseMs, CYCLE_PAUSE_MS, failures)),
        )
      ).flat();

    await phase().then(() => undefined); // warm-up (JIT, page cache), not counted
    const rssBeforeMb = server.memory()?.rssMb ?? NaN;
    const unloaded = await phase();

    const attacker = startAttacker({
      url: server.url,
      tokens: attackTokens,
      handshakeConcurrency: options.handshakeConcurrency,
      inFlightPerSocket: options.inFlightPerSocket,
      maxMs: options.phaseMs * 3,
    });
    await new Promise((r) => setTimeout(r, 1000)); // the flood ramps up
    const cpuBefore = server.cpuSeconds();
    const t0 = performance.now();
    const flood = await phase();
    const cpuAfter = server.cpuSeconds();
    const elapsed = (performance.now() - t0) / 1000;
    const rssAfterFloodMb = server.memory()?.rssMb ?? NaN;
    const report = await attacker.stop();
    const peakRssMb = server.memory()?.peakRssMb ?? NaN;
    const u = distribution(unloaded);
    const f = distribution(flood);
    await Promise.all(sockets.map(async (s) => s.disconnect()));
    await server.stop();
    return {
      options,
      unloaded: u,
      flood: f,
      ratio: u.p99 && f.p99 !== null ? f.p99 / u.p99 : null,
      clerkFailures: failures,
      attacker: report,
      hub: {
        rssBeforeMb,
        peakRssMb,
        rssAfterFloodMb,
        cpuShareFlood:
          cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / elapsed : null,
      },
      cpuProfile: server.cpuProfile(),
    };
  } finally {
    for (const s of sockets) s.disconnect();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function startAttacker(plan: AttackPlan): { stop(): Promise<AttackReport> } {
  const child = fork(ATTACKER_FILE, [], {
    execArgv: ['--import', TSX],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // On a real network the attacker's laptop has its own CPU; here it shares the hub's two
  // cores, so it runs at the lowest priority, to measure what its traffic costs the hub rather
  // than what its own work takes from it.
  try {
    setPriority(child.pid!, 19);
  } catch {
    // not allowed here: it runs at the normal priority
  }
  const done = new Promise<AttackReport>((resolve, reject) => {
    child.on('message', (m: unknown) => {
      if (m === 'ready') child.send(plan);
      else resolve(m as AttackReport);
    });
    child.once('exit', (code) => reject(new Error(`attacker exited (${code})`)));
  });
  return {
    async stop() {
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      try {
        return await done;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
