import { serviceOver, type QueueState } from '@luot/domain';
import type { PublicTicketView } from '@luot/protocol';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
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
 * whenever the view may have changed, and nothing about anyone else. Besides queue events, the
 * end of the day's service (`serviceOver`) changes every waiting ticket's view: it is checked
 * after each batch and on `tick` (the hub's clock passing the last session's end).
 */
export function createPhoneViews(deps: {
  queue: QueueService;
  store: Store;
  clock: Clock;
  log: Pick<Logger, 'error'>;
}) {
  const { queue, store, clock, log } = deps;
  /** The phone pages open on each ticket. */
  const watchers = new Map<string, Set<ViewSink>>();
  /** What each watched ticket's pages were last sent, so an unchanged view is not sent again. */
  const sentViews = new Map<string, PublicTicketView>();
  /** Whether service was over when the pages were last refreshed. */
  let over = serviceOver(queue.live, clock.now());

  /** Whether the service-over answer changed since the last refresh; records the new one. */
  function overChanged(state: QueueState): boolean {
    const now = serviceOver(state, clock.now());
    if (now === over) return false;
    over = now;
    return true;
  }

  /** The view of a ticket of today (from the queue) or of a past day (from the store). */
  async function view(ticketId: string): Promise<PublicTicketView | null> {
    const { state, seq } = await queue.durable();
    const today = state.tickets[ticketId];
    // Places counted in the stored state itself (the waiting index is live).
    if (today) return publicTicketView(state, today, seq, clock.now());
    const past = await store.ticketSnapshot(ticketId);
    return past ? publicTicketView(state, past, seq, clock.now(), 0) : null;
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
    // A counter closing after the last session can end the day for every field at once.
    let everything = overChanged(state);
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
    refresh(state, everything, fields, tickets);
  }

  /** Sends the changed views of the watched tickets the batch (or the clock) may have changed. */
  function refresh(
    state: QueueState,
    everything: boolean,
    fields: Set<string>,
    tickets: Set<string>,
  ): void {
    const now = clock.now();
    const ahead = queue.waiting.places(fields, now);
    for (const [ticketId, pages] of watchers) {
      const ticket = state.tickets[ticketId];
      if (!ticket) {
        // Gone from today's state: the day just closed and expired it (midnight). Its page is
        // told now, from the stored ticket, not at its next reload.
        if (tickets.has(ticketId))
          sendStored(ticketId).catch((err: unknown) =>
            log.error({ err }, 'sending a closed ticket to its phone pages failed'),
          );
        continue;
      }
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
        now,
        ahead.get(ticketId) ?? queue.waiting.ahead(ticket, now),
      );
      if (!changed(ticketId, next)) continue;
      for (const page of pages) page.emit('ticket:view', next);
    }
  }

  /** Sends a ticket's stored view to its pages still open, if it changed. */
  async function sendStored(ticketId: string): Promise<void> {
    const current = await view(ticketId);
    const pages = watchers.get(ticketId);
    if (!current || !pages || !changed(ticketId, current)) return;
    for (const page of pages) page.emit('ticket:view', current);
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
      last.issuedAt !== next.issuedAt ||
      last.endOfDayMessage !== next.endOfDayMessage ||
      last.reopening?.day !== next.reopening?.day ||
      last.reopening?.time !== next.reopening?.time
    );
  }

  queue.onCommit(push);

  return {
    view,
    /**
     * Called as the hub's clock moves (with the day rollover's check): when the last session
     * has just ended with no counter open, every waiting ticket's page is told at once.
     */
    tick(): void {
      const state = queue.live;
      if (!overChanged(state) || watchers.size === 0) return;
      refresh(state, true, new Set(), new Set());
    },
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
