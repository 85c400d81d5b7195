// What the citizens' side keeps (issue 14): part of the store port (`ProvinceStore` extends it).
import type { Booking, BookingStatus } from '@luot/domain';

/**
 * What the citizens' side keeps (issue 14), province-wide: bookings (of every site, each row
 * with its `site_id`), one-time codes, citizen sign-ins, numbers taken from phones, and counted
 * attempts (wrong codes, codes sent) for the limits. A citizen is known only by a keyed hash of
 * their phone (HMAC-SHA256 with the province's `citizen-key` secret); addresses are keyed hashes too. The store counts and inserts in
 * one transaction where a limit depends on it; the rules (which limit, how many) are the hub's.
 */
export interface CitizenStore {
  /**
   * Stores a booked slot in ONE transaction, only if the slot holds fewer than `capacity` active
   * bookings (booked or checked in) and the phone fewer than `openBookings` open ones (booked, not
   * yet used), and the code is free that day at the site. Two calls at once for the last place:
   * exactly one is stored.
   */
  book(
    booking: NewBooking,
    limits: { capacity: number; openBookings: number },
  ): Promise<BookOutcome>;
  /** Stores a remote number's check-in row (kind `remote`, with its ticket); false if the code is taken. */
  addRemoteBooking(booking: NewBooking & { ticketId: string }): Promise<boolean>;
  bookingByCode(siteId: string, day: string, code: string): Promise<BookingRow | null>;
  /** The booking whose page secret (`/b/<token>`) hashes to this. */
  bookingByTokenHash(tokenHash: string): Promise<BookingRow | null>;
  /**
   * Moves a booking from status `from` to `to` (and records its ticket, when given); false when
   * it was no longer `from` (someone else moved it first).
   */
  moveBooking(
    id: string,
    from: BookingStatus,
    to: BookingStatus,
    at: number,
    ticketId?: string,
  ): Promise<boolean>;
  /** Active bookings (booked or checked in) of each slot of a field on a day, by start "HH:MM". */
  slotTakings(siteId: string, fieldId: string, day: string): Promise<Record<string, number>>;
  /** Booked slots not yet used, across the province. */
  openBookingsOf(phoneHash: string): Promise<number>;
  /** Booked (not checked-in) slots of a site whose slot began before `slotBefore`. */
  bookingsBegunBefore(siteId: string, slotBefore: number): Promise<BookingRow[]>;
  /**
   * Counts a number taken from a phone on a day, in ONE transaction, unless the phone already took
   * `limit` that day (across the province): resolves with the count's id, or null at the limit.
   */
  reserveNumber(
    entry: { phoneHash: string; day: string; siteId: string; at: number },
    limit: number,
  ): Promise<number | null>;
  /** The number was issued (its ticket) or refused (null: the count is taken back). */
  settleNumber(id: number, ticketId: string | null): Promise<void>;
  /** Numbers a phone took on a day, across the province. */
  numbersOf(phoneHash: string, day: string): Promise<number>;
  /** A new one-time code for a phone, replacing any earlier one. */
  putCode(code: {
    phoneHash: string;
    codeHash: string;
    at: number;
    expiresAt: number;
  }): Promise<void>;
  /** When the phone's current code was made, or null. */
  codeMadeAt(phoneHash: string): Promise<number | null>;
  /**
   * Checks a code: `ok` uses it up; `wrong` counts a try (the code is void after `maxTries`);
   * an expired or missing code is `wrong`.
   */
  useCode(
    phoneHash: string,
    codeHash: string,
    now: number,
    maxTries: number,
  ): Promise<'ok' | 'wrong'>;
  /**
   * Counts an attempt under every key, in ONE transaction, unless some key already has `limit`
   * attempts since `since`: resolves with the attempts' ids (to take back), or null when refused.
   */
  attempt(
    keys: readonly string[],
    since: number,
    limit: number,
    at: number,
  ): Promise<number[] | null>;
  /** Takes attempts back (a right code does not count as a failure). */
  forgetAttempts(ids: readonly number[]): Promise<void>;
  /** When the oldest attempt under `key` since `since` was made (to say when a lock ends), or null. */
  oldestAttempt(key: string, since: number): Promise<number | null>;
  createCitizenSession(session: {
    tokenHash: string;
    phoneHash: string;
    /** The phone sealed with a key only the token gives (see citizens/seal.ts). */
    phoneSealed: string;
    at: number;
    expiresAt: number;
  }): Promise<void>;
  /** The citizen signed in with this token, while it has not expired. */
  citizenSession(tokenHash: string, now: number): Promise<CitizenSessionRow | null>;
  /**
   * Removes a site's bookings over (checked in, released, cancelled, or of a day) before
   * `before.day`, and what every site shares once past: numbers counted before `before.day`,
   * codes and citizen sign-ins expired by `now`, attempts older than a day. Resolves how many rows.
   */
  purgeCitizens(siteId: string, before: { day: string }, now: number): Promise<number>;
}

/** A citizen's sign-in as the store keeps it. */
export interface CitizenSessionRow {
  phoneHash: string;
  phoneSealed: string;
  expiresAt: number;
}

/** A booking as the store keeps it: the domain's, with what only the hub uses. */
export interface BookingRow extends Booking {
  kind: 'slot' | 'remote';
  phoneHash: string;
  /** The hash of the ticket's phone-page secret that check-in will give the ticket (slots only). */
  ticketTokenHash: string | null;
  updatedAt: number;
}

/** A booking to store: a row, new. */
export type NewBooking = Omit<BookingRow, 'status' | 'ticketId' | 'updatedAt'> & {
  /** The booking page's secret, hashed (null for a remote number's row). */
  tokenHash: string | null;
};

export type BookOutcome =
  { ok: true } | { ok: false; code: 'SLOT_FULL' | 'LIMIT_REACHED' | 'CODE_TAKEN' };
