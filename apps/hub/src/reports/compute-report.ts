import { DOSSIER_OUTCOMES, localTime, type DossierOutcome, type SiteConfig } from '@luot/domain';
import {
  REPORT_ORIGINS,
  type OriginFigures,
  type Report,
  type ReportOrigin,
  type ReportQuery,
  type ReportRow,
} from '@luot/protocol';
import type { BookingShowUpRow, TicketCounts, VisitBatch } from '../db/index.ts';
import { splitStatusKey } from '../db/report-days.ts';
import type { EstimateCell } from '../db/report-estimates.ts';
import { computeEstimateAccuracy } from './estimate-accuracy.ts';
import { dayLabel, hourLabel, TOTAL_VI } from './labels-vi.ts';
import { SecondsHistogram } from './statistics.ts';

/** Lower edges (minutes) of the waiting-time histogram's buckets; the last bucket is open. */
export const WAIT_BUCKETS_MIN = [0, 5, 10, 15, 20, 30, 45, 60, 90];
const WAIT_BUCKETS_S = WAIT_BUCKETS_MIN.map((m) => m * 60);

const QUARTERS_PER_DAY = 96;

const hourKey = (hour: number) => String(hour).padStart(2, '0');

const OUTCOME_DONE = 1;
const OUTCOME_NO_SHOW = 2;
const OUTCOME_TRANSFERRED = 3;

/** Minutes the site's clock is ahead of UTC on a service day (taken at noon UTC of that date). */
export function utcOffsetMinutes(day: string, timeZone: string): number {
  const noon = Date.parse(`${day}T12:00:00Z`);
  const local = localTime(noon, timeZone);
  const dayShift = Math.round(
    (Date.parse(`${local.day}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000,
  );
  return dayShift * 1440 + local.minutes - 720;
}

/** One origin's part of a group: tickets issued, visits served, waiting times. */
class OriginPart {
  issued = 0;
  served = 0;
  waits = new SecondsHistogram();
}

/** Everything of one group, before the statistics are taken. */
class Bucket {
  /** By origin code: 0 walk-in, 1 remote, 2 booking (REPORT_ORIGINS' order). */
  origins = [new OriginPart(), new OriginPart(), new OriginPart()];
  issued = 0;
  expired = 0;
  cancelled = 0;
  served = 0;
  noShow = 0;
  transferred = 0;
  waits = new SecondsHistogram();
  services = new SecondsHistogram();
  targetServed = 0;
  within = 0;
  /** Count per score 1–5 (index 0 unused). */
  ratings = [0, 0, 0, 0, 0, 0];
  /** Served visits by the dossier outcome recorded: index 0 none, 1–4 `DOSSIER_OUTCOMES`. */
  dossier = [0, 0, 0, 0, 0];
  /** Booked slots passed, and those checked in. */
  bookingsDue = 0;
  bookingsCame = 0;
}

/** The inputs of a report: what the database returned and the configuration naming things. */
export interface ReportInput {
  query: ReportQuery;
  config: SiteConfig;
  tickets: TicketCounts;
  visits: VisitBatch;
  personNames: Map<string, string>;
  /** Booked slots passed and checked in, per day and field. */
  bookings: readonly BookingShowUpRow[];
  /** Estimate errors per day, field and quarter-hour of issue (issue 17). */
  estimates: readonly EstimateCell[];
  now: number;
}

/**
 * Computes a report from recorded tickets and visits (definitions in ./README.md):
 * ticket counts by field of issue / hour of issue / day; visit figures by the visit's field,
 * counter, clerk, hour of the call, or day; the total; and the three charts.
 */
export function computeReport(input: ReportInput): Omit<Report, 'elapsedMs'> {
  const { query, config } = input;
  const tz = config.site.timeZone;
  const groupBy = query.groupBy;
  // The site's UTC offset per service day: one time-zone lookup per day, not per quarter-hour
  // (a year has some 10,000 quarter-hours with tickets, and each lookup costs tens of µs).
  const offsets = new Map<string, number>();
  const offsetOf = (day: string) => {
    let offset = offsets.get(day);
    if (offset === undefined) offsets.set(day, (offset = utcOffsetMinutes(day, tz)));
    return offset;
  };
  /** The local hour of a UTC quarter-hour of the day (0–95) on a day `offset` minutes ahead. */
  const localHour = (quarterOfDay: number, offset: number) =>
    Math.floor(((((quarterOfDay * 15 + offset) % 1440) + 1440) % 1440) / 60);
  const targetMs = new Map(config.fields.map((f) => [f.id, f.targetWaitMinutes * 60_000]));
  const scale = [...config.ratingScale].sort((a, b) => b.score - a.score);
  const satisfiedScores = new Set(scale.slice(0, 2).map((r) => r.score));

  const groups = new Map<string, Bucket>();
  const total = new Bucket();
  const bucket = (key: string) => {
    let b = groups.get(key);
    if (!b) groups.set(key, (b = new Bucket()));
    return b;
  };
  const perDay = new Map<
    string,
    {
      issued: number;
      served: number;
      waitSum: number;
      waits: number;
      rated: number;
      satisfied: number;
    }
  >();
  const dayPoint = (day: string) => {
    let p = perDay.get(day);
    if (!p)
      perDay.set(day, (p = { issued: 0, served: 0, waitSum: 0, waits: 0, rated: 0, satisfied: 0 }));
    return p;
  };
  const arrivals = new Map<number, number>();

  const ticketsCount = groupBy !== 'counter' && groupBy !== 'clerk';
  // Per ticket row, by the indexes of its day and field: no key is looked up per row.
  const t = input.tickets;
  const dayPoints = t.days.map(dayPoint);
  const dayOffsets = t.days.map(offsetOf);
  // A status key carries the ticket's origin (db/report-days.ts): read once per key.
  const statusKeys = t.statuses.map(splitStatusKey);
  const rowBuckets: Bucket[] = [];
  const addTickets = (b: Bucket, count: number, status: number) => {
    const { status: plain, origin } = statusKeys[status]!;
    b.issued += count;
    b.origins[origin]!.issued += count;
    if (plain === 'expired') b.expired += count;
    if (plain === 'cancelled') b.cancelled += count;
  };
  for (let r = 0; r < t.count.length; r++) {
    const count = t.count[r]!;
    const status = t.status[r]!;
    const d = t.day[r]!;
    const hour = localHour(t.quarter[r]! % QUARTERS_PER_DAY, dayOffsets[d]!);
    arrivals.set(hour, (arrivals.get(hour) ?? 0) + count);
    dayPoints[d]!.issued += count;
    addTickets(total, count, status);
    const f = t.field[r]!;
    if (groupBy === 'field') addTickets((rowBuckets[f] ??= bucket(t.fields[f]!)), count, status);
    else if (groupBy === 'hour')
      addTickets((rowBuckets[hour] ??= bucket(hourKey(hour))), count, status);
    else if (groupBy === 'day') addTickets((rowBuckets[d] ??= bucket(t.days[d]!)), count, status);
  }

  // Bookings are per field and day: they split by field or by day, and count in the total.
  for (const b of input.bookings) {
    total.bookingsDue += b.due;
    total.bookingsCame += b.came;
    const key = groupBy === 'field' ? b.fieldId : groupBy === 'day' ? b.day : null;
    if (key === null) continue;
    const g = bucket(key);
    g.bookingsDue += b.due;
    g.bookingsCame += b.came;
  }

  const { runs, keys } = input.visits;
  const {
    waitS: waits,
    serviceS1: services,
    outcome: outcomes,
    rating: ratings,
    origin: origins,
    dossier: dossiers,
    code: codes,
  } = input.visits;
  // Buckets by local hour and by code, so the loop over a year of visits looks up no keys.
  const hourBuckets: Bucket[] = [];
  const codeBuckets: Bucket[] = [];
  let i = 0;
  for (const run of runs) {
    const point = dayPoint(run.day);
    const target = targetMs.get(run.fieldId);
    const offset = offsetOf(run.day);
    const fixedKey = groupBy === 'field' ? run.fieldId : groupBy === 'day' ? run.day : null;
    const fixed = fixedKey === null ? null : bucket(fixedKey);
    for (const end = i + run.count; i < end; i++) {
      const code = codes[i]!;
      const rating = ratings[i]!;
      const outcome = outcomes[i]!;
      const serviceS1 = services[i]!;
      const waitS = waits[i]!;
      const wait = waitS * 1000;
      let b = fixed;
      if (!b) {
        if (groupBy === 'hour') {
          const hour = localHour(code, offset);
          b = hourBuckets[hour] ??= bucket(hourKey(hour));
        } else b = codeBuckets[code] ??= bucket(keys[code] ?? '');
      }
      point.waitSum += wait;
      point.waits++;
      // Every visit is in one group: the total's durations are the groups' merged, below.
      b.waits.add(waitS);
      const part = b.origins[origins[i]!]!;
      part.waits.add(waitS);
      if (outcome === OUTCOME_DONE) part.served++;
      if (outcome === OUTCOME_NO_SHOW) {
        total.noShow++;
        b.noShow++;
      } else if (outcome === OUTCOME_TRANSFERRED) {
        total.transferred++;
        b.transferred++;
      } else if (outcome === OUTCOME_DONE) {
        point.served++;
        total.served++;
        b.served++;
        const dossier = dossiers[i]!;
        total.dossier[dossier]!++;
        b.dossier[dossier]!++;
        if (serviceS1 > 0) {
          b.services.add(serviceS1 - 1);
        }
        if (target !== undefined) {
          total.targetServed++;
          b.targetServed++;
          if (wait <= target) {
            total.within++;
            b.within++;
          }
        }
        if (rating > 0) {
          total.ratings[rating] = total.ratings[rating]! + 1;
          b.ratings[rating] = b.ratings[rating]! + 1;
          point.rated++;
          if (satisfiedScores.has(rating)) point.satisfied++;
        }
      }
    }
  }

  for (const b of groups.values()) {
    total.waits.merge(b.waits);
    total.services.merge(b.services);
    b.origins.forEach((part, o) => {
      total.origins[o]!.waits.merge(part.waits);
      total.origins[o]!.served += part.served;
    });
  }
  const histogram = WAIT_BUCKETS_S.map((fromS, h) =>
    total.waits.countIn(fromS, WAIT_BUCKETS_S[h + 1] ?? Infinity),
  );

  const bookingRows = groupBy === 'field' || groupBy === 'day';
  const row = (
    key: string,
    label: string,
    b: Bucket,
    withTickets: boolean,
    withBookings = bookingRows,
  ): ReportRow => {
    const byScore: Record<string, number> = {};
    for (const s of scale) byScore[String(s.score)] = 0;
    let count = 0;
    let satisfied = 0;
    for (let score = 1; score <= 5; score++) {
      const n = b.ratings[score]!;
      if (n === 0) continue;
      byScore[String(score)] = (byScore[String(score)] ?? 0) + n;
      count += n;
      if (satisfiedScores.has(score)) satisfied += n;
    }
    return {
      key,
      label,
      issued: withTickets ? b.issued : null,
      expired: withTickets ? b.expired : null,
      cancelled: withTickets ? b.cancelled : null,
      notServed: withTickets ? b.expired + b.cancelled : null,
      served: b.served,
      noShow: b.noShow,
      transferred: b.transferred,
      waiting: b.waits.stats(),
      service: b.services.stats(),
      withinTarget: {
        served: b.targetServed,
        within: b.within,
        share: b.targetServed === 0 ? null : b.within / b.targetServed,
      },
      onTime: {
        within: b.within,
        issued: withTickets ? b.issued : null,
        share: withTickets && b.issued > 0 ? b.within / b.issued : null,
      },
      ratings: { count, byScore, satisfied, rate: count === 0 ? null : satisfied / count },
      byOrigin: Object.fromEntries(
        REPORT_ORIGINS.map((origin, o): [ReportOrigin, OriginFigures] => {
          const part = b.origins[o]!;
          return [
            origin,
            {
              issued: withTickets ? part.issued : null,
              served: part.served,
              waiting: part.waits.stats(),
            },
          ];
        }),
      ) as Record<ReportOrigin, OriginFigures>,
      dossierOutcomes: Object.fromEntries(
        DOSSIER_OUTCOMES.map((o, d) => [o, b.dossier[d + 1]!]),
      ) as Record<DossierOutcome, number>,
      bookings: withBookings
        ? {
            due: b.bookingsDue,
            came: b.bookingsCame,
            share: b.bookingsDue === 0 ? null : b.bookingsCame / b.bookingsDue,
          }
        : null,
    };
  };

  const rows = orderedKeys(groupBy, config, groups).map((key) =>
    row(
      key,
      groupLabel(groupBy, key, config, input.personNames),
      groups.get(key) ?? new Bucket(),
      ticketsCount,
    ),
  );

  const days = [...perDay.keys()].sort();
  const daysWithTickets = days.filter((d) => perDay.get(d)!.issued > 0).length;
  const hours = [...arrivals.keys()];
  const arrivalsByHour: Report['charts']['arrivalsByHour'] = [];
  if (hours.length > 0)
    for (let hour = Math.min(...hours); hour <= Math.max(...hours); hour++) {
      const count = arrivals.get(hour) ?? 0;
      arrivalsByHour.push({
        hour,
        count,
        perDay: daysWithTickets === 0 ? 0 : count / daysWithTickets,
      });
    }

  return {
    from: query.from,
    to: query.to,
    groupBy,
    timeZone: tz,
    generatedAt: input.now,
    ratingScale: scale,
    rows,
    total: row('total', TOTAL_VI, total, true, true),
    charts: {
      arrivalsByHour,
      waitHistogram: WAIT_BUCKETS_MIN.map((fromMin, i) => ({
        fromMin,
        toMin: WAIT_BUCKETS_MIN[i + 1] ?? null,
        count: histogram[i]!,
      })),
      daily: days.map((day) => {
        const p = perDay.get(day)!;
        return {
          day,
          issued: p.issued,
          served: p.served,
          meanWaitMs: p.waits === 0 ? null : p.waitSum / p.waits,
          satisfactionRate: p.rated === 0 ? null : p.satisfied / p.rated,
        };
      }),
    },
    estimateAccuracy: computeEstimateAccuracy(input.estimates, config, (day, quarter) =>
      localHour(quarter % QUARTERS_PER_DAY, offsetOf(day)),
    ),
  };
}

/** Configured fields and counters always appear (in their order), others only with data. */
function orderedKeys(
  groupBy: ReportQuery['groupBy'],
  config: SiteConfig,
  groups: Map<string, Bucket>,
): string[] {
  const seen = [...groups.keys()];
  if (groupBy === 'field') {
    const configured = config.fields.map((f) => f.id);
    return [...configured, ...seen.filter((k) => !configured.includes(k)).sort()];
  }
  if (groupBy === 'counter') {
    const configured = [...config.counters].sort((a, b) => a.number - b.number).map((c) => c.id);
    return [...configured, ...seen.filter((k) => !configured.includes(k)).sort()];
  }
  if (groupBy === 'hour') return seen.sort((a, b) => Number(a) - Number(b));
  return seen.sort();
}

function groupLabel(
  groupBy: ReportQuery['groupBy'],
  key: string,
  config: SiteConfig,
  names: Map<string, string>,
): string {
  switch (groupBy) {
    case 'field':
      return config.fields.find((f) => f.id === key)?.name ?? key;
    case 'counter': {
      const c = config.counters.find((x) => x.id === key);
      if (!c) return key;
      return c.name === `Quầy ${c.number}` ? c.name : `Quầy ${c.number} – ${c.name}`;
    }
    case 'clerk':
      return names.has(key) ? `${names.get(key)} (${key})` : key || '—';
    case 'hour':
      return hourLabel(Number(key));
    case 'day':
      return dayLabel(key);
  }
}
