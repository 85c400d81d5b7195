import {
  addDays,
  hhmmOfMinutes,
  minutesOfHhmm,
  weekdayOf,
  type FieldConfig,
  type Holiday,
  type SessionConfig,
  type SiteConfig,
  type SpecialDay,
} from './config.ts';
import { localTime, zonedParts } from './time.ts';

/** The calendar parts a rule reads: the fields and the calendar. */
type CalendarSite = Pick<SiteConfig, 'fields' | 'calendar'>;

/** The holiday a day falls in, or null. */
export function holidayOn(config: Pick<SiteConfig, 'calendar'>, day: string): Holiday | null {
  return config.calendar.holidays.find((h) => h.from <= day && day <= (h.to ?? h.from)) ?? null;
}

/** The special day on a date, or null. */
export function specialDayOn(config: Pick<SiteConfig, 'calendar'>, day: string): SpecialDay | null {
  return config.calendar.specialDays.find((s) => s.date === day) ?? null;
}

/**
 * The issuing sessions of a field on a local day: none on a holiday; a special day's own (or the
 * field's usual) sessions when it opens the field; on a working weekday, the weekday's own
 * sessions if it has them (Saturday mornings), else the field's usual ones.
 */
export function sessionsOn(
  config: Pick<SiteConfig, 'calendar'>,
  field: Pick<FieldConfig, 'id' | 'sessions'>,
  day: string,
): SessionConfig[] {
  if (holidayOn(config, day)) return [];
  const special = specialDayOn(config, day);
  if (special && (special.fieldIds.length === 0 || special.fieldIds.includes(field.id)))
    return special.sessions.length > 0 ? special.sessions : field.sessions;
  const weekday = weekdayOf(day);
  if (!config.calendar.workingDays.includes(weekday)) return [];
  return (
    config.calendar.weekdaySessions.find((w) => w.weekday === weekday)?.sessions ?? field.sessions
  );
}

/**
 * Whether the centre works on a local day: a working weekday that is not a holiday, or a special
 * day. With `fieldId`, whether that field issues numbers that day.
 */
export function isWorkingDay(config: CalendarSite, day: string, fieldId?: string): boolean {
  const fields =
    fieldId === undefined ? config.fields : config.fields.filter((f) => f.id === fieldId);
  return fields.some((f) => sessionsOn(config, f, day).length > 0);
}

/** When issuing opens again: the instant, its local day and its "HH:MM". */
export interface Opening {
  at: number;
  day: string;
  time: string;
}

/** How far ahead `nextOpening` looks: a calendar that opens later than this is "not planned". */
const LOOKAHEAD_DAYS = 370;

/** The instant a local day and time in a time zone stands for (the earlier one in a DST fold). */
export function zonedInstant(day: string, minutes: number, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, 0, minutes);
  let at = wall;
  // Two rounds settle any offset change between the guess and the answer.
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(at, timeZone);
    const seen = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
    at += wall - seen;
  }
  return at;
}

/**
 * The next instant a field starts issuing after `now` (a session later today, or the first
 * session of the next day it works), or null when none is planned within a year. While a
 * session runs, that is the next session's start, so a client asks only for a closed field.
 */
export function nextOpening(
  config: CalendarSite & Pick<SiteConfig, 'site'>,
  fieldId: string,
  now: number,
): Opening | null {
  const field = config.fields.find((f) => f.id === fieldId);
  if (!field) return null;
  const tz = config.site.timeZone;
  const { day: today, minutes } = localTime(now, tz);
  for (let n = 0; n <= LOOKAHEAD_DAYS; n++) {
    const day = addDays(today, n);
    const starts = sessionsOn(config, field, day)
      .map((s) => minutesOfHhmm(s.from))
      .filter((m) => n > 0 || m > minutes)
      .sort((a, b) => a - b);
    const first = starts[0];
    if (first !== undefined) {
      return { at: zonedInstant(day, first, tz), day, time: hhmmOfMinutes(first) };
    }
  }
  return null;
}

/** Why a field is closed on a day by the calendar, for the words shown beside the reopening. */
export function closedBecause(
  config: CalendarSite & Pick<SiteConfig, 'site'>,
  now: number,
): { holiday: string | null } {
  const { day } = localTime(now, config.site.timeZone);
  return { holiday: holidayOn(config, day)?.name ?? null };
}

/**
 * Holidays and special days `next` adds that ended before `today`: a date in the past is refused
 * when added, while ones already kept (last year's Tết) stay. English details for logs; the hub
 * translates them.
 */
export function pastCalendarAdditions(
  previous: Pick<SiteConfig, 'calendar'>,
  next: Pick<SiteConfig, 'calendar'>,
  today: string,
): string[] {
  const problems: string[] = [];
  const oldHolidays = new Set(previous.calendar.holidays.map((h) => `${h.from}/${h.to ?? h.from}`));
  for (const h of next.calendar.holidays)
    if ((h.to ?? h.from) < today && !oldHolidays.has(`${h.from}/${h.to ?? h.from}`))
      problems.push(`holiday "${h.name}" on ${h.from} is in the past`);
  const oldSpecial = new Set(previous.calendar.specialDays.map((s) => s.date));
  for (const s of next.calendar.specialDays)
    if (s.date < today && !oldSpecial.has(s.date))
      problems.push(`special day ${s.date} is in the past`);
  return problems;
}
