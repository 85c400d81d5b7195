// The citizens' public API: what a phone outside the lobby may ask of the hub (on the public
// listener, and on the staff listener for a centre without one), and the kiosk's check-in.
// Every body is validated with these schemas at the edge; answers are these types.
import { z } from 'zod';
import { idSchema, type FieldAvailability, type OnlineConfig } from '@luot/domain';
import { siteIdSchema } from './roles.ts';

/**
 * A Vietnamese mobile number as people type it ("0912 345 678", "+84 912345678"), normalised to
 * "84912345678". Mobile prefixes 3, 5, 7, 8, 9 after the country code.
 */
export const phoneSchema = z
  .string()
  .max(20)
  .transform((s) => s.replace(/[\s.-]/g, ''))
  .pipe(z.string().regex(/^(?:\+?84|0)[35789]\d{8}$/, 'a Vietnamese mobile number'))
  .transform((s) => `84${s.replace(/^(?:\+?84|0)/, '')}`);

const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time as HH:MM');

/**
 * Body of POST /api/public/code: send a one-time code to this phone (SMS or Zalo), through the
 * channel of `siteId` (the site the citizen is looking at; the deployment's first without it).
 */
export const codeRequestSchema = z.strictObject({
  phone: phoneSchema,
  siteId: siteIdSchema.optional(),
});
export interface CodeSent {
  /** The phone as shown back to the citizen, masked: "0912 *** 678". */
  phone: string;
  /** How long the code is valid. */
  expiresInSeconds: number;
}

/** Body of POST /api/public/verify: the code the citizen received. */
export const verifyRequestSchema = z.strictObject({
  phone: phoneSchema,
  code: z.string().regex(/^\d{6}$/, 'six digits'),
});
/** A citizen's sign-in: sent as `Authorization: Bearer <token>` to the routes below. */
export interface CitizenSession {
  token: string;
  expiresAt: number;
  phone: string;
}

/** A site as the public page lists it: GET /api/public/sites answers `PublicSite[]`. */
export interface PublicSite {
  id: string;
  name: string;
}

/** A field of a site as the public page shows it: how busy, and what a citizen may do now. */
export interface PublicField {
  id: string;
  name: string;
  waiting: number;
  /** Null when no counter of the field is open (no honest estimate then). */
  estimatedWaitMinutes: number | null;
  /** Whether a number can be taken now ('open'), or why not. */
  availability: FieldAvailability;
  /** When issuing opens again, if closed now: local day and "HH:MM". */
  reopening: { day: string; time: string } | null;
  remote: OnlineConfig['remote'];
  booking: { enabled: boolean; daysAhead: number };
  /** A number here needs the citizen's 12-digit personal number (the field requires the ID card). */
  idNumberRequired: boolean;
}

/** GET /api/public/sites/:siteId */
export interface PublicSiteView {
  id: string;
  name: string;
  notice: string;
  /** The site's service day and its time zone, for the page's date choices. */
  today: string;
  timeZone: string;
  fields: PublicField[];
}

/** GET /api/public/sites/:siteId/fields/:fieldId/slots?day=YYYY-MM-DD */
export const slotsQuerySchema = z.strictObject({ day: calendarDay });
export interface PublicSlots {
  day: string;
  /** Empty when the field is closed that day or takes no bookings. */
  slots: { start: string; capacity: number; left: number; past: boolean }[];
  /** Why there are none, if there are none: 'CLOSED_DAY', 'NOT_OFFERED', 'TOO_EARLY'. */
  closed: 'CLOSED_DAY' | 'NOT_OFFERED' | 'TOO_EARLY' | null;
}

/**
 * The citizen's 12-digit personal number (on the ID card, CCCD), asked for by a field whose card
 * mode is `required` (`PublicField.idNumberRequired`). Counted with the kiosks' numbers of the
 * same person; only a keyed hash of it is kept.
 */
export const idNumberSchema = z
  .string()
  .transform((s) => s.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{12}$/, '12 digits'));

/** Body of POST /api/public/tickets (citizen token): take a number now. */
export const remoteTicketRequestSchema = z.strictObject({
  siteId: siteIdSchema,
  fieldId: idSchema,
  idNumber: idNumberSchema.optional(),
});
export interface RemoteTicket {
  label: string;
  fieldName: string;
  siteName: string;
  /** The live phone page of the ticket, the same the kiosk's QR opens: "/t/<token>". */
  path: string;
  /** The code to show or type at the kiosk when the field asks remote numbers to check in; else null. */
  checkInCode: string | null;
  ahead: number;
  estimatedWaitMinutes: number | null;
}

/** Body of POST /api/public/bookings (citizen token): book a slot. */
export const bookingRequestSchema = z.strictObject({
  siteId: siteIdSchema,
  fieldId: idSchema,
  day: calendarDay,
  start: hhmm,
  /** Needed when the field's card mode is `required` (checked: a personal number, adults-only). */
  idNumber: idNumberSchema.optional(),
});

/** A booking as its holder sees it: GET /api/public/bookings/:token and the answer to booking. */
export interface BookingView {
  siteName: string;
  fieldName: string;
  day: string;
  start: string;
  /** Six characters typed at the kiosk; the page also shows it as a QR code. */
  code: string;
  status: 'booked' | 'checked_in' | 'released' | 'cancelled';
  /** Check-in opens and closes (epoch ms). */
  checkInFrom: number;
  checkInUntil: number;
  /**
   * The site's time zone, so the page writes `checkInFrom`/`checkInUntil` as the centre's clock
   * reads them, whatever the phone's own zone (Asia/Ho_Chi_Minh when absent).
   */
  timeZone?: string;
  /** The booking's own page: "/b/<token>" (its secret; stored as a hash only). */
  path: string;
  /** Once checked in: the ticket's phone page. */
  ticketPath: string | null;
}

/** GET /api/public/me (citizen token): what the phone holds today, and its limits. */
export interface CitizenHoldings {
  numbersToday: number;
  numbersPerDay: number;
  openBookings: number;
  openBookingsLimit: number;
}

/**
 * Payload of the kiosk's `ticket:checkIn`: what the citizen typed (a booking's or remote
 * number's six-character code) or what the QR reader typed (the booking page's address or the
 * code). The hub finds the code in it.
 */
export const checkInPayloadSchema = z.strictObject({
  scanned: z.string().trim().min(1).max(300),
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, _ or -')
    .optional(),
});

/** The check-in code alphabet: no 0/O, 1/I/L, so a code read aloud or typed is not mistaken. */
export const CHECK_IN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** A check-in code as printed: six characters of the alphabet above. */
export const CHECK_IN_CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;
