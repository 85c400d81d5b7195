import { sessionsOn } from './calendar.ts';
import { minutesOfHhmm, type SiteConfig } from './config.ts';
import { own, type QueueState, type TicketStatus } from './state.ts';
import { localTime } from './time.ts';

/**
 * Minutes after local midnight at which the last session of any field ends on `day`; null when
 * no field has a session that day (a holiday, a day off), by the site's calendar.
 */
export function lastSessionEnd(
  config: Pick<SiteConfig, 'fields' | 'calendar'>,
  day: string,
): number | null {
  let end: number | null = null;
  for (const field of config.fields)
    for (const s of sessionsOn(config, field, day)) end = Math.max(end ?? 0, minutesOfHhmm(s.to));
  return end;
}

/** Whether any counter is open or paused: someone may still serve the waiting citizens. */
export function anyCounterAtWork(state: QueueState): boolean {
  return state.config.counters.some((c) => {
    const status = own(state.counters, c.id)?.status;
    return status === 'open' || status === 'paused';
  });
}

/**
 * Whether the day's service is over: the last session of every field today has ended (or
 * there is none today) AND no counter is open or paused. While counters are still open after
 * the last session, the citizens waiting are still being served, so it is not over.
 */
export function serviceOver(state: QueueState, now: number): boolean {
  if (anyCounterAtWork(state)) return false;
  const { day, minutes } = localTime(now, state.config.site.timeZone);
  // Past midnight before the hub rolled the day over: the state's day is over.
  if (day > state.day) return true;
  if (day < state.day) return false;
  const end = lastSessionEnd(state.config, day);
  return end === null || minutes >= end;
}

/** Statuses of a ticket that still waits to be served (and so is told when service is over). */
export function awaitsService(status: TicketStatus): boolean {
  return status === 'waiting' || status === 'no_show';
}

/**
 * The end-of-day message a ticket's holder is shown: the site's `texts.endOfDay` when service
 * is over and the ticket still waits to be served; null otherwise.
 */
export function endOfDayMessageFor(
  state: QueueState,
  status: TicketStatus,
  now: number,
): string | null {
  return awaitsService(status) && serviceOver(state, now) ? state.config.texts.endOfDay : null;
}
