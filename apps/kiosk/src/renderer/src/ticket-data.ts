import type { QueueState } from '@luot/domain';
import { ticketDataFor } from '@luot/printing/ticket-data';
import type { TicketData } from '@luot/printing/types';
import type { IssuedTicket } from '@luot/protocol';
import { messages } from './messages.ts';

export { ticketUrl } from '@luot/printing/ticket-data';

/**
 * What the kiosk's printed ticket shows: the same drawing as a reception desk's (`ticketDataFor`
 * in @luot/printing), with the kiosk's words before a priority class. The QR code opens the phone
 * page at the site's configured public address, or at `publicUrl` (this kiosk's own setting, else
 * its hub address) when the site has none.
 */
export function buildTicketData(
  state: QueueState,
  issued: IssuedTicket,
  publicUrl: string,
): TicketData {
  return ticketDataFor(state, issued, publicUrl, { priorityPrefix: messages.priorityPrefix });
}
