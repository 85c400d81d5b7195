import {
  countsAhead,
  placesAmong,
  ticketIdsOf,
  type QueueEvent,
  type QueueState,
  type Ticket,
} from '@luot/domain';

export type WaitingIndex = ReturnType<typeof createWaitingIndex>;

/**
 * The waiting tickets of each field, kept current from committed events, so a place in the
 * queue is counted over the field's waiting tickets rather than over every ticket of the day
 * (the same answer as the domain's `peopleAhead`, without the scan).
 */
export function createWaitingIndex(state: QueueState) {
  const byField = new Map<string, Map<string, Ticket>>();
  const fieldOf = new Map<string, string>();

  const drop = (ticketId: string) => {
    const fieldId = fieldOf.get(ticketId);
    if (fieldId === undefined) return;
    byField.get(fieldId)?.delete(ticketId);
    fieldOf.delete(ticketId);
  };
  const put = (ticket: Ticket) => {
    let field = byField.get(ticket.fieldId);
    if (!field) byField.set(ticket.fieldId, (field = new Map()));
    field.set(ticket.id, ticket);
    fieldOf.set(ticket.id, ticket.fieldId);
  };
  const rebuild = (s: QueueState) => {
    byField.clear();
    fieldOf.clear();
    for (const ticket of Object.values(s.tickets)) if (ticket.status === 'waiting') put(ticket);
  };
  rebuild(state);

  return {
    /** Rebuilds the index from a state (after a rollback). */
    reset: rebuild,
    /** Brings the index up to date after `events` were applied; `after` is the state after them. */
    apply(after: QueueState, events: readonly QueueEvent[]): void {
      if (events.some((e) => e.type === 'day.opened')) return rebuild(after);
      for (const event of events)
        for (const id of ticketIdsOf(event)) {
          drop(id);
          const ticket = after.tickets[id];
          if (ticket?.status === 'waiting') put(ticket);
        }
    },
    /** How many waiting tickets of its field are counted ahead of a ticket at `now` (0 unless it waits). */
    ahead(ticket: Ticket, now: number): number {
      if (ticket.status !== 'waiting') return 0;
      let ahead = 0;
      for (const other of byField.get(ticket.fieldId)?.values() ?? [])
        if (countsAhead(other, ticket, now)) ahead++;
      return ahead;
    },
    /** Places ahead of every waiting ticket in some fields at `now`, by ticket id. */
    places(fieldIds: Iterable<string>, now: number): Map<string, number> {
      const result = new Map<string, number>();
      for (const fieldId of fieldIds)
        for (const [id, place] of placesAmong([...(byField.get(fieldId)?.values() ?? [])], now))
          result.set(id, place);
      return result;
    },
  };
}
