/**
 * How the citizens' side reaches a citizen's phone: the one-time code at sign-in, and the
 * messages about a ticket or a booking afterwards ("N people ahead of you", "please come to
 * counter K", "your booking is tomorrow at 9:30", "your number will not be served today").
 * The citizens' part (public API, check-in) calls it; the messages part (outbox, providers)
 * implements it. The phone is given in the normalised form of `phoneSchema` ("84912345678").
 */
export interface CitizenContacts {
  /** Sends a one-time code now, by the site's configured channel; rejects when no provider took it. */
  sendCode(siteId: string, phone: string, code: string): Promise<void>;
  /** Messages about this ticket go to this phone until the ticket is over. */
  followTicket(siteId: string, ticketId: string, phone: string): Promise<void>;
  /** A reminder before the slot; once checked in (`bookingCheckedIn`), messages about its ticket. */
  followBooking(
    siteId: string,
    booking: { id: string; fieldId: string; slotAt: number },
    phone: string,
  ): Promise<void>;
  /** The booking checked in: its ticket carries the contact from now on. */
  bookingCheckedIn(siteId: string, bookingId: string, ticketId: string): Promise<void>;
  /** The booking was cancelled or released: nothing more is sent about it. */
  forgetBooking(siteId: string, bookingId: string): Promise<void>;
}
