import type { Logger } from 'pino';

/** How long one slice of packing may hold the event loop before it yields (one day at least). */
const SLICE_MS = 8;

/**
 * Packs the closed days for reports (a year's report then reads 250 rows, not 1.5 M) in slices
 * that yield to the event loop, so a hub on a year of unpacked history listens at once and its
 * sockets keep answering while it packs. Until a day is packed, reports read it from the raw
 * tables and give the same figures.
 */
export function createDayPacker(deps: {
  /** Packs the first unpacked closed day before `today` after `after`; resolves with it, or null. */
  packNextDay: (today: string, after: string) => Promise<string | null>;
  log: Logger;
  /** The current service day, once it is stored: every day before it is closed. */
  today: () => Promise<string>;
  /** How long a slice may run before it yields; one day is packed per slice at least. */
  sliceMs?: number;
}) {
  const { log } = deps;
  const sliceMs = deps.sliceMs ?? SLICE_MS;
  let packedBefore = '';
  let running = false;
  let stopped = false;
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function run(): Promise<void> {
    const today = await deps.today();
    if (today === packedBefore || stopped) return;
    const started = performance.now();
    let days = 0;
    let after = '';
    for (;;) {
      const sliceStarted = performance.now();
      do {
        if (stopped) return;
        const day = await deps.packNextDay(today, after);
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
      await nextTurn();
    }
  }

  let lastToday = '';
  return {
    /** Starts packing the days before today unless done or under way; returns at once. */
    check(): void {
      if (stopped || running) return;
      running = true;
      run()
        .catch((err: unknown) => {
          // Reports read unpacked days from the raw tables; the next check tries again.
          log.error({ err }, 'packing days for reports failed');
        })
        .finally(() => {
          running = false;
        });
      // The store may be out of reach (a shared store's server restarting): try at the next check.
      deps.today().then(
        (day) => (lastToday = day),
        () => undefined,
      );
    },
    /** Whether every day before today is packed (as of the last run). */
    done(): boolean {
      return !running && packedBefore !== '' && packedBefore === lastToday;
    },
    stop(): void {
      stopped = true;
    },
  };
}
