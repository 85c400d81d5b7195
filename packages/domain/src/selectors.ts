import {
  minutesOfHhmm,
  numberingCapacity,
  type CounterConfig,
  type FieldConfig,
} from './config.ts';
import { sessionsOn } from './calendar.ts';
import { isDueBooking, own, type QueueState, type Ticket } from './state.ts';
import { localTime } from './time.ts';

/** The printed form of a field's sequence number: prefix plus zero-padded digits. */
export function ticketLabel(field: Pick<FieldConfig, 'numbering'>, number: number): string {
  return field.numbering.prefix + String(number).padStart(field.numbering.digits, '0');
}

export function fieldById(state: QueueState, fieldId: string): FieldConfig | undefined {
  return state.config.fields.find((f) => f.id === fieldId);
}

/** A counter's current ticket: the one it has called or is serving. */
export type CurrentTicket = Ticket & { status: 'called' | 'serving' };

function isCurrent(ticket: Ticket | undefined): ticket is CurrentTicket {
  return ticket?.status === 'called' || ticket?.status === 'serving';
}

/** The ticket a counter is calling or serving now, or null. */
export function currentTicket(state: QueueState, counterId: string): CurrentTicket | null {
  const id = own(state.counters, counterId)?.currentTicketId;
  const ticket = id ? own(state.tickets, id) : undefined;
  return isCurrent(ticket) ? ticket : null;
}

/** The rule behind `inQueueOf`, for a counter already looked up. */
function queuedAt(counter: CounterConfig, ticket: Ticket): boolean {
  return (
    ticket.assignedCounterId === counter.id ||
    (ticket.assignedCounterId === null && counter.fieldIds.includes(ticket.fieldId))
  );
}

/** The rule behind `callableBy`, for a counter already looked up. */
function callableAt(counter: CounterConfig, ticket: Ticket): boolean {
  return ticket.awaitingArrival !== true && queuedAt(counter, ticket);
}

/**
 * Whether the ticket is in this counter's queue, callable now or once its citizen checks in:
 * transferred to this very counter, or in one of its fields and not reserved for another
 * counter. What the counter app lists; `callableBy` says which of them may be called.
 */
export function inQueueOf(state: QueueState, counterId: string, ticket: Ticket): boolean {
  const counter = state.config.counters.find((c) => c.id === counterId);
  return counter !== undefined && queuedAt(counter, ticket);
}

/**
 * Whether this counter may call the ticket: it was transferred to this very counter, or it is
 * in one of the counter's fields and not reserved for another counter; a remote number still
 * awaiting its citizen's check-in is callable nowhere. The status (waiting or
 * no-show) is the caller's to check; "call next" and "call a number" both apply this rule.
 */
export function callableBy(state: QueueState, counterId: string, ticket: Ticket): boolean {
  const counter = state.config.counters.find((c) => c.id === counterId);
  return counter !== undefined && callableAt(counter, ticket);
}

/** Call order within a queue: priority class first, then who has held a number longest, then who took it first. */
export function callOrder(a: Ticket, b: Ticket): number {
  const pa = a.priorityClassId ? 0 : 1;
  const pb = b.priorityClassId ? 0 : 1;
  if (pa !== pb) return pa - pb;
  return a.issuedAt - b.issuedAt || a.issueSeq - b.issueSeq;
}

/** Waiting tickets in a field that any counter of the field may call, in call order. */
export function waitingInField(state: QueueState, fieldId: string): Ticket[] {
  return Object.values(state.tickets)
    .filter((t) => t.status === 'waiting' && t.fieldId === fieldId)
    .sort(callOrder);
}

/** Waiting tickets per field id, counting every waiting ticket of the field. */
export function waitingCounts(state: QueueState): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of state.config.fields) counts[f.id] = 0;
  for (const t of Object.values(state.tickets))
    if (t.status === 'waiting') counts[t.fieldId] = (counts[t.fieldId] ?? 0) + 1;
  return counts;
}

/**
 * The ticket "call next" gives this counter at `now`, or null when nothing waits for it.
 * Checked-in bookings whose slot has begun come first, earliest slot first, but after
 * `citizens.bookingMaxStreak` of them in a row a waiting walk-in goes next. Then the default
 * rule: priority first, then longest wait across all its fields; or the alternative rule: its
 * fields in order. Either way, tickets transferred to this very counter come first under
 * "fields in order", and after `priorityMaxStreak` priority calls in a row a waiting normal
 * ticket goes before further priority ones, so none starves.
 */
export function pickNext(state: QueueState, counterId: string, now: number): Ticket | null {
  const counter = state.config.counters.find((c) => c.id === counterId);
  const live = own(state.counters, counterId);
  if (!counter || !live) return null;
  let candidates = Object.values(state.tickets).filter(
    (t) => t.status === 'waiting' && callableAt(counter, t),
  );
  if (candidates.length === 0) return null;

  const due = candidates.filter((t) => isDueBooking(t, now));
  if (due.length > 0) {
    const walkIns = candidates.length > due.length;
    if (!walkIns || (live.bookingStreak ?? 0) < state.config.citizens.bookingMaxStreak)
      return due.sort((a, b) => placeOrder(a, b, now))[0]!;
    candidates = candidates.filter((t) => !isDueBooking(t, now));
  }

  const groups: Ticket[][] =
    counter.rule === 'fields-in-order'
      ? [
          candidates.filter((t) => t.assignedCounterId === counterId),
          ...counter.fieldIds.map((f) =>
            candidates.filter((t) => t.assignedCounterId === null && t.fieldId === f),
          ),
        ]
      : [candidates];
  const group = groups.find((g) => g.length > 0)!;
  const sorted = [...group].sort(callOrder);
  const first = sorted[0]!;
  if (first.priorityClassId && live.priorityStreak >= state.config.priorityMaxStreak) {
    const normal = sorted.find((t) => !t.priorityClassId);
    if (normal) return normal;
  }
  return first;
}

/**
 * The order in which one field's waiting tickets are called as things stand at `now`: checked-in
 * bookings whose slot has begun first, earliest slot first, then `callOrder` (priority, then
 * issue time; a booking whose slot is still to come ranks there by its issue time).
 */
export function placeOrder(a: Ticket, b: Ticket, now: number): number {
  const dueA = isDueBooking(a, now);
  const dueB = isDueBooking(b, now);
  if (dueA !== dueB) return dueA ? -1 : 1;
  if (dueA) return a.slotAt! - b.slotAt! || callOrder(a, b);
  return callOrder(a, b);
}

/**
 * Whether `other`, waiting in the same field, is counted ahead of `ticket` at `now` — the one
 * rule behind every "N people ahead of you". What is honest for a citizen: a remote number
 * still awaiting its citizen's check-in is counted ahead of nobody, since it cannot be called
 * and its citizen may never come (once checked in it takes its old place, so the count behind
 * it grows by one then). A checked-in booking whose slot has begun is counted ahead of every
 * walk-in, since it is called first; after `bookingMaxStreak` of them a walk-in goes between,
 * so with many due bookings the count is an upper bound, never a promise broken.
 */
export function countsAhead(other: Ticket, ticket: Ticket, now: number): boolean {
  return (
    other.id !== ticket.id &&
    other.status === 'waiting' &&
    other.fieldId === ticket.fieldId &&
    other.awaitingArrival !== true &&
    placeOrder(other, ticket, now) < 0
  );
}

/** How many waiting tickets of its field are counted ahead of this one at `now` (`countsAhead`). */
export function peopleAhead(state: QueueState, ticketId: string, now: number): number {
  const ticket = own(state.tickets, ticketId);
  if (!ticket || ticket.status !== 'waiting') return 0;
  let ahead = 0;
  for (const t of Object.values(state.tickets)) if (countsAhead(t, ticket, now)) ahead++;
  return ahead;
}

/**
 * `peopleAhead` of each of one field's waiting tickets at once (one sort, not a scan per
 * ticket), by ticket id: the same answers, for pages that follow many tickets.
 */
export function placesAmong(waiting: readonly Ticket[], now: number): Map<string, number> {
  const places = new Map<string, number>();
  let counted = 0;
  for (const t of [...waiting].sort((a, b) => placeOrder(a, b, now))) {
    places.set(t.id, counted);
    if (t.awaitingArrival !== true) counted++;
  }
  return places;
}

/** Counters open (not paused) that serve a field. */
export function openCountersFor(state: QueueState, fieldId: string): number {
  return state.config.counters.filter(
    (c) => c.fieldIds.includes(fieldId) && own(state.counters, c.id)?.status === 'open',
  ).length;
}

/** Mean of the field's recent service durations, or its configured default, in minutes. */
export function meanServiceMinutes(state: QueueState, fieldId: string): number {
  const samples = own(state.recentServiceMs, fieldId) ?? [];
  if (samples.length === 0) return fieldById(state, fieldId)?.defaultServiceMinutes ?? 10;
  return samples.reduce((a, b) => a + b, 0) / samples.length / 60_000;
}

/**
 * Estimated minutes until someone with `ahead` people before them is called: the people
 * ahead shared among the counters open for the field, times the recent mean service time.
 * Null when no counter is open for the field, as no honest estimate exists then.
 */
export function estimateWaitMinutes(
  state: QueueState,
  fieldId: string,
  ahead: number,
): number | null {
  const open = openCountersFor(state, fieldId);
  if (open === 0) return null;
  return Math.ceil((ahead / open) * meanServiceMinutes(state, fieldId));
}

export type FieldAvailability = 'open' | 'OUTSIDE_HOURS' | 'SOLD_OUT';

/**
 * Whether a kiosk may issue a ticket in the field now, and if not, why: outside the sessions
 * the calendar gives the field today (none on a holiday or a day off, a special day's own).
 */
export function fieldAvailability(
  state: QueueState,
  fieldId: string,
  now: number,
): FieldAvailability {
  const field = fieldById(state, fieldId);
  if (!field) return 'OUTSIDE_HOURS';
  const { day, minutes } = localTime(now, state.config.site.timeZone);
  const inSession = sessionsOn(state.config, field, day).some(
    (s) => minutes >= minutesOfHhmm(s.from) && minutes < minutesOfHhmm(s.to),
  );
  if (!inSession) return 'OUTSIDE_HOURS';
  if (field.dailyLimit !== null && (own(state.issuedCount, field.id) ?? 0) >= field.dailyLimit)
    return 'SOLD_OUT';
  if (nextNumber(state, field) > numberingCapacity(field)) return 'SOLD_OUT';
  return 'open';
}

/** The sequence number the next ticket of a field gets. */
export function nextNumber(state: QueueState, field: FieldConfig): number {
  const last = own(state.lastNumber, field.id);
  return last === undefined ? field.numbering.start : Math.max(last + 1, field.numbering.start);
}
