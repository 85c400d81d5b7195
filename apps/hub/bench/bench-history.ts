import { prng } from '@luot/test-support';
import type { Db } from '../src/db/open-database.ts';
import { DEFAULT_SITE_ID } from '../src/store.ts';

/** One field of a generated history: its id, numbering and share of the day's tickets. */
export interface HistoryField {
  id: string;
  prefix: string;
  start: number;
  digits: number;
  /** Relative share of arrivals. */
  weight: number;
  /** Mean service time in minutes. */
  serviceMinutes: number;
}

export interface HistoryCounter {
  id: string;
  fieldIds: string[];
}

export interface HistoryOptions {
  fields: HistoryField[];
  counters: HistoryCounter[];
  /** Clerks who staff the counters; each day the first counters.length of a rotation work. */
  clerks: string[];
  /** First and last service day, "YYYY-MM-DD"; Saturdays and Sundays are skipped. */
  from: string;
  to: string;
  /** Tickets over the whole range (spread over the working days, Mondays busier). */
  tickets: number;
  /** Offset of the site's time zone from UTC, in hours (no daylight saving), e.g. 7. */
  utcOffsetHours: number;
  seed: number;
  /** The site whose history this is (default: the default site). */
  siteId?: string;
  /**
   * Whether clerks stop calling for the lunch break, 11:30–13:30 (a service under way is
   * finished). Default false: counters call through it, as the report benches have measured.
   */
  lunchBreak?: boolean;
}

export interface HistorySummary {
  days: number;
  tickets: number;
  services: number;
  expired: number;
  ms: number;
}

const MINUTE = 60_000;

/** A sample of a triangular distribution on [a, b] with mode c. */
function triangular(r: number, a: number, c: number, b: number): number {
  const f = (c - a) / (b - a);
  return r < f ? a + Math.sqrt(r * (b - a) * (c - a)) : b - Math.sqrt((1 - r) * (b - a) * (b - c));
}

/** A log-normal sample with the given mean and a coefficient of variation of about 0.6. */
function logNormal(random: () => number, mean: number): number {
  const sigma = 0.55;
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  const u = Math.max(random(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  return Math.exp(mu + sigma * z);
}

interface Visit {
  ticket: number;
  fieldId: string;
  counterId: string;
  clerkId: string;
  priority: number;
  waitingSince: number;
  calledAt: number;
  startedAt: number | null;
  endedAt: number;
  outcome: 'done' | 'no_show' | 'transferred';
  rating: number | null;
}

interface DayTicket {
  index: number;
  number: number;
  fieldId: string;
  originalFieldId: string;
  priority: boolean;
  issuedAt: number;
  waitingSince: number;
  status: 'waiting' | 'done' | 'no_show' | 'expired';
  firstCalledAt: number | null;
  finishedAt: number | null;
  counterId: string | null;
  clerkId: string | null;
  rating: number | null;
  noShows: number;
  transfers: number;
}

/** Working days (Monday to Friday) from `from` to `to`, inclusive. */
function workingDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= Date.parse(`${to}T00:00:00Z`);
    t += 86_400_000
  ) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Simulates one service day: arrivals shaped like a morning rush and a smaller afternoon,
 * counters taking the longest-waiting ticket of their fields (priority first), log-normal
 * service times, no-shows (some called again later) and transfers to another field.
 */
function simulateDay(
  opts: HistoryOptions,
  random: () => number,
  midnight: number,
  count: number,
  clerkOf: (counterIndex: number) => string,
): { tickets: DayTicket[]; visits: Visit[] } {
  const at = (h: number, m: number) => midnight + (h * 60 + m) * MINUTE;
  const totalWeight = opts.fields.reduce((s, f) => s + f.weight, 0);
  const fieldIndex = new Map(opts.fields.map((f, i) => [f.id, i]));
  const tickets: DayTicket[] = [];
  const nextNumber = opts.fields.map((f) => f.start);
  for (let i = 0; i < count; i++) {
    let pick = random() * totalWeight;
    let f = 0;
    while (f < opts.fields.length - 1 && (pick -= opts.fields[f]!.weight) > 0) f++;
    const field = opts.fields[f]!;
    const issuedAt = Math.round(
      random() < 0.68
        ? triangular(random(), at(7, 30), at(8, 40), at(11, 30))
        : triangular(random(), at(13, 30), at(14, 20), at(17, 0)),
    );
    tickets.push({
      index: 0,
      number: 0,
      fieldId: field.id,
      originalFieldId: field.id,
      priority: random() < 0.05,
      issuedAt,
      waitingSince: issuedAt,
      status: 'waiting',
      firstCalledAt: null,
      finishedAt: null,
      counterId: null,
      clerkId: null,
      rating: null,
      noShows: 0,
      transfers: 0,
    });
  }
  tickets.sort((a, b) => a.issuedAt - b.issuedAt);
  tickets.forEach((t, i) => {
    t.index = i;
    t.number = nextNumber[fieldIndex.get(t.fieldId)!]!++;
  });

  // Waiting tickets per field, kept in call order (priority first, then waiting since).
  const queues: DayTicket[][] = opts.fields.map(() => []);
  const enqueue = (t: DayTicket) => {
    const q = queues[fieldIndex.get(t.fieldId)!]!;
    let i = q.length;
    while (
      i > 0 &&
      (Number(q[i - 1]!.priority) < Number(t.priority) ||
        (q[i - 1]!.priority === t.priority && q[i - 1]!.waitingSince > t.waitingSince))
    )
      i--;
    q.splice(i, 0, t);
  };
  const counterFields = opts.counters.map((c) => c.fieldIds.map((id) => fieldIndex.get(id)!));
  const freeAt = opts.counters.map(() => at(7, 30));
  const closeAt = at(17, 45);
  const visits: Visit[] = [];
  let arrival = 0;
  // Counters take turns in the order they become free; arrivals join queues as time passes.
  for (;;) {
    let c = 0;
    for (let k = 1; k < freeAt.length; k++) if (freeAt[k]! < freeAt[c]!) c = k;
    const now = freeAt[c]!;
    if (now >= closeAt) break;
    if (opts.lunchBreak && now >= at(11, 30) && now < at(13, 30)) {
      freeAt[c] = at(13, 30) + Math.round(random() * 60_000);
      continue;
    }
    while (arrival < tickets.length && tickets[arrival]!.issuedAt <= now)
      enqueue(tickets[arrival++]!);
    let best: DayTicket[] | null = null;
    for (const f of counterFields[c]!) {
      const head = queues[f]![0];
      if (!head || head.waitingSince > now) continue;
      const current = best?.[0];
      if (
        !current ||
        Number(head.priority) > Number(current.priority) ||
        (head.priority === current.priority && head.waitingSince < current.waitingSince)
      )
        best = queues[f]!;
    }
    if (!best) {
      // Idle until the next arrival (or a little while, if later ones are for other fields).
      const next = arrival < tickets.length ? tickets[arrival]!.issuedAt : closeAt;
      freeAt[c] = Math.max(now + 30_000, Math.min(next, now + 5 * MINUTE));
      continue;
    }
    const ticket = best.shift()!;
    const field = opts.fields[fieldIndex.get(ticket.fieldId)!]!;
    const clerkId = clerkOf(c);
    const calledAt = now + Math.round(2_000 + random() * 6_000);
    ticket.firstCalledAt ??= calledAt;
    ticket.counterId = opts.counters[c]!.id;
    ticket.clerkId = clerkId;
    const visit: Visit = {
      ticket: ticket.index,
      fieldId: ticket.fieldId,
      counterId: opts.counters[c]!.id,
      clerkId,
      priority: ticket.priority ? 1 : 0,
      waitingSince: ticket.waitingSince,
      calledAt,
      startedAt: null,
      endedAt: calledAt,
      outcome: 'done',
      rating: null,
    };
    const roll = random();
    if (roll < 0.04 && ticket.noShows === 0) {
      visit.outcome = 'no_show';
      visit.endedAt = calledAt + Math.round(60_000 + random() * 60_000);
      ticket.status = 'no_show';
      ticket.noShows++;
      // Four in ten absent citizens come back and are called again later.
      if (random() < 0.4) {
        ticket.waitingSince = visit.endedAt + Math.round(random() * 40 * MINUTE);
        ticket.status = 'waiting';
        enqueue(ticket);
      }
    } else {
      visit.startedAt = calledAt + Math.round(10_000 + random() * 20_000);
      visit.endedAt =
        visit.startedAt + Math.round(logNormal(random, field.serviceMinutes) * MINUTE);
      if (roll > 0.98 && ticket.transfers === 0 && opts.fields.length > 1) {
        visit.outcome = 'transferred';
        ticket.transfers++;
        let to = Math.floor(random() * opts.fields.length);
        if (opts.fields[to]!.id === ticket.fieldId) to = (to + 1) % opts.fields.length;
        ticket.fieldId = opts.fields[to]!.id;
        ticket.waitingSince = visit.endedAt;
        ticket.status = 'waiting';
        enqueue(ticket);
      } else {
        ticket.status = 'done';
        ticket.finishedAt = visit.endedAt;
        if (random() < 0.7) {
          const r = random();
          visit.rating = r < 0.72 ? 3 : r < 0.95 ? 2 : 1;
          ticket.rating = visit.rating;
        }
      }
    }
    visits.push(visit);
    freeAt[c] = visit.endedAt + Math.round(random() * 10_000);
  }
  for (const t of tickets)
    if (t.status === 'waiting' || t.status === 'no_show') t.status = 'expired';
  return { tickets, visits };
}

/**
 * Writes a generated history of service days straight into the `tickets` and `services`
 * tables, for report benchmarks: one big transaction with `synchronous=OFF` and no rollback
 * journal while generating (the file is disposable until this returns), then the hub's
 * durability settings again. The `events` log is not generated; reports do not read it.
 */
export function generateHistory(db: Db, opts: HistoryOptions): HistorySummary {
  const started = performance.now();
  const random = prng(opts.seed);
  const days = workingDays(opts.from, opts.to);
  const insertTicket = db.prepare(
    `INSERT INTO tickets (site_id, id, day, field_id, original_field_id, number, label,
       priority_class_id, status, issued_at, first_called_at, finished_at, counter_id, clerk_id,
       rating, token_hash, issued_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'device:kiosk-1')`,
  );
  const insertService = db.prepare(
    `INSERT INTO services (site_id, ticket_id, day, field_id, counter_id, clerk_id, priority,
       waiting_since, called_at, started_at, ended_at, outcome, recalls, rating)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  const siteId = opts.siteId ?? DEFAULT_SITE_ID;
  const fields = new Map(opts.fields.map((f) => [f.id, f]));
  const perDay = opts.tickets / days.length;
  let ticketCount = 0;
  let serviceCount = 0;
  let expired = 0;

  // Secondary indexes are dropped while the rows go in and rebuilt after (a sort is much
  // faster than millions of B-tree inserts); whatever migrations created comes back as it was.
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master
       WHERE type = 'index' AND tbl_name IN ('tickets', 'services') AND sql IS NOT NULL`,
    )
    .all() as { name: string; sql: string }[];
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  try {
    db.transaction(() => {
      for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
      days.forEach((day, d) => {
        const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
        const count = Math.round(perDay * (weekday === 1 ? 1.15 : 0.96) * (0.9 + random() * 0.2));
        const midnight = Date.parse(`${day}T00:00:00Z`) - opts.utcOffsetHours * 3_600_000;
        const clerkOf = (c: number) => opts.clerks[(c + d) % opts.clerks.length]!;
        const { tickets, visits } = simulateDay(opts, random, midnight, count, clerkOf);
        const ids = tickets.map((t, i) => `h${day}-${String(i).padStart(5, '0')}`);
        tickets.forEach((t, i) => {
          const field = fields.get(t.originalFieldId)!;
          insertTicket.run(
            siteId,
            ids[i],
            day,
            t.fieldId,
            t.originalFieldId,
            t.number,
            field.prefix + String(t.number).padStart(field.digits, '0'),
            t.priority ? 'uu-tien' : null,
            t.status,
            t.issuedAt,
            t.firstCalledAt,
            t.finishedAt,
            t.counterId,
            t.clerkId,
            t.rating,
          );
          if (t.status === 'expired') expired++;
        });
        for (const v of visits)
          insertService.run(
            siteId,
            ids[v.ticket],
            day,
            v.fieldId,
            v.counterId,
            v.clerkId,
            v.priority,
            v.waitingSince,
            v.calledAt,
            v.startedAt,
            v.endedAt,
            v.outcome,
            v.rating,
          );
        ticketCount += tickets.length;
        serviceCount += visits.length;
      });
      for (const index of indexes) db.exec(index.sql);
    })();
  } finally {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  return {
    days: days.length,
    tickets: ticketCount,
    services: serviceCount,
    expired,
    ms: performance.now() - started,
  };
}
