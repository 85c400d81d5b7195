import { checkInRefusal, own, promisedWaitMinutes, type Ticket } from '@luot/domain';
import {
  CHECK_IN_CODE_ALPHABET,
  failure,
  type Ack,
  type ClientResults,
  type ErrorCode,
} from '@luot/protocol';
import type { HandlerContext } from '../sockets/context.ts';
import type { Handlers } from '../sockets/router.ts';
import type { BookingRow } from '../store.ts';
import { hashSecret } from '../auth.ts';
import { ticketSecretOf, type Citizens } from './citizens.ts';
import { CITIZEN_MESSAGES_VI as M } from './messages-vi.ts';

type CheckedIn = ClientResults['ticket:checkIn'];

/** The booking page's address as a QR reader types it: `…/b/<token>`. */
const BOOKING_LINK = /\/b\/([A-Za-z0-9_-]{16,64})(?:[?#/]|$)/;
/** A check-in code standing alone in what was typed (case and spaces forgiven). */
const CODE_IN_TEXT = new RegExp(`(?:^|[^A-Z0-9])([${CHECK_IN_CODE_ALPHABET}]{6})(?![A-Z0-9])`);

/** What a kiosk's reader or keyboard gave: a booking page's secret, or a code. */
export function readScanned(scanned: string): { token: string } | { code: string } | null {
  const link = BOOKING_LINK.exec(scanned);
  if (link) return { token: link[1]! };
  const typed = scanned.toUpperCase().replace(/[\s-]/g, '');
  if (typed.length === 6 && [...typed].every((c) => CHECK_IN_CODE_ALPHABET.includes(c)))
    return { code: typed };
  const found = CODE_IN_TEXT.exec(scanned.toUpperCase());
  return found ? { code: found[1]! } : null;
}

const refuse = (code: ErrorCode, message?: string, opensAt?: number): Ack<never> =>
  message
    ? { ok: false, error: { code, message, ...(opensAt !== undefined && { opensAt }) } }
    : failure(code);

/**
 * The kiosk's check-in of a booking or a remote number (`ticket:checkIn`), decided in the site's
 * turn like every command. A booked slot gets its ticket (origin `booking`, its slot) under the
 * request key `booking:<id>`, so checking in again gives the same ticket, never a second number;
 * a remote number of a `check-in` field becomes callable (`arrive`) and is reprinted. Without the
 * citizens' side every check-in is refused as not offered.
 */
export function checkInHandlers(citizens: Citizens | null): Pick<Handlers, 'ticket:checkIn'> {
  /** Bookings checked in by this process, until their tickets are in the store. */
  const issued = new Map<string, string>();

  type Ctx = Parameters<Handlers['ticket:checkIn']>[0];

  async function answer(
    ctx: Ctx,
    ticketId: string,
    kind: CheckedIn['kind'],
    token: string | null,
  ): Promise<Ack<CheckedIn>> {
    const ticket: Ticket | null =
      own(ctx.queue.live.tickets, ticketId) ?? (await ctx.store.ticketSnapshot(ticketId));
    if (!ticket) return failure('INTERNAL');
    const ahead = ctx.queue.waiting.ahead(ticket, ctx.clock.now());
    return {
      ok: true,
      data: {
        ticket,
        token: token ?? '',
        path: token ? `/t/${token}` : '',
        ahead,
        // A booking's ticket is issued here: the promise stamped at its issue (`decide`). A
        // remote number arriving was promised nothing; it is told the wait from now.
        estimatedWaitMinutes:
          kind === 'booking' && ticket.estimatedWaitMinutes !== undefined
            ? ticket.estimatedWaitMinutes
            : promisedWaitMinutes(ctx.queue.live, ticket, ctx.clock.now()),
        kind,
      },
    };
  }

  /** Once what was decided is stored: the booking is marked, and the contacts told. */
  function markWhenStored(ctx: Ctx, row: BookingRow, ticketId: string, at: number): void {
    ctx.queue.afterDurable((stored) => {
      if (!stored || !citizens) return;
      citizens.tell('checkIn', async () => {
        if (await ctx.province.moveBooking(row.id, 'booked', 'checked_in', at, ticketId))
          if (row.kind === 'slot')
            await citizens.contacts.bookingCheckedIn(row.siteId, row.id, ticketId);
      });
    });
  }

  async function checkInSlot(ctx: Ctx, row: BookingRow, token: string | null) {
    const ticketToken = token && ticketSecretOf(token);
    const requestKey = `booking:${row.id}`;
    const known =
      issued.get(row.id) ??
      (await ctx.store.ticketIdByRequestKey(requestKey)) ??
      (row.status === 'checked_in' ? row.ticketId : null);
    if (known) return answer(ctx, known, 'booking', ticketToken);
    const now = ctx.clock.now();
    const refusal = checkInRefusal(ctx.queue.live.config, row, ctx.siteId, now);
    if (refusal) {
      const field = ctx.queue.live.config.fields.find((f) => f.id === row.fieldId);
      if (refusal.code === 'TOO_EARLY') {
        const early = field?.online.booking.earlyMinutes ?? 0;
        // When check-in opens, so the kiosk can say "mời quý khách quay lại từ 09:00".
        return refuse('TOO_EARLY', M.checkInTooEarly(early), row.slotAt - early * 60_000);
      }
      if (refusal.code === 'TOO_LATE')
        return refuse('TOO_LATE', row.status === 'booked' ? M.checkInTooLate : M.bookingOver);
      return refuse(refusal.code);
    }
    const result = ctx.queue.submit(
      {
        type: 'issue',
        fieldId: row.fieldId,
        priorityClassId: null,
        origin: 'booking',
        slotAt: row.slotAt,
      },
      {
        actor: ctx.actor,
        requestKey,
        ...(row.ticketTokenHash && { tokenHash: row.ticketTokenHash }),
      },
    );
    if (!result.ok) return refuse(result.error.code);
    const event = result.events[0];
    if (event?.type !== 'ticket.issued') return failure('INTERNAL');
    if (issued.size >= 10_000) issued.clear(); // the store still knows them
    issued.set(row.id, event.ticket.id);
    markWhenStored(ctx, row, event.ticket.id, now);
    return answer(ctx, event.ticket.id, 'booking', ticketToken);
  }

  async function checkInRemote(ctx: Ctx, row: BookingRow) {
    const ticket = row.ticketId ? own(ctx.queue.live.tickets, row.ticketId) : undefined;
    if (!ticket || !row.ticketId) return refuse('TOO_LATE', M.bookingOver);
    if (ticket.awaitingArrival !== true)
      // Checked in already (a second scan): the same number, reprinted.
      return ticket.status === 'waiting' || row.status === 'checked_in'
        ? answer(ctx, ticket.id, 'remote', null)
        : refuse('INVALID_STATE', M.alreadyCalled);
    const result = ctx.queue.submit({ type: 'arrive', ticketId: ticket.id }, { actor: ctx.actor });
    if (!result.ok) return refuse(result.error.code);
    markWhenStored(ctx, row, ticket.id, ctx.clock.now());
    return answer(ctx, ticket.id, 'remote', null);
  }

  return {
    'ticket:checkIn': async (ctx: HandlerContext<Ctx['identity']>, p) => {
      if (!citizens) return failure('NOT_OFFERED');
      const read = readScanned(p.scanned);
      if (!read) return refuse('NOT_FOUND', M.noCode);
      const row =
        'token' in read
          ? await ctx.province.bookingByTokenHash(hashSecret(read.token))
          : await ctx.province.bookingByCode(ctx.siteId, ctx.queue.live.day, read.code);
      if (!row) return refuse('NOT_FOUND', M.noCode);
      if (row.siteId !== ctx.siteId) return refuse('WRONG_SITE', M.wrongSite);
      return row.kind === 'slot'
        ? checkInSlot(ctx, row, 'token' in read ? read.token : null)
        : checkInRemote(ctx, row);
    },
  };
}
