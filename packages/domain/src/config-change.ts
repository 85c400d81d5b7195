import { pastCalendarAdditions } from './calendar.ts';
import type { SiteConfig } from './config.ts';
import { firstReprint } from './numbering.ts';
import { FINAL_STATUSES, type QueueState } from './state.ts';
import { serviceDay } from './time.ts';

/**
 * Why a valid configuration cannot replace the current one now, in English for the log (the
 * hub words it in Vietnamese), or null. Checked before `updateConfig` applies a change:
 * - a counter that is not closed cannot be removed, nor a field that still has tickets today;
 * - a priority class that tickets still waiting today carry cannot be removed;
 * - a time zone that would put the site on another service day than today's is refused (the
 *   hub would otherwise close the day at once, or stop issuing until the new zone's date
 *   catches up);
 * - no field may print a number already handed out today (see `firstReprint`);
 * - a holiday or special day added must not lie in the past (see `pastCalendarAdditions`).
 */
export function configChangeRefusal(
  state: QueueState,
  config: SiteConfig,
  at: number,
): string | null {
  const fieldIds = new Set(config.fields.map((f) => f.id));
  const counterIds = new Set(config.counters.map((c) => c.id));
  const classIds = new Set(config.priorityClasses.map((p) => p.id));
  for (const c of Object.values(state.counters))
    if (!counterIds.has(c.id) && c.status !== 'closed')
      return `counter ${c.id} is open and cannot be removed`;
  const open = Object.values(state.tickets).filter((t) => !FINAL_STATUSES.includes(t.status));
  for (const t of open)
    if (!fieldIds.has(t.fieldId)) return `field ${t.fieldId} still has tickets today`;
  for (const t of open)
    if (t.priorityClassId !== null && !classIds.has(t.priorityClassId)) {
      const name =
        state.config.priorityClasses.find((p) => p.id === t.priorityClassId)?.name ??
        t.priorityClassId;
      return `priority class "${name}" is carried by tickets waiting today`;
    }
  if (config.site.timeZone !== state.config.site.timeZone) {
    const day = serviceDay(at, config.site.timeZone);
    if (day !== state.day)
      return `time zone ${config.site.timeZone} would move the service day from ${state.day} to ${day}`;
  }
  const reprint = firstReprint(state, config);
  if (reprint)
    return `field "${reprint.fieldName}" would print ${reprint.label} again, already issued today`;
  return pastCalendarAdditions(state.config, config, state.day)[0] ?? null;
}
