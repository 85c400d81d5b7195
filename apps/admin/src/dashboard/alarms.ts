import type { DashboardAlarm } from '@luot/domain';

/**
 * The alarms to sound for: those whose key was not present at the previous look. An alarm that
 * lasts sounds once; one that ends and comes back sounds again.
 */
export function newAlarmKeys(previous: ReadonlySet<string>, alarms: DashboardAlarm[]): string[] {
  return alarms.map((a) => a.key).filter((k) => !previous.has(k));
}
