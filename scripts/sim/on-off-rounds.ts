// The same seeded rush with a feature off and on (messages to citizens, webhooks), a few rounds,
// so its cost shows as a ratio of call-to-screen times measured in the same run.
import type { RushOptions } from './scenarios.ts';
import { median } from './stats.ts';

export type OnOff = 'off' | 'on';

interface Timed {
  callToScreen: { p50: number | null; p99: number | null };
}

export interface OnOffRound<Off, On> {
  /** Which side ran first in this round. */
  order: OnOff[];
  off: Off;
  on: On;
  /** On ÷ off. */
  ratios: { p50: number | null; p99: number | null };
}

export interface OnOffResult<Off, On> {
  options: RushOptions;
  rounds: OnOffRound<Off, On>[];
  /** The rounds' ratios' medians. */
  median: { p50: number | null; p99: number | null };
}

/** A run's result without its raw records (kept out of the results file). */
export const strip = <T extends { records: unknown }>({ records: _records, ...rest }: T) => rest;

export const ratio = (a: number | null, b: number | null) => (a !== null && b ? a / b : null);

/**
 * Runs `rounds` rounds of the rush off and on, alternating which side goes first (so neither
 * always runs on a machine the other warmed), and the call-to-screen ratios on ÷ off.
 */
export async function onOffRounds<Off extends Timed, On extends Timed>(o: {
  options: RushOptions;
  rounds: number;
  /** Says which run starts (round from 1). */
  starting: (round: number, side: OnOff) => void;
  run: { off: () => Promise<Off>; on: () => Promise<On> };
}): Promise<OnOffResult<Off, On>> {
  const rounds: OnOffRound<Off, On>[] = [];
  for (let round = 0; round < o.rounds; round++) {
    const order: OnOff[] = round % 2 === 0 ? ['off', 'on'] : ['on', 'off'];
    let off: Off | undefined;
    let on: On | undefined;
    for (const side of order) {
      o.starting(round + 1, side);
      if (side === 'off') off = await o.run.off();
      else on = await o.run.on();
    }
    rounds.push({
      order,
      off: off!,
      on: on!,
      ratios: {
        p50: ratio(on!.callToScreen.p50, off!.callToScreen.p50),
        p99: ratio(on!.callToScreen.p99, off!.callToScreen.p99),
      },
    });
  }
  return {
    options: o.options,
    rounds,
    median: {
      p50: median(rounds.map((r) => r.ratios.p50)),
      p99: median(rounds.map((r) => r.ratios.p99)),
    },
  };
}
