import {
  endOfDayMessageFor,
  promisedWaitMinutes,
  fieldById,
  nextOpening,
  peopleAhead,
  placesAmong,
  type QueueState,
  type Ticket,
} from '@luot/domain';
import type { PublicTicketView } from '@luot/protocol';

/**
 * The one ticket a phone page may see: its number, field, state, place and estimate, and the
 * end-of-day message once service is over, with when its field issues again (`now`: the hub's
 * clock). A ticket of a past day
 * (not in `state`) gets no message: it is expired or final.
 */
export function publicTicketView(
  state: QueueState,
  ticket: Ticket,
  seq: number,
  now: number,
  ahead?: number,
): PublicTicketView {
  const field = fieldById(state, ticket.fieldId);
  const counter = state.config.counters.find((c) => c.id === ticket.counterId);
  const waiting = ticket.status === 'waiting';
  const placesAhead = waiting ? (ahead ?? peopleAhead(state, ticket.id, now)) : 0;
  const endOfDayMessage =
    ticket.day === state.day ? endOfDayMessageFor(state, ticket.status, now) : null;
  const reopening =
    endOfDayMessage === null ? null : nextOpening(state.config, ticket.originalFieldId, now);
  return {
    centreName: state.config.site.name,
    label: ticket.label,
    fieldName: field?.name ?? ticket.fieldId,
    status: ticket.status,
    counterNumber:
      counter && (ticket.status === 'called' || ticket.status === 'serving')
        ? counter.number
        : null,
    ahead: placesAhead,
    estimatedWaitMinutes: waiting ? promisedWaitMinutes(state, ticket, now) : null,
    issuedAt: ticket.issuedAt,
    endOfDayMessage,
    reopening: reopening && { today: state.day, day: reopening.day, time: reopening.time },
    seq,
  };
}

/** Places ahead of every waiting ticket in some fields at `now`, computed once per field (not per ticket). */
export function placesAhead(
  state: QueueState,
  fieldIds: Set<string>,
  now: number,
): Map<string, number> {
  const byField = new Map<string, Ticket[]>();
  for (const t of Object.values(state.tickets)) {
    if (t.status !== 'waiting' || !fieldIds.has(t.fieldId)) continue;
    const list = byField.get(t.fieldId) ?? [];
    list.push(t);
    byField.set(t.fieldId, list);
  }
  const result = new Map<string, number>();
  for (const list of byField.values())
    for (const [id, place] of placesAmong(list, now)) result.set(id, place);
  return result;
}
