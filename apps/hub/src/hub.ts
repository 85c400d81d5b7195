import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fastifyCookie } from '@fastify/cookie';
import type { Logger } from 'pino';
import { KIOSK_CANCEL_WINDOW_MS } from '@luot/domain';
import { registerAdminRoutes } from './admin/admin-routes.ts';
import { registerApiKeyRoutes } from './admin/api-key-routes.ts';
import { createCitizens, DEFAULT_CITIZEN_LIMITS, type CitizenLimits } from './citizens/citizens.ts';
import type { CitizenContacts } from './citizens/contacts.ts';
import { createIdCards, releaseCancelledCards } from './id-cards.ts';
import { registerCitizenRoutes } from './citizens/public-routes.ts';
import { createReleaseSweep } from './citizens/release.ts';
import { DEFAULT_PASSWORD_HASH_LIMIT, setPasswordHashLimit } from './auth.ts';
import type { Clock } from './clock.ts';
import { hearsCommits, type ProvinceStore, type ReportEngine } from './store.ts';
import { createDayPacker } from './day-packer.ts';
import { clientAddress, type TrustProxy } from './client-address.ts';
import { resolveCredential, sitesOf, type Credential } from './identity.ts';
import { requestToken } from './session-cookie.ts';
import { registerProvinceRoutes } from './province/province-routes.ts';
import { createHttpApp } from './http-errors.ts';
import { registerHttpRoutes } from './http-routes.ts';
import { createMessaging, type MessagingOptions } from './messages/messaging.ts';
import { MEDIA_LIMITS } from '@luot/protocol';
import { registerMediaRoutes, type MediaLimits } from './media/routes.ts';
import { registerMessageAdminRoutes, registerPushRoutes } from './messages/routes.ts';
import { registerWebhookRoutes } from './admin/webhook-routes.ts';
import { createWebhooks, type WebhookOptions } from './webhooks/webhooks.ts';
import { openSites, type Site } from './sites.ts';
import { connectSharedState } from './shared-state/index.ts';
import { createDailyPurge } from './retention.ts';
import { attachSocketServer, type SocketOptions } from './sockets/socket-server.ts';
import { DEFAULT_SOCKET_LIMITS } from './sockets/limits.ts';
import { createSiteReports, registerReportRoutes } from './reports/report-routes.ts';
import { registerStaffingRoutes } from './reports/staffing-routes.ts';
import { registerRestApi } from './rest/index.ts';
import { DEFAULT_SIGN_IN_GUARD, type SignInGuardOptions } from './sign-in-guard.ts';
import { registerPublicApp, registerStaticApps, type StaticApp } from './static-apps.ts';
import { registerOriginGuard, registerSecurityHeaders, socketOriginCheck } from './web-edge.ts';

export interface HubOptions extends SocketOptions {
  /** How long a person's sign-in lasts at most. */
  sessionTtlMs: number;
  /**
   * A session unused (no HTTP request, no socket event) for this long ends. Default 60 minutes:
   * a lunch break ends it, an hour's quiet at a counter is rare in opening hours. See README.
   */
  sessionIdleMs: number;
  /** How often the hub checks whether the service day has changed. */
  rolloverCheckMs: number;
  /** Failed sign-ins allowed per username and address, and per address, in a window. */
  signInGuard: SignInGuardOptions;
  /** PEM certificate and key: both listeners speak HTTPS (and WSS). See `luot tls`. */
  tls?: { cert: Buffer | string; key: Buffer | string };
  /**
   * A second listener for the internet (`--public-port`): the phone page, its files and
   * sockets with a ticket link only; every staff page, API and credential is refused there.
   */
  publicListener?: { port: number; host: string };
  /** Browser origins allowed besides the hub's own address (`--allowed-origin`), normalised. */
  allowedOrigins: string[];
  /**
   * Whether the hub removes personal data past the site's retention by itself, at start and
   * at each day rollover (`luot purge` does the same by hand).
   */
  purgeDaily: boolean;
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
  /**
   * The province's Redis (`--redis`), when several hub nodes serve it: broadcasts cross nodes
   * (Socket.IO's Redis Streams adapter), and the sign-in guard, device presence and socket
   * counts are shared. Without it everything stays in this process, as on a centre's own hub.
   */
  redisUrl?: string;
  /** What one phone and one address may do on the citizens' public API (codes, sign-in, release). */
  citizenLimits: CitizenLimits;
  /** The largest file an admin may upload for the lobby board, and the most a site may keep. */
  mediaLimits: MediaLimits;
}

export const DEFAULT_HUB_OPTIONS: HubOptions = {
  kioskMinIntervalMs: 2000,
  kioskCancelWindowMs: KIOSK_CANCEL_WINDOW_MS,
  sweepIntervalMs: 5000,
  sessionTtlMs: 14 * 60 * 60_000,
  sessionIdleMs: 60 * 60_000,
  rolloverCheckMs: 1000,
  signInGuard: DEFAULT_SIGN_IN_GUARD,
  socketLimits: DEFAULT_SOCKET_LIMITS,
  allowedOrigins: [],
  purgeDaily: true,
  passwordHashLimit: DEFAULT_PASSWORD_HASH_LIMIT,
  trustProxy: false,
  citizenLimits: DEFAULT_CITIZEN_LIMITS,
  mediaLimits: MEDIA_LIMITS,
};

export type Hub = Awaited<ReturnType<typeof createHub>>;

/**
 * The hub: a queue service per site over the store, an HTTP server for health, sign-in,
 * administration and reports, and Socket.IO for every screen. Resolves once every site's queue
 * is restored from the store; nothing listens until `listen` is called.
 */
export async function createHub(deps: {
  province: ProvinceStore;
  /** Computes reports from the store (closed with the hub). */
  reports: ReportEngine;
  clock: Clock;
  log: Logger;
  options?: Partial<HubOptions>;
  newId?: () => string;
  /** Built front ends to serve; none by default. */
  staticApps?: StaticApp[];
  /**
   * How the citizens' side reaches a phone (one-time codes, messages about a ticket or a
   * booking); by default the messages part's outbox (`messaging.contacts`).
   */
  contacts?: CitizenContacts;
  /** The messages part: how often the outbox sends, provider timeouts, the VAPID subject. */
  messages?: Partial<MessagingOptions>;
  /** Webhooks: timeouts, back-off, the safety-net timer, the lease (tests shorten them). */
  webhooks?: Partial<WebhookOptions>;
}) {
  const { province, clock, log } = deps;
  const options = { ...DEFAULT_HUB_OPTIONS, ...deps.options };
  const sites = await openSites({ province, clock, log, newId: deps.newId ?? randomUUID });
  const first = sites.all()[0];
  if (!first) throw new Error('the database has no site; run `luot init` first');
  const shared = options.redisUrl ? await connectSharedState({ url: options.redisUrl, log }) : null;
  // Messages to citizens: the contacts port (`messaging.contacts`, what the citizens' part
  // calls), the triggers on each site's batches, and the outbox's sender.
  const messaging = await createMessaging({
    province,
    sites,
    clock,
    log,
    newId: deps.newId ?? randomUUID,
    ...(deps.messages && { options: deps.messages }),
  });
  // Webhooks: each site's stored events followed into the durable outbox, and its sender.
  const webhooks = await createWebhooks({
    province,
    sites,
    clock,
    log,
    newId: deps.newId ?? randomUUID,
    ...(deps.webhooks && { options: deps.webhooks }),
  });
  // On a store several nodes share, each commit of another node is heard: its site catches up.
  const stopHearing = hearsCommits(province)
    ? province.onCommit((siteId, seq) => {
        const site = sites.get(siteId);
        if (!site) void sites.refresh().catch((err: unknown) => log.error({ err }, 'sites'));
        else if (seq > site.queue.seq) void site.queue.catchUp().catch(() => undefined);
      })
    : null;
  setPasswordHashLimit(options.passwordHashLimit);
  // The ID card: one keyed hash and count for the kiosks' numbers and the phones' (issue 15).
  const idCards = createIdCards({ province, clock, log: log.child({ part: 'id-cards' }) });
  releaseCancelledCards(sites, province, log);
  const citizens = createCitizens({
    idCards,
    province,
    sites,
    clock,
    log: log.child({ part: 'citizens' }),
    contacts: deps.contacts ?? messaging.contacts,
    limits: options.citizenLimits,
  });
  const releaseSweep = createReleaseSweep(citizens);
  const https = options.tls;
  const socketAddress = clientAddress(options.trustProxy);

  /**
   * One listener: a Fastify app with the security headers and the Origin guard, and its own
   * Socket.IO server on the same queue. The staff listener admits every credential, and the
   * Electron kiosk's screen, a file whose socket's Origin is null (see web-edge.ts); the public
   * listener admits ticket links only.
   */
  async function createListener(side: 'staff' | 'public') {
    const staff = side === 'staff';
    const listener = createHttpApp({
      log,
      bodyLimit: staff ? 64 * 1024 : 4 * 1024,
      trustProxy: options.trustProxy,
      ...(https ? { https } : {}),
    });
    await registerSecurityHeaders(listener, { tls: https !== undefined });
    registerOriginGuard(listener, options.allowedOrigins);
    // The citizens' public API answers on both listeners (a centre may have no public one).
    registerCitizenRoutes(listener, citizens);
    const listenerSockets = attachSocketServer({
      httpServer: listener.server,
      allowOrigin: socketOriginCheck(options.allowedOrigins, staff),
      ...(staff ? {} : { admits: (credential: Credential) => credential.kind === 'ticket' }),
      clientAddress: socketAddress,
      citizens,
      idCards,
      sites,
      province,
      clock,
      log,
      options,
      ...(shared && {
        presenceBook: shared.presenceBook,
        socketCounts: shared.socketCounts(side),
      }),
    });
    // Across nodes: device status, sign-outs and revocations (a site's events go through the store).
    await shared?.attachAdapter(listenerSockets.io);
    // The phone page's push opt-in, on both listeners (a citizen's route).
    registerPushRoutes(listener, {
      province,
      clock,
      sessionIdleMs: options.sessionIdleMs,
      messaging,
    });
    return { app: listener, sockets: listenerSockets };
  }

  const { app, sockets } = await createListener('staff');
  // Staff sessions in the browser travel as an HttpOnly cookie (see session-cookie.ts).
  await app.register(fastifyCookie);
  const { sessionIdleMs } = options;
  const publicSide = options.publicListener ? await createPublicSide() : null;
  registerHttpRoutes(app, {
    province,
    sites,
    clock,
    sessionTtlMs: options.sessionTtlMs,
    sessionIdleMs,
    startedAt: clock.now(),
    connections: () => sockets.io.engine.clientsCount,
    onSignOut: (tokenHash) => sockets.disconnectCredential(tokenHash),
    disconnectUser: sockets.disconnectUser,
    signInGuard: options.signInGuard,
    ...(shared && { guard: shared.signInGuard(options.signInGuard) }),
    log,
  });
  // One report path for the admin app's session and the REST API's keys.
  const siteReports = createSiteReports({ reports: deps.reports, province, clock, log });
  registerReportRoutes(app, { province, sites, reports: siteReports, clock, sessionIdleMs });
  registerStaffingRoutes(app, {
    province,
    sites,
    reports: deps.reports,
    clock,
    sessionIdleMs,
    log,
  });
  // The REST API (/api/v1) on the staff listener: each route a client event run through the
  // sockets' own dispatch, with an API key instead of a session (rest/).
  registerRestApi(app, {
    sites,
    province,
    clock,
    dispatch: sockets.dispatch,
    reports: siteReports,
  });
  registerAdminRoutes(app, {
    province,
    sites,
    clock,
    sessionIdleMs,
    disconnectDevice: sockets.disconnectDevice,
    disconnectCredential: sockets.disconnectCredential,
    disconnectUser: sockets.disconnectUser,
  });
  // The REST API's keys: list, create (the secret shown once), revoke.
  registerApiKeyRoutes(app, { province, sites, clock, sessionIdleMs });

  registerMessageAdminRoutes(app, { province, clock, sessionIdleMs, sites, messaging });
  registerWebhookRoutes(app, { province, clock, sessionIdleMs, sites, webhooks });
  // The lobby board's pictures and videos: uploads, the list, and the files boards fetch.
  registerMediaRoutes(app, { province, clock, sessionIdleMs, sites, limits: options.mediaLimits });

  // The province as a whole: every site's overview, reports across sites, catalogue, new sites.
  registerProvinceRoutes(app, {
    async staff(request) {
      const credential = await resolveCredential(
        { province, clock, sessionIdleMs },
        requestToken(request),
      );
      if (credential?.kind !== 'session') return null;
      const { identity } = credential;
      if (!('username' in identity)) return null;
      return { username: identity.username, role: identity.role, sites: sitesOf(credential) };
    },
    sites: async () => sites.all().map((site) => ({ id: site.id, state: site.queue.live })),
    report: async (siteId, query) => {
      const site = sites.get(siteId);
      if (!site) throw new Error(`no site ${siteId}`);
      const { config } = (await site.queue.durable()).state;
      return deps.reports.run(siteId, query, config, clock.now());
    },
    readCatalogue: () => province.readCatalogue(),
    writeCatalogue: (entries) => province.writeCatalogue(entries, clock.now()),
    createSite: async (id, config) => void (await sites.add(id, config)),
    clock,
  });

  /** The public listener: the phone page and its files, ticket sockets only. */
  async function createPublicSide() {
    const side = await createListener('public');
    registerPublicApp(
      side.app,
      deps.staticApps?.find((a) => a.name === 'display'),
    );
    return side;
  }

  const missingApps = registerStaticApps(app, deps.staticApps ?? []);
  if (deps.staticApps && missingApps.length > 0)
    log.warn({ apps: missingApps }, 'front ends not built; run `pnpm build` to serve them');

  /**
   * A site's daily upkeep: closed days packed for reports in slices once the hub listens (see
   * day-packer.ts), after the day's closing is stored (storing it would unpack the day again),
   * and the purge of data past the site's retention.
   */
  function upkeepOf(site: Site) {
    const { store, queue } = site;
    const siteLog = log.child({ site: site.id });
    const packer = createDayPacker({
      packNextDay: (today, after) => store.packNextDayBefore(today, clock.now(), after),
      log: siteLog,
      today: async () => (await queue.durable()).state.day,
    });
    const purge = createDailyPurge({
      store,
      province,
      current: async () => {
        const { state } = await queue.durable();
        return { today: state.day, retention: state.config.retention };
      },
      now: () => clock.now(),
      log: siteLog,
    });
    return {
      site,
      purge,
      check(): void {
        packer.check();
        if (options.purgeDaily) purge.check();
      },
      stop(): void {
        packer.stop();
        purge.stop();
      },
    };
  }
  const upkeep = sites.all().map(upkeepOf);
  let listening = false;
  sites.onAdded((site) => {
    const added = upkeepOf(site);
    upkeep.push(added);
    if (listening) added.check();
  });

  const rollover = setInterval(() => {
    for (const { site, check } of upkeep) {
      try {
        site.queue.rollIfNeeded();
        check();
      } catch (err) {
        log.error({ err, site: site.id }, 'day rollover failed');
      }
    }
    releaseSweep.check();
    // The last session's end reaches open phone pages without a queue event.
    sockets.tick();
    messaging.tick();
    publicSide?.sockets.tick();
  }, options.rolloverCheckMs);
  rollover.unref();

  return {
    app,
    /** Every site the hub serves. */
    sites,
    /** The first site's queue (a centre's hub has only that one). */
    queue: first.queue,
    io: sockets.io,
    /** The citizens' side: its store calls, keyed hashes and contacts. */
    citizens,
    disconnectDevice: sockets.disconnectDevice,
    /** Messages to citizens: `contacts` (the citizens' port), push opt-in, the outbox. */
    messaging,
    /** Webhooks: the filler and sender (`settle` for tests), the sealer of secrets. */
    webhooks,
    /** The first site's daily purge of data past its retention (its `doneFor` day, for tests). */
    purge: upkeep[0]!.purge,
    /**
     * Starts listening (and the public listener, if configured); resolves with the staff
     * listener's port (useful with port 0).
     */
    async listen(port: number, host = '127.0.0.1'): Promise<number> {
      await app.listen({ port, host });
      const port_ = (app.server.address() as AddressInfo).port;
      log.info({ port: port_, host, tls: https !== undefined }, 'listening');
      if (publicSide && options.publicListener) {
        const { port: publicPort, host: publicHost } = options.publicListener;
        await publicSide.app.listen({ port: publicPort, host: publicHost });
        log.info({ port: this.publicPort(), host: publicHost }, 'public listener listening');
      }
      listening = true;
      for (const u of upkeep) u.check();
      return port_;
    },
    /** The public listener's port once listening; null without one. */
    publicPort(): number | null {
      const address = publicSide?.app.server.address();
      return address && typeof address === 'object' ? address.port : null;
    },
    async close(): Promise<void> {
      clearInterval(rollover);
      for (const u of upkeep) u.stop();
      await messaging.close();
      await webhooks.close();
      const closing = Promise.all([sockets.close(), publicSide?.sockets.close()]);
      // Drop every connection still open (a browser's spare one, a clip mid-stream): clients
      // reconnect by themselves, and a server that waits for them may wait a minute.
      app.server.closeAllConnections();
      publicSide?.app.server.closeAllConnections();
      await closing;
      stopHearing?.();
      await shared?.close();
      await app.close().catch(() => undefined);
      await publicSide?.app.close().catch(() => undefined);
    },
  };
}
