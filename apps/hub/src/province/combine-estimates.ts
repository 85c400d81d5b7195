import {
  estimateAccuracy,
  mergeEstimateErrors,
  NO_ESTIMATE_ERRORS,
  type EstimateAccuracy,
  type EstimateErrorSums,
} from '@luot/domain';
import type { ReportEstimateAccuracy } from '@luot/protocol';
import type { SiteReport } from './combine-reports.ts';

/** The sums behind a figure (exact: counts are whole, the error sum is MAE × tickets). */
function sumsOf(a: EstimateAccuracy): EstimateErrorSums {
  if (a.tickets === 0) return NO_ESTIMATE_ERRORS;
  return {
    tickets: a.tickets,
    absErrorMinutes: (a.maeMinutes ?? 0) * a.tickets,
    within5Min: Math.round((a.within5MinShare ?? 0) * a.tickets),
    within20Pct: Math.round((a.within20PctShare ?? 0) * a.tickets),
  };
}

/**
 * The accuracy of promised waits across sites: the total and each hour of issue add up the
 * sites' sums; fields stay each site's own (named with the site, keyed `<site>/<field>`).
 */
export function combineEstimateAccuracy(
  parts: readonly SiteReport[],
  qualified: (label: string, siteName: string) => string,
): ReportEstimateAccuracy {
  let total = NO_ESTIMATE_ERRORS;
  const hours = new Map<number, EstimateErrorSums>();
  for (const { report } of parts) {
    total = mergeEstimateErrors(total, sumsOf(report.estimateAccuracy.total));
    for (const { hour, accuracy } of report.estimateAccuracy.byHour)
      hours.set(hour, mergeEstimateErrors(hours.get(hour) ?? NO_ESTIMATE_ERRORS, sumsOf(accuracy)));
  }
  return {
    total: estimateAccuracy(total),
    byField: parts.flatMap((p) =>
      p.report.estimateAccuracy.byField.map((f) => ({
        ...f,
        fieldId: `${p.siteId}/${f.fieldId}`,
        label: qualified(f.label, p.siteName),
      })),
    ),
    byHour: [...hours.entries()]
      .sort(([a], [b]) => a - b)
      .map(([hour, sums]) => ({ hour, accuracy: estimateAccuracy(sums) })),
    byFieldHour: parts.flatMap((p) =>
      p.report.estimateAccuracy.byFieldHour.map((c) => ({
        ...c,
        fieldId: `${p.siteId}/${c.fieldId}`,
      })),
    ),
  };
}
