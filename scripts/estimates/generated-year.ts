// The generated year (apps/hub/bench/bench-history.ts) as the events a hub would have logged:
// the generator writes tickets and visits only, so each day's events are rebuilt from them,
// counters opened before their first call and closed after their last visit.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { siteConfigSchema, type QueueEvent, type SiteConfig, type Ticket } from '@luot/domain';
import { generateHistory, openDatabase, type HistorySummary } from '@luot/hub/bench';
import { SIM_FIELDS, simCounters } from '../sim/site.ts';
import type { ReplayDay } from './replay.ts';

export interface GeneratedYearOptions {
  /** Tickets over the year (261 working days). */
  tickets: number;
  counters: number;
  seed: number;
  /** First and last day (default: all of 2025). */
  from?: string;
  to?: string;
}

/** A centre of the ten simulated fields, sessions 07:30–11:30 and 13:30–17:00. */
export function yearConfig(counters: number): SiteConfig {
  return siteConfigSchema.parse({
    site: { name: 'Trung tâm năm mô phỏng', timeZone: 'Asia/Ho_Chi_Minh' },
    fields: SIM_FIELDS.map((f, i) => ({
      id: f.id,
      name: f.name,
      numbering: { prefix: String.fromCharCode(65 + i), start: 1, digits: 4 },
      sessions: [
        { from: '07:30', to: '11:30' },
        { from: '13:30', to: '17:00' },
      ],
      defaultServiceMinutes: f.serviceMinutes,
    })),
    counters: simCounters(SIM_FIELDS, counters).map((c, i) => ({
      ...c,
      number: i + 1,
      name: `Quầy ${i + 1}`,
    })),
    priorityClasses: [{ id: 'uu-tien', name: 'Ưu tiên' }],
  });
}

interface TicketRow {
  id: string;
  day: string;
  field_id: string;
  original_field_id: string;
  number: number;
  label: string;
  priority_class_id: string | null;
  issued_at: number;
}

interface VisitRow {
  ticket_id: string;
  field_id: string;
  counter_id: string;
  clerk_id: string | null;
  called_at: number;
  started_at: number | null;
  ended_at: number | null;
  outcome: 'done' | 'no_show' | 'transferred' | null;
}

/** Order of events at the same millisecond: counters open first and close last. */
const RANK: Partial<Record<QueueEvent['type'], number>> = {
  'counter.opened': -1,
  'counter.closed': 1,
};

/** One day's tickets and visits as events, in order. */
export function dayEvents(day: string, tickets: TicketRow[], visits: VisitRow[]): QueueEvent[] {
  const events: QueueEvent[] = [];
  const byTicket = new Map<string, VisitRow[]>();
  for (const v of visits) byTicket.set(v.ticket_id, [...(byTicket.get(v.ticket_id) ?? []), v]);
  tickets.forEach((t, i) => {
    const ticket: Ticket = {
      id: t.id,
      day,
      fieldId: t.original_field_id,
      originalFieldId: t.original_field_id,
      number: t.number,
      label: t.label,
      priorityClassId: t.priority_class_id,
      status: 'waiting',
      issuedAt: t.issued_at,
      issueSeq: i + 1,
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
    };
    events.push({ type: 'ticket.issued', at: t.issued_at, day, ticket });
    const own = (byTicket.get(t.id) ?? []).sort((a, b) => a.called_at - b.called_at);
    own.forEach((v, k) => {
      const at = {
        day,
        ticketId: t.id,
        fieldId: v.field_id,
        counterId: v.counter_id,
        clerkId: v.clerk_id,
      };
      const from = k > 0 && own[k - 1]!.outcome === 'no_show' ? 'no_show' : 'waiting';
      events.push({ type: 'ticket.called', at: v.called_at, from, ...at });
      if (v.started_at !== null) events.push({ type: 'ticket.started', at: v.started_at, ...at });
      if (v.ended_at === null) return;
      if (v.outcome === 'done')
        events.push({ type: 'ticket.finished', at: v.ended_at, dossier: null, ...at });
      else if (v.outcome === 'no_show')
        events.push({ type: 'ticket.no_show', at: v.ended_at, ...at });
      else if (v.outcome === 'transferred')
        events.push({
          type: 'ticket.transferred',
          at: v.ended_at,
          ...at,
          toFieldId: own[k + 1]?.field_id ?? t.field_id,
          toCounterId: null,
          reason: '',
        });
    });
  });
  const counters = new Map<string, { first: number; last: number; clerkId: string }>();
  for (const v of visits) {
    const c = counters.get(v.counter_id);
    const end = Math.max(v.called_at, v.ended_at ?? v.called_at);
    if (!c)
      counters.set(v.counter_id, { first: v.called_at, last: end, clerkId: v.clerk_id ?? '' });
    else {
      c.first = Math.min(c.first, v.called_at);
      c.last = Math.max(c.last, end);
    }
  }
  const opening = Math.min(...tickets.map((t) => t.issued_at), ...visits.map((v) => v.called_at));
  for (const [counterId, c] of counters) {
    events.push({
      type: 'counter.opened',
      at: Math.min(opening, c.first) - 1,
      day,
      counterId,
      clerkId: c.clerkId,
    });
    events.push({ type: 'counter.closed', at: c.last + 1, day, counterId, clerkId: c.clerkId });
  }
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at - b.e.at || (RANK[a.e.type] ?? 0) - (RANK[b.e.type] ?? 0) || a.i - b.i)
    .map(({ e }) => e);
}

/**
 * Generates the year into a scratch SQLite file (lunch break on: clerks stop calling 11:30–13:30)
 * and hands back its days as events, one day at a time.
 */
export function generatedYear(options: GeneratedYearOptions): {
  summary: HistorySummary;
  config: SiteConfig;
  days: Iterable<ReplayDay>;
  close: () => void;
} {
  const path = join(tmpdir(), `luot-estimates-${process.pid}-${options.seed}.db`);
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  };
  remove();
  const db = openDatabase(path);
  const config = yearConfig(options.counters);
  const summary = generateHistory(db, {
    fields: SIM_FIELDS.map((f, i) => ({
      id: f.id,
      prefix: String.fromCharCode(65 + i),
      start: 1,
      digits: 4,
      weight: f.weight,
      serviceMinutes: f.serviceMinutes,
    })),
    counters: config.counters.map((c) => ({ id: c.id, fieldIds: c.fieldIds })),
    clerks: Array.from({ length: options.counters + 2 }, (_, i) => `cb${i + 1}`),
    from: options.from ?? '2025-01-01',
    to: options.to ?? '2025-12-31',
    tickets: options.tickets,
    utcOffsetHours: 7,
    seed: options.seed,
    lunchBreak: true,
  });
  const dayList = (
    db.prepare('SELECT DISTINCT day FROM tickets ORDER BY day').all() as { day: string }[]
  ).map((r) => r.day);
  const ticketsOf = db.prepare(
    `SELECT id, day, field_id, original_field_id, number, label, priority_class_id, issued_at
     FROM tickets WHERE day = ? ORDER BY issued_at, id`,
  );
  const visitsOf = db.prepare(
    `SELECT ticket_id, field_id, counter_id, clerk_id, called_at, started_at, ended_at, outcome
     FROM services WHERE day = ? ORDER BY called_at`,
  );
  function* days(): Iterable<ReplayDay> {
    for (const day of dayList)
      yield {
        config,
        day,
        events: dayEvents(day, ticketsOf.all(day) as TicketRow[], visitsOf.all(day) as VisitRow[]),
      };
  }
  return {
    summary,
    config,
    days: days(),
    close: () => {
      db.close();
      remove();
    },
  };
}
