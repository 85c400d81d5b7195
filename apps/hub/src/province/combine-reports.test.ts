import { describe, expect, it } from 'vitest';
import type { Report, ReportRow } from '@luot/protocol';
import { combineReports, type SiteReport } from './combine-reports.ts';

const MIN = 60_000;

/** A report row with `served` visits waiting `waitMin` minutes on average, `within` of them on time. */
function row(
  key: string,
  label: string,
  served: number,
  waitMin: number,
  within: number,
  rated = 0,
): ReportRow {
  return {
    key,
    label,
    issued: served + 2,
    expired: 1,
    cancelled: 1,
    notServed: 2,
    served,
    noShow: 0,
    transferred: 0,
    waiting: {
      count: served,
      meanMs: waitMin * MIN,
      medianMs: waitMin * MIN,
      p90Ms: 2 * waitMin * MIN,
    },
    service: { count: served, meanMs: 10 * MIN, medianMs: 9 * MIN, p90Ms: 15 * MIN },
    withinTarget: { served, within, share: served ? within / served : null },
    onTime: { within, issued: served + 2, share: within / (served + 2) },
    ratings: { count: rated, byScore: { '3': rated }, satisfied: rated, rate: rated ? 1 : null },
    dossierOutcomes: { received: served, returned: 0, guidance: 0, refused: 0 },
    byOrigin: {
      'walk-in': {
        issued: served + 2,
        served,
        waiting: {
          count: served,
          meanMs: waitMin * MIN,
          medianMs: waitMin * MIN,
          p90Ms: 2 * waitMin * MIN,
        },
      },
      remote: {
        issued: 0,
        served: 0,
        waiting: { count: 0, meanMs: null, medianMs: null, p90Ms: null },
      },
      booking: {
        issued: 0,
        served: 0,
        waiting: { count: 0, meanMs: null, medianMs: null, p90Ms: null },
      },
    },
    bookings: null,
  };
}

function report(rows: ReportRow[], total: ReportRow, groupBy: Report['groupBy'] = 'field'): Report {
  return {
    from: '2026-01-01',
    to: '2026-12-31',
    groupBy,
    estimateAccuracy: {
      total: { tickets: 0, maeMinutes: null, within5MinShare: null, within20PctShare: null },
      byField: [],
      byHour: [],
      byFieldHour: [],
    },
    timeZone: 'Asia/Ho_Chi_Minh',
    generatedAt: 0,
    ratingScale: [
      { score: 3, label: 'Rất hài lòng' },
      { score: 2, label: 'Hài lòng' },
      { score: 1, label: 'Không hài lòng' },
    ],
    rows,
    total,
    charts: {
      arrivalsByHour: [{ hour: 8, count: total.issued ?? 0, perDay: 1 }],
      waitHistogram: [
        { fromMin: 0, toMin: 5, count: 1 },
        { fromMin: 90, toMin: null, count: 2 },
      ],
      daily: [
        {
          day: '2026-03-02',
          issued: total.issued ?? 0,
          served: total.served,
          meanWaitMs: 4 * MIN,
          satisfactionRate: null,
        },
      ],
    },
    elapsedMs: 5,
  };
}

// Site A calls Hộ tịch "Hộ tịch", site B "Tư pháp – Hộ tịch": both carry the catalogue code HT.
const siteA: SiteReport = {
  siteId: 'xa-an-phu',
  siteName: 'Xã An Phú',
  config: {
    fields: [
      { id: 'ho-tich', name: 'Hộ tịch', code: 'HT' } as never,
      { id: 'khac', name: 'Khác' } as never,
    ],
  },
  report: report(
    [row('ho-tich', 'Hộ tịch', 10, 5, 9), row('khac', 'Khác', 4, 2, 4)],
    row('total', 'Tổng cộng', 14, 4.14, 13),
  ),
};
const siteB: SiteReport = {
  siteId: 'phuong-1',
  siteName: 'Phường 1',
  config: { fields: [{ id: 'tu-phap', name: 'Tư pháp – Hộ tịch', code: 'HT' } as never] },
  report: report(
    [row('tu-phap', 'Tư pháp – Hộ tịch', 30, 9, 3)],
    row('total', 'Tổng cộng', 30, 9, 3),
  ),
};
const catalogue = [
  { code: 'DD', name: 'Đất đai' },
  { code: 'HT', name: 'Hộ tịch' },
];

const combine = (
  groupBy: Parameters<typeof combineReports>[0]['groupBy'],
  parts = [siteA, siteB],
) => combineReports({ from: '2026-01-01', to: '2026-12-31', groupBy, parts, catalogue, now: 42 });

describe('reports across sites', () => {
  it('adds up fields with the same catalogue code under the catalogue name, and keeps others apart', () => {
    const r = combine('field');
    expect(r.rows.map((x) => [x.key, x.label, x.served])).toEqual([
      ['HT', 'Hộ tịch', 40],
      ['xa-an-phu/khac', 'Khác — Xã An Phú', 4],
    ]);
    const ht = r.rows[0]!;
    // Weighted by visits, not the mean of the two means (7 min).
    expect(ht.waiting.meanMs).toBeCloseTo(((5 * 10 + 9 * 30) / 40) * MIN);
    expect(ht.waiting.count).toBe(40);
    // A median of two sites is not in their medians: left out rather than made up.
    expect(ht.waiting.medianMs).toBeNull();
    expect(ht.waiting.p90Ms).toBeNull();
    // Shares from the added counts: 12 of 40, not the mean of 90 % and 10 %.
    expect(ht.withinTarget).toEqual({ served: 40, within: 12, share: 0.3 });
    expect(ht.onTime).toEqual({ within: 12, issued: 44, share: 12 / 44 });
    expect(ht.issued).toBe(44);
    expect(ht.notServed).toBe(4);
    // One site's field keeps its exact median.
    expect(r.rows[1]!.waiting.medianMs).toBe(2 * MIN);
  });

  it('lists each site once by its total, with its exact figures, and the province total', () => {
    const r = combine('site');
    expect(r.rows.map((x) => [x.key, x.label, x.served, x.waiting.medianMs])).toEqual([
      ['xa-an-phu', 'Xã An Phú', 14, 4.14 * MIN],
      ['phuong-1', 'Phường 1', 30, 9 * MIN],
    ]);
    expect(r.total).toMatchObject({ key: 'total', served: 44, issued: 48 });
    expect(r.sites).toEqual([
      { id: 'xa-an-phu', name: 'Xã An Phú' },
      { id: 'phuong-1', name: 'Phường 1' },
    ]);
    expect(r.groupBy).toBe('site');
    expect(r.generatedAt).toBe(42);
  });

  it('keeps two sites\' "Quầy 1" apart, named with their site', () => {
    const a = {
      ...siteA,
      report: report([row('quay-1', 'Quầy 1', 10, 5, 9)], siteA.report.total, 'counter'),
    };
    const b = {
      ...siteB,
      report: report([row('quay-1', 'Quầy 1', 30, 9, 3)], siteB.report.total, 'counter'),
    };
    const r = combine('counter', [a, b]);
    expect(r.rows.map((x) => [x.key, x.label, x.served])).toEqual([
      ['xa-an-phu/quay-1', 'Quầy 1 — Xã An Phú', 10],
      ['phuong-1/quay-1', 'Quầy 1 — Phường 1', 30],
    ]);
  });

  it('adds up hours across sites, in order, and the charts', () => {
    const a = {
      ...siteA,
      report: report(
        [row('09', '09:00–10:00', 5, 5, 5), row('08', '08:00–09:00', 1, 1, 1)],
        siteA.report.total,
        'hour',
      ),
    };
    const b = {
      ...siteB,
      report: report([row('08', '08:00–09:00', 2, 3, 2)], siteB.report.total, 'hour'),
    };
    const r = combine('hour', [a, b]);
    expect(r.rows.map((x) => [x.key, x.served])).toEqual([
      ['08', 3],
      ['09', 5],
    ]);
    expect(r.charts.arrivalsByHour).toEqual([{ hour: 8, count: 48, perDay: 2 }]);
    expect(r.charts.waitHistogram).toEqual([
      { fromMin: 0, toMin: 5, count: 2 },
      { fromMin: 90, toMin: null, count: 4 },
    ]);
    expect(r.charts.daily).toEqual([
      { day: '2026-03-02', issued: 48, served: 44, meanWaitMs: 4 * MIN, satisfactionRate: null },
    ]);
  });

  it('answers an empty province with zero counts and no means', () => {
    const r = combine('field', []);
    expect(r.rows).toEqual([]);
    expect(r.total).toMatchObject({ served: 0, issued: null, waiting: { count: 0, meanMs: null } });
  });
});
