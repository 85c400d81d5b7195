import type { CounterConfig, FieldConfig } from './config.ts';
import type { DomainError, DomainErrorCode, Refusal } from './errors.ts';
import type { QueueEvent } from './events.ts';
import { currentTicket, fieldById } from './selectors.ts';
import { FINAL_STATUSES, own, type QueueState, type Ticket } from './state.ts';

/** Where a supervisor moves a ticket: another field's queue, or one counter. */
export type MoveTarget = { fieldId: string } | { counterId: string };

/**
 * What a supervisor or an admin can ask of the floor (issue 12). Closing uses `closeCounter`
 * and cancelling `cancel`, as before; these are the rest. The reason of each is written to the
 * audit trail by the hub; a move keeps it in its event too, like a clerk's transfer.
 */
export type SupervisorCommand =
  /** Close a counter nobody serves at; refused while it holds a ticket. */
  | { type: 'superviseClose'; counterId: string }
  /** Free a counter left with a ticket (see `release` below), then close it. */
  | { type: 'releaseCounter'; counterId: string; reason: string }
  /** Close every counter a clerk holds, before the hub ends the clerk's sessions. */
  | { type: 'signOutClerk'; clerkId: string }
  /** Announce a counter's called ticket again, as the clerk's recall does. */
  | { type: 'superviseRecall'; counterId: string }
  /** Move a waiting or absent ticket to another field or to a counter; it keeps its place. */
  | { type: 'moveTicket'; ticketId: string; to: MoveTarget; reason: string };

function refuse(code: DomainErrorCode, detail: string, why: Refusal): DomainError {
  return { code, detail, why };
}

function counterName(state: QueueState, counterId: string): string {
  return state.config.counters.find((c) => c.id === counterId)?.name ?? counterId;
}

/** The refusal for a counter that is unknown, closed, or holds a ticket (`closeIfIdle`). */
function counterHolding(state: QueueState, counterId: string): DomainError | null {
  const ticket = currentTicket(state, counterId);
  if (!ticket) return null;
  return refuse('COUNTER_BUSY', `counter ${counterId} still holds ${ticket.label}`, {
    kind: 'counterHolds',
    counter: counterName(state, counterId),
    label: ticket.label,
  });
}

/** A ticket that no action can change any more, or null. */
export function finalTicketRefusal(ticket: Ticket): DomainError | null {
  if (!FINAL_STATUSES.includes(ticket.status)) return null;
  return refuse('INVALID_STATE', `ticket ${ticket.label} is ${ticket.status}`, {
    kind: 'ticketFinal',
    label: ticket.label,
    status: ticket.status,
  });
}

function knownOpenCounter(
  state: QueueState,
  counterId: string,
): { config: CounterConfig } | DomainError {
  const config = state.config.counters.find((c) => c.id === counterId);
  const live = own(state.counters, counterId);
  if (!config || !live)
    return refuse('NOT_FOUND', `no counter ${counterId}`, { kind: 'noCounter' });
  if (live.status === 'closed')
    return refuse('COUNTER_CLOSED', `counter ${counterId} is closed`, {
      kind: 'counterClosed',
      counter: config.name,
    });
  return { config };
}

function isError(value: object): value is DomainError {
  return 'code' in value && 'detail' in value;
}

/**
 * Whether a supervisor may move this ticket there, and if not why: only a waiting or absent
 * ticket moves (one at a counter is released first); a field must exist, differ from the
 * ticket's own queue and be served by some counter; a counter must serve the ticket's field
 * (the ticket keeps its procedure field) and not be the one it already waits for. A closed
 * counter may be a target: the ticket waits for it, as a clerk's transfer to it would.
 */
export function moveRefusal(state: QueueState, ticket: Ticket, to: MoveTarget): DomainError | null {
  const final = finalTicketRefusal(ticket);
  if (final) return final;
  if (ticket.status === 'called' || ticket.status === 'serving')
    return refuse('INVALID_STATE', `ticket ${ticket.label} is at a counter`, {
      kind: 'ticketAtCounter',
      label: ticket.label,
      counter: counterName(state, ticket.counterId ?? ''),
    });
  if ('fieldId' in to) {
    const field = fieldById(state, to.fieldId);
    if (!field) return refuse('NOT_FOUND', `no field ${to.fieldId}`, { kind: 'noField' });
    if (field.id === ticket.fieldId && ticket.assignedCounterId === null)
      return refuse('INVALID_ARGUMENT', `ticket ${ticket.label} is already in ${field.id}`, {
        kind: 'sameField',
        label: ticket.label,
        field: field.name,
      });
    if (!state.config.counters.some((c) => c.fieldIds.includes(field.id)))
      return refuse('INVALID_ARGUMENT', `no counter serves ${field.id}`, {
        kind: 'fieldUnserved',
        field: field.name,
      });
    return null;
  }
  const counter = state.config.counters.find((c) => c.id === to.counterId);
  if (!counter) return refuse('NOT_FOUND', `no counter ${to.counterId}`, { kind: 'noCounter' });
  if (!counter.fieldIds.includes(ticket.fieldId))
    return refuse('INVALID_ARGUMENT', `counter ${counter.id} does not serve ${ticket.fieldId}`, {
      kind: 'counterNotServing',
      counter: counter.name,
      field: fieldById(state, ticket.fieldId)?.name ?? ticket.fieldId,
    });
  if (ticket.assignedCounterId === counter.id)
    return refuse('INVALID_ARGUMENT', `ticket ${ticket.label} already waits for ${counter.id}`, {
      kind: 'sameCounter',
      label: ticket.label,
      counter: counter.name,
    });
  return null;
}

/** The fields and counters a supervisor may move this ticket to, in configuration order. */
export function moveTargets(
  state: QueueState,
  ticket: Ticket,
): { fields: FieldConfig[]; counters: CounterConfig[] } {
  return {
    fields: state.config.fields.filter((f) => !moveRefusal(state, ticket, { fieldId: f.id })),
    counters: state.config.counters.filter((c) => !moveRefusal(state, ticket, { counterId: c.id })),
  };
}

/**
 * The supervisor's rules; `decide` dispatches these commands here. Returns the events, or why
 * the command is refused (with a `why` a person can be told).
 *
 * Release: a *called* ticket goes back to waiting in its field (a `ticket.transferred` to its
 * own field with no counter: it keeps its number and issue time, hence its place, since call
 * order goes by issue time); the citizen was never served and must not lose their turn. A
 * *serving* ticket is finished: the citizen was with the clerk, so they were served; calling
 * them again would announce a number whose holder has usually left. Then the counter closes.
 */
export function superviseRules(
  state: QueueState,
  cmd: SupervisorCommand,
  at: number,
): QueueEvent[] | DomainError {
  const day = state.day;
  switch (cmd.type) {
    case 'superviseClose': {
      const found = knownOpenCounter(state, cmd.counterId);
      if (isError(found)) return found;
      const holding = counterHolding(state, cmd.counterId);
      if (holding) return holding;
      const live = own(state.counters, cmd.counterId)!;
      return [{ type: 'counter.closed', at, day, counterId: cmd.counterId, clerkId: live.clerkId }];
    }

    case 'releaseCounter': {
      const found = knownOpenCounter(state, cmd.counterId);
      if (isError(found)) return found;
      const live = own(state.counters, cmd.counterId)!;
      const ticket = currentTicket(state, cmd.counterId);
      const events: QueueEvent[] = [];
      if (ticket?.status === 'called')
        events.push({
          type: 'ticket.transferred',
          at,
          day,
          ticketId: ticket.id,
          fieldId: ticket.fieldId,
          counterId: cmd.counterId,
          clerkId: null,
          toFieldId: ticket.fieldId,
          toCounterId: null,
          reason: cmd.reason,
        });
      else if (ticket?.status === 'serving')
        events.push({
          type: 'ticket.finished',
          at,
          day,
          ticketId: ticket.id,
          fieldId: ticket.fieldId,
          counterId: cmd.counterId,
          // The clerk served the citizen; reports keep the service theirs.
          clerkId: ticket.clerkId,
          // Nobody recorded what came of the visit.
          dossier: null,
        });
      events.push({
        type: 'counter.closed',
        at,
        day,
        counterId: cmd.counterId,
        clerkId: live.clerkId,
      });
      return events;
    }

    case 'signOutClerk': {
      const events: QueueEvent[] = [];
      for (const counter of Object.values(state.counters)) {
        if (counter.clerkId !== cmd.clerkId || counter.status === 'closed') continue;
        const holding = counterHolding(state, counter.id);
        if (holding) return holding;
        events.push({
          type: 'counter.closed',
          at,
          day,
          counterId: counter.id,
          clerkId: cmd.clerkId,
        });
      }
      return events;
    }

    case 'superviseRecall': {
      const found = knownOpenCounter(state, cmd.counterId);
      if (isError(found)) return found;
      const ticket = currentTicket(state, cmd.counterId);
      if (ticket?.status !== 'called')
        return refuse('INVALID_STATE', `counter ${cmd.counterId} has no called ticket`, {
          kind: 'nothingCalled',
          counter: found.config.name,
        });
      return [
        {
          type: 'ticket.recalled',
          at,
          day,
          ticketId: ticket.id,
          fieldId: ticket.fieldId,
          counterId: cmd.counterId,
          clerkId: null,
        },
      ];
    }

    case 'moveTicket': {
      const ticket = own(state.tickets, cmd.ticketId);
      if (!ticket) return refuse('NOT_FOUND', `no ticket ${cmd.ticketId}`, { kind: 'noTicket' });
      const refused = moveRefusal(state, ticket, cmd.to);
      if (refused) return refused;
      return [
        {
          type: 'ticket.transferred',
          at,
          day,
          ticketId: ticket.id,
          fieldId: ticket.fieldId,
          counterId: null,
          clerkId: null,
          toFieldId: 'fieldId' in cmd.to ? cmd.to.fieldId : ticket.fieldId,
          toCounterId: 'counterId' in cmd.to ? cmd.to.counterId : null,
          reason: cmd.reason,
        },
      ];
    }
  }
}
