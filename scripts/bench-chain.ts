// `pnpm bench --only chain` (issue 17): the tamper-evident log's cost to issuance. The issuance
// scenario (8 kiosk sockets, each issuing as fast as the hub acknowledges) on a hub with the
// chain and on the same hub without it (`hashChain: false`, apps/hub/bench/chain-hub.ts), both
// built, in rounds that alternate which side goes first; the target is tickets/s without ÷ with
// ≤ 1.10 (the median of the rounds' ratios).
import { buildChainHub } from '@luot/hub/bench';
import { runIssuance, type IssuanceResult } from './sim/scenarios.ts';
import { median } from './sim/stats.ts';
import { startWorkers, type WorkerPool } from './sim/worker-pool.ts';

export const CHAIN_TARGET = 1.1;

export interface ChainBenchOptions {
  kiosks: number;
  tickets: number;
  deadlineMs: number;
  rounds: number;
  seed: number;
}
export const CHAIN_BENCH: ChainBenchOptions = {
  kiosks: 8,
  tickets: 5000,
  deadlineMs: 30_000,
  rounds: 5,
  seed: 17,
};
export const CHAIN_BENCH_QUICK: ChainBenchOptions = { ...CHAIN_BENCH, tickets: 1000, rounds: 2 };

type Side = 'on' | 'off';
type Run = IssuanceResult;

export interface ChainRound {
  order: Side[];
  on: Run;
  off: Run;
  /** Tickets/s without the chain ÷ with it (1.10: the chain costs a tenth of the throughput). */
  ratio: number;
}

export interface ChainBenchResult {
  options: ChainBenchOptions;
  rounds: ChainRound[];
  /** The rounds' ratios' median. */
  ratio: number | null;
  met: boolean;
}

/** Runs the rounds on `pool`'s workers; `log` says what runs. */
export async function benchChain(
  pool: WorkerPool,
  options: ChainBenchOptions,
  log: (line: string) => void,
): Promise<ChainBenchResult> {
  const hubMainFile = await buildChainHub();
  const rounds: ChainRound[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order: Side[] = round % 2 === 0 ? ['off', 'on'] : ['on', 'off'];
    const runs: Partial<Record<Side, Run>> = {};
    for (const side of order) {
      const { cpuProfile: _profile, ...run } = await runIssuance(pool, {
        kiosks: options.kiosks,
        tickets: options.tickets,
        deadlineMs: options.deadlineMs,
        // The same tickets on both sides of a round; another draw each round.
        seed: options.seed + round,
        hubMainFile,
        hubArgs: ['--chain', side],
      });
      runs[side] = run;
      log(
        `chain round ${round + 1}, chain ${side}: ${run.issued} tickets, ${run.perSecond.toFixed(0)}/s, ` +
          `p50 ${run.latency.p50?.toFixed(1)} ms, p99 ${run.latency.p99?.toFixed(1)} ms` +
          (Object.keys(run.failures).length ? `, failures ${JSON.stringify(run.failures)}` : ''),
      );
    }
    const on = runs.on!;
    const off = runs.off!;
    rounds.push({ order, on, off, ratio: off.perSecond / on.perSecond });
  }
  const ratio = median(rounds.map((r) => r.ratio));
  return { options, rounds, ratio, met: ratio !== null && ratio <= CHAIN_TARGET };
}

/** The chain scenario as `pnpm bench` runs it: its own workers, the quick or full options. */
export async function runChainBench(o: {
  quick: boolean;
  workers: number;
  log: (line: string) => void;
}): Promise<ChainBenchResult> {
  const options = o.quick ? CHAIN_BENCH_QUICK : CHAIN_BENCH;
  o.log(
    `chain: issuance with and without the tamper-evident log, ${options.rounds} rounds of ` +
      `${options.tickets} tickets from ${options.kiosks} kiosks each`,
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
  return [
    {
      what: `issuance with the chain, tickets/s (8 kiosks, median of ${result.rounds.length} rounds)`,
      value: on === null ? '—' : int(on),
      baseline: `${off === null ? '—' : int(off)} (chain off)`,
      ratio: result.ratio === null ? '—' : `${result.ratio.toFixed(3)}×`,
      target: `off ÷ on ≤ ${CHAIN_TARGET.toFixed(2)}`,
      met: result.met,
    },
  ];
}
