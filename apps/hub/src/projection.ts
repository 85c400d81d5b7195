import type { QueueEvent, Ticket } from '@luot/domain';
import type { AppendContext, RowChange, VisitOutcome } from './store.ts';

const VISIT_END: Partial<Record<QueueEvent['type'], VisitOutcome>> = {
  'ticket.finished': 'done',
  'ticket.no_show': 'no_show',
  'ticket.transferred': 'transferred',
  'ticket.cancelled': 'cancelled',
  'ticket.expired': 'expired',
};

/**
 * Turns queue events into the report rows they change (`tickets`, `services`), so the store
 * writes rows and never applies queue rules. It remembers when each of the day's tickets was
 * marked absent, since a visit called from the absent list waited from then; `observe` feeds
 * it the day's stored events after a restart.
 */
export function createProjection() {
  /** When each ticket of the day last became a no-show. */
  const absentSince = new Map<string, number>();

  function observe(event: QueueEvent): void {
    if (event.type === 'day.opened') absentSince.clear();
    else if (event.type === 'ticket.no_show') absentSince.set(event.ticketId, event.at);
  }

  /**
   * The rows one event changes, given the ticket it concerns just before (`prior`) and just
   * after it (`after`); also observes the event.
   */
  function rows(
    event: QueueEvent,
    prior: Ticket | undefined,
    after: Ticket | undefined,
    ctx: AppendContext,
  ): RowChange[] {
    const result = rowsOf(event, prior, after, ctx);
    observe(event);
    return result;
  }

  function rowsOf(
    event: QueueEvent,
    prior: Ticket | undefined,
    after: Ticket | undefined,
    ctx: AppendContext,
  ): RowChange[] {
    if (event.type === 'ticket.issued')
      return [
        {
          kind: 'ticket.insert',
          ticket: event.ticket,
          tokenHash: ctx.tokenHash ?? null,
          issuedBy: ctx.actor,
          requestKey: ctx.requestKey ?? null,
        },
      ];
    if (event.type === 'config.updated')
      return [{ kind: 'config', config: event.config, at: event.at }];
    if (!('ticketId' in event) || !prior || !after) return [];
    const rows: RowChange[] = [];
    const outcome = VISIT_END[event.type];
    if (outcome)
      rows.push({
        kind: 'visit.end',
        ticketId: after.id,
        at: event.at,
        outcome,
        // `?? null`: a finished event stored before dossiers existed has no such key.
        dossier:
          event.type === 'ticket.finished' && event.dossier
            ? { outcome: event.dossier.outcome, codes: event.dossier.codes }
            : null,
      });
    else if (event.type === 'ticket.called')
      rows.push({
        kind: 'visit.open',
        ticketId: after.id,
        day: event.day,
        fieldId: after.fieldId,
        counterId: event.counterId,
        clerkId: event.clerkId,
        priority: after.priorityClassId !== null,
        origin: after.origin ?? null,
        waitingSince:
          event.from === 'no_show' ? (absentSince.get(after.id) ?? event.at) : prior.waitingSince,
        calledAt: event.at,
      });
    else if (event.type === 'ticket.recalled')
      rows.push({ kind: 'visit.recall', ticketId: after.id });
    else if (event.type === 'ticket.started')
      rows.push({ kind: 'visit.start', ticketId: after.id, at: event.at });
    else if (event.type === 'ticket.rated')
      rows.push({ kind: 'visit.rate', ticketId: after.id, score: event.score });
    rows.push({
      kind: 'ticket.update',
      ticket: {
        id: after.id,
        day: after.day,
        status: after.status,
        fieldId: after.fieldId,
        counterId: after.counterId,
        clerkId: after.clerkId,
        finishedAt: after.finishedAt,
        calledAt: after.calledAt,
        rating: after.rating,
      },
    });
    return rows;
  }

  return { rows, observe };
}

export type Projection = ReturnType<typeof createProjection>;
