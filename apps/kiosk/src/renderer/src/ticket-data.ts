import { fieldById, phoneBaseUrl, type QueueState } from '@luot/domain';
import type { TicketData } from '@luot/printing/types';
import type { IssuedTicket } from '@luot/protocol';
import { messages } from './messages.ts';

/** The phone page of a ticket: the public address (as phones reach the hub) plus the ticket's path. */
export function ticketUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

/**
 * What the printed ticket shows, from the hub's answer and the site configuration. The QR code
 * opens the phone page at the site's configured public address (set in the admin app), or at
 * `publicUrl` (this kiosk's own setting, else its hub address) when the site has none.
 */
export function buildTicketData(
  state: QueueState,
  issued: IssuedTicket,
  publicUrl: string,
): TicketData {
  const { ticket } = issued;
  const config = state.config;
  const priority = config.priorityClasses.find((p) => p.id === ticket.priorityClassId);
  return {
    centreName: config.site.name,
    header: config.texts.ticketHeader || undefined,
    fieldName: fieldById(state, ticket.fieldId)?.name ?? ticket.fieldId,
    label: ticket.label,
    priorityName: priority ? `${messages.priorityPrefix}${priority.name}` : null,
    // A booked or remote number says so under the number ("Lịch hẹn 09:30", "Lấy số trực tuyến").
    ...(ticket.origin ? { origin: ticket.origin } : {}),
    ...(ticket.slotAt !== undefined ? { slotAt: ticket.slotAt } : {}),
    issuedAt: ticket.issuedAt,
    timeZone: config.site.timeZone,
    ahead: issued.ahead,
    estimatedWaitMinutes: issued.estimatedWaitMinutes,
    qrUrl: ticketUrl(phoneBaseUrl(config) ?? publicUrl, issued.path),
    footer: config.texts.ticketFooter,
  };
}
