import type { Ticket } from '@luot/domain';
import { formatTimeVi } from '@luot/ui';
import { MSG } from './messages.ts';

/**
 * Where a ticket came from, when not a walk-in: "Hẹn 09:30" for a booking (its slot),
 * "Trực tuyến" for a number taken from a phone, "Chưa đến" while that citizen has not checked in.
 */
export function OriginMark({ ticket, timeZone }: { ticket: Ticket; timeZone: string }) {
  if (ticket.origin === 'booking' && ticket.slotAt !== undefined)
    return (
      <span className="badge origin booked" title={MSG.origin.bookedTitle} data-origin="booking">
        {MSG.origin.booked(formatTimeVi(ticket.slotAt, timeZone))}
      </span>
    );
  if (ticket.origin !== 'remote') return null;
  return (
    <>
      <span className="badge origin remote" title={MSG.origin.remoteTitle} data-origin="remote">
        {MSG.origin.remote}
      </span>
      {ticket.awaitingArrival === true ? (
        <span className="badge origin awaiting" title={MSG.origin.awaitingTitle}>
          {MSG.origin.awaiting}
        </span>
      ) : null}
    </>
  );
}
