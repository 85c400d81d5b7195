// Reports across sites: each site's report, computed by its own engine, added up here. Pure.
import { DOSSIER_OUTCOMES, type DossierOutcome } from '@luot/domain';
import type { SiteConfig } from '@luot/domain';
import {
  REPORT_ORIGINS,
  type BookingShowUp,
  type CatalogueEntry,
  type DurationStats,
  type OriginFigures,
  type ReportOrigin,
  type ProvinceGrouping,
  type ProvinceReport,
  type Report,
  type ReportGrouping,
  type ReportRow,
} from '@luot/protocol';
import { TOTAL_VI } from '../reports/labels-vi.ts';
import { combineEstimateAccuracy } from './combine-estimates.ts';

/** One site's report, with the configuration that names its fields and their codes. */
export interface SiteReport {
  siteId: string;
  siteName: string;
  config: Pick<SiteConfig, 'fields'>;
  report: Report;
}

/** The grouping to ask each site for: a report by site needs only each site's total. */
export function siteGrouping(groupBy: ProvinceGrouping): ReportGrouping {
  return groupBy === 'site' ? 'field' : groupBy;
}

/** "Quầy 1 — Xã Tân Phú": a counter, clerk or unmatched field, qualified by its site. */
export const qualified = (label: string, siteName: string) => `${label} — ${siteName}`;

const sum = (values: (number | null)[]): number | null =>
  values.every((v) => v === null) ? null : values.reduce<number>((n, v) => n + (v ?? 0), 0);
const share = (part: number, whole: number | null): number | null =>
  whole === null || whole === 0 ? null : part / whole;

/**
 * Duration figures of several parts together: counts add up and the mean is the count-weighted
 * mean (exact); a median or P90 cannot be had from the parts' own, so it stays only when a
 * single part has any durations at all, and is null otherwise.
 */
export function combineDurations(parts: readonly DurationStats[]): DurationStats {
  const withData = parts.filter((p) => p.count > 0);
  const count = withData.reduce((n, p) => n + p.count, 0);
  if (count === 0) return { count: 0, meanMs: null, medianMs: null, p90Ms: null };
  if (withData.length === 1) return { ...withData[0]! };
  const meanMs = withData.reduce((n, p) => n + (p.meanMs ?? 0) * p.count, 0) / count;
  return { count, meanMs, medianMs: null, p90Ms: null };
}

/** Bookings that came, of several rows together; null when none of them counts bookings. */
function combineBookings(rows: readonly ReportRow[]): BookingShowUp | null {
  const parts = rows.map((r) => r.bookings).filter((b) => b !== null);
  if (parts.length === 0) return null;
  const due = parts.reduce((n, b) => n + b.due, 0);
  const came = parts.reduce((n, b) => n + b.came, 0);
  return { due, came, share: share(came, due) };
}

/** Several rows as one, under a new key and label: counts added, shares recomputed. */
export function combineRows(key: string, label: string, rows: readonly ReportRow[]): ReportRow {
  const issued = sum(rows.map((r) => r.issued));
  const withinServed = rows.reduce((n, r) => n + r.withinTarget.served, 0);
  const within = rows.reduce((n, r) => n + r.withinTarget.within, 0);
  const onTimeWithin = rows.reduce((n, r) => n + r.onTime.within, 0);
  const onTimeIssued = sum(rows.map((r) => r.onTime.issued));
  const byScore: Record<string, number> = {};
  for (const r of rows)
    for (const [score, n] of Object.entries(r.ratings.byScore))
      byScore[score] = (byScore[score] ?? 0) + n;
  const rated = rows.reduce((n, r) => n + r.ratings.count, 0);
  const satisfied = rows.reduce((n, r) => n + r.ratings.satisfied, 0);
  return {
    key,
    label,
    issued,
    expired: sum(rows.map((r) => r.expired)),
    cancelled: sum(rows.map((r) => r.cancelled)),
    notServed: sum(rows.map((r) => r.notServed)),
    served: rows.reduce((n, r) => n + r.served, 0),
    noShow: rows.reduce((n, r) => n + r.noShow, 0),
    transferred: rows.reduce((n, r) => n + r.transferred, 0),
    waiting: combineDurations(rows.map((r) => r.waiting)),
    service: combineDurations(rows.map((r) => r.service)),
    withinTarget: { served: withinServed, within, share: share(within, withinServed) },
    onTime: {
      within: onTimeWithin,
      issued: onTimeIssued,
      share: share(onTimeWithin, onTimeIssued),
    },
    ratings: { count: rated, byScore, satisfied, rate: share(satisfied, rated) },
    byOrigin: Object.fromEntries(
      REPORT_ORIGINS.map((origin): [ReportOrigin, OriginFigures] => [
        origin,
        {
          issued: sum(rows.map((r) => r.byOrigin[origin].issued)),
          served: rows.reduce((n, r) => n + r.byOrigin[origin].served, 0),
          waiting: combineDurations(rows.map((r) => r.byOrigin[origin].waiting)),
        },
      ]),
    ) as Record<ReportOrigin, OriginFigures>,
    bookings: combineBookings(rows),
    dossierOutcomes: Object.fromEntries(
      DOSSIER_OUTCOMES.map((o) => [o, rows.reduce((n, r) => n + (r.dossierOutcomes?.[o] ?? 0), 0)]),
    ) as Record<DossierOutcome, number>,
  };
}

/** Rows gathered under one key, in the order keys were first met. */
class Groups {
  private readonly groups = new Map<string, { label: string; rows: ReportRow[] }>();
  add(key: string, label: string, row: ReportRow) {
    const g = this.groups.get(key);
    if (g) g.rows.push(row);
    else this.groups.set(key, { label, rows: [row] });
  }
  rows(order?: (a: string, b: string) => number): ReportRow[] {
    const keys = [...this.groups.keys()];
    if (order) keys.sort(order);
    return keys.map((k) => {
      const g = this.groups.get(k)!;
      return combineRows(k, g.label, g.rows);
    });
  }
}

/**
 * The rows of a report across sites:
 * - by site: each site's total;
 * - by field: fields with a catalogue code added up across sites under the code (named as the
 *   catalogue names it; catalogue order first), fields without one kept apart, named with their
 *   site (key `siteId/fieldId`);
 * - by counter or clerk: each site's own, qualified by the site (key `siteId/id`);
 * - by hour or day: added up across sites.
 */
function provinceRows(
  groupBy: ProvinceGrouping,
  parts: readonly SiteReport[],
  catalogue: readonly CatalogueEntry[],
): ReportRow[] {
  const groups = new Groups();
  if (groupBy === 'site') {
    for (const p of parts) groups.add(p.siteId, p.siteName, p.report.total);
    return groups.rows();
  }
  if (groupBy === 'hour' || groupBy === 'day') {
    for (const p of parts) for (const r of p.report.rows) groups.add(r.key, r.label, r);
    return groups.rows((a, b) => a.localeCompare(b));
  }
  if (groupBy === 'field') {
    const names = new Map(catalogue.map((e) => [e.code, e.name]));
    const rank = new Map(catalogue.map((e, i) => [`code:${e.code}`, i]));
    for (const p of parts) {
      const codes = new Map(p.config.fields.map((f) => [f.id, f.code]));
      for (const r of p.report.rows) {
        const code = codes.get(r.key);
        if (code) groups.add(`code:${code}`, names.get(code) ?? r.label, r);
        else groups.add(`${p.siteId}/${r.key}`, qualified(r.label, p.siteName), r);
      }
    }
    const last = catalogue.length;
    // Coded fields in the catalogue's order (codes it lacks after them), then the rest as met.
    const keyed = groups.rows();
    const coded = keyed.filter((r) => r.key.startsWith('code:'));
    coded.sort((a, b) => (rank.get(a.key) ?? last) - (rank.get(b.key) ?? last));
    return [
      ...coded.map((r) => ({ ...r, key: r.key.slice('code:'.length) })),
      ...keyed.filter((r) => !r.key.startsWith('code:')),
    ];
  }
  for (const p of parts)
    for (const r of p.report.rows)
      groups.add(`${p.siteId}/${r.key}`, qualified(r.label, p.siteName), r);
  return groups.rows();
}

/** The charts added up: arrivals and wait buckets summed; each day's means weighted by its served. */
function provinceCharts(parts: readonly SiteReport[]): Report['charts'] {
  const hours = new Map<number, { count: number; perDay: number }>();
  const buckets = new Map<number, { toMin: number | null; count: number }>();
  const days = new Map<
    string,
    {
      issued: number;
      served: number;
      waitSum: number;
      waitWeight: number;
      satSum: number;
      satWeight: number;
    }
  >();
  for (const { report } of parts) {
    for (const h of report.charts.arrivalsByHour) {
      const to = hours.get(h.hour) ?? { count: 0, perDay: 0 };
      to.count += h.count;
      to.perDay += h.perDay;
      hours.set(h.hour, to);
    }
    for (const b of report.charts.waitHistogram) {
      const to = buckets.get(b.fromMin) ?? { toMin: b.toMin, count: 0 };
      to.count += b.count;
      buckets.set(b.fromMin, to);
    }
    for (const d of report.charts.daily) {
      const to = days.get(d.day) ?? {
        issued: 0,
        served: 0,
        waitSum: 0,
        waitWeight: 0,
        satSum: 0,
        satWeight: 0,
      };
      to.issued += d.issued;
      to.served += d.served;
      // Weighted by the day's served visits: the parts do not say how many waits or ratings
      // their means are of. Exact for one site; for several, close where sites serve alike.
      const weight = Math.max(d.served, 1);
      if (d.meanWaitMs !== null) {
        to.waitSum += d.meanWaitMs * weight;
        to.waitWeight += weight;
      }
      if (d.satisfactionRate !== null) {
        to.satSum += d.satisfactionRate * weight;
        to.satWeight += weight;
      }
      days.set(d.day, to);
    }
  }
  return {
    arrivalsByHour: [...hours.entries()]
      .sort(([a], [b]) => a - b)
      .map(([hour, h]) => ({ hour, count: h.count, perDay: h.perDay })),
    waitHistogram: [...buckets.entries()]
      .sort(([a], [b]) => a - b)
      .map(([fromMin, b]) => ({ fromMin, toMin: b.toMin, count: b.count })),
    daily: [...days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, d]) => ({
        day,
        issued: d.issued,
        served: d.served,
        meanWaitMs: d.waitWeight === 0 ? null : d.waitSum / d.waitWeight,
        satisfactionRate: d.satWeight === 0 ? null : d.satSum / d.satWeight,
      })),
  };
}

/**
 * One report of several sites from each site's own report of the same period (asked with
 * `siteGrouping(groupBy)`). Counts, means and shares are exact; see `combineDurations` for the
 * medians. The rating scale is the union of the sites' scales (highest first; a score's label
 * from the first site that has it).
 */
export function combineReports(input: {
  from: string;
  to: string;
  groupBy: ProvinceGrouping;
  parts: readonly SiteReport[];
  catalogue: readonly CatalogueEntry[];
  now: number;
}): Omit<ProvinceReport, 'elapsedMs'> {
  const { parts } = input;
  const scale = new Map<number, string>();
  for (const p of parts)
    for (const r of p.report.ratingScale) if (!scale.has(r.score)) scale.set(r.score, r.label);
  return {
    from: input.from,
    to: input.to,
    groupBy: input.groupBy,
    timeZone: parts[0]?.report.timeZone ?? 'Asia/Ho_Chi_Minh',
    generatedAt: input.now,
    ratingScale: [...scale.entries()]
      .sort(([a], [b]) => b - a)
      .map(([score, label]) => ({ score, label })),
    rows: provinceRows(input.groupBy, parts, input.catalogue),
    total: combineRows(
      'total',
      TOTAL_VI,
      parts.map((p) => p.report.total),
    ),
    charts: provinceCharts(parts),
    sites: parts.map((p) => ({ id: p.siteId, name: p.siteName })),
    estimateAccuracy: combineEstimateAccuracy(parts, qualified),
  };
}
