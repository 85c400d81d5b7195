// Old vs new wait estimator on replayed history: the generated year and simulated rush days
// (see README "Wait estimates"). `pnpm estimates:replay` and `pnpm bench --estimates` run it.
import { generatedYear } from './generated-year.ts';
import { replay, type ReplayResult } from './replay.ts';
import { rushDays } from './rush-day.ts';

export interface EstimatesBenchOptions {
  /** The generated year: tickets over 2025's working days, on this many counters. */
  yearTickets: number;
  yearCounters: number;
  /** Last day of the generated range (a shorter range for a quick run). */
  yearTo: string;
  rushDays: number;
  seed: number;
}

export const ESTIMATES_BENCH: EstimatesBenchOptions = {
  yearTickets: 117_450,
  yearCounters: 12,
  yearTo: '2025-12-31',
  rushDays: 20,
  seed: 17,
};

export const ESTIMATES_BENCH_QUICK: EstimatesBenchOptions = {
  ...ESTIMATES_BENCH,
  yearTickets: 9_000,
  yearTo: '2025-01-31',
  rushDays: 3,
};

/** The MAE cut the new estimator must reach on every source to be switched on. */
export const REQUIRED_MAE_CUT = 0.3;

export interface EstimatesBenchResult {
  sources: ReplayResult[];
  /** Whether the candidate cut the MAE by at least `REQUIRED_MAE_CUT` on every source. */
  wins: boolean;
}

export function benchEstimates(
  options: EstimatesBenchOptions,
  log: (line: string) => void = console.log,
): EstimatesBenchResult {
  const year = generatedYear({
    tickets: options.yearTickets,
    counters: options.yearCounters,
    seed: options.seed,
    to: options.yearTo,
  });
  let yearResult: ReplayResult;
  try {
    log(
      `generated year: ${year.summary.days} days, ${year.summary.tickets} tickets, ${options.yearCounters} counters`,
    );
    yearResult = replay('generated year', year.days);
  } finally {
    year.close();
  }
  log(`simulated rush: ${options.rushDays} days through decide`);
  const rushResult = replay('simulated rush', rushDays(options.rushDays, options.seed * 100));
  const sources = [yearResult, rushResult];
  return { sources, wins: sources.every((s) => (s.maeReduction ?? 0) >= REQUIRED_MAE_CUT) };
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const min = (x: number | null) => (x === null ? '–' : x.toFixed(1));

/** The figures as a Markdown table: one row per source and estimator. */
export function estimatesTable(result: EstimatesBenchResult): string {
  const lines = [
    '| source | estimator | tickets | MAE (min) | within ±5 min | within ±20 % | MAE cut |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of result.sources)
    for (const [name, a] of [
      ['old (baseline)', s.baseline],
      ['new (forecast)', s.candidate],
    ] as const)
      lines.push(
        `| ${s.source} | ${name} | ${a.tickets} | ${min(a.maeMinutes)} | ${pct(a.within5MinShare)} | ${pct(a.within20PctShare)} | ${name.startsWith('new') ? pct(s.maeReduction) : ''} |`,
      );
  return lines.join('\n');
}
