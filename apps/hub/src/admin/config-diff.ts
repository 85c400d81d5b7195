import type { SiteConfig } from '@luot/domain';
import type { AuditChange } from '@luot/protocol';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !same(a[k], b[k])).sort();
}

function byId<T extends { id: string; name: string }>(
  section: 'fields' | 'counters' | 'priorityClasses',
  before: T[],
  after: T[],
): AuditChange[] {
  const changes: AuditChange[] = [];
  const old = new Map(before.map((x) => [x.id, x]));
  const next = new Map(after.map((x) => [x.id, x]));
  for (const [id, x] of next) {
    const prior = old.get(id);
    if (!prior) changes.push({ section, item: id, name: x.name, change: 'added', keys: [] });
    else {
      const keys = changedKeys(prior as Record<string, unknown>, x as Record<string, unknown>);
      if (keys.length > 0)
        changes.push({ section, item: id, name: x.name, change: 'changed', keys });
    }
  }
  for (const [id, x] of old)
    if (!next.has(id))
      changes.push({ section, item: id, name: x.name, change: 'removed', keys: [] });
  return changes;
}

/** What a configuration update changed, item by item, for the audit log. */
export function configChanges(before: SiteConfig, after: SiteConfig): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const key of changedKeys(before.site, after.site))
    changes.push({ section: 'site', item: key, name: key, change: 'changed', keys: [key] });
  changes.push(...byId('fields', before.fields, after.fields));
  changes.push(...byId('counters', before.counters, after.counters));
  for (const key of changedKeys(before.texts, after.texts))
    changes.push({ section: 'texts', item: key, name: key, change: 'changed', keys: [key] });
  changes.push(...byId('priorityClasses', before.priorityClasses, after.priorityClasses));
  if (!same(before.ratingScale, after.ratingScale))
    changes.push({
      section: 'ratingScale',
      item: 'ratingScale',
      name: 'ratingScale',
      change: 'changed',
      keys: [],
    });
  if (before.priorityMaxStreak !== after.priorityMaxStreak)
    changes.push({
      section: 'other',
      item: 'priorityMaxStreak',
      name: 'priorityMaxStreak',
      change: 'changed',
      keys: ['priorityMaxStreak'],
    });
  // How long personal data is kept: a change an inspector will ask about.
  for (const key of changedKeys(before.retention ?? {}, after.retention ?? {}))
    changes.push({
      section: 'other',
      item: `retention.${key}`,
      name: `retention.${key}`,
      change: 'changed',
      keys: [key],
    });
  // The calendar: working weekdays, holidays, special days.
  for (const key of changedKeys(before.calendar, after.calendar))
    changes.push({
      section: 'other',
      item: `calendar.${key}`,
      name: `calendar.${key}`,
      change: 'changed',
      keys: [key],
    });
  return changes;
}
