import { z } from 'zod';
import { isSiteAddress, normalizeSiteAddress } from './addresses.ts';
import { boardContentSchema } from './board-content.ts';
import { desksSchema } from './desks.ts';
import { dossierConfigSchema } from './dossier.ts';
import { fieldIdCardSchema, idCardConfigSchema } from './id-card.ts';
import { isCalendarDay, isValidId } from './validation.ts';

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, at most 40')
  .refine(isValidId, 'a name JavaScript objects already use (such as "constructor")');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time as HH:MM');

/** "HH:MM" of minutes after local midnight (the inverse of `minutesOfHhmm`). */
export function hhmmOfMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes after local midnight of an "HH:MM" string. */
export function minutesOfHhmm(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** An http(s) origin: no path but "/", no credentials, no query (see `isSiteAddress`). */
const siteAddress = z
  .string()
  .trim()
  .max(300)
  .refine(isSiteAddress, 'an http:// or https:// address without a path')
  .transform(normalizeSiteAddress);

export const sessionSchema = z
  .strictObject({ from: hhmm, to: hhmm })
  .refine((s) => minutesOfHhmm(s.from) < minutesOfHhmm(s.to), 'a session must end after it starts');

const calendarDay = z.string().refine(isCalendarDay, 'a real date as YYYY-MM-DD');

/** A public holiday, one day or `from`–`to` inclusive: no field issues numbers. */
export const holidaySchema = z.strictObject({
  from: calendarDay,
  /** The last day of a holiday of several days (Tết); absent for one day. */
  to: calendarDay.optional(),
  name: z.string().trim().min(1).max(80),
});

/** A day opened although it is not a working day (a Saturday for land dossiers). */
export const specialDaySchema = z.strictObject({
  date: calendarDay,
  name: z.string().trim().max(80).default(''),
  /** The day's own issuing sessions; empty: each field's usual sessions. */
  sessions: z.array(sessionSchema).max(6).default([]),
  /** The fields open that day; empty: every field. */
  fieldIds: z.array(slug).default([]),
});

/** Working weekdays (0 Sunday … 6 Saturday), public holidays and special days of a site. */
export const calendarSchema = z
  .strictObject({
    workingDays: z.array(z.number().int().min(0).max(6)).max(7).default([1, 2, 3, 4, 5]),
    /** Working weekdays whose sessions differ for every field (Saturday mornings only). */
    weekdaySessions: z
      .array(
        z.strictObject({
          weekday: z.number().int().min(0).max(6),
          sessions: z.array(sessionSchema).min(1).max(6),
        }),
      )
      .max(7)
      .default([]),
    holidays: z.array(holidaySchema).max(200).default([]),
    specialDays: z.array(specialDaySchema).max(200).default([]),
  })
  .prefault({});

export const numberingSchema = z.strictObject({
  /** Letters printed before the digits, e.g. "A" for A001. */
  prefix: z
    .string()
    .regex(/^[A-Z]{0,2}$/, 'up to two capital letters')
    .default(''),
  /** The first number of the day, e.g. 1001 or 1. */
  start: z.number().int().min(0).max(99999),
  /** How many digits are printed, zero-padded. */
  digits: z.number().int().min(1).max(5),
});

/** A field's code in the province's catalogue: capital letters and digits, e.g. "HT", "DD2". */
export const catalogueCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{0,9}$/, 'a code of capital letters and digits, at most 10');

/**
 * How citizens reach a field from outside the lobby. `remote`: a number taken from the public
 * page now either ranks like a walk-in (`walk-in`), or waits in its place but cannot be called
 * until the citizen checks in at the kiosk (`check-in`); `off` offers none. `booking`: time
 * slots of `slotMinutes` within the field's sessions, `capacity` citizens each, bookable up to
 * `daysAhead` days ahead; a booking checks in from `earlyMinutes` before its slot to
 * `graceMinutes` after it, and is released after that.
 */
export const onlineSchema = z
  .strictObject({
    remote: z.enum(['off', 'walk-in', 'check-in']).default('off'),
    booking: z
      .strictObject({
        enabled: z.boolean().default(false),
        slotMinutes: z.number().int().min(5).max(240).default(15),
        capacity: z.number().int().min(1).max(100).default(2),
        daysAhead: z.number().int().min(0).max(60).default(6),
        earlyMinutes: z.number().int().min(0).max(240).default(30),
        graceMinutes: z.number().int().min(0).max(240).default(15),
      })
      .prefault({}),
  })
  .prefault({});

export const fieldSchema = z.strictObject({
  id: slug,
  name: z.string().trim().min(1).max(120),
  /**
   * The province catalogue's code for this field, so reports across sites add up like with like
   * (a site's "Hộ tịch" and another's "Tư pháp – Hộ tịch" are both "HT"). Absent: not matched.
   */
  code: catalogueCodeSchema.optional(),
  numbering: numberingSchema,
  sessions: z.array(sessionSchema).min(1).max(6),
  dailyLimit: z.number().int().positive().nullable().default(null),
  targetWaitMinutes: z.number().int().min(1).max(600).default(30),
  /** Used for the estimated wait until the field has real service times today. */
  defaultServiceMinutes: z.number().min(0.5).max(240).default(10),
  kioskOrder: z.number().int().min(0).default(0),
  /** Numbers taken from a phone and time slots booked ahead (see `onlineSchema`). */
  online: onlineSchema,
  /** Whether a number in this field asks for the citizen's ID card (see `idCardConfigSchema`). */
  idCard: fieldIdCardSchema,
});

export const callingRuleSchema = z.enum(['priority-then-longest-wait', 'fields-in-order']);

export const counterSchema = z.strictObject({
  id: slug,
  number: z.number().int().min(1).max(999),
  name: z.string().trim().min(1).max(120),
  fieldIds: z.array(slug).min(1),
  rule: callingRuleSchema.default('priority-then-longest-wait'),
});

export const priorityClassSchema = z.strictObject({
  id: slug,
  name: z.string().trim().min(1).max(80),
});

export const ratingLevelSchema = z.strictObject({
  score: z.number().int().min(1).max(5),
  label: z.string().trim().min(1).max(60),
});

/**
 * 180 days of visits: a citizen may complain about an administrative act within 90 days
 * (Law on Complaints 2011, art. 9), and the answer to a first complaint takes up to 45 days
 * more (60 in remote areas); a complaint that is filed keeps its own file. Two years of audit
 * trail: who had access to the data, across two yearly inspections.
 */
export const DEFAULT_RETENTION = { visitDays: 180, auditDays: 730 } as const;

/** The dashboard's alarms: a called ticket not started after this many minutes. */
export const alertsSchema = z.strictObject({
  calledNotStartedMinutes: z.number().int().min(1).max(120).default(5),
});

/**
 * Citizens who take numbers or book from their phones: each phone number (confirmed by a
 * one-time code) may take `numbersPerDay` numbers a day and hold `openBookings` bookings not yet
 * used, across the province. At most `bookingMaxStreak` checked-in bookings are called in a row
 * at a counter while walk-ins wait. A message tells a citizen when `nearTurnAhead` people are
 * ahead of them.
 */
export const citizensSchema = z
  .strictObject({
    numbersPerDay: z.number().int().min(1).max(20).default(2),
    openBookings: z.number().int().min(1).max(20).default(2),
    bookingMaxStreak: z.number().int().min(1).max(100).default(2),
    nearTurnAhead: z.number().int().min(1).max(50).default(3),
  })
  .prefault({});

/** What waiting citizens are told once the day's service is over (`texts.endOfDay`). */
export const DEFAULT_END_OF_DAY_TEXT =
  'Đã hết giờ làm việc hôm nay. Số của quý khách không được phục vụ hôm nay; xin mời quý khách quay lại vào ngày làm việc tiếp theo.';

export const siteConfigSchema = z
  .strictObject({
    site: z.strictObject({
      name: z.string().trim().min(1).max(200),
      timeZone: z
        .string()
        .default('Asia/Ho_Chi_Minh')
        .refine(isTimeZone, 'an IANA time zone such as Asia/Ho_Chi_Minh'),
      notice: z.string().max(1000).default(''),
      /**
       * How the hub is reached: `hub` by devices inside the centre (pairing QR codes), `public`
       * by citizens' phones (ticket QR codes; the hub address when null). Null: not configured.
       */
      addresses: z
        .strictObject({
          hub: siteAddress.nullable().default(null),
          public: siteAddress.nullable().default(null),
        })
        .prefault({}),
    }),
    fields: z.array(fieldSchema).min(1).max(100),
    counters: z.array(counterSchema).min(1).max(500),
    priorityClasses: z.array(priorityClassSchema).max(10).default([]),
    /** At most this many priority tickets are called in a row while normal ones wait. */
    priorityMaxStreak: z.number().int().min(1).max(100).default(3),
    ratingScale: z
      .array(ratingLevelSchema)
      .min(3)
      .max(5)
      .default([
        { score: 3, label: 'Rất hài lòng' },
        { score: 2, label: 'Hài lòng' },
        { score: 1, label: 'Không hài lòng' },
      ]),
    texts: z
      .strictObject({
        ticketHeader: z.string().max(200).default(''),
        ticketFooter: z.string().max(300).default('Xin cảm ơn quý khách!'),
        announcement: z
          .string()
          .max(300)
          .default('Mời công dân có số thứ tự {number} đến quầy số {counter}'),
        announcementRepeat: z.number().int().min(1).max(3).default(1),
        /** Shown on the board, the kiosk and waiting tickets' phone pages once service is over. */
        endOfDay: z.string().trim().min(1).max(500).default(DEFAULT_END_OF_DAY_TEXT),
      })
      .prefault({}),
    calendar: calendarSchema,
    /**
     * How long personal data is kept (Decree 13/2023: a purpose and a period). Visits, tickets,
     * the queue's events with their free-text reasons, phone-link hashes and ended sessions are
     * removed once older than `visitDays` (reports of those days stay, as aggregates); the
     * administration's audit trail once older than `auditDays`. See apps/hub/README.md.
     */
    retention: z
      .strictObject({
        visitDays: z.number().int().min(1).max(3650).default(DEFAULT_RETENTION.visitDays),
        auditDays: z.number().int().min(30).max(3650).default(DEFAULT_RETENTION.auditDays),
      })
      .prefault({}),
    /** When the supervisor's dashboard raises an alarm (besides a wait past its field's target). */
    alerts: alertsSchema.prefault({}),
    citizens: citizensSchema,
    /** The ID card at the kiosk: scanning, priority by age, adults-only fields. */
    idCard: idCardConfigSchema,
    /** The lobby board's zone for the centre's own pictures and videos. */
    board: boardContentSchema,
    /** Reception desks where guides issue numbers for citizens (see `deskSchema`). */
    desks: desksSchema,
    /** Dossier codes and outcomes recorded at finish (see `dossierConfigSchema`). */
    dossier: dossierConfigSchema,
  })
  .superRefine((config, ctx) => {
    for (const issue of configProblems(config)) ctx.addIssue({ code: 'custom', ...issue });
  });

export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type FieldConfig = z.infer<typeof fieldSchema>;
export type CounterConfig = z.infer<typeof counterSchema>;
export type CallingRule = z.infer<typeof callingRuleSchema>;
export type SessionConfig = z.infer<typeof sessionSchema>;
export type AlertsConfig = z.infer<typeof alertsSchema>;
export type OnlineConfig = z.infer<typeof onlineSchema>;
export type CitizensConfig = z.infer<typeof citizensSchema>;
export type CalendarConfig = z.infer<typeof calendarSchema>;
export type Holiday = z.infer<typeof holidaySchema>;
export type SpecialDay = z.infer<typeof specialDaySchema>;

/** Whether an IANA time zone name is one this runtime knows, e.g. "Asia/Ho_Chi_Minh". */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The largest number a field's format can print. */
export function numberingCapacity(field: Pick<FieldConfig, 'numbering'>): number {
  return 10 ** field.numbering.digits - 1;
}

function duplicates(values: readonly (string | number)[]): (string | number)[] {
  const seen = new Set<string | number>();
  const dup = new Set<string | number>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

type Problem = { path: (string | number)[]; message: string };

/** Cross-field rules a schema cannot express: references, overlaps, capacity. */
function configProblems(config: Omit<SiteConfig, 'site'> & { site: unknown }): Problem[] {
  const problems: Problem[] = [];
  const fieldIds = new Set(config.fields.map((f) => f.id));
  for (const id of duplicates(config.fields.map((f) => f.id)))
    problems.push({ path: ['fields'], message: `field id "${id}" is used twice` });
  for (const id of duplicates(config.counters.map((c) => c.id)))
    problems.push({ path: ['counters'], message: `counter id "${id}" is used twice` });
  for (const n of duplicates(config.counters.map((c) => c.number)))
    problems.push({ path: ['counters'], message: `counter number ${n} is used twice` });
  for (const id of duplicates(config.priorityClasses.map((p) => p.id)))
    problems.push({ path: ['priorityClasses'], message: `priority class "${id}" is used twice` });
  for (const s of duplicates(config.ratingScale.map((r) => r.score)))
    problems.push({ path: ['ratingScale'], message: `rating score ${s} is used twice` });

  config.counters.forEach((counter, i) => {
    for (const fieldId of counter.fieldIds)
      if (!fieldIds.has(fieldId))
        problems.push({
          path: ['counters', i, 'fieldIds'],
          message: `counter ${counter.number} serves unknown field "${fieldId}"`,
        });
  });
  const ageClass = config.idCard.priorityClassId;
  if (ageClass !== null && !config.priorityClasses.some((p) => p.id === ageClass))
    problems.push({
      path: ['idCard', 'priorityClassId'],
      message: `priority by age gives unknown priority class "${ageClass}"`,
    });
  // Two fields that print the same prefix and width must not hand out the same label.
  const ranges = config.fields.map((f) => ({
    field: f,
    from: f.numbering.start,
    to: f.dailyLimit === null ? numberingCapacity(f) : f.numbering.start + f.dailyLimit - 1,
  }));
  ranges.forEach((a, i) => {
    for (const b of ranges.slice(i + 1))
      if (
        a.field.numbering.prefix === b.field.numbering.prefix &&
        a.field.numbering.digits === b.field.numbering.digits &&
        a.from <= b.to &&
        b.from <= a.to
      )
        problems.push({
          path: ['fields', i, 'numbering'],
          message: `fields "${a.field.name}" and "${b.field.name}" can print the same numbers; give them other prefixes, starts or daily limits`,
        });
  });
  config.fields.forEach((field, i) => {
    if (!config.counters.some((c) => c.fieldIds.includes(field.id)))
      problems.push({ path: ['fields', i], message: `field "${field.name}" has no counter` });
    const sorted = [...field.sessions].sort(
      (a, b) => minutesOfHhmm(a.from) - minutesOfHhmm(b.from),
    );
    for (let k = 1; k < sorted.length; k++)
      if (minutesOfHhmm(sorted[k]!.from) < minutesOfHhmm(sorted[k - 1]!.to))
        problems.push({
          path: ['fields', i, 'sessions'],
          message: `field "${field.name}" has overlapping sessions`,
        });
    const capacity = numberingCapacity(field);
    if (field.numbering.start > capacity)
      problems.push({
        path: ['fields', i, 'numbering'],
        message: `field "${field.name}" starts at ${field.numbering.start}, more than ${field.numbering.digits} digits hold`,
      });
    else if (field.dailyLimit !== null && field.numbering.start + field.dailyLimit - 1 > capacity)
      problems.push({
        path: ['fields', i, 'numbering'],
        message: `field "${field.name}": ${field.numbering.digits} digits from ${field.numbering.start} cannot hold a daily limit of ${field.dailyLimit}`,
      });
  });
  problems.push(...calendarProblems(config.calendar, fieldIds));
  return problems;
}

/** The calendar's own rules: some working day, no date twice, no special day on a holiday. */
function calendarProblems(calendar: CalendarConfig, fieldIds: Set<string>): Problem[] {
  const problems: Problem[] = [];
  if (calendar.workingDays.length === 0 && calendar.specialDays.length === 0)
    problems.push({ path: ['calendar'], message: 'the calendar leaves no working day' });
  for (const d of duplicates(calendar.workingDays))
    problems.push({ path: ['calendar', 'workingDays'], message: `weekday ${d} is listed twice` });
  for (const d of duplicates(calendar.weekdaySessions.map((w) => w.weekday)))
    problems.push({
      path: ['calendar', 'weekdaySessions'],
      message: `weekday ${d} has its own sessions twice`,
    });
  calendar.weekdaySessions.forEach((w, i) => {
    if (!calendar.workingDays.includes(w.weekday))
      problems.push({
        path: ['calendar', 'weekdaySessions', i],
        message: `weekday ${w.weekday} has its own sessions but is not a working day`,
      });
    if (overlaps(w.sessions))
      problems.push({
        path: ['calendar', 'weekdaySessions', i, 'sessions'],
        message: `weekday ${w.weekday} has overlapping sessions`,
      });
  });
  const holidayDays = new Map<string, string>();
  calendar.holidays.forEach((h, i) => {
    const to = h.to ?? h.from;
    if (to < h.from) {
      problems.push({
        path: ['calendar', 'holidays', i],
        message: `holiday "${h.name}" ends before it starts`,
      });
      return;
    }
    for (const day of daysBetween(h.from, to, 400)) {
      const other = holidayDays.get(day);
      if (other !== undefined)
        problems.push({
          path: ['calendar', 'holidays', i],
          message: `holidays "${other}" and "${h.name}" share the date ${day}`,
        });
      else holidayDays.set(day, h.name);
    }
  });
  for (const d of duplicates(calendar.specialDays.map((s) => s.date)))
    problems.push({
      path: ['calendar', 'specialDays'],
      message: `special day ${d} is listed twice`,
    });
  calendar.specialDays.forEach((s, i) => {
    const holiday = holidayDays.get(s.date);
    if (holiday !== undefined)
      problems.push({
        path: ['calendar', 'specialDays', i],
        message: `special day ${s.date} falls on holiday "${holiday}"`,
      });
    for (const id of s.fieldIds)
      if (!fieldIds.has(id))
        problems.push({
          path: ['calendar', 'specialDays', i, 'fieldIds'],
          message: `special day ${s.date} opens unknown field "${id}"`,
        });
    if (overlaps(s.sessions))
      problems.push({
        path: ['calendar', 'specialDays', i, 'sessions'],
        message: `special day ${s.date} has overlapping sessions`,
      });
  });
  return problems;
}

/** Whether two of the sessions overlap. */
function overlaps(sessions: readonly SessionConfig[]): boolean {
  const sorted = [...sessions].sort((a, b) => minutesOfHhmm(a.from) - minutesOfHhmm(b.from));
  return sorted.some((s, k) => k > 0 && minutesOfHhmm(s.from) < minutesOfHhmm(sorted[k - 1]!.to));
}

/** "YYYY-MM-DD" of the day `n` days after `day` (n may be negative). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

/** 0 (Sunday) … 6 (Saturday) of a calendar day. */
export function weekdayOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
}

/** The days from `from` to `to` inclusive, at most `limit` of them. */
function daysBetween(from: string, to: string, limit: number): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length < limit; day = addDays(day, 1)) days.push(day);
  return days;
}
