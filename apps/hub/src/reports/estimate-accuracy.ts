import {
  estimateAccuracy,
  mergeEstimateErrors,
  NO_ESTIMATE_ERRORS,
  type EstimateErrorSums,
  type SiteConfig,
} from '@luot/domain';
import type { ReportEstimateAccuracy } from '@luot/protocol';
import type { EstimateCell } from '../db/report-estimates.ts';

/**
 * The report's accuracy of promised waits from the period's sums per day, field and quarter-hour
 * of issue (db/report-estimates.ts): merged by field, by site-local hour of issue (`hourOf`), by
 * both, and in total, in the order the cells come (so packed and unpacked days agree exactly).
 */
export function computeEstimateAccuracy(
  cells: readonly EstimateCell[],
  config: SiteConfig,
  hourOf: (day: string, quarter: number) => number,
): ReportEstimateAccuracy {
  let total = NO_ESTIMATE_ERRORS;
  const byField = new Map<string, EstimateErrorSums>();
  const byHour = new Map<number, EstimateErrorSums>();
  const byFieldHour = new Map<string, { fieldId: string; hour: number; sums: EstimateErrorSums }>();
  for (const { day, fieldId, quarter, sums } of cells) {
    const hour = hourOf(day, quarter);
    total = mergeEstimateErrors(total, sums);
    byField.set(fieldId, mergeEstimateErrors(byField.get(fieldId) ?? NO_ESTIMATE_ERRORS, sums));
    byHour.set(hour, mergeEstimateErrors(byHour.get(hour) ?? NO_ESTIMATE_ERRORS, sums));
    const key = `${fieldId}|${hour}`;
    const pair = byFieldHour.get(key);
    if (pair) pair.sums = mergeEstimateErrors(pair.sums, sums);
    else byFieldHour.set(key, { fieldId, hour, sums });
  }
  const configured = config.fields.map((f) => f.id);
  const fieldIds = [
    ...configured,
    ...[...byField.keys()].filter((id) => !configured.includes(id)).sort(),
  ];
  const order = new Map(fieldIds.map((id, i) => [id, i]));
  return {
    total: estimateAccuracy(total),
    byField: fieldIds.map((fieldId) => ({
      fieldId,
      label: config.fields.find((f) => f.id === fieldId)?.name ?? fieldId,
      accuracy: estimateAccuracy(byField.get(fieldId) ?? NO_ESTIMATE_ERRORS),
    })),
    byHour: [...byHour.entries()]
      .sort(([a], [b]) => a - b)
      .map(([hour, sums]) => ({ hour, accuracy: estimateAccuracy(sums) })),
    byFieldHour: [...byFieldHour.values()]
      .sort((a, b) => order.get(a.fieldId)! - order.get(b.fieldId)! || a.hour - b.hour)
      .map(({ fieldId, hour, sums }) => ({ fieldId, hour, accuracy: estimateAccuracy(sums) })),
  };
}
