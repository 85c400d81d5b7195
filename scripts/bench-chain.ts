// `pnpm bench --only chain` (issue 17): the tamper-evident log's cost to issuance. Two built hubs
// side by side, one with the chain and one without (`hashChain: false`,
// apps/hub/bench/chain-hub.ts); the issuance scenario's machinery (8 kiosk sockets, each issuing
// as fast as the hub acknowledges) issues a burst on each in turn, rounds alternating which goes
// first. Target: tickets/s without ÷ with ≤ 1.10 (the median of the rounds' ratios); the hub's
// CPU per ticket is reported beside it, a figure the rest of a busy machine disturbs less.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildChainHub } from '@luot/hub/bench';
import type { KioskSpec } from './sim/messages.ts';
import { connectClients, drawFields, issueFromKiosks } from './sim/rush.ts';
import { prepareDataDir, startServer, type ServerProcess } from './sim/server-process.ts';
import { middayTimeZone, SIM_FIELDS, simSiteConfig } from './sim/site.ts';
import { median, type Distribution } from './sim/stats.ts';
import { startWorkers, type WorkerPool } from './sim/worker-pool.ts';

export const CHAIN_TARGET = 1.1;

export interface ChainBenchOptions {
  kiosks: number;
  /** Tickets per burst; each round is one burst on each hub. */
  tickets: number;
  deadlineMs: number;
  rounds: number;
  seed: number;
}
export const CHAIN_BENCH: ChainBenchOptions = {
  kiosks: 8,
  tickets: 1000,
  deadlineMs: 30_000,
  rounds: 8,
  seed: 17,
};
export const CHAIN_BENCH_QUICK: ChainBenchOptions = { ...CHAIN_BENCH, tickets: 400, rounds: 4 };

type Side = 'on' | 'off';

export interface ChainBurst {
  issued: number;
  perSecond: number;
  latency: Distribution;
  failures: Record<string, number>;
  /** The hub's CPU time per ticket issued, ms (user + system, from /proc). */
  cpuMsPerTicket: number | null;
}

export interface ChainRound {
  order: Side[];
  on: ChainBurst;
  off: ChainBurst;
  /** Tickets/s without the chain ÷ with it (1.10: the chain costs a tenth of the throughput). */
  ratio: number;
  /** Hub CPU per ticket with the chain ÷ without (steadier than tickets/s on a shared machine). */
  cpuRatio: number | null;
}

export interface ChainBenchResult {
  options: ChainBenchOptions;
  rounds: ChainRound[];
  /** The rounds' ratios' medians. */
  ratio: number | null;
  cpuRatio: number | null;
  met: boolean;
}

/**
 * Both hubs run side by side, each on its own fresh data directory with the same site and 8
 * kiosks; the rounds issue a burst on one, then on the other (which goes first alternates), so
 * both meet the same load from the rest of the machine. Resolves with every round's figures.
 */
export async function benchChain(
  pool: WorkerPool,
  options: ChainBenchOptions,
  log: (line: string) => void,
): Promise<ChainBenchResult> {
  const hubMainFile = await buildChainHub();
  const config = simSiteConfig({ counters: 20, timeZone: middayTimeZone(Date.now()) });
  const dirs: string[] = [];
  const servers: Partial<Record<Side, ServerProcess>> = {};
  const kiosks: Partial<Record<Side, KioskSpec[]>> = {};
  try {
    for (const side of ['on', 'off'] as const) {
      const dataDir = mkdtempSync(join(tmpdir(), `luot-chain-${side}-`));
      dirs.push(dataDir);
      const people = await prepareDataDir(dataDir, config, { displays: 1, kiosks: options.kiosks });
      const server = await startServer({
        kind: 'hub',
        dataDir,
        hubMainFile,
        hubArgs: ['--chain', side],
      });
      servers[side] = server;
      kiosks[side] = people.kiosks.map((token, i) => ({
        kind: 'kiosk',
        id: `${side}-kiosk-${i + 1}`,
        token,
      }));
      await connectClients(pool, 'hub', server.url, kiosks[side]);
      // A short warm-up (JIT, SQLite page cache), not counted.
      await issueFromKiosks(pool, kiosks[side], drawFields(SIM_FIELDS, 200, options.seed), 30_000);
    }
    const burst = async (side: Side, seed: number): Promise<ChainBurst> => {
      const server = servers[side]!;
      const cpuBefore = server.cpuSeconds();
      const run = await issueFromKiosks(
        pool,
        kiosks[side]!,
        drawFields(SIM_FIELDS, options.tickets, seed),
        options.deadlineMs,
      );
      const cpuAfter = server.cpuSeconds();
      const cpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
      return {
        issued: run.issued.length,
        perSecond: run.perSecond,
        latency: run.latency,
        failures: run.failures,
        cpuMsPerTicket:
          cpu !== null && run.issued.length > 0 ? (cpu * 1000) / run.issued.length : null,
      };
    };
    const rounds: ChainRound[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const order: Side[] = round % 2 === 0 ? ['off', 'on'] : ['on', 'off'];
      const runs: Partial<Record<Side, ChainBurst>> = {};
      for (const side of order) {
        // The same tickets on both sides of a round; another draw each round.
        const run = (runs[side] = await burst(side, options.seed + 1 + round));
        log(
          `chain round ${round + 1}, chain ${side}: ${run.issued} tickets, ${run.perSecond.toFixed(0)}/s, ` +
            `p50 ${run.latency.p50?.toFixed(1)} ms, hub CPU ${run.cpuMsPerTicket?.toFixed(3)} ms/ticket` +
            (Object.keys(run.failures).length ? `, failures ${JSON.stringify(run.failures)}` : ''),
        );
      }
      const on = runs.on!;
      const off = runs.off!;
      rounds.push({
        order,
        on,
        off,
        ratio: off.perSecond / on.perSecond,
        cpuRatio:
          on.cpuMsPerTicket !== null && off.cpuMsPerTicket
            ? on.cpuMsPerTicket / off.cpuMsPerTicket
            : null,
      });
    }
    const ratio = median(rounds.map((r) => r.ratio));
    return {
      options,
      rounds,
      ratio,
      cpuRatio: median(rounds.map((r) => r.cpuRatio)),
      met: ratio !== null && ratio <= CHAIN_TARGET,
    };
  } finally {
    await pool.drop();
    for (const server of Object.values(servers)) await server.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** The chain scenario as `pnpm bench` runs it: its own workers, the quick or full options. */
export async function runChainBench(o: {
  quick: boolean;
  workers: number;
  log: (line: string) => void;
}): Promise<ChainBenchResult> {
  const options = o.quick ? CHAIN_BENCH_QUICK : CHAIN_BENCH;
  o.log(
    `chain: issuance on a hub with the tamper-evident log and one without, side by side, ` +
      `${options.rounds} rounds of ${options.tickets} tickets from ${options.kiosks} kiosks on each`,
  );
  const pool = await startWorkers(o.workers);
  try {
    return await benchChain(pool, options, o.log);
  } finally {
    await pool.close();
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** The rows of `pnpm bench`'s table. */
export function chainRows(result: ChainBenchResult | undefined) {
  if (!result) return [];
  const on = median(result.rounds.map((r) => r.on.perSecond));
  const off = median(result.rounds.map((r) => r.off.perSecond));
  const cpuOn = median(result.rounds.map((r) => r.on.cpuMsPerTicket));
  const cpuOff = median(result.rounds.map((r) => r.off.cpuMsPerTicket));
  return [
    {
      what: `issuance with the chain, tickets/s (8 kiosks, median of ${result.rounds.length} rounds)`,
      value: on === null ? '—' : int(on),
      baseline: `${off === null ? '—' : int(off)} (chain off)`,
      ratio: result.ratio === null ? '—' : `${result.ratio.toFixed(3)}×`,
      target: `off ÷ on ≤ ${CHAIN_TARGET.toFixed(2)}`,
      met: result.met,
    },
    {
      what: 'issuance with the chain, hub CPU ms per ticket',
      value: cpuOn === null ? '—' : cpuOn.toFixed(3),
      baseline: `${cpuOff === null ? '—' : cpuOff.toFixed(3)} (chain off)`,
      ratio: result.cpuRatio === null ? '—' : `${result.cpuRatio.toFixed(3)}×`,
      target: '—',
      met: null,
    },
  ];
}
