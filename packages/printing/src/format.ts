import { zonedParts } from '@luot/domain';
import type { TicketMessages } from './messages.ts';

/** Issue time as printed on a ticket, in the site's zone: "08:15 – Thứ Bảy, 21/11/2026". */
export function formatIssuedAt(
  issuedAt: number,
  timeZone: string,
  messages: TicketMessages,
): string {
  const p = zonedParts(issuedAt, timeZone);
  const weekday = messages.weekdays[p.weekday];
  return `${p.hour}:${p.minute} – ${weekday}, ${p.day}/${p.month}/${p.year}`;
}

/** The estimated-wait line; null means the hub has no estimate yet. */
export function formatWait(minutes: number | null, messages: TicketMessages): string {
  if (minutes === null || !Number.isFinite(minutes) || minutes < 0) return messages.waitUnknown;
  if (minutes < 1) return messages.waitUnderOneMinute;
  return messages.waitAbout(minutes);
}
