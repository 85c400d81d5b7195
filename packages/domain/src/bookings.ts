import { sessionsOn, zonedInstant } from './calendar.ts';
import { hhmmOfMinutes, minutesOfHhmm, type FieldConfig, type SiteConfig } from './config.ts';
import type { DomainErrorCode } from './errors.ts';
import { serviceDay } from './time.ts';

/** A time slot of a field on a day: its start ("HH:MM"), the instant it starts, its capacity. */
export interface Slot {
  start: string;
  at: number;
  capacity: number;
}

export type BookingStatus = 'booked' | 'checked_in' | 'released' | 'cancelled';

/** A citizen's booked slot. The citizen is known to the hub only by a keyed hash of their phone. */
export interface Booking {
  id: string;
  siteId: string;
  fieldId: string;
  /** The local day, "YYYY-MM-DD". */
  day: string;
  /** The slot's start, "HH:MM". */
  start: string;
  /** The slot's start as an instant (epoch ms). */
  slotAt: number;
  /** What the citizen types at the kiosk (and its QR carries): 6 characters, unique per site and day. */
  code: string;
  status: BookingStatus;
  /** The ticket printed at check-in. */
  ticketId: string | null;
  createdAt: number;
}

/** The whole days from local day `a` to local day `b` ("YYYY-MM-DD"); negative when b is before a. */
export function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The slots of a field on a local day: each issuing session the calendar gives the field that
 * day, cut into `slotMinutes` pieces that end within the session. None when the field takes no
 * bookings or is closed that day (holiday, day off).
 */
export function slotsOn(
  config: Pick<SiteConfig, 'calendar' | 'site'>,
  field: Pick<FieldConfig, 'id' | 'sessions' | 'online'>,
  day: string,
): Slot[] {
  const { enabled, slotMinutes, capacity } = field.online.booking;
  if (!enabled) return [];
  const slots: Slot[] = [];
  for (const session of sessionsOn(config, field, day)) {
    const end = minutesOfHhmm(session.to);
    for (let m = minutesOfHhmm(session.from); m + slotMinutes <= end; m += slotMinutes)
      slots.push({
        start: hhmmOfMinutes(m),
        at: zonedInstant(day, m, config.site.timeZone),
        capacity,
      });
  }
  return slots.sort((a, b) => a.at - b.at);
}

/** Why a slot cannot be booked now, or null: the rule the public page and the hub both apply. */
export function bookingRefusal(
  config: Pick<SiteConfig, 'calendar' | 'site' | 'fields'>,
  request: { fieldId: string; day: string; start: string },
  now: number,
): { code: DomainErrorCode; detail: string } | null {
  const field = config.fields.find((f) => f.id === request.fieldId);
  if (!field) return { code: 'NOT_FOUND', detail: `no field ${request.fieldId}` };
  if (!field.online.booking.enabled)
    return { code: 'NOT_OFFERED', detail: `field ${field.id} takes no bookings` };
  const ahead = daysFrom(serviceDay(now, config.site.timeZone), request.day);
  if (ahead > field.online.booking.daysAhead)
    return {
      code: 'TOO_EARLY',
      detail: `${request.day} is more than ${field.online.booking.daysAhead} days ahead`,
    };
  const slots = slotsOn(config, field, request.day);
  if (slots.length === 0)
    return { code: 'CLOSED_DAY', detail: `field ${field.id} is closed on ${request.day}` };
  const slot = slots.find((s) => s.start === request.start);
  if (!slot) return { code: 'NOT_FOUND', detail: `no slot ${request.start} on ${request.day}` };
  if (ahead < 0 || slot.at <= now)
    return { code: 'TOO_LATE', detail: `slot ${request.start} on ${request.day} has begun` };
  return null;
}

/**
 * Why a booking cannot check in at this site now, or null. It checks in from `earlyMinutes`
 * before its slot until `graceMinutes` after it; a booking of another site, a used, cancelled or
 * released one is refused.
 */
export function checkInRefusal(
  config: Pick<SiteConfig, 'fields'>,
  booking: Pick<Booking, 'siteId' | 'fieldId' | 'slotAt' | 'status'>,
  siteId: string,
  now: number,
): { code: DomainErrorCode; detail: string } | null {
  if (booking.siteId !== siteId)
    return { code: 'WRONG_SITE', detail: `the booking is for site ${booking.siteId}` };
  if (booking.status === 'checked_in')
    return { code: 'INVALID_STATE', detail: 'the booking has already checked in' };
  if (booking.status !== 'booked')
    return { code: 'TOO_LATE', detail: `the booking is ${booking.status}` };
  const field = config.fields.find((f) => f.id === booking.fieldId);
  if (!field) return { code: 'NOT_FOUND', detail: `no field ${booking.fieldId}` };
  const { earlyMinutes, graceMinutes } = field.online.booking;
  if (now < booking.slotAt - earlyMinutes * 60_000)
    return { code: 'TOO_EARLY', detail: `check-in opens ${earlyMinutes} minutes before the slot` };
  if (now > booking.slotAt + graceMinutes * 60_000)
    return { code: 'TOO_LATE', detail: 'the grace period is over' };
  return null;
}

/** Whether a booking not checked in is past its grace period: its slot is released. */
export function isPastGrace(
  config: Pick<SiteConfig, 'fields'>,
  booking: Pick<Booking, 'fieldId' | 'slotAt' | 'status'>,
  now: number,
): boolean {
  const field = config.fields.find((f) => f.id === booking.fieldId);
  const grace = (field?.online.booking.graceMinutes ?? 0) * 60_000;
  return booking.status === 'booked' && now > booking.slotAt + grace;
}
