import type { QueueEvent } from './events.ts';
import {
  counterState,
  initialState,
  isDueBooking,
  own,
  RECENT_SERVICE_SAMPLES,
  type CounterState,
  type QueueState,
  type Ticket,
} from './state.ts';

function withTicket(state: QueueState, id: string, patch: Partial<Ticket>): QueueState {
  const ticket = own(state.tickets, id);
  if (!ticket) return state;
  return { ...state, tickets: { ...state.tickets, [id]: { ...ticket, ...patch } } };
}

function withCounter(state: QueueState, id: string, patch: Partial<CounterState>): QueueState {
  return {
    ...state,
    counters: { ...state.counters, [id]: { ...counterState(state, id), ...patch } },
  };
}

/** Counters whose current ticket is `ticketId` let go of it. */
function releaseTicket(state: QueueState, ticketId: string): QueueState {
  let next = state;
  for (const c of Object.values(state.counters))
    if (c.currentTicketId === ticketId) next = withCounter(next, c.id, { currentTicketId: null });
  return next;
}

/**
 * Applies one event to the state. Pure and total: the hub folds stored events through it to
 * restore a day, and clients fold broadcast events through it to follow the queue.
 */
export function evolve(state: QueueState, event: QueueEvent): QueueState {
  switch (event.type) {
    case 'ticket.issued': {
      const t = event.ticket;
      return {
        ...state,
        tickets: { ...state.tickets, [t.id]: t },
        lastNumber: { ...state.lastNumber, [t.fieldId]: t.number },
        issuedCount: {
          ...state.issuedCount,
          [t.fieldId]: (own(state.issuedCount, t.fieldId) ?? 0) + 1,
        },
      };
    }
    case 'ticket.called': {
      const ticket = own(state.tickets, event.ticketId);
      if (!ticket) return state;
      const counter = counterState(state, event.counterId);
      const next = withTicket(state, event.ticketId, {
        status: 'called',
        calledAt: event.at,
        startedAt: null,
        finishedAt: null,
        counterId: event.counterId,
        clerkId: event.clerkId,
        assignedCounterId: null,
        callCount: ticket.callCount + 1,
      });
      return withCounter(next, event.counterId, {
        currentTicketId: event.ticketId,
        priorityStreak: ticket.priorityClassId ? counter.priorityStreak + 1 : 0,
        bookingStreak: isDueBooking(ticket, event.at) ? (counter.bookingStreak ?? 0) + 1 : 0,
      });
    }
    case 'ticket.recalled': {
      const ticket = own(state.tickets, event.ticketId);
      return ticket ? withTicket(state, ticket.id, { callCount: ticket.callCount + 1 }) : state;
    }
    case 'ticket.started':
      return withTicket(state, event.ticketId, { status: 'serving', startedAt: event.at });
    case 'ticket.finished': {
      const ticket = own(state.tickets, event.ticketId);
      if (!ticket) return state;
      let next = withTicket(
        state,
        ticket.id,
        event.dossier
          ? { status: 'done', finishedAt: event.at, dossier: event.dossier }
          : { status: 'done', finishedAt: event.at },
      );
      next = withCounter(next, event.counterId, {
        currentTicketId: null,
        lastFinishedTicketId: ticket.id,
      });
      if (ticket.startedAt !== null) {
        const samples = [
          ...(own(next.recentServiceMs, ticket.fieldId) ?? []),
          event.at - ticket.startedAt,
        ];
        next = {
          ...next,
          recentServiceMs: {
            ...next.recentServiceMs,
            [ticket.fieldId]: samples.slice(-RECENT_SERVICE_SAMPLES),
          },
        };
      }
      return next;
    }
    case 'ticket.no_show':
      return withCounter(
        withTicket(state, event.ticketId, { status: 'no_show' }),
        event.counterId,
        {
          currentTicketId: null,
        },
      );
    case 'ticket.transferred': {
      const ticket = own(state.tickets, event.ticketId);
      if (!ticket) return state;
      const next = withTicket(state, ticket.id, {
        status: 'waiting',
        fieldId: event.toFieldId,
        assignedCounterId: event.toCounterId,
        waitingSince: event.at,
        calledAt: null,
        startedAt: null,
        counterId: null,
        clerkId: null,
        transferCount: ticket.transferCount + 1,
      });
      return event.counterId === null
        ? next
        : withCounter(next, event.counterId, { currentTicketId: null });
    }
    case 'ticket.cancelled':
      return releaseTicket(
        withTicket(state, event.ticketId, { status: 'cancelled' }),
        event.ticketId,
      );
    case 'ticket.expired':
      return releaseTicket(
        withTicket(state, event.ticketId, { status: 'expired' }),
        event.ticketId,
      );
    case 'ticket.arrived':
      return withTicket(state, event.ticketId, { awaitingArrival: false });
    case 'ticket.rated':
      return withTicket(state, event.ticketId, { rating: event.score });
    case 'counter.opened':
      return withCounter(state, event.counterId, {
        status: 'open',
        clerkId: event.clerkId,
        since: event.at,
        priorityStreak: 0,
        // A new shift's rating pad must not rate the previous clerk's last citizen.
        lastFinishedTicketId: null,
        pauseReason: null,
      });
    case 'counter.closed':
      return withCounter(state, event.counterId, {
        status: 'closed',
        clerkId: null,
        currentTicketId: null,
        since: event.at,
        pauseReason: null,
      });
    case 'counter.paused':
      return withCounter(state, event.counterId, {
        status: 'paused',
        since: event.at,
        pauseReason: event.reason,
      });
    case 'counter.resumed':
      return withCounter(state, event.counterId, {
        status: 'open',
        since: event.at,
        pauseReason: null,
      });
    case 'day.opened':
      return initialState(state.config, event.day, event.at);
    case 'config.updated': {
      const counters: Record<string, CounterState> = {};
      for (const c of event.config.counters) counters[c.id] = counterState(state, c.id);
      return { ...state, config: event.config, counters };
    }
  }
}

/** Folds events over a state. */
export function evolveAll(state: QueueState, events: readonly QueueEvent[]): QueueState {
  return events.reduce(evolve, state);
}

/**
 * The tickets an event may change: `evolve` leaves every other ticket as it was (the
 * contract `evolveOwned` relies on; evolve.test.ts checks it for every event type).
 * `day.opened` replaces all of them and is not covered.
 */
export function ticketIdsOf(event: QueueEvent): string[] {
  if (event.type === 'ticket.issued') return [event.ticket.id];
  return 'ticketId' in event ? [event.ticketId] : [];
}

/**
 * `evolveAll` for a state with one owner that keeps no older version of it (the hub): the
 * tickets map is updated in place — O(1) per event instead of a copy of every ticket of the
 * day — while tickets, counters and every other part are replaced as `evolve` replaces them.
 * Returns a new state object whose `tickets` is the input's (changed); the input must not be
 * used afterwards. Equal to `evolveAll(state, events)`.
 */
export function evolveOwned(state: QueueState, events: readonly QueueEvent[]): QueueState {
  let current = state;
  for (const event of events) {
    if (event.type === 'day.opened') {
      current = evolve(current, event);
      continue;
    }
    // Evolve a slice holding only the tickets the event may change, then put them back.
    const ids = ticketIdsOf(event);
    const slice: Record<string, Ticket> = {};
    for (const id of ids) {
      const ticket = own(current.tickets, id);
      if (ticket) slice[id] = ticket;
    }
    const next = evolve({ ...current, tickets: slice }, event);
    const tickets = current.tickets;
    for (const id of ids) {
      const ticket = own(next.tickets, id);
      // Defined, not assigned: an id such as `__proto__` stays an entry, never a prototype.
      if (ticket)
        Object.defineProperty(tickets, id, {
          value: ticket,
          writable: true,
          enumerable: true,
          configurable: true,
        });
    }
    current = { ...next, tickets };
  }
  return current;
}
