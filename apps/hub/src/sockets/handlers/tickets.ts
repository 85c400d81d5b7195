import { randomBytes } from 'node:crypto';
import { kioskAbandonRefusal, kioskCancelRefusal, own } from '@luot/domain';
import { failure, refusalOf } from '@luot/protocol';
import { hashSecret } from '../../auth.ts';
import type { HubServices } from '../context.ts';
import type { Handlers } from '../router.ts';
import { auditCancel } from './supervise.ts';

/**
 * What a kiosk did lately: when it last issued (a kiosk issues at most one ticket per
 * `kioskMinIntervalMs`), and its named issue requests, so a repeat or an abandon in the same
 * event-loop turn (not yet in the store under group commit) is seen too.
 */
export function createKioskMemory() {
  const lastIssueAt = new Map<string, number>();
  const requests = new Map<string, string>();
  return {
    lastIssueAt,
    /** The ticket a named request produced, if this process issued it. */
    issuedFor(key: string): string | undefined {
      return requests.get(key);
    },
    remember(key: string, ticketId: string): void {
      if (requests.size >= 10_000) requests.clear(); // the store still knows them
      requests.set(key, ticketId);
    },
  };
}
export type KioskMemory = ReturnType<typeof createKioskMemory>;

/** The ticket a kiosk's named request produced: this process's memory, then the store. */
async function ticketOfRequest(
  ctx: Pick<HubServices, 'store' | 'siteId'>,
  kiosk: KioskMemory,
  key: string,
): Promise<string | null> {
  return kiosk.issuedFor(`${ctx.siteId}/${key}`) ?? (await ctx.store.ticketIdByRequestKey(key));
}

/** Handlers of tickets: issue, take back, cancel, rate, and a phone page's view. */
export function ticketHandlers(
  kiosk: KioskMemory,
): Pick<
  Handlers,
  'ticket:issue' | 'ticket:abandon' | 'ticket:cancel' | 'rating:submit' | 'ticket:view'
> {
  return {
    'ticket:issue': async (ctx, p) => {
      const { identity, actor, queue, clock, options } = ctx;
      const requestKey = p.requestId ? `${actor}:${p.requestId}` : undefined;
      const known = requestKey ? await ticketOfRequest(ctx, kiosk, requestKey) : null;
      // Checked after the store answered, with nothing awaited until the ticket is decided.
      if (known || (requestKey && kiosk.issuedFor(`${ctx.siteId}/${requestKey}`)))
        return failure('INVALID_ARGUMENT');
      const now = clock.now();
      // Device ids are per site: the memory is keyed by both.
      const device = `${identity.siteId}/${identity.deviceId}`;
      const last = kiosk.lastIssueAt.get(device);
      if (last !== undefined && now - last < options.kioskMinIntervalMs)
        return failure('RATE_LIMITED');
      // The ID card's rule, and the person's place in the day's count (only a field asking for
      // the card counts; otherwise nothing is awaited here).
      const card = await ctx.idCards.admit(ctx.siteId, queue.live, p);
      if (!card.ok) return failure(card.code);
      const issueRefusal = () => {
        // What another request did while the count was awaited.
        if (requestKey && kiosk.issuedFor(`${ctx.siteId}/${requestKey}`))
          return failure('INVALID_ARGUMENT');
        const latest = kiosk.lastIssueAt.get(device);
        return latest !== undefined && clock.now() - latest < options.kioskMinIntervalMs
          ? failure('RATE_LIMITED')
          : null;
      };
      const refused = issueRefusal();
      if (refused) {
        await card.settle(null);
        return refused;
      }
      const token = randomBytes(16).toString('base64url');
      const result = queue.submit(
        { type: 'issue', fieldId: p.fieldId, priorityClassId: card.priorityClassId },
        { actor, tokenHash: hashSecret(token), requestKey },
      );
      if (!result.ok) {
        await card.settle(null);
        return failure(result.error.code);
      }
      const issued = result.events[0];
      if (issued?.type !== 'ticket.issued') {
        await card.settle(null);
        return failure('INTERNAL');
      }
      kiosk.lastIssueAt.set(device, now);
      // Counted with its ticket; given back if storing the ticket fails.
      void card.settle(issued.ticket.id).catch(() => undefined);
      queue.afterDurable((stored) => {
        if (!stored) void card.settle(null).catch(() => undefined);
      });
      if (requestKey) kiosk.remember(`${ctx.siteId}/${requestKey}`, issued.ticket.id);
      const ticket = result.state.tickets[issued.ticket.id];
      if (!ticket) return failure('INTERNAL');
      const ahead = queue.waiting.ahead(ticket, now);
      return {
        ok: true,
        data: {
          ticket,
          token,
          path: `/t/${token}`,
          ahead,
          // The promise stamped at issue (`decide`): what is printed is what reports measure.
          estimatedWaitMinutes: ticket.estimatedWaitMinutes ?? null,
        },
      };
    },

    // A kiosk that never heard the answer to an issue request takes back the number, if one
    // was issued and nobody has been called for it: no one holds it.
    'ticket:abandon': async (ctx, p) => {
      const ticketId = await ticketOfRequest(ctx, kiosk, `${ctx.actor}:${p.requestId}`);
      if (!ticketId) return { ok: true, data: { ticketId: null } };
      const refusal = kioskAbandonRefusal(own(ctx.queue.live.tickets, ticketId));
      if (refusal) return failure(refusal);
      const result = ctx.queue.submit(
        { type: 'cancel', ticketId, reason: p.reason },
        { actor: ctx.actor },
      );
      return result.ok ? { ok: true, data: { ticketId } } : failure(result.error.code);
    },

    'ticket:cancel': async (ctx, p) => {
      const { identity, queue, store, clock, options } = ctx;
      if (identity.role === 'kiosk') {
        // A kiosk may only take back its own fresh ticket, when the citizen never got it.
        const issuer = await store.ticketIssuer(p.ticketId);
        const refusal = kioskCancelRefusal(own(queue.live.tickets, p.ticketId), {
          issuedByThisKiosk: issuer === ctx.actor,
          now: clock.now(),
          windowMs: options.kioskCancelWindowMs,
        });
        if (refusal) return failure(refusal);
      }
      const result = queue.submit(
        { type: 'cancel', ticketId: p.ticketId, reason: p.reason },
        { actor: ctx.actor },
      );
      if (!result.ok) return refusalOf(result.error);
      const ticket = own(result.state.tickets, p.ticketId);
      if (ticket && 'username' in identity)
        await auditCancel({ ...ctx, identity }, ticket, p.reason);
      return { ok: true, data: { ticketId: p.ticketId } };
    },

    'rating:submit': (ctx, p) => {
      const { counterId } = ctx.identity;
      if (!counterId) return failure('FORBIDDEN');
      const result = ctx.queue.submit(
        { type: 'rate', ticketId: p.ticketId, counterId, score: p.score },
        { actor: ctx.actor },
      );
      return result.ok
        ? { ok: true, data: { ticketId: p.ticketId, score: p.score } }
        : failure(result.error.code);
    },

    'ticket:view': async (ctx) => {
      const view = await ctx.phoneViews.view(ctx.identity.ticketId);
      return view ? { ok: true, data: view } : failure('NOT_FOUND');
    },
  };
}
