import { currentTicket, type QueueCommand, type Ticket } from '@luot/domain';
import { failure, refusalOf, type Ack, type Identity } from '@luot/protocol';
import type { HandlerContext } from '../context.ts';
import type { Handlers } from '../router.ts';

type ClerkIdentity = Extract<Identity, { role: 'clerk' }>;
type At = { counterId: string; clerkId: string };

/**
 * Runs a clerk's command at the clerk's own counter (taken from the session, never from the
 * payload) and answers with the ticket it concerns: the one it called, else the counter's
 * ticket before it.
 */
function atCounter(
  ctx: HandlerContext<ClerkIdentity>,
  command: (at: At) => QueueCommand,
): Ack<Ticket> {
  const { queue, identity } = ctx;
  const at = { counterId: identity.counterId, clerkId: identity.username };
  const before = currentTicket(queue.live, at.counterId)?.id ?? null;
  const result = queue.submit(command(at), { actor: ctx.actor });
  // The domain's own reason when it has one (a dossier code of the wrong format names it).
  if (!result.ok) return refusalOf(result.error);
  const called = result.events.find((e) => e.type === 'ticket.called');
  const ticketId = called && 'ticketId' in called ? called.ticketId : before;
  const ticket = ticketId ? result.state.tickets[ticketId] : undefined;
  return ticket ? { ok: true, data: ticket } : failure('INTERNAL');
}

/** A clerk's pause or resume, answered with the counter. */
function counterState(
  ctx: HandlerContext<ClerkIdentity>,
  command: QueueCommand,
): Ack<{ counterId: string }> {
  const result = ctx.queue.submit(command, { actor: ctx.actor });
  return result.ok
    ? { ok: true, data: { counterId: ctx.identity.counterId } }
    : failure(result.error.code);
}

/** Handlers of a counter: a clerk's actions at their own counter (a supervisor's: supervise.ts). */
export function counterHandlers(): Pick<
  Handlers,
  | 'counter:callNext'
  | 'counter:callTicket'
  | 'counter:recall'
  | 'counter:start'
  | 'counter:finish'
  | 'counter:noShow'
  | 'counter:transfer'
  | 'counter:pause'
  | 'counter:resume'
> {
  return {
    'counter:callNext': (ctx) => atCounter(ctx, (at) => ({ type: 'callNext', ...at })),
    'counter:callTicket': (ctx, p) =>
      atCounter(ctx, (at) => ({ type: 'callTicket', ticketId: p.ticketId, ...at })),
    'counter:recall': (ctx) => atCounter(ctx, (at) => ({ type: 'recall', ...at })),
    'counter:start': (ctx) => atCounter(ctx, (at) => ({ type: 'start', ...at })),
    'counter:finish': (ctx, p) =>
      atCounter(ctx, (at) => ({ type: 'finish', dossier: p.dossier ?? null, ...at })),
    'counter:noShow': (ctx) => atCounter(ctx, (at) => ({ type: 'noShow', ...at })),
    'counter:transfer': (ctx, p) =>
      atCounter(ctx, (at) => ({ type: 'transfer', to: p.to, reason: p.reason, ...at })),
    'counter:pause': (ctx, p) =>
      counterState(ctx, {
        type: 'pause',
        reason: p.reason,
        counterId: ctx.identity.counterId,
        clerkId: ctx.identity.username,
      }),
    'counter:resume': (ctx) =>
      counterState(ctx, {
        type: 'resume',
        counterId: ctx.identity.counterId,
        clerkId: ctx.identity.username,
      }),
  };
}
