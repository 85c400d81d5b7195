import type { Handlers } from '../router.ts';

/** Handlers of paired devices: a kiosk's or screen's status report. */
export function deviceHandlers(): Pick<Handlers, 'device:report'> {
  return {
    'device:report': async (ctx, p) => {
      await ctx.presence.report(ctx.identity.deviceId, p.printer);
      return { ok: true, data: { received: true } };
    },
  };
}
