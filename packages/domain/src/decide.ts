import type { QueueCommand } from './commands.ts';
import { numberingCapacity, type FieldConfig } from './config.ts';
import { configChangeRefusal } from './config-change.ts';
import { checkDossier } from './dossier.ts';
import type { DomainError, DomainErrorCode } from './errors.ts';
import type { QueueEvent } from './events.ts';
import { evolveAll } from './evolve.ts';
import {
  callableBy,
  currentTicket,
  fieldAvailability,
  fieldById,
  nextNumber,
  pickNext,
  type CurrentTicket,
} from './selectors.ts';
import { FINAL_STATUSES, own, type CounterState, type QueueState, type Ticket } from './state.ts';
import { finalTicketRefusal, superviseRules } from './supervise.ts';
import { serviceDay } from './time.ts';
import { promisedWaitMinutes } from './wait-estimate.ts';

/** What the outside world lends a decision: the time and fresh ids. */
export interface DecideContext {
  now: number;
  newId: () => string;
}

export type Decision =
  { ok: true; state: QueueState; events: QueueEvent[] } | { ok: false; error: DomainError };

/** A decision without the state after it: the events, or why the command is refused. */
export type EventsDecision = { ok: true; events: QueueEvent[] } | { ok: false; error: DomainError };

type Outcome = QueueEvent[] | DomainError;

function fail(code: DomainErrorCode, detail: string): DomainError {
  return { code, detail };
}

/**
 * The queue's rules: given the state and a command, either the events it causes and the
 * state after them, or why it is refused. Pure: the clock and ids come from `ctx`.
 */
export function decide(state: QueueState, command: QueueCommand, ctx: DecideContext): Decision {
  const outcome = rules(state, command, ctx);
  if (!Array.isArray(outcome)) return { ok: false, error: outcome };
  return { ok: true, state: evolveAll(state, outcome), events: outcome };
}

/**
 * The same rules as `decide`, returning only the events: for a caller that applies them itself
 * (the hub, with `evolveOwned`), so no copy of the state is made here.
 */
export function decideEvents(
  state: QueueState,
  command: QueueCommand,
  ctx: DecideContext,
): EventsDecision {
  const outcome = rules(state, command, ctx);
  return Array.isArray(outcome) ? { ok: true, events: outcome } : { ok: false, error: outcome };
}

/** Whether `decide` would accept a command, and if not, why. */
export type Permission = { ok: true } | { ok: false; error: DomainError };

/**
 * Whether `decide` would accept the command now, without deciding it: the same rules, so a
 * client can offer or withhold an action (a button, a transfer target) exactly as the hub will
 * judge it. Ids are not drawn; the state is not changed.
 */
export function canDecide(
  state: QueueState,
  command: QueueCommand,
  ctx: Pick<DecideContext, 'now'>,
): Permission {
  const outcome = rules(state, command, { now: ctx.now, newId: () => '' });
  return Array.isArray(outcome) ? { ok: true } : { ok: false, error: outcome };
}

/** A counter that is open for this clerk; paused counters pass only when `allowPaused`. */
function clerkCounter(
  state: QueueState,
  counterId: string,
  clerkId: string,
  allowPaused = false,
): CounterState | DomainError {
  if (!state.config.counters.some((c) => c.id === counterId))
    return fail('NOT_FOUND', `no counter ${counterId}`);
  const counter = own(state.counters, counterId);
  if (!counter || counter.status === 'closed' || counter.clerkId !== clerkId)
    return fail('COUNTER_CLOSED', `counter ${counterId} is not open for ${clerkId}`);
  if (counter.status === 'paused' && !allowPaused)
    return fail('COUNTER_PAUSED', `counter ${counterId} is paused`);
  return counter;
}

function isError(value: unknown): value is DomainError {
  return typeof value === 'object' && value !== null && 'code' in value && 'detail' in value;
}

/** The counter's current ticket, if it is in one of `statuses`. */
function currentTicketIn(
  state: QueueState,
  counter: CounterState,
  statuses: CurrentTicket['status'][],
): CurrentTicket | DomainError {
  const ticket = currentTicket(state, counter.id);
  if (!ticket) return fail('INVALID_STATE', `counter ${counter.id} has no current ticket`);
  if (!statuses.includes(ticket.status))
    return fail('INVALID_STATE', `ticket ${ticket.label} is ${ticket.status}`);
  return ticket;
}

/** Events that free a counter before a new call: a ticket in service is finished by it. */
function clearForCall(
  state: QueueState,
  counter: CounterState,
  clerkId: string,
  at: number,
): QueueEvent[] | DomainError {
  const current = currentTicket(state, counter.id);
  if (!current) return [];
  if (current.status === 'serving') {
    // Calling the next finishes this visit with nothing recorded: refused where the site
    // requires a dossier, so the clerk finishes it first.
    const check = checkDossier(state.config.dossier, null);
    if (!check.ok) return check.error;
    return [
      {
        type: 'ticket.finished',
        at,
        day: state.day,
        ticketId: current.id,
        fieldId: current.fieldId,
        counterId: counter.id,
        clerkId,
        dossier: null,
      },
    ];
  }
  return fail(
    'COUNTER_BUSY',
    `ticket ${current.label} was called and not yet started, marked absent or transferred`,
  );
}

/** Why a field refuses a number of this origin: remote numbers only where offered; a booking needs its slot. */
function originRefusal(
  field: FieldConfig,
  cmd: Extract<QueueCommand, { type: 'issue' }>,
): DomainError | null {
  if (cmd.origin === 'remote' && field.online.remote === 'off')
    return fail('NOT_OFFERED', `field ${field.id} takes no remote numbers`);
  if (cmd.origin === 'booking' && cmd.slotAt === undefined)
    return fail('INVALID_ARGUMENT', 'a booked ticket needs its slot');
  if (cmd.origin !== 'booking' && cmd.slotAt !== undefined)
    return fail('INVALID_ARGUMENT', 'only a booked ticket has a slot');
  return null;
}

/**
 * The wait a new ticket is promised as it joins `state` (which does not hold it yet), stamped on
 * it so that what is printed, shown and sent at issue is what reports measure. A remote number
 * awaiting its citizen's check-in is promised nothing: it cannot be called before the citizen
 * arrives, so its wait is not the queue's to promise (null, and not measured).
 */
function promiseAtIssue(state: QueueState, ticket: Ticket, now: number): number | null {
  if (ticket.awaitingArrival === true) return null;
  return promisedWaitMinutes(state, ticket, now);
}

function rules(state: QueueState, cmd: QueueCommand, ctx: DecideContext): Outcome {
  const at = ctx.now;
  const day = state.day;
  switch (cmd.type) {
    case 'issue': {
      const field = fieldById(state, cmd.fieldId);
      if (!field) return fail('NOT_FOUND', `no field ${cmd.fieldId}`);
      if (serviceDay(at, state.config.site.timeZone) !== day)
        return fail('STALE_DAY', `service day ${day} is over`);
      if (
        cmd.priorityClassId !== null &&
        !state.config.priorityClasses.some((p) => p.id === cmd.priorityClassId)
      )
        return fail('NOT_FOUND', `no priority class ${cmd.priorityClassId}`);
      // A booked slot was promised: its ticket is issued from check-in (before the session
      // opens) and past the field's daily limit; only the numbering itself can run out.
      const availability =
        cmd.origin === 'booking'
          ? nextNumber(state, field) > numberingCapacity(field)
            ? 'SOLD_OUT'
            : 'open'
          : fieldAvailability(state, field.id, at);
      if (availability !== 'open') return fail(availability, `field ${field.id}: ${availability}`);
      const origin = originRefusal(field, cmd);
      if (origin) return origin;
      const number = nextNumber(state, field);
      const ticket: Ticket = {
        id: ctx.newId(),
        day,
        fieldId: field.id,
        originalFieldId: field.id,
        number,
        label: field.numbering.prefix + String(number).padStart(field.numbering.digits, '0'),
        priorityClassId: cmd.priorityClassId,
        status: 'waiting',
        issuedAt: at,
        issueSeq: Object.values(state.issuedCount).reduce((a, b) => a + b, 1),
        waitingSince: at,
        calledAt: null,
        startedAt: null,
        finishedAt: null,
        counterId: null,
        clerkId: null,
        assignedCounterId: null,
        callCount: 0,
        transferCount: 0,
        rating: null,
        ...(cmd.origin && { origin: cmd.origin }),
        ...(cmd.origin === 'booking' && { slotAt: cmd.slotAt! }),
        ...(cmd.origin === 'remote' &&
          field.online.remote === 'check-in' && { awaitingArrival: true }),
      };
      ticket.estimatedWaitMinutes = promiseAtIssue(state, ticket, at);
      return [{ type: 'ticket.issued', at, day, ticket }];
    }

    case 'arrive': {
      const ticket = own(state.tickets, cmd.ticketId);
      if (!ticket) return fail('NOT_FOUND', `no ticket ${cmd.ticketId}`);
      if (ticket.status !== 'waiting' || ticket.awaitingArrival !== true)
        return fail('INVALID_STATE', `ticket ${ticket.label} is not awaiting its check-in`);
      return [{ type: 'ticket.arrived', at, day, ticketId: ticket.id, fieldId: ticket.fieldId }];
    }

    case 'callNext':
    case 'callTicket': {
      const counter = clerkCounter(state, cmd.counterId, cmd.clerkId);
      if (isError(counter)) return counter;
      const before = clearForCall(state, counter, cmd.clerkId, at);
      if (isError(before)) return before;
      let ticket: Ticket | null;
      if (cmd.type === 'callNext') {
        ticket = pickNext(state, counter.id, at);
        if (!ticket) return fail('NOTHING_WAITING', `nothing waits for counter ${counter.id}`);
      } else {
        ticket = own(state.tickets, cmd.ticketId) ?? null;
        if (!ticket) return fail('NOT_FOUND', `no ticket ${cmd.ticketId}`);
        if (ticket.status !== 'waiting' && ticket.status !== 'no_show')
          return fail('INVALID_STATE', `ticket ${ticket.label} is ${ticket.status}`);
        if (ticket.awaitingArrival === true)
          return fail('NOT_ARRIVED', `ticket ${ticket.label} awaits its check-in at the kiosk`);
        if (!callableBy(state, counter.id, ticket))
          return fail(
            'INVALID_ARGUMENT',
            `ticket ${ticket.label} is not for counter ${counter.id}`,
          );
      }
      return [
        ...before,
        {
          type: 'ticket.called',
          at,
          day,
          ticketId: ticket.id,
          fieldId: ticket.fieldId,
          counterId: counter.id,
          clerkId: cmd.clerkId,
          from: ticket.status === 'no_show' ? 'no_show' : 'waiting',
        },
      ];
    }

    case 'recall':
    case 'start':
    case 'noShow': {
      const counter = clerkCounter(state, cmd.counterId, cmd.clerkId, true);
      if (isError(counter)) return counter;
      const ticket = currentTicketIn(state, counter, ['called']);
      if (isError(ticket)) return ticket;
      const type =
        cmd.type === 'recall'
          ? 'ticket.recalled'
          : cmd.type === 'start'
            ? 'ticket.started'
            : 'ticket.no_show';
      return [
        {
          type,
          at,
          day,
          ticketId: ticket.id,
          fieldId: ticket.fieldId,
          counterId: counter.id,
          clerkId: cmd.clerkId,
        },
      ];
    }

    case 'finish': {
      const counter = clerkCounter(state, cmd.counterId, cmd.clerkId, true);
      if (isError(counter)) return counter;
      const ticket = currentTicketIn(state, counter, ['serving']);
      if (isError(ticket)) return ticket;
      const check = checkDossier(state.config.dossier, cmd.dossier ?? null);
      if (!check.ok) return check.error;
      return [
        {
          type: 'ticket.finished',
          at,
          day,
          ticketId: ticket.id,
          fieldId: ticket.fieldId,
          counterId: counter.id,
          clerkId: cmd.clerkId,
          dossier: check.dossier,
        },
      ];
    }

    case 'transfer': {
      const counter = clerkCounter(state, cmd.counterId, cmd.clerkId, true);
      if (isError(counter)) return counter;
      const ticket = currentTicketIn(state, counter, ['called', 'serving']);
      if (isError(ticket)) return ticket;
      let toFieldId = ticket.fieldId;
      let toCounterId: string | null = null;
      if ('fieldId' in cmd.to) {
        if (!fieldById(state, cmd.to.fieldId))
          return fail('NOT_FOUND', `no field ${cmd.to.fieldId}`);
        if (cmd.to.fieldId === ticket.fieldId)
          return fail('INVALID_ARGUMENT', `ticket ${ticket.label} is already in that field`);
        toFieldId = cmd.to.fieldId;
      } else {
        const target = state.config.counters.find(
          (c) => c.id === (cmd.to as { counterId: string }).counterId,
        );
        if (!target) return fail('NOT_FOUND', `no counter ${cmd.to.counterId}`);
        if (target.id === counter.id)
          return fail('INVALID_ARGUMENT', 'a ticket cannot be transferred to its own counter');
        toCounterId = target.id;
        // Keep the field when the target serves it, so reports keep the procedure field;
        // otherwise the ticket joins the target counter's first field.
        if (!target.fieldIds.includes(ticket.fieldId)) toFieldId = target.fieldIds[0]!;
      }
      return [
        {
          type: 'ticket.transferred',
          at,
          day,
          ticketId: ticket.id,
          fieldId: ticket.fieldId,
          counterId: counter.id,
          clerkId: cmd.clerkId,
          toFieldId,
          toCounterId,
          reason: cmd.reason,
        },
      ];
    }

    case 'cancel': {
      const ticket = own(state.tickets, cmd.ticketId);
      if (!ticket) return fail('NOT_FOUND', `no ticket ${cmd.ticketId}`);
      const final = finalTicketRefusal(ticket);
      if (final) return final;
      return [
        {
          type: 'ticket.cancelled',
          at,
          day,
          ticketId: ticket.id,
          fieldId: ticket.fieldId,
          counterId: cmd.counterId ?? ticket.counterId,
          clerkId: cmd.clerkId ?? null,
          reason: cmd.reason,
        },
      ];
    }

    case 'pause': {
      const counter = clerkCounter(state, cmd.counterId, cmd.clerkId, true);
      if (isError(counter)) return counter;
      if (counter.status === 'paused') return fail('INVALID_STATE', 'counter is already paused');
      return [
        {
          type: 'counter.paused',
          at,
          day,
          counterId: counter.id,
          clerkId: cmd.clerkId,
          reason: cmd.reason,
        },
      ];
    }

    case 'resume': {
      const counter = clerkCounter(state, cmd.counterId, cmd.clerkId, true);
      if (isError(counter)) return counter;
      if (counter.status !== 'paused') return fail('INVALID_STATE', 'counter is not paused');
      return [{ type: 'counter.resumed', at, day, counterId: counter.id, clerkId: cmd.clerkId }];
    }

    case 'openCounter': {
      if (!state.config.counters.some((c) => c.id === cmd.counterId))
        return fail('NOT_FOUND', `no counter ${cmd.counterId}`);
      const counter = own(state.counters, cmd.counterId)!;
      if (counter.status !== 'closed') {
        if (counter.clerkId === cmd.clerkId) return [];
        return fail('COUNTER_BUSY', `counter ${counter.id} is open for another clerk`);
      }
      const events: QueueEvent[] = [];
      // A clerk works at one counter at a time: signing in elsewhere closes the old one.
      for (const other of Object.values(state.counters)) {
        if (other.clerkId !== cmd.clerkId || other.status === 'closed') continue;
        if (other.currentTicketId)
          return fail('COUNTER_BUSY', `clerk still holds a ticket at counter ${other.id}`);
        events.push({ type: 'counter.closed', at, day, counterId: other.id, clerkId: cmd.clerkId });
      }
      events.push({ type: 'counter.opened', at, day, counterId: counter.id, clerkId: cmd.clerkId });
      return events;
    }

    case 'closeCounter': {
      const counter = own(state.counters, cmd.counterId);
      if (!counter) return fail('NOT_FOUND', `no counter ${cmd.counterId}`);
      if (counter.status === 'closed') return [];
      // A clerk signing out closes only a counter they still hold.
      if (cmd.clerkId !== null && counter.clerkId !== cmd.clerkId) return [];
      if (counter.currentTicketId)
        return fail('COUNTER_BUSY', `counter ${counter.id} still holds a ticket`);
      return [{ type: 'counter.closed', at, day, counterId: counter.id, clerkId: counter.clerkId }];
    }

    case 'rate': {
      const ticket = own(state.tickets, cmd.ticketId);
      if (!ticket) return fail('NOT_FOUND', `no ticket ${cmd.ticketId}`);
      if (ticket.rating !== null) return fail('ALREADY_RATED', `ticket ${ticket.label} is rated`);
      const counter = own(state.counters, cmd.counterId);
      if (!counter || counter.lastFinishedTicketId !== ticket.id || ticket.status !== 'done')
        return fail('INVALID_STATE', `ticket ${ticket.label} is not the one just finished here`);
      if (!state.config.ratingScale.some((r) => r.score === cmd.score))
        return fail('INVALID_ARGUMENT', `score ${cmd.score} is not on the scale`);
      return [
        {
          type: 'ticket.rated',
          at,
          day,
          ticketId: ticket.id,
          fieldId: ticket.fieldId,
          counterId: counter.id,
          clerkId: ticket.clerkId,
          score: cmd.score,
        },
      ];
    }

    case 'closeDay': {
      const newDay = serviceDay(at, state.config.site.timeZone);
      if (newDay <= day) return fail('DAY_NOT_OVER', `service day ${day} is still running`);
      const events: QueueEvent[] = [];
      for (const t of Object.values(state.tickets))
        if (!FINAL_STATUSES.includes(t.status))
          events.push({ type: 'ticket.expired', at, day, ticketId: t.id, fieldId: t.fieldId });
      for (const c of Object.values(state.counters))
        if (c.status !== 'closed')
          events.push({ type: 'counter.closed', at, day, counterId: c.id, clerkId: c.clerkId });
      events.push({ type: 'day.opened', at, day: newDay, previousDay: day });
      return events;
    }

    case 'superviseClose':
    case 'releaseCounter':
    case 'signOutClerk':
    case 'superviseRecall':
    case 'moveTicket':
      return superviseRules(state, cmd, at);

    case 'updateConfig': {
      const refusal = configChangeRefusal(state, cmd.config, at);
      if (refusal) return fail('INVALID_CONFIG', refusal);
      return [{ type: 'config.updated', at, day, config: cmd.config }];
    }
  }
}
