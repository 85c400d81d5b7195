import {
  callOrder,
  currentTicket,
  moveTargets,
  own,
  type QueueState,
  type Ticket,
} from '@luot/domain';

/** An action a supervisor may start from the dashboard; the dialog asks for the rest. */
export type SupervisorAction =
  | { kind: 'close'; counterId: string }
  | { kind: 'release'; counterId: string }
  | { kind: 'signOut'; counterId: string; clerkId: string }
  | { kind: 'recall'; counterId: string }
  | { kind: 'cancel'; ticketId: string }
  | { kind: 'move'; ticketId: string };

/**
 * What the counter row's menu offers: nothing for a closed counter; close, release and sign the
 * clerk out for an open or paused one (the hub says why when one cannot apply, e.g. closing a
 * counter that holds a ticket); recall and cancel only while it holds a called ticket, cancel
 * while it serves one.
 */
export function counterActions(state: QueueState, counterId: string): SupervisorAction[] {
  const live = own(state.counters, counterId);
  if (!live || live.status === 'closed') return [];
  const actions: SupervisorAction[] = [];
  const ticket = currentTicket(state, counterId);
  if (ticket?.status === 'called') actions.push({ kind: 'recall', counterId });
  if (ticket) actions.push({ kind: 'cancel', ticketId: ticket.id });
  actions.push({ kind: 'release', counterId }, { kind: 'close', counterId });
  if (live.clerkId) actions.push({ kind: 'signOut', counterId, clerkId: live.clerkId });
  return actions;
}

export interface WaitingRow {
  ticket: Ticket;
  fieldName: string;
  /** The counter it was moved or transferred to, by name; only that counter may call it. */
  forCounter: string | null;
  waitMs: number;
}

/**
 * Waiting and absent tickets, waiting first in call order (priority, then who took a number
 * first), absent ones after; optionally of one field.
 */
export function waitingRows(state: QueueState, now: number, fieldId: string | null): WaitingRow[] {
  const names = new Map(state.config.fields.map((f) => [f.id, f.name]));
  const counters = new Map(state.config.counters.map((c) => [c.id, c.name]));
  return Object.values(state.tickets)
    .filter(
      (t) =>
        (t.status === 'waiting' || t.status === 'no_show') && (!fieldId || t.fieldId === fieldId),
    )
    .sort((a, b) => (a.status === b.status ? callOrder(a, b) : a.status === 'waiting' ? -1 : 1))
    .map((ticket) => ({
      ticket,
      fieldName: names.get(ticket.fieldId) ?? ticket.fieldId,
      forCounter: ticket.assignedCounterId
        ? (counters.get(ticket.assignedCounterId) ?? null)
        : null,
      waitMs: Math.max(0, now - ticket.issuedAt),
    }));
}

export interface MoveOption {
  /** `field:<id>` or `counter:<id>`, the select's value. */
  value: string;
  label: string;
  /** A note shown beside the target: no counter open for the field, the counter closed. */
  note: 'noCounterOpen' | 'counterClosed' | null;
}

/** The targets a ticket may be moved to (`moveTargets` in the domain), labelled. */
export function moveOptions(
  state: QueueState,
  ticket: Ticket,
): { fields: MoveOption[]; counters: MoveOption[] } {
  const targets = moveTargets(state, ticket);
  const openFor = (fieldId: string) =>
    state.config.counters.some(
      (c) => c.fieldIds.includes(fieldId) && own(state.counters, c.id)?.status === 'open',
    );
  return {
    fields: targets.fields.map((f) => ({
      value: `field:${f.id}`,
      label: f.name,
      note: openFor(f.id) ? null : 'noCounterOpen',
    })),
    counters: targets.counters.map((c) => ({
      value: `counter:${c.id}`,
      label: c.name,
      note: own(state.counters, c.id)?.status === 'closed' ? 'counterClosed' : null,
    })),
  };
}

/** The payload target of a select value from `moveOptions`. */
export function targetOf(value: string): { fieldId: string } | { counterId: string } | null {
  if (value.startsWith('field:')) return { fieldId: value.slice(6) };
  if (value.startsWith('counter:')) return { counterId: value.slice(8) };
  return null;
}
