import { randomBytes } from 'node:crypto';
import {
  deskById,
  promisedWaitMinutes,
  own,
  reprintRefusal,
  type DeskConfig,
  type Ticket,
} from '@luot/domain';
import { failure, type DeskPrintJob } from '@luot/protocol';
import { hashSecret } from '../../auth.ts';
import type { HandlerContext } from '../context.ts';
import type { IdentityOf, Handlers } from '../router.ts';

type GuideContext = HandlerContext<IdentityOf<'guide'>>;

/** The guide's desk, as the site's configuration has it now (an admin may have removed it). */
function deskOf(ctx: GuideContext): DeskConfig | undefined {
  return deskById(ctx.queue.live.config, ctx.identity.deskId);
}

/** A ticket's place in the queue now: people ahead while it waits, and the wait that means. */
function placeOf(ctx: GuideContext, ticket: Ticket) {
  const ahead = ctx.queue.waiting.ahead(ticket, ctx.clock.now());
  return {
    ahead,
    estimatedWaitMinutes:
      ticket.status === 'waiting'
        ? promisedWaitMinutes(ctx.queue.live, ticket, ctx.clock.now())
        : null,
  };
}

/**
 * Handlers of a guide at a reception desk. These events take the site's turn themselves
 * (`queue.execute`) and print only once the number is stored, so a slow printer never holds
 * the queue: the socket layer runs them outside its turn (`OWN_TURN` in socket-server.ts).
 */
export function deskHandlers(): Pick<Handlers, 'desk:issue' | 'desk:lookup' | 'desk:reprint'> {
  return {
    // The same issue command as the kiosk's, through the same queue service: hours, calendar
    // and the daily numbers hold; the priority class is the guide's word (no self-declaration).
    'desk:issue': async (ctx, p) => {
      const desk = deskOf(ctx);
      if (!desk) return failure('NOT_FOUND', 'bàn hướng dẫn');
      const token = randomBytes(16).toString('base64url');
      const result = await ctx.queue.execute(
        { type: 'issue', fieldId: p.fieldId, priorityClassId: p.priorityClassId },
        { actor: ctx.actor, tokenHash: hashSecret(token) },
      );
      if (!result.ok) return failure(result.error.code);
      const issued = result.events[0];
      const ticket =
        issued?.type === 'ticket.issued'
          ? own(ctx.queue.live.tickets, issued.ticket.id)
          : undefined;
      if (!ticket) return failure('INTERNAL');
      // The promise stamped at issue (`decide`), printed and answered: what reports measure.
      const place = {
        ahead: placeOf(ctx, ticket).ahead,
        estimatedWaitMinutes: ticket.estimatedWaitMinutes ?? null,
      };
      const job: DeskPrintJob = {
        ticket,
        path: `/t/${token}`,
        ...place,
        reprintedAt: null,
        deskName: desk.name,
      };
      const print = await ctx.desk.print(ctx.siteId, desk, ctx.queue.live, job, ctx.publicUrl);
      return { ok: true, data: { ticket, ...place, print } };
    },

    'desk:lookup': (ctx, p) => {
      const ticket = Object.values(ctx.queue.live.tickets).find((t) => t.label === p.label);
      if (!ticket) return failure('NOT_FOUND', `số ${p.label}`);
      return { ok: true, data: { ticket, ...placeOf(ctx, ticket) } };
    },

    // The same number printed again, marked "IN LẠI" with the time; written to the audit trail
    // once printed (who, which ticket, on what). A reprint that cannot print changes nothing.
    'desk:reprint': async (ctx, p) => {
      const desk = deskOf(ctx);
      if (!desk) return failure('NOT_FOUND', 'bàn hướng dẫn');
      const ticket = own(ctx.queue.live.tickets, p.ticketId);
      const refusal = reprintRefusal(ticket);
      if (refusal || !ticket) return failure(refusal ?? 'NOT_FOUND');
      const reprintedAt = ctx.clock.now();
      const job: DeskPrintJob = {
        ticket,
        // The hub keeps only the phone link's hash: a reprint carries no QR code.
        path: '',
        ...placeOf(ctx, ticket),
        reprintedAt,
        deskName: desk.name,
      };
      const print = await ctx.desk.print(ctx.siteId, desk, ctx.queue.live, job, ctx.publicUrl);
      if (!print.printed) return { ok: false, error: print.error };
      await ctx.store.appendAudit({
        at: reprintedAt,
        actor: ctx.identity.username,
        action: 'ticket.reprint',
        target: `số ${ticket.label}`,
        detail: {
          ticketId: ticket.id,
          label: ticket.label,
          deskId: desk.id,
          name: desk.name,
          printedOn: print.where === 'kiosk' ? `kiosk:${print.name}` : print.name,
        },
      });
      return {
        ok: true,
        data: { ticketId: ticket.id, reprintedAt, where: print.where, name: print.name },
      };
    },
  };
}
