import type { Dossier } from './dossier.ts';
import type { QueueEvent } from './events.ts';
import type { CounterState, QueueState, Ticket } from './state.ts';

/**
 * Who a view of the queue is for:
 * - `staff` (supervisors, admins): everything;
 * - `clerk`: no free-text reasons (transfer, cancel, pause), which the counter app never shows;
 *   usernames stay, since a clerk's screen finds its own counter and figures by them;
 * - `device` (kiosks, lobby boards, counter signs, rating pads): no free-text reasons and no
 *   clerk usernames. A clerk's username becomes '' (a clerk is there, not who), a reason ''.
 *
 * The one place where what each audience may see is decided: the hub sends snapshots and
 * events through it, and clients fold the redacted events with `evolve` as they are.
 */
export type Audience = 'staff' | 'clerk' | 'device';

/** What replaces a clerk's username in a device's view; null (no clerk) stays null. */
export const HIDDEN_CLERK = '';
/** What replaces a free-text reason outside the staff view. */
export const HIDDEN_REASON = '';

function clerk<T extends string | null>(audience: Audience, clerkId: T): T {
  return audience === 'device' && clerkId !== null ? (HIDDEN_CLERK as T) : clerkId;
}

/** One queue event as `audience` may see it; the same object when nothing is hidden. */
export function eventFor(audience: Audience, event: QueueEvent): QueueEvent {
  if (audience === 'staff') return event;
  switch (event.type) {
    case 'ticket.issued':
      return { ...event, ticket: ticketFor(audience, event.ticket) };
    case 'ticket.transferred':
    case 'ticket.cancelled':
    case 'counter.paused':
      return { ...event, clerkId: clerk(audience, event.clerkId), reason: HIDDEN_REASON };
    case 'counter.opened':
      return { ...event, clerkId: clerk(audience, event.clerkId) };
    case 'ticket.finished':
      return audience === 'clerk' && !event.dossier?.reason
        ? event
        : {
            ...event,
            clerkId: clerk(audience, event.clerkId),
            dossier: dossierFor(audience, event.dossier ?? null),
          };
    case 'ticket.called':
    case 'ticket.recalled':
    case 'ticket.started':
    case 'ticket.no_show':
    case 'ticket.rated':
    case 'counter.closed':
    case 'counter.resumed':
      return audience === 'device' ? { ...event, clerkId: clerk(audience, event.clerkId) } : event;
    case 'ticket.expired':
    case 'ticket.arrived':
    case 'day.opened':
    case 'config.updated':
      return event;
  }
}

function ticketFor(audience: Audience, ticket: Ticket): Ticket {
  let seen = ticket;
  if (ticket.dossier) {
    const { dossier, ...rest } = ticket;
    const shown = dossierFor(audience, dossier);
    seen = shown ? { ...rest, dossier: shown } : rest;
  }
  return audience === 'device' && seen.clerkId !== null ? { ...seen, clerkId: HIDDEN_CLERK } : seen;
}

/** A visit's dossier: devices see none; clerks see codes and outcome, not a refusal's reason. */
function dossierFor(audience: Audience, dossier: Dossier | null): Dossier | null {
  if (dossier === null || audience === 'staff') return dossier;
  if (audience === 'device') return null;
  return dossier.reason === null ? dossier : { ...dossier, reason: HIDDEN_REASON };
}

function counterFor(audience: Audience, counter: CounterState): CounterState {
  if (audience === 'staff') return counter;
  return {
    ...counter,
    clerkId: clerk(audience, counter.clerkId),
    pauseReason: counter.pauseReason === null ? null : HIDDEN_REASON,
  };
}

/** The queue state as `audience` may see it (a copy; the input is not changed). */
export function stateFor(audience: Audience, state: QueueState): QueueState {
  if (audience === 'staff') return state;
  const tickets = Object.create(null) as Record<string, Ticket>;
  for (const [id, t] of Object.entries(state.tickets)) tickets[id] = ticketFor(audience, t);
  const counters = Object.create(null) as Record<string, CounterState>;
  for (const [id, c] of Object.entries(state.counters)) counters[id] = counterFor(audience, c);
  return { ...state, tickets, counters };
}
