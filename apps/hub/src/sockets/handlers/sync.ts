import { stateFor } from '@luot/domain';
import { audienceOf, failure, type Identity, type Snapshot } from '@luot/protocol';
import type { HubServices } from '../context.ts';
import type { Handlers } from '../router.ts';

/**
 * The view an identity may see (`stateFor` its audience: devices see no reasons nor usernames), at the newest stored sequence number: only what is
 * stored, so every later event has a higher number. Staff also get the devices' status.
 */
export async function snapshotFor(services: HubServices, identity: Identity): Promise<Snapshot> {
  const staff = 'username' in identity && identity.role !== 'clerk';
  const devices = staff ? await services.presence.list() : [];
  const { state, seq } = await services.queue.durable();
  return {
    seq,
    serverTime: services.clock.now(),
    state: stateFor(audienceOf(identity), state),
    you: identity,
    devices,
  };
}

/** Handlers of following the queue and of the service day. */
export function syncHandlers(): Pick<Handlers, 'sync:snapshot' | 'day:close'> {
  return {
    'sync:snapshot': async (ctx) => ({ ok: true, data: await snapshotFor(ctx, ctx.identity) }),
    'day:close': (ctx) => {
      const result = ctx.queue.submit({ type: 'closeDay' }, { actor: ctx.actor });
      return result.ok ? { ok: true, data: { day: result.state.day } } : failure(result.error.code);
    },
  };
}
