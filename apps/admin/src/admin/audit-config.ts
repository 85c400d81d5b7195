import { ticketLabel, type DossierRequirement } from '@luot/domain';
import { CONFIG_KEY_LABELS, type AuditChange, type AuditValue } from '@luot/protocol';
import { M } from '../messages.ts';
import { MI } from '../messages-id-card.ts';
import { MD } from '../messages-dossier.ts';
import { MM } from '../messages-media.ts';

const A = M.audit;

/** Longer texts (a notice, a footer) are cut to this many characters in the log. */
const MAX_TEXT = 60;

/** "priorityMaxStreak" → "priority max streak": an unknown key, still readable. */
function readableKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .toLowerCase();
}

/** The Vietnamese name of a configuration key; `retention.visitDays` by its last part. */
export function keyLabel(key: string, section?: AuditChange['section']): string {
  const own = section ? A.keyOverrides[`${section}.${key}`] : undefined;
  if (own) return own;
  const last = key.split('.').at(-1) ?? key;
  return CONFIG_KEY_LABELS[key] ?? CONFIG_KEY_LABELS[last] ?? readableKey(key);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function cut(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** One value of a configuration key, short: sessions as "07:30–11:30", fields by name. */
export function formatValue(key: string, value: unknown): string {
  if (value === null || value === undefined)
    return key === 'dailyLimit' ? A.values.noLimit : A.values.empty;
  if (typeof value === 'boolean') return value ? A.values.yes : A.values.no;
  if (typeof value === 'number')
    return /Minutes$/.test(key)
      ? A.values.minutes(value)
      : /Days$/.test(key)
        ? A.values.days(value)
        : String(value);
  if (typeof value === 'string') {
    if (key === 'rule') return M.counters.rules[value] ?? value;
    if (key.split('.').at(-1) === 'scan' && value in MI.modes)
      return MI.modes[value as keyof typeof MI.modes];
    if (key === 'layout') return MM.layout[value] ?? value;
    if (key === 'dossier.required' || key === 'required')
      return MD.required[value as DossierRequirement] ?? value;
    return value === '' ? A.values.empty : `«${cut(value)}»`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return A.values.none;
    return value.map((v) => formatItem(key, v)).join(', ');
  }
  if (isRecord(value)) {
    if (key === 'numbering') {
      const n = value as { prefix?: string; start?: number; digits?: number };
      if (typeof n.start === 'number' && typeof n.digits === 'number')
        return A.values.numbering(
          ticketLabel(
            { numbering: { prefix: n.prefix ?? '', start: n.start, digits: n.digits } },
            n.start,
          ),
          n.digits,
        );
    }
    return Object.entries(value)
      .map(([k, v]) => `${keyLabel(k)} ${formatValue(k, v)}`)
      .join('; ');
  }
  return String(value);
}

/** One item of a list: a session, a rating level, a name. */
function formatItem(key: string, item: unknown): string {
  if (isRecord(item)) {
    if (typeof item.from === 'string' && typeof item.to === 'string')
      return `${item.from}–${item.to}`;
    if (typeof item.score === 'number' && typeof item.label === 'string')
      return `${item.score} ${item.label}`;
    // A playlist item: its name and how long it shows.
    if (typeof item.name === 'string' && typeof item.seconds === 'number')
      return `${item.name} (${A.values.seconds(item.seconds)})`;
    if (typeof item.name === 'string') return item.name;
    return formatValue(key, item);
  }
  return typeof item === 'string' ? item : formatValue(key, item);
}

/** Whose change it is: `Lĩnh vực «Đất đai»`, `Quầy 3`, `Tên trung tâm`. */
function subject(c: AuditChange): string {
  switch (c.section) {
    case 'fields':
      return A.subjects.field(c.name);
    case 'counters':
      // Counters are usually named "Quầy 3" already.
      return /^quầy\b/i.test(c.name) ? c.name : A.subjects.counter(c.name);
    case 'priorityClasses':
      return A.subjects.priorityClass(c.name);
    case 'desks':
      return A.subjects.desk(c.name);
    case 'ratingScale':
      return keyLabel('ratingScale');
    default:
      return keyLabel(c.item, c.section);
  }
}

function oldToNew(key: string, v: AuditValue): string {
  // An object (site.addresses, a part added later): only its keys that changed.
  if (key !== 'numbering' && isRecord(v.before) && isRecord(v.after)) {
    const a = v.before;
    const b = v.after;
    return [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
      .map((k) => `${keyLabel(k)} ${oldToNew(k, { before: a[k], after: b[k] })}`)
      .join('; ');
  }
  return `${formatValue(key, v.before)} → ${formatValue(key, v.after)}`;
}

/**
 * One changed item of a configuration update in Vietnamese: "Lĩnh vực «Đất đai»: Giờ lấy số
 * 07:30–11:30 → 07:30–11:00". Entries written before values were recorded list the keys.
 */
export function describeChange(c: AuditChange): string {
  const who = subject(c);
  if (c.change === 'added') return `${who}: ${A.changes.added}`;
  if (c.change === 'removed') return `${who}: ${A.changes.removed}`;
  const values = c.values;
  const perItem =
    c.section === 'fields' ||
    c.section === 'counters' ||
    c.section === 'priorityClasses' ||
    c.section === 'desks';
  if (!values) {
    const keys = c.keys.filter((k) => k !== c.item).map((k) => keyLabel(k, c.section));
    return `${who}: ${A.changes.changed}${keys.length ? ` ${keys.join(', ')}` : ''}`;
  }
  const parts = Object.entries(values).map(([key, v]) =>
    perItem ? `${keyLabel(key, c.section)} ${oldToNew(key, v)}` : oldToNew(key, v),
  );
  return `${who}: ${parts.join('; ')}`;
}
