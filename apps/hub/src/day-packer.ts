import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { ReportDays } from './db/report-days.ts';

/** How long one slice of packing may hold the event loop before it yields (one day at least). */
const SLICE_MS = 8;

/**
 * Packs the closed days for reports (a year's report then reads 250 rows, not 1.5 M) in slices
 * that yield to the event loop, so a hub on a year of unpacked history listens at once and its
 * sockets keep answering while it packs. Until a day is packed, reports read it from the raw
 * tables and give the same figures.
 */
export function createDayPacker(deps: {
  reportDays: ReportDays;
  clock: Clock;
  log: Logger;
  /** The current service day: every day before it is closed. */
  today: () => string;
  /** How long a slice may run before it yields; one day is packed per slice at least. */
  sliceMs?: number;
}) {
  const { reportDays, clock, log } = deps;
  const sliceMs = deps.sliceMs ?? SLICE_MS;
  let packedBefore = '';
  let timer: NodeJS.Immediate | null = null;
  let stopped = false;

  const run = (today: string) => {
    const started = performance.now();
    let days = 0;
    let after = '';
    const slice = () => {
      timer = null;
      if (stopped) return;
      try {
        const sliceStarted = performance.now();
        do {
          const day = reportDays.packNextDayBefore(today, clock.now(), after);
          if (day === null) {
            packedBefore = today;
            if (days > 0)
              log.info(
                { days, ms: Math.round(performance.now() - started) },
                'days packed for reports',
              );
            return;
          }
          after = day;
          days++;
        } while (performance.now() - sliceStarted < sliceMs);
        timer = setImmediate(slice);
      } catch (err) {
        // Reports read unpacked days from the raw tables; the next check tries again.
        log.error({ err }, 'packing days for reports failed');
      }
    };
    timer = setImmediate(slice);
  };

  return {
    /** Starts packing the days before today unless done or under way; returns at once. */
    check(): void {
      if (stopped || timer !== null) return;
      const today = deps.today();
      if (today !== packedBefore) run(today);
    },
    /** Whether every day before today is packed (as of the last run). */
    done(): boolean {
      return timer === null && packedBefore === deps.today();
    },
    stop(): void {
      stopped = true;
      if (timer !== null) clearImmediate(timer);
      timer = null;
    },
  };
}
