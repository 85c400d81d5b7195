import type { CounterRow, FieldRow } from './model.ts';

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

/**
 * The alarms to sound for: those whose key was not present at the previous look. An alarm that
 * lasts sounds once; one that ends and comes back sounds again.
 */
export function newAlarmKeys(previous: ReadonlySet<string>, alarms: DashboardAlarm[]): string[] {
  return alarms.map((a) => a.key).filter((k) => !previous.has(k));
}
