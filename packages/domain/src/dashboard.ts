// What the supervisor's dashboard and the province overview show of one site's live queue, and
// when they raise an alarm: one set of rules for both (a rule lives in one place).
import { currentTicket, fieldAvailability, type FieldAvailability } from './selectors.ts';
import type { QueueState } from './state.ts';
import { fieldWaitMinutes } from './wait-estimate.ts';

export type AlarmLevel = 'ok' | 'warn' | 'alarm';

/** A wait is "near" its target from this share of it on. */
export const WARN_SHARE = 0.8;

export interface FieldRow {
  id: string;
  name: string;
  waiting: number;
  /** The longest current wait (since issue or the latest transfer), or null when nobody waits. */
  longestWaitMs: number | null;
  estimateMinutes: number | null;
  targetMinutes: number;
  servedToday: number;
  /** Numbers of the open counters serving the field. */
  openCounters: number[];
  availability: FieldAvailability;
  level: AlarmLevel;
}

export interface CounterRow {
  id: string;
  number: number;
  name: string;
  status: 'open' | 'paused' | 'closed';
  clerkId: string | null;
  pauseReason: string | null;
  /** Since when the counter has had its status. */
  statusSinceMs: number;
  ticket: { label: string; state: 'called' | 'serving'; forMs: number } | null;
}

/** The alarm level of a wait against a target in minutes. */
export function alarmLevel(waitMs: number | null, targetMinutes: number): AlarmLevel {
  if (waitMs === null) return 'ok';
  if (waitMs > targetMinutes * 60_000) return 'alarm';
  if (waitMs >= WARN_SHARE * targetMinutes * 60_000) return 'warn';
  return 'ok';
}

/** One row per field, in the kiosk's order: what waits, for how long, who serves it. */
export function fieldRows(state: QueueState, now: number): FieldRow[] {
  const fields = [...state.config.fields].sort((a, b) => a.kioskOrder - b.kioskOrder);
  const tickets = Object.values(state.tickets);
  return fields.map((field) => {
    let waiting = 0;
    let oldest: number | null = null;
    let served = 0;
    for (const t of tickets) {
      if (t.fieldId !== field.id) continue;
      if (t.status === 'waiting') {
        waiting++;
        if (oldest === null || t.waitingSince < oldest) oldest = t.waitingSince;
      } else if (t.status === 'done') served++;
    }
    const longestWaitMs = oldest === null ? null : Math.max(0, now - oldest);
    const openCounters = state.config.counters
      .filter((c) => c.fieldIds.includes(field.id) && state.counters[c.id]?.status === 'open')
      .map((c) => c.number)
      .sort((a, b) => a - b);
    return {
      id: field.id,
      name: field.name,
      waiting,
      longestWaitMs,
      estimateMinutes: fieldWaitMinutes(state, field.id, waiting, now),
      targetMinutes: field.targetWaitMinutes,
      servedToday: served,
      openCounters,
      availability: fieldAvailability(state, field.id, now),
      level: alarmLevel(longestWaitMs, field.targetWaitMinutes),
    };
  });
}

/** One row per counter, by number: its status, clerk and current ticket with how long. */
export function counterRows(state: QueueState, now: number): CounterRow[] {
  return [...state.config.counters]
    .sort((a, b) => a.number - b.number)
    .map((c) => {
      const live = state.counters[c.id];
      const current = currentTicket(state, c.id);
      let ticket: CounterRow['ticket'] = null;
      if (current) {
        const since =
          current.status === 'serving'
            ? (current.startedAt ?? current.calledAt ?? now)
            : (current.calledAt ?? now);
        ticket = { label: current.label, state: current.status, forMs: Math.max(0, now - since) };
      }
      return {
        id: c.id,
        number: c.number,
        name: c.name,
        status: live?.status ?? 'closed',
        clerkId: live?.clerkId ?? null,
        pauseReason: live?.pauseReason ?? null,
        statusSinceMs: Math.max(0, now - (live?.since ?? now)),
        ticket,
      };
    });
}

/** One thing on the dashboard a supervisor should act on now. */
export type DashboardAlarm =
  | {
      /** Stable while the same situation lasts; a new key is a new alarm (and one new sound). */
      key: string;
      kind: 'waitOverTarget';
      fieldId: string;
      fieldName: string;
      waitMs: number;
      targetMinutes: number;
    }
  | {
      key: string;
      kind: 'calledNotStarted';
      counterId: string;
      counterName: string;
      ticketLabel: string;
      sinceCalledMs: number;
      limitMinutes: number;
    };

/**
 * The dashboard's alarms, from its rows: a field whose longest wait is past its target
 * (`targetWaitMinutes`), and a counter whose called ticket has not been started after
 * `calledNotStartedMinutes` (config `alerts`). Fields first (in the kiosk's order), then counters.
 */
export function dashboardAlarms(
  fields: FieldRow[],
  counters: CounterRow[],
  calledNotStartedMinutes: number,
): DashboardAlarm[] {
  const alarms: DashboardAlarm[] = [];
  for (const f of fields)
    if (f.longestWaitMs !== null && f.longestWaitMs > f.targetMinutes * 60_000)
      alarms.push({
        key: `wait:${f.id}`,
        kind: 'waitOverTarget',
        fieldId: f.id,
        fieldName: f.name,
        waitMs: f.longestWaitMs,
        targetMinutes: f.targetMinutes,
      });
  for (const c of counters)
    if (c.ticket?.state === 'called' && c.ticket.forMs > calledNotStartedMinutes * 60_000)
      alarms.push({
        key: `called:${c.id}:${c.ticket.label}`,
        kind: 'calledNotStarted',
        counterId: c.id,
        counterName: c.name,
        ticketLabel: c.ticket.label,
        sinceCalledMs: c.ticket.forMs,
        limitMinutes: calledNotStartedMinutes,
      });
  return alarms;
}
