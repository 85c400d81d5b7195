import type { SiteConfig } from './config.ts';
import type { Dossier } from './dossier.ts';

export type TicketStatus =
  'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'expired' | 'cancelled';

/** Statuses a ticket never leaves. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['done', 'expired', 'cancelled'];

export interface Ticket {
  id: string;
  day: string;
  fieldId: string;
  /** The field the ticket was issued in; differs from fieldId after a transfer. */
  originalFieldId: string;
  /** The sequence number within the field and day, e.g. 1023 or 12 (for A012). */
  number: number;
  /** The number as printed and announced, e.g. "1023" or "A012". */
  label: string;
  priorityClassId: string | null;
  status: TicketStatus;
  /** When the citizen took the ticket; kept through transfers, so a ticket keeps its place. */
  issuedAt: number;
  /** Its place in the day's issue order (1, 2, …): settles the order of tickets issued in the same millisecond. */
  issueSeq: number;
  /** When the ticket last started waiting (issue, or its latest transfer). */
  waitingSince: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** The counter that called it last, if any. */
  counterId: string | null;
  clerkId: string | null;
  /** Set by a transfer to a counter: only that counter may call it next. */
  assignedCounterId: string | null;
  callCount: number;
  transferCount: number;
  rating: number | null;
  /**
   * Where the number came from when not a walk-in at the kiosk: `remote`, taken from the public
   * page; `booking`, a booked slot checked in at the kiosk. Absent: a walk-in.
   */
  origin?: TicketOrigin;
  /** A booking's slot start (epoch ms): from then on it is called ahead of walk-ins. */
  slotAt?: number;
  /** A remote number of a `check-in` field not yet checked in: it keeps its place, uncallable. */
  awaitingArrival?: boolean;
  /** What the clerk recorded at finish (dossier codes, outcome); absent: nothing recorded. */
  dossier?: Dossier;
  /**
   * The wait promised when the number was issued, in minutes (`promisedWaitMinutes`): what the
   * ticket printed, the phone page and the first message said. Null: nothing was promised (no
   * counter open, or a remote number awaiting its check-in, whose wait starts at arrival). Absent
   * on tickets issued before issue 17.
   */
  estimatedWaitMinutes?: number | null;
}

export type TicketOrigin = 'remote' | 'booking';

export type CounterStatus = 'closed' | 'open' | 'paused';

export interface CounterState {
  id: string;
  status: CounterStatus;
  clerkId: string | null;
  currentTicketId: string | null;
  /** The ticket this counter finished last: the one its rating pad may rate. */
  lastFinishedTicketId: string | null;
  /** Priority tickets called in a row; bounded by config.priorityMaxStreak. */
  priorityStreak: number;
  /** Due bookings called in a row; bounded by config.citizens.bookingMaxStreak. Absent: 0. */
  bookingStreak?: number;
  /** When the counter last changed status. */
  since: number;
  pauseReason: string | null;
}

export interface QueueState {
  config: SiteConfig;
  /** The service day, "YYYY-MM-DD" in the site's time zone. */
  day: string;
  tickets: Record<string, Ticket>;
  /** The last sequence number issued today, per field. */
  lastNumber: Record<string, number>;
  /** Tickets issued today, per field they were issued in (for the daily limit). */
  issuedCount: Record<string, number>;
  counters: Record<string, CounterState>;
  /** The latest service durations (ms) per field, newest last, for the estimated wait. */
  recentServiceMs: Record<string, number[]>;
}

/** A checked-in booking whose slot has begun: called ahead of walk-ins (within a streak cap). */
export function isDueBooking(ticket: Ticket, now: number): boolean {
  return ticket.origin === 'booking' && ticket.slotAt !== undefined && ticket.slotAt <= now;
}

/** How many recent service durations feed the estimated wait. */
export const RECENT_SERVICE_SAMPLES = 20;

function closedCounter(id: string, since: number): CounterState {
  return {
    id,
    status: 'closed',
    clerkId: null,
    currentTicketId: null,
    lastFinishedTicketId: null,
    priorityStreak: 0,
    since,
    pauseReason: null,
  };
}

/** An empty service day: no tickets, every counter closed. */
export function initialState(config: SiteConfig, day: string, since = 0): QueueState {
  return {
    config,
    day,
    tickets: {},
    lastNumber: {},
    issuedCount: {},
    counters: Object.fromEntries(config.counters.map((c) => [c.id, closedCounter(c.id, since)])),
    recentServiceMs: {},
  };
}

/**
 * What a record of the state holds under `key` as its own entry, or undefined. Every lookup by
 * an id goes through here, so a name such as `constructor` or `__proto__` never reaches
 * `Object.prototype` (records cross JSON in snapshots, so they stay plain objects, not Maps).
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Counter state for a counter id, creating a closed one for counters added by a config change. */
export function counterState(state: QueueState, counterId: string): CounterState {
  return own(state.counters, counterId) ?? closedCounter(counterId, 0);
}
