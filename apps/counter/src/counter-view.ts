import { callOrder, pickNext, type QueueState, type Ticket } from '@luot/domain';

/** The actions a clerk has, in the order of their buttons and shortcut keys. */
export const ACTIONS = [
  'callNext',
  'recall',
  'start',
  'finish',
  'noShow',
  'transfer',
  'callNumber',
  'pauseResume',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The shortcut key of each action (KeyboardEvent.key). Function keys never type text. */
export const SHORTCUTS: Record<Action, string> = {
  callNext: 'F1',
  recall: 'F2',
  start: 'F3',
  finish: 'F4',
  noShow: 'F5',
  transfer: 'F6',
  callNumber: 'F7',
  pauseResume: 'F8',
};

/** The action bound to a key, if any. */
export function actionForKey(key: string): Action | null {
  return ACTIONS.find((a) => SHORTCUTS[a] === key) ?? null;
}

/** Whether a ticket may be called by this counter: in one of its fields, or transferred to it. */
export function callableBy(state: QueueState, counterId: string, ticket: Ticket): boolean {
  const counter = state.config.counters.find((c) => c.id === counterId);
  if (!counter) return false;
  return (
    ticket.assignedCounterId === counterId ||
    (ticket.assignedCounterId === null && counter.fieldIds.includes(ticket.fieldId))
  );
}

/** The counter's current ticket (called or in service), or null. */
export function currentTicket(state: QueueState, counterId: string): Ticket | null {
  const id = state.counters[counterId]?.currentTicketId;
  return id ? (state.tickets[id] ?? null) : null;
}

/** Waiting tickets this counter may call, in call order (priority first, then longest held). */
export function waitingHere(state: QueueState, counterId: string): Ticket[] {
  return Object.values(state.tickets)
    .filter((t) => t.status === 'waiting' && callableBy(state, counterId, t))
    .sort(callOrder);
}

/** No-show tickets this counter may call again, the most recently called first. */
export function noShowsHere(state: QueueState, counterId: string): Ticket[] {
  return Object.values(state.tickets)
    .filter((t) => t.status === 'no_show' && callableBy(state, counterId, t))
    .sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0));
}

/** Tickets finished at this counter today, the latest first. */
export function servedHere(state: QueueState, counterId: string): Ticket[] {
  return Object.values(state.tickets)
    .filter((t) => t.status === 'done' && t.counterId === counterId)
    .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0));
}

/** The ticket "call next" would give this counter now, for the "next" mark in the list. */
export function nextFor(state: QueueState, counterId: string): Ticket | null {
  return pickNext(state, counterId);
}

export interface ClerkFigures {
  served: number;
  /** Mean of finishedAt − startedAt, in milliseconds; null when nothing was timed. */
  meanServiceMs: number | null;
  meanRating: number | null;
  ratings: number;
}

/** A clerk's own results today: tickets they finished, their mean service time and rating. */
export function clerkFigures(state: QueueState, clerkId: string): ClerkFigures {
  const mine = Object.values(state.tickets).filter(
    (t) => t.status === 'done' && t.clerkId === clerkId,
  );
  const timed = mine.filter((t) => t.startedAt !== null && t.finishedAt !== null);
  const rated = mine.filter((t) => t.rating !== null);
  return {
    served: mine.length,
    meanServiceMs:
      timed.length === 0
        ? null
        : timed.reduce((sum, t) => sum + (t.finishedAt! - t.startedAt!), 0) / timed.length,
    meanRating:
      rated.length === 0 ? null : rated.reduce((sum, t) => sum + t.rating!, 0) / rated.length,
    ratings: rated.length,
  };
}

/**
 * Which actions the hub would accept now, so buttons can say so before the clerk tries.
 * Mirrors the domain's rules: a called ticket must be started, marked absent or transferred
 * before the next call; finishing needs a ticket in service; a paused counter calls no one.
 */
export function availableActions(state: QueueState, counterId: string): Record<Action, boolean> {
  const counter = state.counters[counterId];
  const open = counter?.status === 'open';
  const paused = counter?.status === 'paused';
  const current = currentTicket(state, counterId);
  const called = current?.status === 'called';
  const serving = current?.status === 'serving';
  const free = !current || serving;
  return {
    callNext: open && free,
    recall: called,
    start: called,
    finish: serving,
    noShow: called,
    transfer: called || serving,
    callNumber: open && free,
    pauseResume: open || paused,
  };
}
