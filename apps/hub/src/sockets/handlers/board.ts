import { boardDigest } from '../../chain/published.ts';
import type { Handlers } from '../router.ts';

/** Handlers of what a lobby board asks besides the queue. */
export function boardHandlers(): Pick<Handlers, 'board:digest'> {
  return {
    // The previous sealed day's code, for the board's footer (issue 17). The board asks on
    // connect, when the service day changes, and now and then; a read, answered at once.
    'board:digest': async (ctx) => {
      const { state } = await ctx.queue.durable();
      return { ok: true, data: await boardDigest(ctx.store, state.day) };
    },
  };
}
