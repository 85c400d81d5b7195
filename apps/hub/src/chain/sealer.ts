import type { Logger } from 'pino';
import type { Site } from '../sites.ts';

/**
 * Seals each service day of a site as it closes: once the closing's events are stored (the
 * `day.opened` event that ends a day is committed last), the day it closed is sealed
 * (`Store.sealDay`, idempotent). A hub that starts on a new day closes the old one before it
 * listens, so `check` at start seals the day before today's opening too.
 */
export function createDaySealer(deps: { site: Site; now: () => number; log: Logger }) {
  const { site, log } = deps;
  let stopped = false;
  let checkedFor = '';

  async function seal(day: string): Promise<void> {
    if (stopped) return;
    const digest = await site.store.sealDay(day, deps.now());
    log.info({ day, code: digest.code, eventsSeq: digest.eventsSeq }, 'service day sealed');
  }
  const sealSoon = (day: string): void =>
    void seal(day).catch((err: unknown) => log.error({ err, day }, 'sealing the day failed'));

  site.queue.onCommit((batch) => {
    for (const { event } of batch.events)
      if (event.type === 'day.opened') sealSoon(event.previousDay);
  });

  return {
    /** At start: seals the day that today's opening closed, if the hub was not running then. */
    check(): void {
      if (stopped) return;
      void (async () => {
        const { state } = await site.queue.durable();
        if (state.day === checkedFor) return;
        checkedFor = state.day;
        const opened = (await site.store.eventsOfDay(state.day)).find(
          (e) => e.event.type === 'day.opened',
        );
        if (opened?.event.type === 'day.opened') await seal(opened.event.previousDay);
      })().catch((err: unknown) => log.error({ err }, 'sealing the day failed'));
    },
    stop(): void {
      stopped = true;
    },
  };
}
