import { planCell, seedOf, type SiteConfig } from '@luot/domain';
import type { StaffingCell, StaffingField, StaffingPlan, StaffingQuery } from '@luot/protocol';
import type { PackedDay } from '../db/report-days.ts';
import type { NoShowHoldRow } from '../db/staffing-source.ts';
import {
  staffingHistory,
  WEEK_CELLS,
  type FieldHistory,
  type StaffingHistory,
} from './staffing-history.ts';

/** Fewer served visits (or calls) than this in a cell: the field's mean over the period is used. */
export const MIN_CELL_SAMPLE = 5;
/** Minutes a no-show call holds a counter when no no-show's times are kept (rows purged). */
export const NO_SHOW_FALLBACK_MINUTES = 1;

/** What a plan is made from: a period's packed days and its no-show calls' times. */
export interface StaffingInput {
  days: readonly PackedDay[];
  noShowHolds: readonly NoShowHoldRow[];
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const share = (x: number | null) => (x === null ? null : round(x, 4));

function sum(cells: Float64Array): number {
  let s = 0;
  for (const x of cells) s += x;
  return s;
}

/**
 * The staffing plan of a period (definitions in ./README.md, "Staffing plan"): per field, ISO
 * weekday and local hour with history, the means of what happened and the counters needed to
 * call `targetShare` within `withinMinutes`, with the query's what-if applied. Fields of the
 * configuration first, in its order, then fields since removed (named by their id).
 */
export function planStaffing(
  siteId: string,
  input: StaffingInput,
  query: StaffingQuery,
  config: SiteConfig,
): Omit<StaffingPlan, 'elapsedMs'> {
  const history = staffingHistory(input.days, config.site.timeZone);
  const holds = new Map(input.noShowHolds.map((h) => [h.fieldId, h]));
  const names = new Map(config.fields.map((f) => [f.id, f.name]));
  const ids = [
    ...config.fields.map((f) => f.id).filter((id) => history.fields.has(id)),
    ...[...history.fields.keys()].filter((id) => !names.has(id)).sort(),
  ];
  const fields: StaffingField[] = ids.map((fieldId) => ({
    fieldId,
    name: names.get(fieldId) ?? fieldId,
    cells: planField(fieldId, history.fields.get(fieldId)!, history, holds.get(fieldId), query),
  }));
  const { from, to } = query;
  return { siteId, from, to, weekdays: history.weekdays, query, fields };
}

function planField(
  fieldId: string,
  h: FieldHistory,
  history: StaffingHistory,
  hold: NoShowHoldRow | undefined,
  query: StaffingQuery,
): StaffingCell[] {
  const fieldService = sum(h.served) > 0 ? sum(h.serviceS) / sum(h.served) / 60 : 0;
  const fieldNoShow = sum(h.calls) > 0 ? sum(h.noShows) / sum(h.calls) : 0;
  const noShowMinutes =
    hold && hold.count > 0 ? hold.ms / hold.count / 60_000 : NO_SHOW_FALLBACK_MINUTES;
  const target = { targetShare: query.targetShare, withinMinutes: query.withinMinutes };
  const cells: StaffingCell[] = [];
  for (let cell = 0; cell < WEEK_CELLS; cell++) {
    if (h.issued[cell] === 0 && h.counters[cell] === 0) continue;
    const weekday = Math.floor(cell / 24) + 1;
    const hour = cell % 24;
    const days = history.weekdays[weekday - 1]! || 1;
    const issued = h.issued[cell]!;
    const served = h.served[cell]!;
    const calls = h.calls[cell]!;
    const service = served >= MIN_CELL_SAMPLE ? h.serviceS[cell]! / served / 60 : fieldService;
    const demand = {
      arrivalsPerHour: (issued / days) * query.arrivalsFactor,
      serviceMinutes: service * query.serviceFactor,
      noShowShare: calls >= MIN_CELL_SAMPLE ? h.noShows[cell]! / calls : fieldNoShow,
      noShowMinutes,
      // Never called ≈ not served − no-show calls (an absent citizen not called again expires).
      abandonShare:
        issued > 0 ? Math.min(1, Math.max(0, (h.notServed[cell]! - h.noShows[cell]!) / issued)) : 0,
      open: Math.max(0, h.counters[cell]! / days + query.counterDelta),
    };
    const plan = planCell(demand, target, seedOf(`${fieldId}|${weekday}|${hour}`));
    cells.push({
      weekday,
      hour,
      arrivalsPerHour: round(demand.arrivalsPerHour, 2),
      serviceMinutes: round(demand.serviceMinutes, 2),
      noShowShare: round(demand.noShowShare, 4),
      abandonShare: round(demand.abandonShare, 4),
      needed: plan.needed,
      open: round(demand.open, 2),
      neededShare: share(plan.neededShare),
      simulatedShare: share(plan.simulatedShare),
      openShare: share(plan.openShare),
    });
  }
  return cells;
}

/** Reads a period with `read` and plans it, timing both (SQLite's worker and in-process way). */
export function timedStaffingPlan(
  siteId: string,
  read: (from: string, to: string) => StaffingInput,
  query: StaffingQuery,
  config: SiteConfig,
): StaffingPlan {
  const started = performance.now();
  const plan = planStaffing(siteId, read(query.from, query.to), query, config);
  return { ...plan, elapsedMs: Math.round(performance.now() - started) };
}
