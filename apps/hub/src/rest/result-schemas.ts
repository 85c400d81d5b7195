// What the REST API answers, as zod schemas: the OpenAPI document's response schemas. The
// protocol's results are TypeScript types (messages.ts, @luot/domain); each schema here is
// checked against its type both ways at compile time, so the document cannot drift from them.
import { z } from 'zod';
import { DOSSIER_OUTCOMES, dossierSchema, type CounterState, type Ticket } from '@luot/domain';
import type { ClientResults, DeviceStatus, DossierRatingRow, IssuedTicket } from '@luot/protocol';

/** True only when A and B are the same type (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const epochMs = z.number().int().nonnegative().describe('epoch milliseconds');

export const ticketSchema = z
  .object({
    id: z.string(),
    day: z.string().describe('the service day, YYYY-MM-DD in the site’s time zone'),
    fieldId: z.string(),
    originalFieldId: z.string(),
    number: z.number().int().nonnegative(),
    label: z.string().describe('the number as printed and announced, e.g. "1023" or "A012"'),
    priorityClassId: z.string().nullable(),
    status: z.enum(['waiting', 'called', 'serving', 'done', 'no_show', 'expired', 'cancelled']),
    issuedAt: epochMs,
    issueSeq: z.number().int().nonnegative(),
    waitingSince: epochMs,
    calledAt: epochMs.nullable(),
    startedAt: epochMs.nullable(),
    finishedAt: epochMs.nullable(),
    counterId: z.string().nullable(),
    clerkId: z.string().nullable(),
    assignedCounterId: z.string().nullable(),
    callCount: z.number().int().nonnegative(),
    transferCount: z.number().int().nonnegative(),
    rating: z.number().int().min(1).max(5).nullable(),
    origin: z.enum(['remote', 'booking']).optional(),
    slotAt: epochMs.optional(),
    awaitingArrival: z.boolean().optional(),
    estimatedWaitMinutes: z
      .number()
      .nullable()
      .optional()
      .describe('the wait promised at issue, in minutes; null: none promised'),
    dossier: dossierSchema
      .optional()
      .describe('what the clerk recorded at finish: dossier codes, outcome, a refusal’s reason'),
  })
  .meta({ id: 'Ticket', description: 'A ticket of today, as a clerk sees it.' });
const ticketSame: Same<z.infer<typeof ticketSchema>, Ticket> = true;

export const issuedTicketSchema = z
  .object({
    ticket: ticketSchema,
    token: z.string().describe('the phone page’s secret (printed as a QR code); shown once'),
    path: z.string().describe('the phone page, relative to the hub’s public address'),
    ahead: z.number().int().nonnegative(),
    estimatedWaitMinutes: z.number().nullable(),
  })
  .meta({ id: 'IssuedTicket' });
const issuedSame: Same<z.infer<typeof issuedTicketSchema>, IssuedTicket> = true;

const counterStateSchema = z.object({
  id: z.string(),
  status: z.enum(['closed', 'open', 'paused']),
  clerkId: z.string().nullable(),
  currentTicketId: z.string().nullable(),
  lastFinishedTicketId: z.string().nullable(),
  priorityStreak: z.number().int().nonnegative(),
  bookingStreak: z.number().int().nonnegative().optional(),
  since: epochMs,
  pauseReason: z.string().nullable(),
});
const counterSame: Same<z.infer<typeof counterStateSchema>, CounterState> = true;

/** A counter as GET …/counters lists it: its configuration's name and number, and its state. */
export const counterViewSchema = counterStateSchema
  .extend({
    number: z.number().int().nonnegative(),
    name: z.string(),
    fieldIds: z.array(z.string()),
  })
  .meta({ id: 'Counter' });
export type CounterView = z.infer<typeof counterViewSchema>;

export const queueViewSchema = z
  .object({
    seq: z.number().int().nonnegative().describe('the newest stored event’s sequence number'),
    serverTime: epochMs,
    day: z.string(),
    tickets: z.array(ticketSchema).describe('every ticket of the day, in issue order'),
    counters: z.array(counterViewSchema),
  })
  .meta({ id: 'Queue' });
export type QueueView = z.infer<typeof queueViewSchema>;

export const deviceStatusSchema = z
  .object({
    deviceId: z.string(),
    kind: z.string(),
    name: z.string(),
    online: z.boolean(),
    lastSeenAt: epochMs.nullable(),
    printer: z
      .object({
        online: z.boolean(),
        paper: z.enum(['ok', 'near-end', 'out']),
        coverOpen: z.boolean(),
        error: z.string().optional(),
      })
      .nullable(),
  })
  .meta({ id: 'Device' });
const deviceSame: Same<z.infer<typeof deviceStatusSchema>, DeviceStatus> = true;

export const counterIdResultSchema = z.object({ counterId: z.string() });
const counterIdSame: Same<
  z.infer<typeof counterIdResultSchema>,
  ClientResults['counter:pause']
> = true;
export const cancelResultSchema = z.object({ ticketId: z.string() });
const cancelSame: Same<z.infer<typeof cancelResultSchema>, ClientResults['ticket:cancel']> = true;

/** A report (GET …/reports): documented as an object; its fields are those of the admin app's. */
export const reportResultSchema = z.looseObject({}).meta({
  id: 'Report',
  description:
    'The report of the period: rows per field, counter, clerk or day with issued, served, ' +
    'waiting and service times (count, mean, median, p90 in ms), ratings and origins; the ' +
    'same object the admin app’s report page shows (protocol: reports.ts, `Report`).',
});

/** One row of the ratings per dossier (Decision 766/QĐ-TTg): no citizen data. */
export const dossierRatingRowSchema = z
  .object({
    code: z.string().describe('the dossier code (mã hồ sơ), e.g. 000.00.01.H29-231115-0001'),
    siteId: z.string(),
    site: z.string(),
    day: z.string(),
    fieldId: z.string(),
    field: z.string(),
    counterId: z.string(),
    counter: z.string(),
    clerkId: z.string().nullable(),
    clerk: z.string().nullable(),
    finishedAt: epochMs,
    outcome: z.enum(DOSSIER_OUTCOMES),
    rating: z.number().int().min(1).max(5).nullable(),
  })
  .meta({ id: 'DossierRating' });
const dossierRatingSame: Same<z.infer<typeof dossierRatingRowSchema>, DossierRatingRow> = true;

void [
  dossierRatingSame,
  ticketSame,
  issuedSame,
  counterSame,
  deviceSame,
  counterIdSame,
  cancelSame,
];

/** The body of every refusal: the hub's error shape, with the status of its code. */
export const failureSchema = z
  .object({
    ok: z.literal(false),
    error: z.object({
      code: z.string().describe('e.g. UNAUTHENTICATED, FORBIDDEN, BAD_REQUEST, COUNTER_CLOSED'),
      message: z.string().describe('in Vietnamese, for a person'),
    }),
  })
  .meta({ id: 'Failure' });

/** `{ ok: true, data }`: every success of the REST API, as every other hub route answers. */
export function successOf(data: z.ZodType) {
  return z.object({ ok: z.literal(true), data });
}
