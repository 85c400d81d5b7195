import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { KIOSK_CANCEL_WINDOW_MS } from '@luot/domain';
import { registerAdminRoutes } from './admin/admin-routes.ts';
import { DEFAULT_PASSWORD_HASH_LIMIT, setPasswordHashLimit } from './auth.ts';
import type { Clock } from './clock.ts';
import type { ReportEngine, Store } from './store.ts';
import { createDayPacker } from './day-packer.ts';
import type { TrustProxy } from './client-address.ts';
import { createHttpApp } from './http-errors.ts';
import { registerHttpRoutes } from './http-routes.ts';
import { createQueueService } from './queue-service.ts';
import { attachSocketServer, type SocketOptions } from './sockets/socket-server.ts';
import { registerReportRoutes } from './reports/report-routes.ts';
import { DEFAULT_SIGN_IN_GUARD, type SignInGuardOptions } from './sign-in-guard.ts';
import { registerStaticApps, type StaticApp } from './static-apps.ts';

export interface HubOptions extends SocketOptions {
  /** How long a person's sign-in lasts. */
  sessionTtlMs: number;
  /** How often the hub checks whether the service day has changed. */
  rolloverCheckMs: number;
  /** Failed sign-ins allowed per username and address, and per address, in a window. */
  signInGuard: SignInGuardOptions;
  /**
   * Password hashes (sign-ins, password resets, new accounts) queued or running at once; one
   * more is refused at once with 503 UNAVAILABLE and Retry-After. The hash thread is one per
   * process, so this is too: the last hub created sets it.
   */
  passwordHashLimit: number;
  /**
   * Reverse proxies whose X-Forwarded-For is believed for a request's address (sign-in guard,
   * logs): false (the default) believes none; otherwise addresses or CIDR ranges, e.g.
   * ['127.0.0.1'] for nginx on the same machine (see client-address.ts).
   */
  trustProxy: TrustProxy;
}

export const DEFAULT_HUB_OPTIONS: HubOptions = {
  kioskMinIntervalMs: 2000,
  kioskCancelWindowMs: KIOSK_CANCEL_WINDOW_MS,
  sweepIntervalMs: 5000,
  sessionTtlMs: 14 * 60 * 60_000,
  rolloverCheckMs: 1000,
  signInGuard: DEFAULT_SIGN_IN_GUARD,
  passwordHashLimit: DEFAULT_PASSWORD_HASH_LIMIT,
  trustProxy: false,
};

export type Hub = Awaited<ReturnType<typeof createHub>>;

/**
 * The hub: the queue service over the store, an HTTP server for health and sign-in, and
 * Socket.IO for every screen. Resolves once the queue is restored from the store; nothing
 * listens until `listen` is called.
 */
export async function createHub(deps: {
  store: Store;
  /** Computes reports from the store (closed with the hub). */
  reports: ReportEngine;
  clock: Clock;
  log: Logger;
  options?: Partial<HubOptions>;
  newId?: () => string;
  /** Built front ends to serve; none by default. */
  staticApps?: StaticApp[];
}) {
  const { store, clock, log } = deps;
  const options = { ...DEFAULT_HUB_OPTIONS, ...deps.options };
  const queue = await createQueueService({ store, clock, log, newId: deps.newId ?? randomUUID });
  setPasswordHashLimit(options.passwordHashLimit);
  const app = createHttpApp({ log, bodyLimit: 64 * 1024, trustProxy: options.trustProxy });
  const sockets = attachSocketServer({ httpServer: app.server, queue, store, clock, log, options });
  registerHttpRoutes(app, {
    store,
    queue,
    clock,
    sessionTtlMs: options.sessionTtlMs,
    startedAt: clock.now(),
    connections: () => sockets.io.engine.clientsCount,
    onSignOut: (tokenHash) => sockets.disconnectCredential(tokenHash),
    signInGuard: options.signInGuard,
    log,
  });
  registerReportRoutes(app, { store, reports: deps.reports, queue, clock, log });
  registerAdminRoutes(app, { store, queue, clock, disconnectDevice: sockets.disconnectDevice });

  const missingApps = registerStaticApps(app, deps.staticApps ?? []);
  if (deps.staticApps && missingApps.length > 0)
    log.warn({ apps: missingApps }, 'front ends not built; run `pnpm build` to serve them');

  // Closed days are packed for reports in slices once the hub listens (see day-packer.ts),
  // after the day's closing is stored: storing it would unpack the day again.
  const packer = createDayPacker({
    packNextDay: (today, after) => store.packNextDayBefore(today, clock.now(), after),
    log,
    today: async () => (await queue.durable()).state.day,
  });
  const rollover = setInterval(() => {
    try {
      queue.rollIfNeeded();
      packer.check();
    } catch (err) {
      log.error({ err }, 'day rollover failed');
    }
  }, options.rolloverCheckMs);
  rollover.unref();

  return {
    app,
    queue,
    io: sockets.io,
    disconnectDevice: sockets.disconnectDevice,
    /** Starts listening; resolves with the port (useful with port 0). */
    async listen(port: number, host = '127.0.0.1'): Promise<number> {
      await app.listen({ port, host });
      const port_ = (app.server.address() as AddressInfo).port;
      log.info({ port: port_, host }, 'listening');
      packer.check();
      return port_;
    },
    async close(): Promise<void> {
      clearInterval(rollover);
      packer.stop();
      const closing = sockets.close();
      // Drop every connection still open (a browser's spare one, a clip mid-stream): clients
      // reconnect by themselves, and a server that waits for them may wait a minute.
      app.server.closeAllConnections();
      await closing;
      await app.close().catch(() => undefined);
    },
  };
}
