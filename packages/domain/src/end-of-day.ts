import { minutesOfHhmm, type FieldConfig, type SessionConfig, type SiteConfig } from './config.ts';
import { own, type QueueState, type TicketStatus } from './state.ts';
import { localTime } from './time.ts';

/**
 * The sessions a field has on a service day ("YYYY-MM-DD") of a site.
 */
export type SessionsOfDay = (
  config: Pick<SiteConfig, 'fields'>,
  field: FieldConfig,
  day: string,
) => readonly SessionConfig[];

/**
 * The default for every caller (hub, board, kiosk): the field's configured sessions, whatever
 * the day. The one place to plug the calendar (working days, holidays, special days) in.
 */
export const fieldSessions: SessionsOfDay = (_config, field) => field.sessions;

/**
 * Minutes after local midnight at which the last session of any field ends on `day`; null when
 * no field has a session that day (a holiday).
 */
export function lastSessionEnd(
  config: Pick<SiteConfig, 'fields'>,
  day: string,
  sessionsOf: SessionsOfDay = fieldSessions,
): number | null {
  let end: number | null = null;
  for (const field of config.fields)
    for (const s of sessionsOf(config, field, day)) end = Math.max(end ?? 0, minutesOfHhmm(s.to));
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
export function serviceOver(
  state: QueueState,
  now: number,
  sessionsOf: SessionsOfDay = fieldSessions,
): boolean {
  if (anyCounterAtWork(state)) return false;
  const { day, minutes } = localTime(now, state.config.site.timeZone);
  // Past midnight before the hub rolled the day over: the state's day is over.
  if (day > state.day) return true;
  if (day < state.day) return false;
  const end = lastSessionEnd(state.config, day, sessionsOf);
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
  sessionsOf: SessionsOfDay = fieldSessions,
): string | null {
  return awaitsService(status) && serviceOver(state, now, sessionsOf)
    ? state.config.texts.endOfDay
    : null;
}
