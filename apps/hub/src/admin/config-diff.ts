import type { SiteConfig } from '@luot/domain';
import type { AuditChange, AuditValue } from '@luot/protocol';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !same(a[k], b[k])).sort();
}

/** Old → new of each key, `undefined` written as null (JSON keeps no undefined). */
function valuesOf(
  keys: string[],
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): Record<string, AuditValue> {
  return Object.fromEntries(
    keys.map((k) => [k, { before: a[k] ?? null, after: b[k] ?? null }] as const),
  );
}

type Named = { id: string; name: string };

/**
 * Items of a list keyed by id: added, removed, or changed with old → new per key. `present`
 * rewrites an item for the record (a counter's fields by their names at that time).
 */
function byId<T extends Named>(
  section: 'fields' | 'counters' | 'priorityClasses' | 'desks',
  before: T[],
  after: T[],
  present: (item: T, side: 'before' | 'after') => Record<string, unknown> = (x) => x,
): AuditChange[] {
  const changes: AuditChange[] = [];
  const old = new Map(before.map((x) => [x.id, x]));
  const next = new Map(after.map((x) => [x.id, x]));
  for (const [id, x] of next) {
    const prior = old.get(id);
    if (!prior) changes.push({ section, item: id, name: x.name, change: 'added', keys: [] });
    else {
      const a = present(prior, 'before');
      const b = present(x, 'after');
      const keys = changedKeys(a, b);
      if (keys.length > 0)
        changes.push({
          section,
          item: id,
          name: x.name,
          change: 'changed',
          keys,
          values: valuesOf(keys, a, b),
        });
    }
  }
  for (const [id, x] of old)
    if (!next.has(id))
      changes.push({ section, item: id, name: x.name, change: 'removed', keys: [] });
  return changes;
}

/** One change per changed key of an object section, e.g. `texts` or `site`. */
function perKey(
  section: AuditChange['section'],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  prefix = '',
): AuditChange[] {
  return changedKeys(before, after).map((key) => ({
    section,
    item: prefix + key,
    name: prefix + key,
    change: 'changed',
    keys: [key],
    values: valuesOf([key], before, after),
  }));
}

/** The parts `configChanges` words itself; any other part is compared generically. */
const KNOWN = new Set([
  'desks',
  'site',
  'fields',
  'counters',
  'texts',
  'priorityClasses',
  'ratingScale',
  'priorityMaxStreak',
]);

/**
 * What a configuration update changed, item by item, with the old and new value of each changed
 * key, for the audit log (apps/admin words it in Vietnamese). A counter's fields are recorded by
 * their names at the time. A part of the configuration this function does not know (one added
 * later) is still recorded: per key for an object, whole otherwise, under section `other`.
 */
export function configChanges(before: SiteConfig, after: SiteConfig): AuditChange[] {
  const changes: AuditChange[] = [];
  changes.push(...perKey('site', before.site, after.site));
  changes.push(...byId('fields', before.fields, after.fields));
  const fieldName = (config: SiteConfig, id: string) =>
    config.fields.find((f) => f.id === id)?.name ?? id;
  changes.push(
    ...byId('counters', before.counters, after.counters, (c, side) => ({
      ...c,
      fieldIds: c.fieldIds.map((id) => fieldName(side === 'before' ? before : after, id)),
    })),
  );
  changes.push(...perKey('texts', before.texts, after.texts));
  changes.push(...byId('priorityClasses', before.priorityClasses, after.priorityClasses));
  changes.push(...byId('desks', before.desks, after.desks));
  if (!same(before.ratingScale, after.ratingScale))
    changes.push({
      section: 'ratingScale',
      item: 'ratingScale',
      name: 'ratingScale',
      change: 'changed',
      keys: [],
      values: { ratingScale: { before: before.ratingScale, after: after.ratingScale } },
    });
  if (before.priorityMaxStreak !== after.priorityMaxStreak)
    changes.push({
      section: 'other',
      item: 'priorityMaxStreak',
      name: 'priorityMaxStreak',
      change: 'changed',
      keys: ['priorityMaxStreak'],
      values: {
        priorityMaxStreak: { before: before.priorityMaxStreak, after: after.priorityMaxStreak },
      },
    });
  // Everything else (retention — a change an inspector will ask about — and any part added later).
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  for (const key of changedKeys(a, b)) {
    if (KNOWN.has(key)) continue;
    if (isRecord(a[key]) && isRecord(b[key]))
      changes.push(...perKey('other', a[key], b[key], `${key}.`));
    else
      changes.push({
        section: 'other',
        item: key,
        name: key,
        change: 'changed',
        keys: [key],
        values: valuesOf([key], a, b),
      });
  }
  return changes;
}
