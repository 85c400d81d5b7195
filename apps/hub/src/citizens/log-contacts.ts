import type { Logger } from 'pino';
import { maskPhone } from './citizens.ts';
import type { CitizenContacts } from './contacts.ts';

/**
 * A stand-in for the messages part (issue 14) until it lands: the one-time code is written to
 * the hub's log (the phone masked), and follows are logged and otherwise dropped. TEMPORARY:
 * a hub that runs it tells citizens to read a code no phone receives.
 */
export function createLogContacts(log: Logger): CitizenContacts {
  const contactLog = log.child({ part: 'citizen-contacts' });
  return {
    async sendCode(siteId, phone, code) {
      contactLog.warn(
        { site: siteId, phone: maskPhone(phone), code },
        'one-time code (no message provider yet: read it here)',
      );
    },
    async followTicket(siteId, ticketId) {
      contactLog.info({ site: siteId, ticketId }, 'ticket followed (no messages yet)');
    },
    async followBooking(siteId, booking) {
      contactLog.info(
        { site: siteId, bookingId: booking.id },
        'booking followed (no messages yet)',
      );
    },
    async bookingCheckedIn(siteId, bookingId, ticketId) {
      contactLog.info({ site: siteId, bookingId, ticketId }, 'booking checked in');
    },
    async forgetBooking(siteId, bookingId) {
      contactLog.info({ site: siteId, bookingId }, 'booking forgotten');
    },
  };
}
