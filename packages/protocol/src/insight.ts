import { z } from 'zod';
import { calendarDaySchema } from '@luot/domain';

// Issue 17: what no queue system offers. The staffing planner's HTTP shapes, and the published
// daily digest of the tamper-evident log. (The estimate's accuracy figures travel in the
// report: see `EstimateAccuracy` in @luot/domain and the report's own fields.)

/**
 * Query of GET /api/reports/staffing (JSON) and GET /api/reports/staffing.xlsx: plan from the
 * history of [from, to] (at most 400 days), to call `targetShare` of citizens within
 * `withinMinutes`, with a what-if applied to the history (arrivals × `arrivalsFactor`, service
 * time × `serviceFactor`, `counterDelta` counters added to (or, negative, removed from) those
 * that were open).
 */
export const staffingQuerySchema = z
  .strictObject({
    from: calendarDaySchema,
    to: calendarDaySchema,
    site: z.string().min(1).max(64).optional(),
    targetShare: z.coerce.number().min(0.5).max(0.99).default(0.8),
    withinMinutes: z.coerce.number().int().min(1).max(120).default(15),
    arrivalsFactor: z.coerce.number().min(0.5).max(2).default(1),
    serviceFactor: z.coerce.number().min(0.5).max(2).default(1),
    counterDelta: z.coerce.number().int().min(-5).max(5).default(0),
  })
  .refine((q) => q.from <= q.to, 'Ngày bắt đầu không được sau ngày kết thúc.');
export type StaffingQuery = z.output<typeof staffingQuerySchema>;

/** One weekday × hour of one field: what the history shows and what the planner recommends. */
export interface StaffingCell {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local hour of the day, 0–23. */
  hour: number;
  /** Mean arrivals in this hour on this weekday over the period (what-if applied). */
  arrivalsPerHour: number;
  /** Mean service time of served visits, in minutes (what-if applied). */
  serviceMinutes: number;
  /** Share of calls that ended as no-shows (each still costs a counter the call's time). */
  noShowShare: number;
  /** Share of tickets never called (left, cancelled, expired). */
  abandonShare: number;
  /** Counters needed to meet the target (Erlang C with the corrections); 0 when nobody came. */
  needed: number;
  /** Mean counters that served the field in this hour (`counterDelta` applied, never below 0). */
  open: number;
  /** Predicted share called within the target time with `needed` counters (Erlang C). */
  neededShare: number | null;
  /** The same, from a discrete-event simulation of the hour with `needed` counters. */
  simulatedShare: number | null;
  /** Predicted share called within the target time with `open` counters (Erlang C). */
  openShare: number | null;
}

export interface StaffingField {
  fieldId: string;
  name: string;
  cells: StaffingCell[];
}

export interface StaffingPlan {
  siteId: string;
  from: string;
  to: string;
  /** How many of each weekday the period held (the divisor of the means), Monday first. */
  weekdays: number[];
  query: StaffingQuery;
  fields: StaffingField[];
  /** How long the hub took to plan. */
  elapsedMs: number;
}

/**
 * A site's digest of one service day: a hash over the day's chained events and audit records
 * (and so over every record before them), published as `code` on the next morning's lobby board
 * and in that day's report. `luot verify --published` checks a database against such codes.
 */
export interface ChainDigest {
  siteId: string;
  day: string;
  /** The short code people read: 12 Crockford base-32 characters in groups of 4 ("7KQ2-M9XD-3F0A"). */
  code: string;
  /** The full SHA-256 digest, hex. */
  digest: string;
  /** The last event (site seq) and audit record (id) the digest covers. */
  eventsSeq: number;
  auditId: number;
  madeAt: number;
}

/**
 * What a lobby board is told of the log (`board:digest`): the newest sealed day before the
 * current service day and its code, nothing else.
 */
export interface PublishedDigest {
  day: string;
  code: string;
}

/**
 * Query of GET /api/reports/digests: the sealed days of [from, to] (at most 400 days, as a
 * report), of the site of the supervisor's or admin's session, as every report route.
 */
export const chainDigestsQuerySchema = z
  .strictObject({ from: calendarDaySchema, to: calendarDaySchema })
  .refine((q) => q.from <= q.to, 'Ngày bắt đầu không được sau ngày kết thúc.');
export type ChainDigestsQuery = z.output<typeof chainDigestsQuerySchema>;

/** One sealed day as the report shows it: the digest and how many of the site's events it adds. */
export interface ChainDigestRow extends ChainDigest {
  /**
   * Events of this day's part of the chain (`eventsSeq` minus the previous sealed day's); null
   * when no earlier sealed day is known.
   */
  events: number | null;
}
