// The wait forecast behind every promise since issue 17: the queue as it stands, played forward
// counter by counter with the calling rule, until each waiting ticket would be called.
import { minutesOfHhmm, type CounterConfig } from './config.ts';
import { sessionsOn } from './calendar.ts';
import { callOrder, fieldById, meanServiceMinutes } from './selectors.ts';
import { isDueBooking, own, type QueueState, type Ticket } from './state.ts';
import { localTime } from './time.ts';

const MINUTE = 60_000;

/**
 * What a call costs a counter besides the service itself: the number announced, the citizen
 * walking to the desk, the clerk getting ready for the next. `recentServiceMs` measures start →
 * finish only; the cycle between two calls is longer by about this much.
 */
export const CALL_OVERHEAD_MS = 30_000;

/**
 * A service in progress is expected to go on for its field's mean minus what has passed, but
 * never less than this share of the mean: service times vary (a service past its mean is not
 * about to end for sure).
 */
export const RESIDUAL_FLOOR = 0.25;

/** Priority numbers still to come take at most this share of the counters' time in the forecast. */
const MAX_PRIORITY_SHARE = 0.5;

/** A walk-in taking a number in a field now: what `fieldWaitMinutes` forecasts for. */
const WALK_IN = '\u0000walk-in';

interface SimCounter {
  config: CounterConfig;
  /** When the counter is next free to call (epoch ms). */
  freeAt: number;
}

interface Plan {
  /** Forecast first-call time of each waiting ticket of the counters' fields, by id. */
  calls: Map<string, number>;
  /** Priority numbers issued per minute today in the fields these counters serve, per counter-minute of service. */
  priorityShare: number;
}

/**
 * When the counters may call next, at or after `t`: outside the field's sessions today the
 * counters are at lunch (between two sessions) or, after the last, finish the queue as they go.
 */
function callable(t: number, breaks: readonly [number, number][]): number {
  for (const [from, to] of breaks) if (t >= from && t < to) return to;
  return t;
}

/** The breaks between the field's sessions today, as epoch ms intervals around `now`. */
function breaksOf(state: QueueState, fieldId: string, now: number): [number, number][] {
  const field = fieldById(state, fieldId);
  if (!field) return [];
  const { day, minutes } = localTime(now, state.config.site.timeZone);
  const sessions = sessionsOn(state.config, field, day)
    .map((s) => [minutesOfHhmm(s.from), minutesOfHhmm(s.to)] as const)
    .sort((a, b) => a[0] - b[0]);
  const at = (m: number) => now + (m - minutes) * MINUTE;
  const breaks: [number, number][] = [];
  for (let i = 1; i < sessions.length; i++)
    if (sessions[i]![0] > sessions[i - 1]![1])
      breaks.push([at(sessions[i - 1]![1]), at(sessions[i]![0])]);
  return breaks;
}

/** The minutes one call takes a counter on a field: its recent mean service plus the call. */
function cycleMs(state: QueueState, fieldId: string): number {
  return meanServiceMinutes(state, fieldId) * MINUTE + CALL_OVERHEAD_MS;
}

/** When a counter open now is free to call: now, or once its current ticket is served. */
function freeAtOf(state: QueueState, counterId: string, now: number): number {
  const id = own(state.counters, counterId)?.currentTicketId;
  const current = id ? own(state.tickets, id) : undefined;
  if (!current || (current.status !== 'called' && current.status !== 'serving')) return now;
  const mean = meanServiceMinutes(state, current.fieldId) * MINUTE;
  if (current.status === 'called') return now + mean + CALL_OVERHEAD_MS / 2;
  const left = Math.max(mean - (now - (current.startedAt ?? now)), RESIDUAL_FLOOR * mean);
  return now + left + CALL_OVERHEAD_MS / 2;
}

/**
 * Plays the queue forward from `now`: each open counter serving `fieldId`'s counters' fields,
 * as it comes free, takes the next ticket by its own rule (due bookings first, then its rule:
 * priority and longest wait across its fields, or its fields in order), each taking its field's
 * mean cycle; lunch breaks pass with no call. `extra` is a ticket not yet in the state.
 */
function plan(state: QueueState, fieldId: string, now: number, extra: Ticket | null): Plan | null {
  const open = state.config.counters.filter(
    (c) => c.fieldIds.includes(fieldId) && own(state.counters, c.id)?.status === 'open',
  );
  if (open.length === 0) return null;
  // The counters that share these fields, open now: their capacity is what the fields share.
  const fields = new Set(open.flatMap((c) => c.fieldIds));
  const counters: SimCounter[] = state.config.counters
    .filter(
      (c) => own(state.counters, c.id)?.status === 'open' && c.fieldIds.some((f) => fields.has(f)),
    )
    .map((c) => ({ config: c, freeAt: freeAtOf(state, c.id, now) }));
  for (const c of counters) for (const f of c.config.fieldIds) fields.add(f);

  const queues = new Map<string, Ticket[]>();
  const bookings: Ticket[] = [];
  let priorityIssued = 0;
  let firstIssue = now;
  const all = extra ? [...Object.values(state.tickets), extra] : Object.values(state.tickets);
  for (const t of all) {
    if (!fields.has(t.fieldId)) continue;
    firstIssue = Math.min(firstIssue, t.issuedAt);
    if (t.priorityClassId && t.issuedAt <= now) priorityIssued++;
    if (t.status !== 'waiting' || t.awaitingArrival === true) continue;
    const key = t.assignedCounterId === null ? t.fieldId : `@${t.assignedCounterId}`;
    const q = queues.get(key);
    if (q) q.push(t);
    else queues.set(key, [t]);
  }
  // Numbers reserved for a counter that is not open wait for it; they hold up no one here.
  for (const key of queues.keys())
    if (key.startsWith('@') && !counters.some((c) => `@${c.config.id}` === key)) queues.delete(key);
  for (const q of queues.values())
    for (const t of q) if (t.origin === 'booking' && t.slotAt !== undefined) bookings.push(t);
  for (const q of queues.values()) q.sort(callOrder);
  bookings.sort((a, b) => a.slotAt! - b.slotAt! || callOrder(a, b));
  const heads = new Map<string, number>([...queues.keys()].map((k) => [k, 0]));
  const called = new Set<string>();
  const head = (key: string): Ticket | undefined => {
    const q = queues.get(key);
    if (!q) return undefined;
    let i = heads.get(key)!;
    while (i < q.length && called.has(q[i]!.id)) i++;
    heads.set(key, i);
    return q[i];
  };

  const breaks = breaksOf(state, fieldId, now);
  const calls = new Map<string, number>();
  let left = [...queues.values()].reduce((s, q) => s + q.length, 0);
  let booking = 0;
  const busy = [...counters];
  while (left > 0) {
    let c = busy[0]!;
    for (const k of busy) if (k.freeAt < c.freeAt) c = k;
    const t = callable(c.freeAt, breaks);
    let next: Ticket | undefined;
    while (booking < bookings.length && called.has(bookings[booking]!.id)) booking++;
    const due = bookings[booking];
    if (due && isDueBooking(due, t) && canServe(c.config, due)) next = due;
    else next = pick(c.config, head);
    if (!next) {
      // Nothing left this counter may call (the queue only shrinks as it plays forward): it
      // takes no further part.
      busy.splice(busy.indexOf(c), 1);
      if (busy.length === 0) break;
      continue;
    }
    called.add(next.id);
    calls.set(next.id, t);
    left--;
    c.freeAt = t + cycleMs(state, next.fieldId);
  }

  const elapsed = Math.max(60 * MINUTE, now - firstIssue);
  const meanCycle =
    [...fields].reduce((s, f) => s + cycleMs(state, f), 0) / Math.max(1, fields.size);
  const priorityShare = Math.min(
    MAX_PRIORITY_SHARE,
    ((priorityIssued / elapsed) * meanCycle) / counters.length,
  );
  return { calls, priorityShare };
}

function canServe(counter: CounterConfig, t: Ticket): boolean {
  return t.assignedCounterId === null
    ? counter.fieldIds.includes(t.fieldId)
    : t.assignedCounterId === counter.id;
}

/** The ticket the counter's rule takes among the heads of its queues (as `pickNext` does). */
function pick(
  counter: CounterConfig,
  head: (key: string) => Ticket | undefined,
): Ticket | undefined {
  const own = head(`@${counter.id}`);
  if (counter.rule === 'fields-in-order') {
    if (own) return own;
    for (const f of counter.fieldIds) {
      const h = head(f);
      if (h) return h;
    }
    return undefined;
  }
  let best = own;
  for (const f of counter.fieldIds) {
    const h = head(f);
    if (h && (!best || callOrder(h, best) < 0)) best = h;
  }
  return best;
}

/**
 * Plans kept per state object (the hub and clients make a new one per event) and field: only the
 * latest instant asked, so a state that stays a while keeps one plan per field, not one per tick.
 */
const cache = new WeakMap<QueueState, Map<string, { now: number; plan: Plan | null }>>();

function cached(state: QueueState, key: string, now: number, make: () => Plan | null) {
  let plans = cache.get(state);
  if (!plans) cache.set(state, (plans = new Map()));
  const hit = plans.get(key);
  if (hit?.now === now) return hit.plan;
  const plan = make();
  plans.set(key, { now, plan });
  return plan;
}

/** `plan` of the state as it stands, computed once per state, field and instant. */
function planOf(state: QueueState, fieldId: string, now: number): Plan | null {
  return cached(state, fieldId, now, () => plan(state, fieldId, now, null));
}

/** Minutes from `now` to a forecast call, with priority numbers yet to come taking their share. */
function minutesUntil(callAt: number, now: number, ticket: Ticket, share: number): number {
  const wait = Math.max(0, callAt - now);
  const stretched = ticket.priorityClassId ? wait : wait / (1 - share);
  return Math.round(stretched / MINUTE);
}

/**
 * Minutes until `ticket` is called, forecast from the queue as it stands at `now` (see `plan`).
 * Null when no counter serving its field is open.
 */
export function forecastWaitMinutes(state: QueueState, ticket: Ticket, now: number): number | null {
  const inState = own(state.tickets, ticket.id);
  if (inState && inState.status === 'waiting' && inState.fieldId === ticket.fieldId) {
    const p = planOf(state, ticket.fieldId, now);
    const at = p?.calls.get(ticket.id);
    if (p && at !== undefined) return minutesUntil(at, now, ticket, p.priorityShare);
    if (!p) return null;
  }
  // A number not yet in the queue, or a remote one awaiting its citizen: as if in its place now.
  const p = plan(state, ticket.fieldId, now, {
    ...ticket,
    status: 'waiting',
    awaitingArrival: false,
  });
  const at = p?.calls.get(ticket.id);
  return p && at !== undefined ? minutesUntil(at, now, ticket, p.priorityShare) : null;
}

/** Minutes a walk-in taking a number in `fieldId` at `now` would wait, forecast as above. */
export function forecastFieldWaitMinutes(
  state: QueueState,
  fieldId: string,
  now: number,
): number | null {
  const walkIn: Ticket = {
    id: WALK_IN,
    day: state.day,
    fieldId,
    originalFieldId: fieldId,
    number: 0,
    label: '',
    priorityClassId: null,
    status: 'waiting',
    issuedAt: now,
    issueSeq: Number.MAX_SAFE_INTEGER,
    waitingSince: now,
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
  const p = cached(state, `${WALK_IN}${fieldId}`, now, () => plan(state, fieldId, now, walkIn));
  const at = p?.calls.get(WALK_IN);
  return p && at !== undefined ? minutesUntil(at, now, walkIn, p.priorityShare) : null;
}
