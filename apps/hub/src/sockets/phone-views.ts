import type { PublicTicketView } from '@luot/protocol';
import type { CommittedBatch, QueueService } from '../queue-service.ts';
import type { Store } from '../store.ts';
import { publicTicketView } from '../views.ts';

/** Where a phone page's views go (its socket). */
export interface ViewSink {
  emit(event: 'ticket:view', view: PublicTicketView): void;
}

export type PhoneViews = ReturnType<typeof createPhoneViews>;

/**
 * The phone pages open on tickets: each gets its ticket's public view on connect and again
 * whenever the view may have changed, and nothing about anyone else.
 */
export function createPhoneViews(deps: { queue: QueueService; store: Store }) {
  const { queue, store } = deps;
  /** The phone pages open on each ticket. */
  const watchers = new Map<string, Set<ViewSink>>();
  /** What each watched ticket's pages were last sent, so an unchanged view is not sent again. */
  const sentViews = new Map<string, PublicTicketView>();

  /** The view of a ticket of today (from the queue) or of a past day (from the store). */
  async function view(ticketId: string): Promise<PublicTicketView | null> {
    const { state, seq } = await queue.durable();
    const today = state.tickets[ticketId];
    // Places counted in the stored state itself (the waiting index is live).
    if (today) return publicTicketView(state, today, seq);
    const past = await store.ticketSnapshot(ticketId);
    return past ? publicTicketView(state, past, seq, 0) : null;
  }

  /**
   * Sends fresh views to the pages whose ticket changed, or whose place or estimate may have:
   * a call or a waiting ticket leaving moves the others of its field up; a finished service
   * changes the field's estimate, a counter opening or closing its fields' estimates; a
   * transfer or a priority ticket can go ahead of others. A view goes out only if it differs
   * from the one the page has.
   */
  function push(batch: CommittedBatch): void {
    if (watchers.size === 0) return;
    const state = batch.after;
    let everything = false;
    const fields = new Set<string>();
    const tickets = new Set<string>();
    for (const { event } of batch.events) {
      switch (event.type) {
        case 'ticket.issued':
          if (event.ticket.priorityClassId) fields.add(event.ticket.fieldId);
          break;
        case 'ticket.called':
        case 'ticket.finished':
        case 'ticket.cancelled':
        case 'ticket.expired':
          fields.add(event.fieldId);
          break;
        case 'ticket.transferred':
          fields.add(event.toFieldId);
          break;
        case 'counter.opened':
        case 'counter.closed':
        case 'counter.paused':
        case 'counter.resumed':
          for (const f of state.config.counters.find((c) => c.id === event.counterId)?.fieldIds ??
            [])
            fields.add(f);
          break;
        case 'day.opened':
        case 'config.updated':
          everything = true;
          break;
      }
      if ('ticketId' in event) tickets.add(event.ticketId);
    }
    if (!everything && fields.size === 0 && tickets.size === 0) return;
    const ahead = queue.waiting.places(fields);
    for (const [ticketId, pages] of watchers) {
      const ticket = state.tickets[ticketId];
      if (!ticket) continue;
      if (
        !everything &&
        !tickets.has(ticketId) &&
        !(ticket.status === 'waiting' && fields.has(ticket.fieldId))
      )
        continue;
      const next = publicTicketView(
        state,
        ticket,
        queue.seq,
        ahead.get(ticketId) ?? queue.waiting.ahead(ticket),
      );
      if (!changed(ticketId, next)) continue;
      for (const page of pages) page.emit('ticket:view', next);
    }
  }

  /** Whether a view differs (sequence number aside) from the last one sent for the ticket; records it. */
  function changed(ticketId: string, next: PublicTicketView): boolean {
    const last = sentViews.get(ticketId);
    sentViews.set(ticketId, next);
    return (
      !last ||
      last.status !== next.status ||
      last.ahead !== next.ahead ||
      last.estimatedWaitMinutes !== next.estimatedWaitMinutes ||
      last.counterNumber !== next.counterNumber ||
      last.fieldName !== next.fieldName ||
      last.label !== next.label ||
      last.centreName !== next.centreName ||
      last.issuedAt !== next.issuedAt
    );
  }

  queue.onCommit(push);

  return {
    view,
    /** A page opened on a ticket: it gets the ticket's view now and whenever it changes. */
    async open(ticketId: string, page: ViewSink): Promise<void> {
      const pages = watchers.get(ticketId) ?? new Set();
      pages.add(page);
      watchers.set(ticketId, pages);
      const current = await view(ticketId);
      // The page may have closed while its view was read.
      if (current && watchers.get(ticketId)?.has(page)) {
        page.emit('ticket:view', current);
        changed(ticketId, current);
      }
    },
    /** A page closed. */
    close(ticketId: string, page: ViewSink): void {
      const pages = watchers.get(ticketId);
      pages?.delete(page);
      if (pages?.size === 0) {
        watchers.delete(ticketId);
        sentViews.delete(ticketId);
      }
    },
  };
}
