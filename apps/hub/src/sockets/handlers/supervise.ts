import { currentTicket, own, type QueueCommand, type Ticket } from '@luot/domain';
import { failure, refusalOf, type Ack, type AuditAction, type AuditEntry } from '@luot/protocol';
import type { HandlerContext, HubServices } from '../context.ts';
import type { Handlers } from '../router.ts';
import { belongsTo } from '../../identity.ts';

/** Writes a supervisor's action to the audit trail, as the admin routes write theirs. */
async function audit(
  ctx: Pick<HubServices, 'store' | 'clock'> & { identity: { username: string } },
  action: AuditAction,
  target: string,
  detail: AuditEntry['detail'],
): Promise<void> {
  await ctx.store.appendAudit({
    at: ctx.clock.now(),
    actor: ctx.identity.username,
    action,
    target,
    detail,
  });
}

function counterName(ctx: Pick<HubServices, 'queue'>, counterId: string): string {
  return ctx.queue.live.config.counters.find((c) => c.id === counterId)?.name ?? counterId;
}

/** Submits a supervisor's command; refused with the reason a person can be told. */
function submit(ctx: Pick<HandlerContext<never>, 'queue' | 'actor'>, command: QueueCommand) {
  return ctx.queue.submit(command, { actor: ctx.actor });
}

/**
 * Records a supervisor's (or admin's) cancellation of a ticket in the audit trail; the cancel
 * itself is `ticket:cancel`, shared with kiosks (handlers/tickets.ts).
 */
export async function auditCancel(
  ctx: Pick<HubServices, 'store' | 'clock'> & { identity: { username: string } },
  ticket: Ticket,
  reason: string,
): Promise<void> {
  await audit(ctx, 'ticket.cancel', `số ${ticket.label}`, { reason, ticketId: ticket.id });
}

/**
 * Handlers of a supervisor's actions on the floor: close or release a counter, sign a clerk
 * out, recall a called ticket, move a waiting one. Each is decided by the domain
 * (`superviseRules`), refused with a Vietnamese reason changing nothing, and written to the
 * audit trail with its reason once accepted.
 */
export function superviseHandlers(deps: {
  /** Drops the sockets of every session of a person (socket-server.ts). */
  disconnectUser: (username: string) => void;
}): Pick<
  Handlers,
  'counter:close' | 'counter:release' | 'clerk:signOut' | 'ticket:recall' | 'ticket:move'
> {
  return {
    'counter:close': async (ctx, p) => {
      const result = submit(ctx, { type: 'superviseClose', counterId: p.counterId });
      if (!result.ok) return refusalOf(result.error);
      await audit(ctx, 'counter.close', counterName(ctx, p.counterId), {
        reason: p.reason,
        counterId: p.counterId,
      });
      return { ok: true, data: { counterId: p.counterId } };
    },

    'counter:release': async (ctx, p) => {
      const held = currentTicket(ctx.queue.live, p.counterId);
      const result = submit(ctx, {
        type: 'releaseCounter',
        counterId: p.counterId,
        reason: p.reason,
      });
      if (!result.ok) return refusalOf(result.error);
      const outcome = !held ? null : held.status === 'called' ? 'waiting' : 'done';
      await audit(ctx, 'counter.release', counterName(ctx, p.counterId), {
        reason: p.reason,
        counterId: p.counterId,
        ...(held && { ticketId: held.id, to: `số ${held.label}: ${RELEASED_VI[outcome!]}` }),
      });
      return {
        ok: true,
        data: { counterId: p.counterId, ticketId: held?.id ?? null, outcome },
      };
    },

    'clerk:signOut': async (ctx, p) => {
      const user = await ctx.province.findUser(p.username);
      // Only a clerk of the supervisor's own site.
      if (!user || !belongsTo(user.sites, ctx.siteId)) return failure('NOT_FOUND');
      if (user.role !== 'clerk')
        return {
          ok: false,
          error: { code: 'INVALID_ARGUMENT', message: SIGN_OUT_VI.notClerk },
        } satisfies Ack<never>;
      const result = submit(ctx, { type: 'signOutClerk', clerkId: p.username });
      if (!result.ok) return refusalOf(result.error);
      const closed = result.events.flatMap((e) =>
        e.type === 'counter.closed' ? [e.counterId] : [],
      );
      const sessionsEnded = await ctx.province.endSessionsOfUser(p.username, ctx.clock.now());
      if (closed.length === 0 && sessionsEnded === 0)
        return { ok: false, error: { code: 'INVALID_STATE', message: SIGN_OUT_VI.notSignedIn } };
      deps.disconnectUser(p.username);
      await audit(ctx, 'clerk.sign-out', p.username, {
        reason: p.reason,
        name: user.name,
        ...(closed[0] && { counterId: closed[0] }),
      });
      return { ok: true, data: { username: p.username, closedCounterIds: closed, sessionsEnded } };
    },

    'ticket:recall': async (ctx, p) => {
      const result = submit(ctx, { type: 'superviseRecall', counterId: p.counterId });
      if (!result.ok) return refusalOf(result.error);
      const event = result.events[0];
      const ticket =
        event && 'ticketId' in event ? own(result.state.tickets, event.ticketId) : undefined;
      if (!ticket) return failure('INTERNAL');
      await audit(ctx, 'ticket.recall', `số ${ticket.label}`, {
        ...(p.reason && { reason: p.reason }),
        counterId: p.counterId,
        ticketId: ticket.id,
      });
      return { ok: true, data: ticket };
    },

    'ticket:move': async (ctx, p) => {
      const result = submit(ctx, {
        type: 'moveTicket',
        ticketId: p.ticketId,
        to: p.to,
        reason: p.reason,
      });
      if (!result.ok) return refusalOf(result.error);
      const ticket = own(result.state.tickets, p.ticketId);
      if (!ticket) return failure('INTERNAL');
      const { config } = result.state;
      const to =
        'fieldId' in p.to
          ? `lĩnh vực ${config.fields.find((f) => f.id === ticket.fieldId)?.name ?? ticket.fieldId}`
          : counterName(ctx, p.to.counterId);
      await audit(ctx, 'ticket.move', `số ${ticket.label}`, {
        reason: p.reason,
        ticketId: ticket.id,
        to,
      });
      return { ok: true, data: ticket };
    },
  };
}

const RELEASED_VI = { waiting: 'trở lại hàng chờ', done: 'kết thúc phục vụ' } as const;

const SIGN_OUT_VI = {
  notClerk: 'Chỉ đăng xuất được tài khoản cán bộ một cửa.',
  notSignedIn: 'Cán bộ này hiện không đăng nhập ở quầy nào.',
};
