import {
  currentTicket,
  estimateWaitMinutes,
  fieldAvailability,
  type FieldAvailability,
  type QueueState,
} from '@luot/domain';

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
      estimateMinutes: estimateWaitMinutes(state, field.id, waiting),
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
