/** The wall-clock reading of an instant in a time zone, as zero-padded strings. */
export interface ZonedParts {
  /** "2026" */
  year: string;
  /** "01"…"12" */
  month: string;
  /** "01"…"31" */
  day: string;
  /** "00"…"23" */
  hour: string;
  /** "00"…"59" */
  minute: string;
  /** "00"…"59" */
  second: string;
  /** 0 (Sunday) … 6 (Saturday), of the local date. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The local date and time of an instant in an IANA time zone. The one place the code base
 * asks `Intl` for a time zone's wall clock; every date shown, printed or exported builds on it.
 */
export function zonedParts(at: number, timeZone: string): ZonedParts {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(at)) p[part.type] = part.value;
  const year = p.year ?? '';
  const month = p.month ?? '';
  const day = p.day ?? '';
  return {
    year,
    month,
    day,
    hour: p.hour ?? '',
    minute: p.minute ?? '',
    second: p.second ?? '',
    weekday: new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay(),
  };
}

/** The last minute asked of each time zone, and its answer. */
const lastMinute = new Map<string, { minute: number; day: string; minutes: number }>();

/**
 * The site-local calendar date ("YYYY-MM-DD") and minutes after local midnight of an instant.
 * Every command asks it (issuing hours, the service day), so the answer is kept for the rest of
 * its minute: time zones are offset by whole minutes, so a local date never changes within one.
 */
export function localTime(now: number, timeZone: string): { day: string; minutes: number } {
  const minute = Math.floor(now / 60_000);
  const last = lastMinute.get(timeZone);
  if (last?.minute === minute) return { day: last.day, minutes: last.minutes };
  const p = zonedParts(now, timeZone);
  const day = `${p.year}-${p.month}-${p.day}`;
  const minutes = Number(p.hour) * 60 + Number(p.minute);
  lastMinute.set(timeZone, { minute, day, minutes });
  return { day, minutes };
}

/** The service day of an instant in a site's time zone. */
export function serviceDay(now: number, timeZone: string): string {
  return localTime(now, timeZone).day;
}

/** "23/11/2026 09:05": the local date and time of an instant, day first, as Vietnam writes it. */
export function formatDateTime(at: number, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
