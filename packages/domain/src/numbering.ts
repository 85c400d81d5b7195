import { numberingCapacity, type FieldConfig, type SiteConfig } from './config.ts';
import { nextNumber } from './selectors.ts';
import { own, type QueueState } from './state.ts';

/** A number a field would print although it was already handed out today. */
export interface Reprint {
  fieldId: string;
  fieldName: string;
  /** The label as it was printed today, e.g. "1011" or "A001". */
  label: string;
}

/** A printed label split into its letters and its value ("A012" → "A", 12); null if it is not one. */
function parseLabel(label: string): { prefix: string; value: number } | null {
  const m = /^([A-Z]*)(\d+)$/.exec(label);
  return m ? { prefix: m[1]!, value: Number(m[2]) } : null;
}

/**
 * The numbers a field may still print today under `field`'s numbering: from the next number
 * (its last one today + 1, at least the start) to the capacity or what the daily limit leaves.
 * `lastNumber` and `issuedCount` are kept per field id, so a field keeps its place whatever its
 * numbering becomes; a field added today (or given a new id) starts from its start.
 */
export function remainingRange(
  state: QueueState,
  field: FieldConfig,
): { from: number; to: number } | null {
  const from = nextNumber(state, field);
  let to = numberingCapacity(field);
  if (field.dailyLimit !== null)
    to = Math.min(to, from + field.dailyLimit - (own(state.issuedCount, field.id) ?? 0) - 1);
  return from <= to ? { from, to } : null;
}

/**
 * The first number some field of `config` would print again although a ticket of today already
 * carries it (same letters and value, whichever field issued it), or null. Two labels with the
 * same letters and value are read out the same way ("1011" and "01011"), so they count as one.
 */
export function firstReprint(state: QueueState, config: SiteConfig): Reprint | null {
  const issued = new Map<string, { value: number; label: string }[]>();
  for (const t of Object.values(state.tickets)) {
    const parsed = parseLabel(t.label);
    if (!parsed) continue;
    const list = issued.get(parsed.prefix) ?? [];
    list.push({ value: parsed.value, label: t.label });
    issued.set(parsed.prefix, list);
  }
  for (const field of config.fields) {
    const range = remainingRange(state, field);
    if (!range) continue;
    let first: { value: number; label: string } | null = null;
    for (const n of issued.get(field.numbering.prefix) ?? [])
      if (n.value >= range.from && n.value <= range.to && (!first || n.value < first.value))
        first = n;
    if (first) return { fieldId: field.id, fieldName: field.name, label: first.label };
  }
  return null;
}
