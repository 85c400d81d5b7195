import { z } from 'zod';
import { calendarDaySchema, type DossierOutcome, type EstimateAccuracy } from '@luot/domain';

// HTTP shapes of the reports (supervisor and admin). The definitions of every figure are in
// apps/hub/src/reports/README.md; in short:
// - waiting time of a visit = called_at − waiting_since (from issue, from the latest transfer, or
//   from being marked absent), over every call;
// - service time = ended_at − started_at of visits that ended served ("done");
// - median and p90 interpolate like Excel's PERCENTILE.INC.

export const REPORT_GROUPINGS = ['field', 'counter', 'clerk', 'hour', 'day'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/**
 * Query of GET /api/reports, /api/reports/export.csv and /api/reports/export.xlsx. Days are real
 * calendar days (`calendarDaySchema`), so the span between them is always a number of days.
 */
export const reportQuerySchema = z
  .strictObject({
    from: calendarDaySchema,
    to: calendarDaySchema,
    groupBy: z.enum(REPORT_GROUPINGS, 'Cách nhóm không hợp lệ.').default('field'),
  })
  .refine((q) => q.from <= q.to, 'Ngày bắt đầu không được sau ngày kết thúc.');
export type ReportQuery = z.output<typeof reportQuerySchema>;

/** Mean, median and 90th percentile of a set of durations, in milliseconds; null when empty. */
export interface DurationStats {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
  p90Ms: number | null;
}

/** Where tickets came from, in the order reports list them: the kiosk, a phone, a booked slot. */
export const REPORT_ORIGINS = ['walk-in', 'remote', 'booking'] as const;
export type ReportOrigin = (typeof REPORT_ORIGINS)[number];

/** One origin's part of a report row. */
export interface OriginFigures {
  /** Tickets of this origin issued; null when grouping by counter or clerk. */
  issued: number | null;
  /** Visits of this origin's tickets that ended served. */
  served: number;
  /** Waiting times of every visit of this origin's tickets (count, mean, median, p90). */
  waiting: DurationStats;
}

/**
 * "The share of bookings that came": booked slots whose time has passed (cancelled ones left
 * out) and how many of them were checked in at the kiosk.
 */
export interface BookingShowUp {
  due: number;
  came: number;
  /** came ÷ due; null when no booked slot has passed. */
  share: number | null;
}

export interface ReportRow {
  /** Field id, counter id, clerk username, hour "08", or day "2026-11-23"; "total" for the total. */
  key: string;
  label: string;
  /** Tickets issued (by the field they were issued in, their hour of issue, their day). Null when grouping by counter or clerk. */
  issued: number | null;
  /** Tickets expired at the end of their day without being served; null for counter or clerk. */
  expired: number | null;
  /** Tickets cancelled (a failed print, or by a supervisor); null for counter or clerk. */
  cancelled: number | null;
  /**
   * Citizens who took a number and were not served: expired + cancelled (an absent citizen not
   * called again expires, so is counted here once). Null for counter or clerk.
   */
  notServed: number | null;
  /** Visits that ended served. */
  served: number;
  /** Visits that ended with the citizen absent. */
  noShow: number;
  /** Visits that ended by transferring the ticket to another field or counter. */
  transferred: number;
  waiting: DurationStats;
  service: DurationStats;
  /**
   * Served visits whose waiting time was at most the field's target wait, as a share of the
   * served visits only (the citizens not served are left out of this one).
   */
  withinTarget: { served: number; within: number; share: number | null };
  /**
   * The on-time share over everyone who took a number: served within the target ÷ tickets
   * issued. `issued` and `share` are null for counter or clerk (no tickets there).
   */
  onTime: { within: number; issued: number | null; share: number | null };
  ratings: {
    count: number;
    /** Count per score of the rating scale, keyed by score. */
    byScore: Record<string, number>;
    /** Ratings at the two highest levels of the scale. */
    satisfied: number;
    /** satisfied / count, or null when nothing was rated. */
    rate: number | null;
  };
  /** Walk-in, remote and booked tickets apart (every origin present, zero when none). */
  byOrigin: Record<ReportOrigin, OriginFigures>;
  /** Bookings that came, for field and day groupings and the total; null otherwise. */
  bookings: BookingShowUp | null;
  /**
   * Served visits by the outcome the clerk recorded at finish (every outcome present, zero when
   * none); served visits with nothing recorded are in none of them.
   */
  dossierOutcomes: Record<DossierOutcome, number>;
}

/**
 * How good the promised waits were (issue 17): tickets with a promise stamped at issue and called
 * at least once, by the field and the site-local hour they were issued in. Each figure is
 * `estimateAccuracy` of the sums `addEstimateError` adds (actual wait = first call − issue):
 * mean absolute error in minutes, the share within ±5 minutes, the share within ±20 % of the
 * actual wait; null figures (and `tickets` 0) when nothing was measured.
 */
export interface ReportEstimateAccuracy {
  total: EstimateAccuracy;
  /** Every configured field in order, then others measured. */
  byField: { fieldId: string; label: string; accuracy: EstimateAccuracy }[];
  /** Hours of issue with measured tickets, in order. */
  byHour: { hour: number; accuracy: EstimateAccuracy }[];
  /** Field × hour of issue, only the pairs with measured tickets. */
  byFieldHour: { fieldId: string; hour: number; accuracy: EstimateAccuracy }[];
}

export interface Report {
  from: string;
  to: string;
  groupBy: ReportGrouping;
  timeZone: string;
  generatedAt: number;
  /** The rating scale the distribution is keyed by, highest first. */
  ratingScale: { score: number; label: string }[];
  rows: ReportRow[];
  total: ReportRow;
  charts: {
    /** Tickets issued per local hour of the day, summed over the period, and per day with tickets. */
    arrivalsByHour: { hour: number; count: number; perDay: number }[];
    /** Waiting times of every visit in buckets; `toMin` null for the last, open bucket. */
    waitHistogram: { fromMin: number; toMin: number | null; count: number }[];
    /** One point per day with activity. */
    daily: {
      day: string;
      issued: number;
      served: number;
      meanWaitMs: number | null;
      satisfactionRate: number | null;
    }[];
  };
  /** The accuracy of the waits promised at issue, whatever the grouping. */
  estimateAccuracy: ReportEstimateAccuracy;
  /** How long the hub took to compute the report. */
  elapsedMs: number;
}

/** Formats of the export of ratings per dossier. */
export const DOSSIER_EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type DossierExportFormat = (typeof DOSSIER_EXPORT_FORMATS)[number];

/**
 * Query of GET /api/reports/dossier-ratings: the service days `from`..`to` (as a report's) and
 * the format (JSON by default).
 */
export const dossierRatingsQuerySchema = z
  .strictObject({
    from: calendarDaySchema,
    to: calendarDaySchema,
    format: z
      .enum(DOSSIER_EXPORT_FORMATS, 'Định dạng phải là json, csv hoặc xlsx.')
      .default('json'),
  })
  .refine((q) => q.from <= q.to, 'Ngày bắt đầu không được sau ngày kết thúc.');
export type DossierRatingsQuery = z.output<typeof dossierRatingsQuerySchema>;

/**
 * One row of the export of ratings per dossier (Decision 766/QĐ-TTg scores satisfaction per
 * dossier): one per (dossier code, visit) of visits finished with codes. No citizen data: the
 * visit's place, people of the centre, outcome and rating only.
 */
export interface DossierRatingRow {
  code: string;
  siteId: string;
  site: string;
  day: string;
  fieldId: string;
  field: string;
  counterId: string;
  counter: string;
  /** The clerk's username, and their name as the centre lists them. */
  clerkId: string | null;
  clerk: string | null;
  /** Epoch milliseconds. */
  finishedAt: number;
  outcome: DossierOutcome;
  /** The visit's rating score, or null when it was not rated. */
  rating: number | null;
}
