import type { Server as HttpServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import { estimateWaitMinutes, type QueueCommand, type QueueState } from '@luot/domain';
import {
  CLIENT_EVENTS,
  CLIENT_EVENT_NAMES,
  failure,
  maySend,
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  type DeviceStatus,
  type Identity,
  type ParsedPayload,
  type PublicTicketView,
  type ServerToClientEvents,
  type Snapshot,
} from '@luot/protocol';
import { hashSecret } from './auth.ts';
import type { Clock } from './clock.ts';
import type { Store } from './db/index.ts';
import { resolveCredential, stillValid, type Credential } from './identity.ts';
import type { CommittedBatch, QueueService } from './queue-service.ts';
import { publicTicketView } from './views.ts';

type HubSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { credential: Credential }
>;
type HubServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { credential: Credential }
>;

export interface SocketOptions {
  /** A kiosk may issue at most one ticket per this many milliseconds. */
  kioskMinIntervalMs: number;
  /** How long after issuing a kiosk may still cancel its own ticket (a failed print). */
  kioskCancelWindowMs: number;
  /** How often sockets whose session ended or device was revoked are disconnected. */
  sweepIntervalMs: number;
}

const STREAM = 'stream';
const STAFF = 'staff';

/**
 * The Socket.IO side of the hub: authenticates every socket in middleware, sends each a
 * snapshot of what it may see, relays committed queue events with their sequence numbers,
 * and turns client events into queue commands after checking role and payload. Every event
 * is acknowledged; nothing throws into the socket.
 */
export function attachSocketServer(deps: {
  httpServer: HttpServer;
  queue: QueueService;
  store: Store;
  clock: Clock;
  log: Logger;
  options: SocketOptions;
}) {
  const { httpServer, queue, store, clock, log, options } = deps;
  const io: HubServer = new Server(httpServer, {
    serveClient: false,
    // Large enough that an oversized payload reaches validation and gets a clear refusal.
    maxHttpBufferSize: 4_000_000,
    cors: { origin: true },
  });
  const lastIssueAt = new Map<string, number>();
  // Named issue requests of this process, so a repeat or an abandon in the same event-loop turn
  // (not yet in the database under group commit) is seen too. The database holds the rest.
  const issuedRequests = new Map<string, string>();
  const ticketOfRequest = (key: string) =>
    issuedRequests.get(key) ?? store.ticketIdByRequestKey(key);
  const deviceStatus = new Map<string, DeviceStatus>();
  /** The phone pages open on each ticket. */
  const watchers = new Map<string, Set<HubSocket>>();
  /** What each watched ticket's pages were last sent, so an unchanged view is not sent again. */
  const sentViews = new Map<string, PublicTicketView>();

  io.use((socket, next) => {
    const credential = resolveCredential(
      store,
      clock,
      (socket.handshake.auth as { token?: unknown })?.token,
    );
    if (!credential) {
      const err = new Error('UNAUTHENTICATED') as Error & { data: unknown };
      err.data = failure('UNAUTHENTICATED').error;
      return next(err);
    }
    socket.data.credential = credential;
    next();
  });

  io.on('connection', (socket: HubSocket) => {
    const { identity } = socket.data.credential;
    if ('deviceId' in identity) {
      store.touchDevice(identity.deviceId, clock.now());
      updateDevice(identity.deviceId, { online: true, lastSeenAt: clock.now() });
    }
    if (identity.role === 'public') {
      const pages = watchers.get(identity.ticketId) ?? new Set();
      pages.add(socket);
      watchers.set(identity.ticketId, pages);
      const view = ticketView(identity.ticketId);
      if (view) {
        socket.emit('ticket:view', view);
        changedView(identity.ticketId, view);
      }
    } else {
      // Snapshot and room join happen in one tick, so no event falls between them.
      socket.emit('snapshot', snapshotFor(identity));
      socket.join(STREAM);
      if (identity.role === 'supervisor' || identity.role === 'admin') socket.join(STAFF);
    }

    for (const name of CLIENT_EVENT_NAMES) {
      socket.on(name, (...args: unknown[]) => {
        const ack = args[args.length - 1];
        if (typeof ack !== 'function') return;
        const payload = args.length >= 2 ? args[0] : undefined;
        const answer = safeHandle(socket, name, payload);
        // Answered once what the command did (or what a refusal was decided on) is stored.
        queue.afterDurable((stored) =>
          (ack as (res: Ack<unknown>) => void)(stored ? answer : failure('INTERNAL')),
        );
      });
    }
    socket.onAny((name: string, ...args: unknown[]) => {
      if ((CLIENT_EVENT_NAMES as string[]).includes(name)) return;
      const ack = args[args.length - 1];
      if (typeof ack === 'function') ack(failure('BAD_REQUEST', `unknown event`));
    });
    socket.on('disconnect', () => {
      if (identity.role === 'public') {
        const pages = watchers.get(identity.ticketId);
        pages?.delete(socket);
        if (pages?.size === 0) {
          watchers.delete(identity.ticketId);
          sentViews.delete(identity.ticketId);
        }
      }
      if ('deviceId' in identity) {
        const stillConnected = [...io.sockets.sockets.values()].some(
          (s) =>
            s !== socket &&
            'deviceId' in s.data.credential.identity &&
            s.data.credential.identity.deviceId === identity.deviceId,
        );
        if (!stillConnected)
          updateDevice(identity.deviceId, { online: false, lastSeenAt: clock.now() });
      }
    });
  });

  function safeHandle(socket: HubSocket, name: ClientEventName, payload: unknown): Ack<unknown> {
    try {
      return handle(socket, name, payload);
    } catch (err) {
      log.error({ err, event: name }, 'handler failed');
      return failure('INTERNAL');
    }
  }

  function handle(socket: HubSocket, name: ClientEventName, payload: unknown): Ack<unknown> {
    const credential = socket.data.credential;
    if (!stillValid(store, clock, credential)) {
      setImmediate(() => socket.disconnect(true));
      return failure('UNAUTHENTICATED');
    }
    const identity = credential.identity;
    if (!maySend(identity.role, name)) return failure('FORBIDDEN');
    const parsed = CLIENT_EVENTS[name].payload.safeParse(payload);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return failure(
        'BAD_REQUEST',
        first ? `${first.path.join('.') || 'payload'}: ${first.code}` : undefined,
      );
    }
    return dispatch(identity, name, parsed.data as never);
  }

  function run(command: QueueCommand, actor: string) {
    const result = queue.submit(command, { actor });
    if (!result.ok) log.debug({ command: command.type, error: result.error }, 'command refused');
    return result;
  }

  function actorOf(identity: Identity): string {
    if ('deviceId' in identity) return `device:${identity.deviceId}`;
    if ('username' in identity) return `user:${identity.username}`;
    return 'public';
  }

  function ticketOf(state: QueueState, ticketId: string | undefined): Ack<unknown> {
    const ticket = ticketId ? state.tickets[ticketId] : undefined;
    return ticket ? { ok: true, data: ticket } : failure('INTERNAL');
  }

  function dispatch<E extends ClientEventName>(
    identity: Identity,
    name: E,
    data: ParsedPayload<E>,
  ): Ack<unknown> {
    const actor = actorOf(identity);
    switch (name) {
      case 'ticket:issue': {
        if (identity.role !== 'kiosk') return failure('FORBIDDEN');
        const p = data as ParsedPayload<'ticket:issue'>;
        const now = clock.now();
        const last = lastIssueAt.get(identity.deviceId);
        if (last !== undefined && now - last < options.kioskMinIntervalMs)
          return failure('RATE_LIMITED');
        const requestKey = p.requestId ? `${actor}:${p.requestId}` : undefined;
        if (requestKey && ticketOfRequest(requestKey)) return failure('INVALID_ARGUMENT');
        const token = randomBytes(16).toString('base64url');
        const result = queue.submit(
          { type: 'issue', fieldId: p.fieldId, priorityClassId: p.priorityClassId },
          { actor, tokenHash: hashSecret(token), requestKey },
        );
        if (!result.ok) return failure(result.error.code);
        lastIssueAt.set(identity.deviceId, now);
        const issued = result.events[0]!;
        if (issued.type !== 'ticket.issued') return failure('INTERNAL');
        if (requestKey) {
          if (issuedRequests.size >= 10_000) issuedRequests.clear(); // the database still knows them
          issuedRequests.set(requestKey, issued.ticket.id);
        }
        const ticket = result.state.tickets[issued.ticket.id]!;
        const ahead = queue.waiting.ahead(ticket);
        return {
          ok: true,
          data: {
            ticket,
            token,
            path: `/t/${token}`,
            ahead,
            estimatedWaitMinutes: estimateWaitMinutes(result.state, ticket.fieldId, ahead),
          },
        };
      }
      case 'ticket:abandon': {
        // A kiosk that never heard the answer to an issue request takes back the number, if
        // one was issued and nobody has been called for it: no one holds it.
        const p = data as ParsedPayload<'ticket:abandon'>;
        const ticketId = ticketOfRequest(`${actor}:${p.requestId}`);
        if (!ticketId) return { ok: true, data: { ticketId: null } };
        if (queue.live.tickets[ticketId]?.status !== 'waiting') return failure('INVALID_STATE');
        const result = run({ type: 'cancel', ticketId, reason: p.reason }, actor);
        return result.ok ? { ok: true, data: { ticketId } } : failure(result.error.code);
      }
      case 'ticket:cancel': {
        const p = data as ParsedPayload<'ticket:cancel'>;
        if (identity.role === 'kiosk') {
          // A kiosk may only take back its own fresh ticket, when the citizen never got it.
          const ticket = queue.live.tickets[p.ticketId];
          if (!ticket) return failure('NOT_FOUND');
          if (store.ticketIssuer(ticket.id) !== actor) return failure('FORBIDDEN');
          if (
            ticket.status !== 'waiting' ||
            clock.now() - ticket.issuedAt > options.kioskCancelWindowMs
          )
            return failure('INVALID_STATE');
        }
        const result = run({ type: 'cancel', ticketId: p.ticketId, reason: p.reason }, actor);
        return result.ok
          ? { ok: true, data: { ticketId: p.ticketId } }
          : failure(result.error.code);
      }
      case 'counter:callNext':
      case 'counter:callTicket':
      case 'counter:recall':
      case 'counter:start':
      case 'counter:finish':
      case 'counter:noShow':
      case 'counter:transfer':
      case 'counter:pause':
      case 'counter:resume': {
        if (identity.role !== 'clerk') return failure('FORBIDDEN');
        const at = { counterId: identity.counterId, clerkId: identity.username };
        const command = clerkCommand(name, data, at);
        const before = queue.live.counters[identity.counterId]?.currentTicketId ?? undefined;
        const result = run(command, actor);
        if (!result.ok) return failure(result.error.code);
        if (command.type === 'pause' || command.type === 'resume')
          return { ok: true, data: { counterId: identity.counterId } };
        const called = result.events.find((e) => e.type === 'ticket.called');
        return ticketOf(result.state, called && 'ticketId' in called ? called.ticketId : before);
      }
      case 'counter:close': {
        const p = data as ParsedPayload<'counter:close'>;
        const result = run({ type: 'closeCounter', counterId: p.counterId, clerkId: null }, actor);
        return result.ok
          ? { ok: true, data: { counterId: p.counterId } }
          : failure(result.error.code);
      }
      case 'rating:submit': {
        if (identity.role !== 'rating' || !identity.counterId) return failure('FORBIDDEN');
        const p = data as ParsedPayload<'rating:submit'>;
        const result = run(
          { type: 'rate', ticketId: p.ticketId, counterId: identity.counterId, score: p.score },
          actor,
        );
        return result.ok
          ? { ok: true, data: { ticketId: p.ticketId, score: p.score } }
          : failure(result.error.code);
      }
      case 'device:report': {
        if (!('deviceId' in identity)) return failure('FORBIDDEN');
        const p = data as ParsedPayload<'device:report'>;
        updateDevice(identity.deviceId, {
          printer: p.printer,
          online: true,
          lastSeenAt: clock.now(),
        });
        return { ok: true, data: { received: true } };
      }
      case 'sync:snapshot':
        return { ok: true, data: snapshotFor(identity) };
      case 'ticket:view': {
        if (identity.role !== 'public') return failure('FORBIDDEN');
        const view = ticketView(identity.ticketId);
        return view ? { ok: true, data: view } : failure('NOT_FOUND');
      }
      case 'day:close': {
        const result = run({ type: 'closeDay' }, actor);
        return result.ok
          ? { ok: true, data: { day: result.state.day } }
          : failure(result.error.code);
      }
    }
    return failure('BAD_REQUEST');
  }

  function snapshotFor(identity: Identity): Snapshot {
    const staff = 'username' in identity && identity.role !== 'clerk';
    return {
      seq: queue.seq,
      serverTime: clock.now(),
      state: queue.state,
      you: identity,
      devices: staff ? devicesStatus() : [],
    };
  }

  function devicesStatus(): DeviceStatus[] {
    return store
      .listDevices()
      .filter((d) => d.revokedAt === null)
      .map(
        (d) =>
          deviceStatus.get(d.id) ?? {
            deviceId: d.id,
            kind: d.kind,
            name: d.name,
            online: false,
            lastSeenAt: d.lastSeenAt,
            printer: null,
          },
      );
  }

  function updateDevice(deviceId: string, patch: Partial<DeviceStatus>): void {
    const row = store.deviceById(deviceId);
    // A revoked device's last disconnect must not bring it back onto the dashboards.
    if (!row || row.revokedAt !== null) return;
    const current: DeviceStatus = deviceStatus.get(deviceId) ?? {
      deviceId,
      kind: row.kind,
      name: row.name,
      online: false,
      lastSeenAt: row.lastSeenAt,
      printer: null,
    };
    const next = { ...current, ...patch };
    deviceStatus.set(deviceId, next);
    io.to(STAFF).emit('device', next);
  }

  function ticketView(ticketId: string) {
    const today = queue.state.tickets[ticketId];
    if (today) return publicTicketView(queue.state, today, queue.seq, queue.waiting.ahead(today));
    const past = store.ticketSnapshot(ticketId);
    return past ? publicTicketView(queue.state, past, queue.seq, 0) : null;
  }

  queue.onCommit((batch: CommittedBatch) => {
    for (const e of batch.events) io.to(STREAM).emit('event', e);
    if (watchers.size > 0) pushTicketViews(batch);
  });

  /**
   * Sends fresh views to the phone pages whose ticket changed, or whose place or estimate may
   * have: a call or a waiting ticket leaving moves the others of its field up; a finished
   * service changes the field's estimate, a counter opening or closing its fields' estimates;
   * a transfer or a priority ticket can go ahead of others. A view goes out only if it differs
   * from the one the page has.
   */
  function pushTicketViews(batch: CommittedBatch): void {
    const state = batch.after;
    let everything = false;
    const fields = new Set<string>();
    const tickets = new Set<string>();
    for (const { event } of batch.events) {
      switch (event.type) {
        case 'ticket.issued':
          if (event.ticket.priorityClassId) fields.add(event.ticket.fieldId);
          break;
        case 'ticket.called':
        case 'ticket.finished':
        case 'ticket.cancelled':
        case 'ticket.expired':
          fields.add(event.fieldId);
          break;
        case 'ticket.transferred':
          fields.add(event.toFieldId);
          break;
        case 'counter.opened':
        case 'counter.closed':
        case 'counter.paused':
        case 'counter.resumed':
          for (const f of state.config.counters.find((c) => c.id === event.counterId)?.fieldIds ??
            [])
            fields.add(f);
          break;
        case 'day.opened':
        case 'config.updated':
          everything = true;
          break;
      }
      if ('ticketId' in event) tickets.add(event.ticketId);
    }
    if (!everything && fields.size === 0 && tickets.size === 0) return;
    const ahead = queue.waiting.places(fields);
    for (const [ticketId, pages] of watchers) {
      const ticket = state.tickets[ticketId];
      if (!ticket) continue;
      if (
        !everything &&
        !tickets.has(ticketId) &&
        !(ticket.status === 'waiting' && fields.has(ticket.fieldId))
      )
        continue;
      const view = publicTicketView(
        state,
        ticket,
        queue.seq,
        ahead.get(ticketId) ?? queue.waiting.ahead(ticket),
      );
      if (!changedView(ticketId, view)) continue;
      for (const page of pages) page.emit('ticket:view', view);
    }
  }

  /** Whether a view differs (sequence number aside) from the last one sent for the ticket; records it. */
  function changedView(ticketId: string, view: PublicTicketView): boolean {
    const last = sentViews.get(ticketId);
    sentViews.set(ticketId, view);
    return (
      !last ||
      last.status !== view.status ||
      last.ahead !== view.ahead ||
      last.estimatedWaitMinutes !== view.estimatedWaitMinutes ||
      last.counterNumber !== view.counterNumber ||
      last.fieldName !== view.fieldName ||
      last.label !== view.label ||
      last.centreName !== view.centreName ||
      last.issuedAt !== view.issuedAt
    );
  }

  const sweep = setInterval(() => {
    for (const socket of io.sockets.sockets.values())
      if (!stillValid(store, clock, socket.data.credential)) socket.disconnect(true);
  }, options.sweepIntervalMs);
  sweep.unref();

  return {
    io,
    /** Disconnects every socket that authenticated with this secret (a sign-out or a revocation). */
    disconnectCredential(tokenHash: string): void {
      for (const socket of io.sockets.sockets.values())
        if (socket.data.credential.tokenHash === tokenHash) socket.disconnect(true);
    },
    disconnectDevice(deviceId: string): void {
      for (const socket of io.sockets.sockets.values()) {
        const id = socket.data.credential.identity;
        if ('deviceId' in id && id.deviceId === deviceId) socket.disconnect(true);
      }
    },
    async close(): Promise<void> {
      clearInterval(sweep);
      await io.close();
    },
  };
}

function clerkCommand(
  name: ClientEventName,
  data: unknown,
  at: { counterId: string; clerkId: string },
): QueueCommand {
  switch (name) {
    case 'counter:callNext':
      return { type: 'callNext', ...at };
    case 'counter:callTicket':
      return {
        type: 'callTicket',
        ticketId: (data as ParsedPayload<'counter:callTicket'>).ticketId,
        ...at,
      };
    case 'counter:recall':
      return { type: 'recall', ...at };
    case 'counter:start':
      return { type: 'start', ...at };
    case 'counter:finish':
      return { type: 'finish', ...at };
    case 'counter:noShow':
      return { type: 'noShow', ...at };
    case 'counter:transfer': {
      const p = data as ParsedPayload<'counter:transfer'>;
      return { type: 'transfer', to: p.to, reason: p.reason, ...at };
    }
    case 'counter:pause':
      return { type: 'pause', reason: (data as ParsedPayload<'counter:pause'>).reason, ...at };
    default:
      return { type: 'resume', ...at };
  }
}
