// What the staffing page shows, worked out from the hub's plan: the default period, the query
// (checked by the protocol's schema), the hours the map lists, each cell's gap between counters
// needed and open, and what a what-if changed. Pure, so it is tested without a browser.
import { addDays, minutesOfHhmm, weekdayOf, type SiteConfig } from '@luot/domain';
import {
  staffingQuerySchema,
  type StaffingCell,
  type StaffingField,
  type StaffingQuery,
} from '@luot/protocol';

/** The what-if toggles of the page. */
export interface WhatIf {
  /** "Lượt đến +20 %". */
  arrivalsUp: boolean;
  /** "Thời gian phục vụ −10 %". */
  serviceDown: boolean;
  /** "Bớt một quầy". */
  oneCounterLess: boolean;
}

export const NO_WHAT_IF: WhatIf = { arrivalsUp: false, serviceDown: false, oneCounterLess: false };

/** Whether any what-if is on. */
export function anyWhatIf(w: WhatIf): boolean {
  return w.arrivalsUp || w.serviceDown || w.oneCounterLess;
}

/** The last `weeks` full weeks (Monday to Sunday) before the week of `today`. */
export function lastFullWeeks(today: string, weeks = 8): { from: string; to: string } {
  const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
  return { from: addDays(monday, -7 * weeks), to: addDays(monday, -1) };
}

/** The page's form, as typed. */
export interface StaffingForm {
  from: string;
  to: string;
  /** Percent, 50–99. */
  sharePercent: number;
  withinMinutes: number;
}

/**
 * The query string of GET /api/reports/staffing(.xlsx) for the form and the what-if, checked by
 * the protocol's schema (the hub's own rule); null when the schema refuses it.
 */
export function staffingQueryString(form: StaffingForm, whatIf: WhatIf): string | null {
  const raw = {
    from: form.from,
    to: form.to,
    targetShare: Math.round(form.sharePercent * 100) / 10_000,
    withinMinutes: form.withinMinutes,
    arrivalsFactor: whatIf.arrivalsUp ? 1.2 : 1,
    serviceFactor: whatIf.serviceDown ? 0.9 : 1,
    counterDelta: whatIf.oneCounterLess ? -1 : 0,
  };
  const parsed = staffingQuerySchema.safeParse(raw);
  if (!parsed.success) return null;
  const q: StaffingQuery = parsed.data;
  const params = new URLSearchParams({
    from: q.from,
    to: q.to,
    targetShare: String(q.targetShare),
    withinMinutes: String(q.withinMinutes),
  });
  // Only the what-if's factors that differ, so the plain plan's address stays short.
  if (q.arrivalsFactor !== 1) params.set('arrivalsFactor', String(q.arrivalsFactor));
  if (q.serviceFactor !== 1) params.set('serviceFactor', String(q.serviceFactor));
  if (q.counterDelta !== 0) params.set('counterDelta', String(q.counterDelta));
  return params.toString();
}

/** The key of a weekday × hour. */
export function cellKey(weekday: number, hour: number): string {
  return `${weekday}-${hour}`;
}

/** A field's cells by weekday × hour. */
export function cellsByKey(field: StaffingField): Map<string, StaffingCell> {
  return new Map(field.cells.map((c) => [cellKey(c.weekday, c.hour), c]));
}

/**
 * The hours the map lists for a field: those with history (arrivals or counters open on some
 * weekday) and those its sessions cover, in order.
 */
export function shownHours(
  field: StaffingField,
  config: Pick<SiteConfig, 'fields'> | null,
): number[] {
  const hours = new Set<number>();
  for (const c of field.cells) if (c.arrivalsPerHour > 0 || c.open > 0) hours.add(c.hour);
  const sessions = config?.fields.find((f) => f.id === field.fieldId)?.sessions ?? [];
  for (const s of sessions) {
    const from = minutesOfHhmm(s.from);
    const to = minutesOfHhmm(s.to);
    for (let h = Math.floor(from / 60); h * 60 < to && h < 24; h++) hours.add(h);
  }
  return [...hours].sort((a, b) => a - b);
}

/** How a cell's counters open compare with those needed. */
export interface Gap {
  kind: 'short' | 'met' | 'surplus';
  /** 1–3 for short (3: three or more counters short), 1–2 for surplus, 0 when met. */
  level: number;
  /** Counters short (positive) or spare (negative), to one decimal. */
  amount: number;
}

/**
 * The gap of a cell. Open counters are means over the period (1.6 counters), so a cell is short
 * as soon as fewer than needed were open, but spare only from a whole counter up: nobody can
 * close 0.6 of a counter.
 */
export function gapOf(cell: Pick<StaffingCell, 'needed' | 'open'>): Gap {
  const amount = Math.round((cell.needed - cell.open) * 10) / 10;
  if (amount > 0) return { kind: 'short', level: Math.min(3, Math.ceil(amount)), amount };
  if (amount <= -1) return { kind: 'surplus', level: amount <= -2 ? 2 : 1, amount };
  return { kind: 'met', level: 0, amount };
}

/** Whether two plans of one cell read differently on the map (needed or open). */
export function cellChanged(before: StaffingCell | undefined, after: StaffingCell): boolean {
  if (!before) return after.needed > 0 || after.open > 0;
  return before.needed !== after.needed || Math.abs(before.open - after.open) >= 0.05;
}

/** Whether a field's plan has any history at all (someone came, or a counter served it). */
export function hasHistory(fields: StaffingField[]): boolean {
  return fields.some((f) => f.cells.some((c) => c.arrivalsPerHour > 0 || c.open > 0));
}

/** How many of a field's cells a what-if changed (see `cellChanged`). */
export function countChanged(before: StaffingField, after: StaffingField): number {
  const old = cellsByKey(before);
  return after.cells.filter((c) => cellChanged(old.get(cellKey(c.weekday, c.hour)), c)).length;
}
