import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { Server, type Socket } from 'socket.io';
import { eventFor, type Audience } from '@luot/domain';
import {
  audienceOf,
  CLIENT_EVENT_NAMES,
  failure,
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  type Identity,
  type ServerToClientEvents,
} from '@luot/protocol';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Site, Sites } from '../sites.ts';
import type { ProvinceStore } from '../store.ts';
import { actorOf, type HandlerContext, type HubServices, type KioskOptions } from './context.ts';
import { failureOfStore } from '../store-failure.ts';
import { createDevicePresence, type PresenceBook } from './device-presence.ts';
import { counterHandlers } from './handlers/counter.ts';
import { deviceHandlers } from './handlers/devices.ts';
import { snapshotFor, syncHandlers } from './handlers/sync.ts';
import { boardHandlers } from './handlers/board.ts';
import { superviseHandlers } from './handlers/supervise.ts';
import { deskHandlers } from './handlers/desk.ts';
import { createDeskPrinting, type SendToKiosk } from '../desk/desk-printing.ts';
import { createKioskMemory, ticketHandlers } from './handlers/tickets.ts';
import { checkInHandlers } from '../citizens/check-in.ts';
import type { Citizens } from '../citizens/citizens.ts';
import { createIdCards, type IdCards } from '../id-cards.ts';
import { resolveCredential, stillValid, type Credential } from '../identity.ts';
import { handshakeToken } from '../session-cookie.ts';
import { createPhoneViews } from './phone-views.ts';
import {
  createSocketLimits,
  peerAddress,
  rateLimitedError,
  type Counts,
  type SocketLimits,
} from './limits.ts';
import { route, type Handlers } from './router.ts';

type SocketData = { credential: Credential };
type HubSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type HubServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export interface SocketOptions extends KioskOptions {
  /** How often sockets whose session ended or went idle, or device was revoked, are disconnected. */
  sweepIntervalMs: number;
  /** Message size, event budget, sockets per credential and address, pending handshakes. */
  socketLimits: SocketLimits;
  /** A session unused for this long no longer holds (see HubOptions). */
  sessionIdleMs: number;
}

/**
 * A site's event stream rooms, one per audience: each gets the events as `eventFor` shows them.
 * Rooms are per site: nothing of one site reaches a socket of another.
 */
const stream = (siteId: string, audience: Audience) => `${siteId}/stream:${audience}`;
const AUDIENCES: readonly Audience[] = ['staff', 'clerk', 'device'];
/** A site's supervisors and admins (device status). */
const staffRoom = (siteId: string) => `${siteId}/staff`;
/** Every socket of one credential, one person, one device: disconnected together, on any node. */
const credentialRoom = (tokenHash: string) => `credential:${tokenHash}`;
const userRoom = (username: string) => `user:${username}`;
const deviceRoom = (siteId: string, deviceId: string) => `device:${siteId}/${deviceId}`;
/** Events that only read what is stored: answered at once, not after the pending group. */
const READS: ReadonlySet<ClientEventName> = new Set([
  'sync:snapshot',
  'ticket:view',
  'desk:lookup',
  'board:digest',
]);
/**
 * Commands whose handlers take the site's turn themselves (`queue.execute`) and then wait for
 * something slow, a desk's printer, which must not hold the queue (handlers/desk.ts).
 */
/** How long a kiosk has to print a desk's ticket (its printer's own timeout is 10 s). */
const DESK_KIOSK_TIMEOUT_MS = 20_000;

const OWN_TURN: ReadonlySet<ClientEventName> = new Set(['desk:issue', 'desk:reprint']);

/**
 * The Socket.IO side of the hub: authenticates every socket in middleware, sends each a
 * snapshot of what it may see (a phone page: its ticket's view), relays stored queue events
 * with their sequence numbers, and routes client events to their handlers (`handlers/`).
 * Every event is acknowledged once what it did is stored; nothing throws into the socket.
 */
export function attachSocketServer(deps: {
  httpServer: HttpServer | HttpsServer;
  /** Whether a handshake may go on, before any credential is read (the Origin check, web-edge.ts). */
  allowOrigin?: (req: IncomingMessage) => boolean;
  /** Which credentials this listener admits (the public listener: ticket links only). */
  admits?: (credential: Credential) => boolean;
  sites: Sites;
  province: ProvinceStore;
  clock: Clock;
  log: Logger;
  options: SocketOptions;
  /** The client's address (a reverse proxy's header when trusted); the TCP peer's by default. */
  clientAddress?: (req: IncomingMessage) => string;
  /** Device presence shared by several nodes (shared-state/); this node's memory otherwise. */
  presenceBook?: PresenceBook;
  /** Socket counts per address, link and device summed over nodes (shared-state/). */
  socketCounts?: Counts;
  /** The citizens' side, for the kiosk's check-in (refused as not offered without it). */
  citizens?: Citizens;
  /** The ID card's rule and count; made here from the store when not given. */
  idCards?: IdCards;
}) {
  const { httpServer, sites, province, clock, log, options } = deps;
  const limits = createSocketLimits(
    options.socketLimits,
    deps.clientAddress ?? peerAddress,
    deps.socketCounts,
  );
  const credentials = { province, clock, sessionIdleMs: options.sessionIdleMs };
  const idCards = deps.idCards ?? createIdCards({ province, clock, log });
  const io: HubServer = new Server(httpServer, {
    serveClient: false,
    // Message size, connect timeout and the bound on connections not yet signed in
    // (limits.ts). A message over the size closes its connection: no refusal can be sent.
    ...limits.serverOptions,
    // A foreign Origin is refused before it counts as a pending handshake.
    allowRequest(req, callback) {
      if (deps.allowOrigin && !deps.allowOrigin(req)) return callback('FORBIDDEN', false);
      limits.serverOptions.allowRequest(req, callback);
    },
  });
  limits.watchEngine(io.engine);

  /**
   * A desk's ticket to a paired kiosk, through one of its sockets on this node (the newest: a
   * kiosk reconnecting may briefly have two), answered once printed; null when it has none.
   */
  const sendToKiosk: SendToKiosk = async (siteId, kioskId, job) => {
    let target: HubSocket | undefined;
    for (const socket of io.sockets.sockets.values()) {
      const id = socket.data.credential?.identity;
      if (id?.role === 'kiosk' && id.siteId === siteId && id.deviceId === kioskId) target = socket;
    }
    if (!target) return null;
    return target.timeout(DESK_KIOSK_TIMEOUT_MS).emitWithAck('desk:print', job);
  };
  const deskPrinting = createDeskPrinting({ sendToKiosk, log });

  /** Each site's parts, made when the site is first served here; its events go to its rooms. */
  const siteServices = new Map<string, HubServices>();
  function servicesOf(site: Site): HubServices {
    const known = siteServices.get(site.id);
    if (known) return known;
    const { queue, store } = site;
    queue.onCommit((batch) => {
      // A site's events go to this node's own sockets only, every one in sequence order: its
      // own as it stores them, other nodes' as it catches up with the store (never through the
      // Redis adapter, where another node's event could arrive after this node's next one and
      // the screen would resynchronise for nothing, or miss it while Redis is away). Same
      // sequence numbers in every room, so each client's gap detection still holds.
      for (const e of batch.events)
        for (const audience of AUDIENCES)
          io.local.to(stream(site.id, audience)).emit('event', {
            seq: e.seq,
            event: eventFor(audience, e.event),
          });
    });
    const services: HubServices = {
      siteId: site.id,
      queue,
      store,
      province,
      clock,
      log,
      options,
      presence: createDevicePresence({
        store,
        clock,
        publish: (status) => io.to(staffRoom(site.id)).emit('device', status),
        book: deps.presenceBook,
      }),
      phoneViews: createPhoneViews({ queue, store, clock, log }),
      idCards,
      desk: deskPrinting,
    };
    siteServices.set(site.id, services);
    return services;
  }
  for (const site of sites.all()) servicesOf(site);
  sites.onAdded((site) => servicesOf(site));
  /** The parts of a credential's site (it exists: credentials are resolved against the store). */
  function servicesFor(credential: Credential): HubServices | null {
    const site = sites.get(credential.identity.siteId);
    return site ? servicesOf(site) : null;
  }
  const kiosk = createKioskMemory();
  const handlers: Handlers = {
    ...ticketHandlers(kiosk),
    ...checkInHandlers(deps.citizens ?? null),
    ...counterHandlers(),
    ...deviceHandlers(),
    ...syncHandlers(),
    ...boardHandlers(),
    ...superviseHandlers({ disconnectUser }),
    ...deskHandlers(),
  };

  /** Disconnects the sockets of every session of a person but `keepTokenHash`'s, on every node. */
  function disconnectUser(username: string, keepTokenHash?: string): void {
    const room = io.in(userRoom(username));
    (keepTokenHash ? room.except(credentialRoom(keepTokenHash)) : room).disconnectSockets(true);
  }

  io.use((socket, next) => {
    // Checked before the store is read: an address at its cap costs nothing more.
    const address = limits.admitAddress(socket);
    if (!address) return next(rateLimitedError());
    // A device's or phone's token in `auth.token`; a staff app in the browser: its cookie.
    const token = handshakeToken(socket.handshake);
    resolveCredential(credentials, token).then(
      (credential) => {
        if (!credential) {
          address.release();
          // Socket.IO hands `data` to the client's connect_error.
          return next(
            Object.assign(new Error('UNAUTHENTICATED'), { data: failure('UNAUTHENTICATED').error }),
          );
        }
        if ((deps.admits && !deps.admits(credential)) || !servicesFor(credential)) {
          address.release();
          return next(Object.assign(new Error('FORBIDDEN'), { data: failure('FORBIDDEN').error }));
        }
        if (!limits.admitCredential(socket, credential)) {
          address.release();
          return next(rateLimitedError());
        }
        socket.data.credential = credential;
        next();
      },
      (err: unknown) => {
        address.release();
        log.error({ err }, 'socket authentication failed');
        next(new Error('INTERNAL'));
      },
    );
  });

  io.on('connection', (socket: HubSocket) => {
    const { identity, tokenHash } = socket.data.credential;
    const services = servicesFor(socket.data.credential)!;
    void socket.join(credentialRoom(tokenHash));
    if ('username' in identity) void socket.join(userRoom(identity.username));
    if ('deviceId' in identity) void socket.join(deviceRoom(identity.siteId, identity.deviceId));
    const ticketId = identity.role === 'public' ? identity.ticketId : null;
    const deviceId = 'deviceId' in identity ? identity.deviceId : null;
    limits.signedIn(socket);
    // The event budget first: an event over it reaches neither the store nor a handler.
    limits.guardEvents(socket, socket.data.credential);
    // Listeners first, so no event sent right after connecting is missed.
    for (const name of CLIENT_EVENT_NAMES)
      socket.on(name, (...args: unknown[]) => receive(socket, name, args));
    socket.onAny((name: string, ...args: unknown[]) => {
      if (CLIENT_EVENT_NAMES.some((n) => n === name)) return;
      const ack = args[args.length - 1];
      if (typeof ack === 'function') ack(failure('BAD_REQUEST', 'unknown event'));
    });
    socket.on('disconnect', () => {
      if (ticketId) services.phoneViews.close(ticketId, socket);
      if (deviceId) void services.presence.disconnected(deviceId).catch(logError);
    });

    if (deviceId) void services.presence.connected(deviceId).catch(logError);
    if (ticketId) {
      void services.phoneViews.open(ticketId, socket).catch(logError);
      return;
    }
    snapshotFor(services, identity).then((snapshot) => {
      if (!socket.connected) return;
      // Snapshot and room join happen in one tick, so no event falls between them.
      socket.emit('snapshot', snapshot);
      void socket.join(stream(identity.siteId, audienceOf(identity)));
      if (identity.role === 'supervisor' || identity.role === 'admin')
        void socket.join(staffRoom(identity.siteId));
    }, logError);
  });

  function logError(err: unknown): void {
    log.error({ err }, 'socket bookkeeping failed');
  }

  /** One client event: checked, handled, and acknowledged once what it did is stored. */
  function receive(socket: HubSocket, name: ClientEventName, args: unknown[]): void {
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') return;
    const payload = args.length >= 2 ? args[0] : undefined;
    const answer = (res: Ack<unknown>): void => void ack(res);
    void (async () => {
      // The credential is checked before the site's turn: a turn holds the site (and, on a
      // shared store, a connection) only for deciding.
      if (!(await valid(socket))) return failure('UNAUTHENTICATED');
      return dispatch(socket.data.credential.identity, name, payload, {
        publicUrl: addressOf(socket),
      });
    })().then(answer, (err: unknown) => answer(failureOfStore(err, log)));
  }

  /**
   * Runs one client event for an identity the caller has authenticated (a socket's credential,
   * a REST request's API key): the role and payload checked by `route`, a command decided in
   * its site's turn (on a store several nodes share, after catching up with theirs) and
   * answered once what it did (or what a refusal was decided on) is stored; a read answered at
   * once. Never throws.
   */
  async function dispatch(
    identity: Identity,
    name: ClientEventName,
    payload: unknown,
    how: { publicUrl: string; actor?: string },
  ): Promise<Ack<unknown>> {
    const site = sites.get(identity.siteId);
    if (!site) return failure('FORBIDDEN');
    const services = servicesOf(site);
    const ctx = {
      ...services,
      identity,
      actor: how.actor ?? actorOf(identity),
      publicUrl: how.publicUrl,
    };
    try {
      if (READS.has(name) || OWN_TURN.has(name)) return await handle(ctx, name, payload);
      const res = await services.queue.exclusive(() => handle(ctx, name, payload));
      return await new Promise<Ack<unknown>>((resolve) =>
        services.queue.afterDurable((stored) => resolve(stored ? res : failure('INTERNAL'))),
      );
    } catch (err) {
      return failureOfStore(err, log);
    }
  }

  /** The hub's address as this socket reached it, e.g. `http://192.168.1.10:8080`. */
  function addressOf(socket: HubSocket): string {
    const { secure, headers } = socket.handshake;
    return `${secure ? 'https' : 'http'}://${headers.host ?? 'localhost'}`;
  }

  /** Whether the socket's credential still holds (a use of it); one that ended is dropped. */
  async function valid(socket: HubSocket): Promise<boolean> {
    if (await stillValid(credentials, socket.data.credential, true)) return true;
    setImmediate(() => socket.disconnect(true));
    return false;
  }

  async function handle(
    ctx: HandlerContext<Identity>,
    name: ClientEventName,
    payload: unknown,
  ): Promise<Ack<unknown>> {
    try {
      return await route(handlers, name, payload, ctx);
    } catch (err) {
      return failureOfStore(err, log.child({ event: name }));
    }
  }

  const sweep = setInterval(() => {
    void (async () => {
      for (const socket of io.sockets.sockets.values())
        if (!(await stillValid(credentials, socket.data.credential, false)))
          socket.disconnect(true);
    })().catch(logError);
  }, options.sweepIntervalMs);
  sweep.unref();

  return {
    io,
    /** The clock moved: phone pages learn when the day's service has just ended. */
    tick(): void {
      for (const services of siteServices.values()) services.phoneViews.tick();
    },
    /**
     * Disconnects every socket that authenticated with this secret (a sign-out or a
     * revocation), on every node.
     */
    disconnectCredential(tokenHash: string): void {
      io.in(credentialRoom(tokenHash)).disconnectSockets(true);
    },
    disconnectUser,
    /** Runs a client event for an identity authenticated elsewhere (the REST API, rest/). */
    dispatch,
    disconnectDevice(siteId: string, deviceId: string): void {
      io.in(deviceRoom(siteId, deviceId)).disconnectSockets(true);
    },
    async close(): Promise<void> {
      clearInterval(sweep);
      await io.close();
    },
  };
}

/** Runs a client event for an identity authenticated elsewhere (see `dispatch` above). */
export type Dispatch = ReturnType<typeof attachSocketServer>['dispatch'];
