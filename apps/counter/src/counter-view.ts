import {
  callableBy,
  canDecide,
  inQueueOf,
  pickNext,
  placeOrder,
  type CounterConfig,
  type DomainErrorCode,
  type FieldConfig,
  type QueueCommand,
  type QueueState,
  type Ticket,
} from '@luot/domain';

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

/**
 * Waiting tickets in this counter's queue at `now`, in the order they are called (due bookings,
 * then priority, then longest held), remote numbers awaiting their check-in among them in
 * their place (listed, not callable).
 */
export function waitingHere(state: QueueState, counterId: string, now: number): Ticket[] {
  return Object.values(state.tickets)
    .filter((t) => t.status === 'waiting' && inQueueOf(state, counterId, t))
    .sort((a, b) => placeOrder(a, b, now));
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
export function nextFor(state: QueueState, counterId: string, now: number): Ticket | null {
  return pickNext(state, counterId, now);
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

/** Who asks the domain "may I": the clerk signed in at the counter, at the hub's time. */
export interface Asker {
  clerkId: string;
  now: number;
}

/**
 * Refusals an action's button still lets through to the hub, whose answer says them plainly:
 * "call next" with nobody waiting is offered, and the hub answers that nobody waits.
 */
const LET_THROUGH: readonly DomainErrorCode[] = ['NOTHING_WAITING'];

function offered(state: QueueState, commands: QueueCommand[], now: number): boolean {
  return commands.some((command) => {
    const verdict = canDecide(state, command, { now });
    return verdict.ok || LET_THROUGH.includes(verdict.error.code);
  });
}

/** Where the current ticket may be transferred: the fields and counters the domain accepts. */
export function transferTargets(
  state: QueueState,
  counterId: string,
  { clerkId, now }: Asker,
): { fields: FieldConfig[]; counters: CounterConfig[] } {
  const accepts = (to: { fieldId: string } | { counterId: string }) =>
    canDecide(state, { type: 'transfer', counterId, clerkId, to, reason: '' }, { now }).ok;
  return {
    fields: state.config.fields.filter((f) => accepts({ fieldId: f.id })),
    counters: state.config.counters.filter((c) => accepts({ counterId: c.id })),
  };
}

/** The commands each action may send now; an action is offered when the domain accepts one. */
function commandsFor(
  action: Exclude<Action, 'transfer'>,
  state: QueueState,
  counterId: string,
  clerkId: string,
): QueueCommand[] {
  const by = { counterId, clerkId };
  switch (action) {
    case 'callNext':
      return [{ type: 'callNext', ...by }];
    case 'finish':
      // Guidance without codes satisfies every dossier setting: the finish step asks the rest.
      return [{ type: 'finish', dossier: { codes: [], outcome: 'guidance', reason: null }, ...by }];
    case 'recall':
    case 'start':
    case 'noShow':
      return [{ type: action, ...by }];
    case 'callNumber': {
      // Each listed ticket; with none listed, whether this counter may call at all (the
      // dialog then says there is nobody to call).
      const listed = [
        // Any order will do: an action is offered when one of its commands is accepted.
        ...waitingHere(state, counterId, 0).filter((t) => callableBy(state, counterId, t)),
        ...noShowsHere(state, counterId),
      ];
      return listed.length > 0
        ? listed.map((t): QueueCommand => ({ type: 'callTicket', ticketId: t.id, ...by }))
        : [{ type: 'callNext', ...by }];
    }
    case 'pauseResume':
      return [
        state.counters[counterId]?.status === 'paused'
          ? { type: 'resume', ...by }
          : { type: 'pause', reason: '', ...by },
      ];
  }
}

/**
 * Which actions the hub would accept now from this clerk, so buttons can say so before the
 * clerk tries. Each answer is the domain's own (`canDecide`), the rule the hub applies.
 */
export function availableActions(
  state: QueueState,
  counterId: string,
  asker: Asker,
): Record<Action, boolean> {
  const may = (action: Exclude<Action, 'transfer'>) =>
    offered(state, commandsFor(action, state, counterId, asker.clerkId), asker.now);
  const targets = transferTargets(state, counterId, asker);
  return {
    callNext: may('callNext'),
    recall: may('recall'),
    start: may('start'),
    finish: may('finish'),
    noShow: may('noShow'),
    transfer: targets.fields.length + targets.counters.length > 0,
    callNumber: may('callNumber'),
    pauseResume: may('pauseResume'),
  };
}
