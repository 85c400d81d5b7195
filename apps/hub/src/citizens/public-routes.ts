import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  bookingRefusal,
  daysFrom,
  fieldWaitMinutes,
  fieldAvailability,
  needsIdNumber,
  nextOpening,
  serviceDay,
  slotsOn,
  waitingCounts,
  type DomainErrorCode,
  type QueueState,
  type SiteConfig,
} from '@luot/domain';
import {
  bookingRequestSchema,
  codeRequestSchema,
  remoteTicketRequestSchema,
  slotsQuerySchema,
  verifyRequestSchema,
  type BookingView,
  type CitizenHoldings,
  type CitizenSession,
  type CodeSent,
  type PublicSiteView,
  type PublicSlots,
  type RemoteTicket,
} from '@luot/protocol';
import { hashSecret } from '../auth.ts';
import { sendFailure } from '../http-errors.ts';
import type { Site } from '../sites.ts';
import type { BookingRow } from '../store.ts';
import {
  maskPhone,
  newCheckInCode,
  newLinkSecret,
  newOneTimeCode,
  openWith,
  sealWith,
  ticketSecretOf,
  type Citizens,
} from './citizens.ts';
import { idNumberRefusal } from './id-number.ts';
import { CITIZEN_MESSAGES_VI as M } from './messages-vi.ts';

const HOUR_MS = 3_600_000;
/** Tries of a new code when the one drawn is in use that day at the site (1 in ~10⁸ per booking). */
const CODE_DRAWS = 8;

/** A signed-in citizen: their phone's keyed hash, and the phone itself (opened with their token). */
interface Citizen {
  phoneHash: string;
  phone: string;
}

/** The Vietnamese reason of a domain refusal met on the public API, where it says more than its code's text. */
function refusalMessage(
  code: DomainErrorCode,
  config: SiteConfig,
  fieldId: string,
): string | undefined {
  const field = config.fields.find((f) => f.id === fieldId);
  switch (code) {
    case 'OUTSIDE_HOURS':
      return M.outsideHours;
    case 'SOLD_OUT':
      return M.soldOut;
    case 'NOT_OFFERED':
      return M.noBooking;
    case 'CLOSED_DAY':
      return M.closedDay;
    case 'TOO_EARLY':
      return M.tooFarAhead(field?.online.booking.daysAhead ?? 0);
    case 'TOO_LATE':
      return M.slotBegun;
    default:
      return undefined;
  }
}

/**
 * The citizens' public API (`/api/public/…`), registered on both listeners: sites and fields as
 * the public page shows them, slots, a phone confirmed by a one-time code, a number taken now,
 * bookings. Bodies are checked with the protocol's schemas; refusals carry the protocol's codes
 * and Vietnamese reasons. A route that needs a citizen answers 401 without a valid citizen
 * token and changes nothing.
 */
export function registerCitizenRoutes(app: FastifyInstance, citizens: Citizens): void {
  const { province, sites, clock, limits, contacts } = citizens;

  const parse = <S extends z.ZodType>(schema: S, value: unknown, reply: FastifyReply) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data as z.infer<S>;
    const first = parsed.error.issues[0];
    void sendFailure(
      reply,
      'BAD_REQUEST',
      first ? `${first.path.join('.') || 'body'}: ${first.message}` : undefined,
    );
    return null;
  };
  const ok = <T>(data: T) => ({ ok: true as const, data });
  const stateOf = async (site: Site): Promise<QueueState> => (await site.queue.durable()).state;

  async function citizenOf(request: FastifyRequest): Promise<Citizen | null> {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) return null;
    const token = header.slice(7);
    const session = await province.citizenSession(hashSecret(token), clock.now());
    if (!session) return null;
    const phone = openWith(token, session.phoneSealed);
    return phone ? { phoneHash: session.phoneHash, phone } : null;
  }
  const signInFirst = (reply: FastifyReply) => sendFailure(reply, 'UNAUTHENTICATED', M.signInFirst);
  const rateLimited = (reply: FastifyReply, retryAfterMs: number, message: string) => {
    void reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    return sendFailure(reply, 'RATE_LIMITED', message);
  };

  function bookingView(row: BookingRow, config: SiteConfig, token: string): BookingView {
    const field = config.fields.find((f) => f.id === row.fieldId);
    const { earlyMinutes = 0, graceMinutes = 0 } = field?.online.booking ?? {};
    return {
      siteName: config.site.name,
      fieldName: field?.name ?? row.fieldId,
      day: row.day,
      start: row.start,
      code: row.code,
      status: row.status,
      checkInFrom: row.slotAt - earlyMinutes * 60_000,
      checkInUntil: row.slotAt + graceMinutes * 60_000,
      timeZone: config.site.timeZone,
      path: `/b/${token}`,
      ticketPath: row.status === 'checked_in' ? `/t/${ticketSecretOf(token)}` : null,
    };
  }

  app.get('/api/public/sites', async () =>
    ok(
      await Promise.all(
        sites
          .all()
          .map(async (site) => ({ id: site.id, name: (await stateOf(site)).config.site.name })),
      ),
    ),
  );

  app.get('/api/public/sites/:siteId', async (request, reply) => {
    const site = sites.get((request.params as { siteId: string }).siteId);
    if (!site) return sendFailure(reply, 'NOT_FOUND');
    const state = await stateOf(site);
    const now = clock.now();
    const counts = waitingCounts(state);
    const { config } = state;
    const view: PublicSiteView = {
      id: site.id,
      name: config.site.name,
      notice: config.site.notice,
      today: state.day,
      timeZone: config.site.timeZone,
      fields: config.fields.map((field) => {
        const waiting = counts[field.id] ?? 0;
        const availability = fieldAvailability(state, field.id, now);
        const opening = availability === 'open' ? null : nextOpening(config, field.id, now);
        return {
          id: field.id,
          name: field.name,
          waiting,
          estimatedWaitMinutes: fieldWaitMinutes(state, field.id, waiting, now),
          availability,
          reopening: opening && { day: opening.day, time: opening.time },
          remote: field.online.remote,
          booking: {
            enabled: field.online.booking.enabled,
            daysAhead: field.online.booking.daysAhead,
          },
          idNumberRequired: needsIdNumber(config, field.id),
        };
      }),
    };
    return ok(view);
  });

  app.get('/api/public/sites/:siteId/fields/:fieldId/slots', async (request, reply) => {
    const { siteId, fieldId } = request.params as { siteId: string; fieldId: string };
    const site = sites.get(siteId);
    const query = parse(slotsQuerySchema, request.query, reply);
    if (!query) return reply;
    const state = site && (await stateOf(site));
    const field = state?.config.fields.find((f) => f.id === fieldId);
    if (!site || !state || !field) return sendFailure(reply, 'NOT_FOUND');
    const now = clock.now();
    const answer = (closed: PublicSlots['closed'], slots: PublicSlots['slots'] = []) =>
      ok<PublicSlots>({ day: query.day, slots, closed });
    if (!field.online.booking.enabled) return answer('NOT_OFFERED');
    if (
      daysFrom(serviceDay(now, state.config.site.timeZone), query.day) >
      field.online.booking.daysAhead
    )
      return answer('TOO_EARLY');
    const slots = slotsOn(state.config, field, query.day);
    if (slots.length === 0) return answer('CLOSED_DAY');
    const taken = await province.slotTakings(site.id, field.id, query.day);
    return answer(
      null,
      slots.map((s) => ({
        start: s.start,
        capacity: s.capacity,
        left: Math.max(0, s.capacity - (taken[s.start] ?? 0)),
        past: s.at <= now,
      })),
    );
  });

  app.post('/api/public/code', async (request, reply) => {
    const body = parse(codeRequestSchema, request.body, reply);
    if (!body) return reply;
    const now = clock.now();
    const phoneHash = await citizens.phoneHash(body.phone);
    const addressHash = await citizens.addressHash(request.ip);
    // One code per phone a minute, counted before it is sent (two requests at once send one).
    if (!(await province.attempt([`code:${phoneHash}`], now - limits.codeIntervalMs + 1, 1, now))) {
      const last =
        (await province.oldestAttempt(`code:${phoneHash}`, now - limits.codeIntervalMs + 1)) ?? now;
      const wait = last + limits.codeIntervalMs - now;
      return rateLimited(reply, wait, M.codeTooSoon(Math.ceil(wait / 1000)));
    }
    const sent = await province.attempt(
      [`send:${addressHash}`],
      now - HOUR_MS + 1,
      limits.codesPerAddressPerHour,
      now,
    );
    if (!sent) {
      const oldest =
        (await province.oldestAttempt(`send:${addressHash}`, now - HOUR_MS + 1)) ?? now;
      const wait = oldest + HOUR_MS - now;
      return rateLimited(reply, wait, M.codesFromAddress(Math.ceil(wait / 60_000)));
    }
    const code = newOneTimeCode();
    await province.putCode({
      phoneHash,
      codeHash: await citizens.codeHash(phoneHash, code),
      at: now,
      expiresAt: now + limits.codeTtlMs,
    });
    const siteId = body.siteId && sites.get(body.siteId) ? body.siteId : sites.all()[0]!.id;
    try {
      await contacts.sendCode(siteId, body.phone, code);
    } catch (err) {
      citizens.log.warn({ err }, 'a one-time code could not be sent');
      return sendFailure(reply, 'UNAVAILABLE', M.codeNotSent);
    }
    return ok<CodeSent>({
      phone: maskPhone(body.phone),
      expiresInSeconds: limits.codeTtlMs / 1000,
    });
  });

  app.post('/api/public/verify', async (request, reply) => {
    const body = parse(verifyRequestSchema, request.body, reply);
    if (!body) return reply;
    const now = clock.now();
    const phoneHash = await citizens.phoneHash(body.phone);
    const keys = [
      `wrong:phone:${phoneHash}`,
      `wrong:address:${await citizens.addressHash(request.ip)}`,
    ];
    const since = now - limits.lockMs + 1;
    // A try counts as wrong before the code is checked (a right one is taken back), so guesses
    // sent at once are refused past the limit, not checked.
    const phoneAttempt = await province.attempt([keys[0]!], since, limits.wrongCodesPerPhone, now);
    const addressAttempt =
      phoneAttempt && (await province.attempt([keys[1]!], since, limits.wrongCodesPerAddress, now));
    if (!phoneAttempt || !addressAttempt) {
      if (phoneAttempt) await province.forgetAttempts(phoneAttempt);
      const locked = keys[phoneAttempt ? 1 : 0]!;
      const oldest = (await province.oldestAttempt(locked, since)) ?? now;
      const wait = oldest + limits.lockMs - now;
      return rateLimited(reply, wait, M.locked(Math.ceil(wait / 60_000)));
    }
    const codeHash = await citizens.codeHash(phoneHash, body.code);
    if ((await province.useCode(phoneHash, codeHash, now, limits.wrongCodesPerPhone)) !== 'ok')
      return sendFailure(reply, 'CODE_WRONG');
    await province.forgetAttempts([...phoneAttempt, ...addressAttempt]);
    const token = `cit_${newLinkSecret()}`;
    const expiresAt = now + limits.sessionTtlMs;
    await province.createCitizenSession({
      tokenHash: hashSecret(token),
      phoneHash,
      phoneSealed: sealWith(token, body.phone),
      at: now,
      expiresAt,
    });
    return ok<CitizenSession>({ token, expiresAt, phone: maskPhone(body.phone) });
  });

  app.get('/api/public/me', async (request, reply) => {
    const citizen = await citizenOf(request);
    if (!citizen) return signInFirst(reply);
    const siteId = (request.query as { siteId?: unknown }).siteId;
    const site = (typeof siteId === 'string' && sites.get(siteId)) || sites.all()[0]!;
    const state = await stateOf(site);
    return ok<CitizenHoldings>({
      numbersToday: await province.numbersOf(citizen.phoneHash, state.day),
      numbersPerDay: state.config.citizens.numbersPerDay,
      openBookings: await province.openBookingsOf(citizen.phoneHash),
      openBookingsLimit: state.config.citizens.openBookings,
    });
  });

  app.post('/api/public/tickets', async (request, reply) => {
    const citizen = await citizenOf(request);
    if (!citizen) return signInFirst(reply);
    const body = parse(remoteTicketRequestSchema, request.body, reply);
    if (!body) return reply;
    const site = sites.get(body.siteId);
    if (!site) return sendFailure(reply, 'NOT_FOUND');
    const live = site.queue.live;
    const field = live.config.fields.find((f) => f.id === body.fieldId);
    if (!field) return sendFailure(reply, 'NOT_FOUND');
    if (field.online.remote === 'off') return sendFailure(reply, 'NOT_OFFERED', M.noRemote);
    const now = clock.now();
    // Refused before a number is counted: outside hours or sold out is no use of the day's limit.
    const availability = fieldAvailability(live, field.id, now);
    if (availability !== 'open')
      return sendFailure(reply, availability, refusalMessage(availability, live.config, field.id));
    const card = idNumberRefusal(
      live.config,
      field.id,
      body.idNumber,
      serviceDay(now, live.config.site.timeZone),
    );
    if (card) return sendFailure(reply, card.code, card.message);
    const { numbersPerDay } = live.config.citizens;
    const counted = await province.reserveNumber(
      { phoneHash: citizen.phoneHash, day: live.day, siteId: site.id, at: now },
      numbersPerDay,
    );
    if (counted === null)
      return sendFailure(reply, 'LIMIT_REACHED', M.numbersPerDay(numbersPerDay));
    // The same person's count as at the kiosks, by the keyed hash of their personal number.
    const person =
      needsIdNumber(live.config, field.id) && body.idNumber
        ? await citizens.idCards.reserve(site.id, live, body.idNumber)
        : null;
    if (person && !person.ok) {
      await province.settleNumber(counted, null);
      return sendFailure(reply, 'LIMIT_REACHED', M.idNumberPerDay(numbersPerDay));
    }
    const giveBack = async () => {
      await province.settleNumber(counted, null);
      await person?.settle(null);
    };
    const token = newLinkSecret();
    let decision;
    try {
      decision = await site.queue.execute(
        { type: 'issue', fieldId: field.id, priorityClassId: null, origin: 'remote' },
        { actor: 'public:remote', tokenHash: hashSecret(token) },
      );
    } catch (err) {
      await giveBack();
      throw err;
    }
    if (!decision.ok) {
      await giveBack();
      const { code } = decision.error;
      return sendFailure(reply, code, refusalMessage(code, live.config, field.id));
    }
    const issued = decision.events[0];
    if (issued?.type !== 'ticket.issued') return sendFailure(reply, 'INTERNAL');
    const ticket = issued.ticket;
    await province.settleNumber(counted, ticket.id);
    await person?.settle(ticket.id);
    let checkInCode: string | null = null;
    if (field.online.remote === 'check-in') {
      for (let i = 0; i < CODE_DRAWS && !checkInCode; i++) {
        const code = newCheckInCode();
        const stored = await province.addRemoteBooking({
          id: `remote-${ticket.id}`,
          siteId: site.id,
          fieldId: field.id,
          day: ticket.day,
          start: '',
          slotAt: ticket.issuedAt,
          code,
          createdAt: now,
          kind: 'remote',
          phoneHash: citizen.phoneHash,
          tokenHash: null,
          ticketTokenHash: null,
          ticketId: ticket.id,
        });
        if (stored) checkInCode = code;
      }
      if (!checkInCode) return sendFailure(reply, 'INTERNAL');
    }
    citizens.tell('followTicket', () => contacts.followTicket(site.id, ticket.id, citizen.phone));
    const state = site.queue.live;
    const placed = state.tickets[ticket.id] ?? ticket;
    const ahead = site.queue.waiting.ahead(placed, clock.now());
    return ok<RemoteTicket>({
      label: ticket.label,
      fieldName: field.name,
      siteName: state.config.site.name,
      path: `/t/${token}`,
      checkInCode,
      ahead,
      // The promise stamped at issue: none for a number awaiting its check-in (`decide`).
      estimatedWaitMinutes: ticket.estimatedWaitMinutes ?? null,
    });
  });

  app.post('/api/public/bookings', async (request, reply) => {
    const citizen = await citizenOf(request);
    if (!citizen) return signInFirst(reply);
    const body = parse(bookingRequestSchema, request.body, reply);
    if (!body) return reply;
    const site = sites.get(body.siteId);
    if (!site) return sendFailure(reply, 'NOT_FOUND');
    const { config } = await stateOf(site);
    const now = clock.now();
    const refusal = bookingRefusal(config, body, now);
    if (refusal)
      return sendFailure(reply, refusal.code, refusalMessage(refusal.code, config, body.fieldId));
    // Checked on the booked day (adults-only by birth year); counted when it becomes a number.
    const card = idNumberRefusal(config, body.fieldId, body.idNumber, body.day);
    if (card) return sendFailure(reply, card.code, card.message);
    const field = config.fields.find((f) => f.id === body.fieldId)!;
    const slot = slotsOn(config, field, body.day).find((s) => s.start === body.start)!;
    const token = newLinkSecret();
    const id = `bk_${newLinkSecret()}`;
    for (let i = 0; i < CODE_DRAWS; i++) {
      const booking = {
        id,
        siteId: site.id,
        fieldId: field.id,
        day: body.day,
        start: body.start,
        slotAt: slot.at,
        code: newCheckInCode(),
        createdAt: now,
        kind: 'slot' as const,
        phoneHash: citizen.phoneHash,
        tokenHash: hashSecret(token),
        ticketTokenHash: hashSecret(ticketSecretOf(token)),
      };
      const outcome = await province.book(booking, {
        capacity: slot.capacity,
        openBookings: config.citizens.openBookings,
      });
      if (outcome.ok) {
        citizens.tell('followBooking', () =>
          contacts.followBooking(
            site.id,
            { id, fieldId: field.id, slotAt: slot.at },
            citizen.phone,
          ),
        );
        const row: BookingRow = { ...booking, status: 'booked', ticketId: null, updatedAt: now };
        return ok(bookingView(row, config, token));
      }
      if (outcome.code === 'SLOT_FULL') return sendFailure(reply, 'SLOT_FULL', M.slotFull);
      if (outcome.code === 'LIMIT_REACHED')
        return sendFailure(reply, 'LIMIT_REACHED', M.openBookings(config.citizens.openBookings));
    }
    return sendFailure(reply, 'INTERNAL');
  });

  /** The booking a page's secret leads to, with its site's configuration. */
  async function bookingOf(token: string) {
    const row = await province.bookingByTokenHash(hashSecret(token));
    const site = row && sites.get(row.siteId);
    if (!row || !site) return null;
    return { row, site, config: (await stateOf(site)).config };
  }

  app.get('/api/public/bookings/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const found = await bookingOf(token);
    if (!found) return sendFailure(reply, 'NOT_FOUND');
    return ok(bookingView(found.row, found.config, token));
  });

  app.delete('/api/public/bookings/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const found = await bookingOf(token);
    if (!found) return sendFailure(reply, 'NOT_FOUND');
    const now = clock.now();
    if (!(await province.moveBooking(found.row.id, 'booked', 'cancelled', now)))
      return sendFailure(reply, 'INVALID_STATE', M.bookingOver);
    citizens.tell('forgetBooking', () => contacts.forgetBooking(found.row.siteId, found.row.id));
    return ok(
      bookingView({ ...found.row, status: 'cancelled', updatedAt: now }, found.config, token),
    );
  });
}
