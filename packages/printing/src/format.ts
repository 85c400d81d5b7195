import { zonedParts } from '@luot/domain';
import type { TicketMessages } from './messages.ts';
import type { TicketData } from './types.ts';

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

/**
 * The line under the number of a ticket not taken at the kiosk: "Lịch hẹn 09:30" (the slot's
 * start in the site's zone) or "Lấy số trực tuyến"; null for a walk-in.
 */
export function formatOrigin(
  data: Pick<TicketData, 'origin' | 'slotAt' | 'timeZone'>,
  messages: TicketMessages,
): string | null {
  if (data.origin === 'remote') return messages.remote;
  if (data.origin !== 'booking') return null;
  if (data.slotAt === undefined) return messages.booked('').trim();
  const p = zonedParts(data.slotAt, data.timeZone);
  return messages.booked(`${p.hour}:${p.minute}`);
}

/** The reprint line of a reprinted ticket, "IN LẠI – 09:42 30/11/2026"; null for an original. */
export function formatReprint(
  data: Pick<TicketData, 'reprintedAt' | 'timeZone'>,
  messages: TicketMessages,
): string | null {
  if (data.reprintedAt === undefined) return null;
  const p = zonedParts(data.reprintedAt, data.timeZone);
  return messages.reprinted(`${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`);
}
