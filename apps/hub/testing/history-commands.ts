// A generated history as store commands: what the queue service would have handed the store.
import type { Ticket } from '@luot/domain';
import type { Db } from '../src/db/index.ts';
import type { RowChange, StoredCommand, VisitOutcome } from '../src/store.ts';

export interface TicketRow {
  id: string;
  day: string;
  field_id: string;
  original_field_id: string;
  number: number;
  label: string;
  priority_class_id: string | null;
  status: Ticket['status'];
  issued_at: number;
  first_called_at: number | null;
  finished_at: number | null;
  counter_id: string | null;
  clerk_id: string | null;
  rating: number | null;
  /** Absent in files older than migration 009. */
  origin?: 'remote' | 'booking' | null;
  /** The wait promised at issue (migration 017). */
  estimated_wait_minutes?: number | null;
}

interface ServiceRow {
  ticket_id: string;
  day: string;
  field_id: string;
  counter_id: string;
  clerk_id: string | null;
  priority: number;
  /** Absent in files older than migration 009. */
  origin?: 'remote' | 'booking' | null;
  waiting_since: number;
  called_at: number;
  started_at: number | null;
  ended_at: number | null;
  outcome: VisitOutcome | null;
  rating: number | null;
}

/**
 * A generated history (bench/bench-history.ts, written straight into the tables of a scratch
 * file) as the commands that made it, for storing it through a store port with its events:
 * per ticket, its issue (the event and its row, with the phone link's hash `tokenHash` gives),
 * each visit opened, started, ended and rated, and the ticket's final state.
 */
export function historyCommands(
  db: Db,
  tokenHash: (ticketId: string) => string | null = () => null,
): StoredCommand[] {
  const tickets = db.prepare('SELECT * FROM tickets ORDER BY day, id').all() as TicketRow[];
  const services = db.prepare('SELECT * FROM services ORDER BY id').all() as ServiceRow[];
  const visits = new Map<string, ServiceRow[]>();
  for (const s of services) visits.set(s.ticket_id, [...(visits.get(s.ticket_id) ?? []), s]);
  return tickets.map((t) => {
    const ticket: Ticket = {
      id: t.id,
      day: t.day,
      fieldId: t.original_field_id,
      originalFieldId: t.original_field_id,
      number: t.number,
      label: t.label,
      priorityClassId: t.priority_class_id,
      status: 'waiting',
      issuedAt: t.issued_at,
      issueSeq: 0,
      waitingSince: t.issued_at,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      counterId: null,
      clerkId: null,
      assignedCounterId: null,
      callCount: 0,
      transferCount: 0,
      rating: null,
      ...(t.origin && { origin: t.origin }),
      ...(t.estimated_wait_minutes !== undefined && {
        estimatedWaitMinutes: t.estimated_wait_minutes,
      }),
    };
    const rows: RowChange[] = [
      {
        kind: 'ticket.insert',
        ticket,
        tokenHash: tokenHash(t.id),
        issuedBy: 'device:kiosk-1',
        requestKey: null,
      },
    ];
    for (const v of visits.get(t.id) ?? []) {
      rows.push({
        kind: 'visit.open',
        ticketId: t.id,
        day: v.day,
        fieldId: v.field_id,
        counterId: v.counter_id,
        clerkId: v.clerk_id,
        priority: v.priority === 1,
        origin: v.origin ?? null,
        waitingSince: v.waiting_since,
        calledAt: v.called_at,
      });
      if (v.started_at !== null)
        rows.push({ kind: 'visit.start', ticketId: t.id, at: v.started_at });
      if (v.ended_at !== null && v.outcome !== null)
        rows.push({
          kind: 'visit.end',
          ticketId: t.id,
          at: v.ended_at,
          outcome: v.outcome,
          dossier: null,
        });
      if (v.rating !== null) rows.push({ kind: 'visit.rate', ticketId: t.id, score: v.rating });
    }
    rows.push({
      kind: 'ticket.update',
      ticket: {
        id: t.id,
        day: t.day,
        status: t.status,
        fieldId: t.field_id,
        counterId: t.counter_id,
        clerkId: t.clerk_id,
        finishedAt: t.finished_at,
        calledAt: t.first_called_at,
        rating: t.rating,
      },
    });
    return {
      events: [{ type: 'ticket.issued', at: t.issued_at, day: t.day, ticket }],
      ctx: { actor: 'device:kiosk-1' },
      rows,
    };
  });
}

/**
 * Promised waits for a generated history (issue 17), the same in every test that uses one:
 * whole and half minutes, and every seventh ticket promised nothing.
 */
export const PROMISES_SQL = `UPDATE tickets SET estimated_wait_minutes =
  CASE WHEN number % 7 = 0 THEN NULL ELSE ((number * 37) % 41) / 2.0 END`;
