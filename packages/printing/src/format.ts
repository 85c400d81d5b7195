import type { TicketMessages } from './messages.ts';

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
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Issue time as printed on a ticket, in the site's zone: "08:15 – Thứ Bảy, 21/11/2026". */
export function formatIssuedAt(
  issuedAt: number,
  timeZone: string,
  messages: TicketMessages,
): string {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(issuedAt)) p[part.type] = part.value;
  const year = Number(p.year);
  const month = Number(p.month);
  const day = Number(p.day);
  const weekday = messages.weekdays[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return `${p.hour}:${p.minute} – ${weekday}, ${p.day}/${p.month}/${p.year}`;
}

/** The estimated-wait line; null means the hub has no estimate yet. */
export function formatWait(minutes: number | null, messages: TicketMessages): string {
  if (minutes === null || !Number.isFinite(minutes) || minutes < 0) return messages.waitUnknown;
  if (minutes < 1) return messages.waitUnderOneMinute;
  return messages.waitAbout(minutes);
}
