import { fieldById, phoneBaseUrl, type QueueState, type Ticket } from '@luot/domain';
import type { TicketData } from './types.ts';

/** The phone page of a ticket: the public address (as phones reach the hub) plus the ticket's path. */
export function ticketUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

/** What the hub answered for a ticket to print (`IssuedTicket` in @luot/protocol, or a desk's job). */
export interface PrintableTicket {
  ticket: Ticket;
  /** The phone page's path; empty: no QR code (a reprint). */
  path: string;
  ahead: number;
  estimatedWaitMinutes: number | null;
}

/**
 * What the printed ticket shows, from the hub's answer and the site configuration: the same for
 * the kiosk and for a reception desk's printer. The QR code opens the phone page at the site's
 * configured public address, or at `publicUrl` (the address the printing side knows) when the
 * site has none. `priorityPrefix` is the printing app's words before the class's name.
 */
export function ticketDataFor(
  state: QueueState,
  issued: PrintableTicket,
  publicUrl: string,
  options: { priorityPrefix: string; reprintedAt?: number | null },
): TicketData {
  const { ticket } = issued;
  const config = state.config;
  const priority = config.priorityClasses.find((p) => p.id === ticket.priorityClassId);
  return {
    centreName: config.site.name,
    header: config.texts.ticketHeader || undefined,
    fieldName: fieldById(state, ticket.fieldId)?.name ?? ticket.fieldId,
    label: ticket.label,
    priorityName: priority ? `${options.priorityPrefix}${priority.name}` : null,
    // A booked or remote number says so under the number ("Lịch hẹn 09:30", "Lấy số trực tuyến").
    ...(ticket.origin ? { origin: ticket.origin } : {}),
    ...(ticket.slotAt !== undefined ? { slotAt: ticket.slotAt } : {}),
    ...(options.reprintedAt != null ? { reprintedAt: options.reprintedAt } : {}),
    issuedAt: ticket.issuedAt,
    timeZone: config.site.timeZone,
    ahead: issued.ahead,
    estimatedWaitMinutes: issued.estimatedWaitMinutes,
    qrUrl: issued.path ? ticketUrl(phoneBaseUrl(config) ?? publicUrl, issued.path) : '',
    footer: config.texts.ticketFooter,
  };
}
