import type { IncomingMessage } from 'node:http';
import type { ServerOptions, Socket } from 'socket.io';
import { failure } from '@luot/protocol';
import type { Credential } from '../identity.ts';

/**
 * What one client may cost the hub over Socket.IO. The defaults are for a real centre and for a
 * province's public listener, where many citizens may share one carrier (NAT) address: the
 * per-address caps are generous, the per-socket and per-credential ones tight.
 */
export interface SocketLimits {
  /**
   * The largest message a client may send, in bytes (Socket.IO's `maxHttpBufferSize`). The
   * largest legitimate one is a transfer or cancel with a 300-character reason, under 1.5 KB.
   * A bigger message closes the connection (Socket.IO gives no way to answer it).
   */
  maxMessageBytes: number;
  /** Events a socket may send per second, on average (the bucket's refill rate). */
  eventsPerSecond: number;
  /** Events a socket may send at once after a quiet spell (the bucket's size). */
  eventBurst: number;
  /**
   * Refused events, beyond the budget, after which the socket is disconnected; they are
   * forgiven at `eventsPerSecond`, so only a socket that keeps flooding reaches this.
   */
  disconnectAfterRefused: number;
  /**
   * How long a credential (a phone link, a device, a sign-in) disconnected for flooding is
   * refused when it connects again: reconnecting costs the hub more than refusing an event.
   */
  floodPenaltyMs: number;
  /** Sockets open on one phone link (a ticket's token): a citizen's phone or two, and reloads. */
  socketsPerTicket: number;
  /** Sockets open for one paired device: one screen, and a reconnect the hub has not noticed yet. */
  socketsPerDevice: number;
  /** Sockets open from one address (many phones may share a carrier's address). */
  socketsPerAddress: number;
  /** Connections not (yet) signed in to the hub, in total. */
  pendingHandshakes: number;
  /** Connections not (yet) signed in to the hub, from one address. */
  pendingPerAddress: number;
  /** A connection that has not signed in within this long is closed (Socket.IO `connectTimeout`). */
  connectTimeoutMs: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  maxMessageBytes: 32 * 1024,
  eventsPerSecond: 5,
  eventBurst: 20,
  disconnectAfterRefused: 100,
  floodPenaltyMs: 60_000,
  socketsPerTicket: 4,
  socketsPerDevice: 4,
  socketsPerAddress: 2000,
  pendingHandshakes: 2000,
  pendingPerAddress: 200,
  connectTimeoutMs: 10_000,
};

/** The client's address as the hub sees it, by default the TCP peer's. */
export type ClientAddress = (req: IncomingMessage) => string;
export const peerAddress: ClientAddress = (req) => req.socket.remoteAddress ?? 'unknown';

/** The error a refused connection's `connect_error` carries (as for UNAUTHENTICATED). */
export function rateLimitedError(): Error {
  return Object.assign(new Error('RATE_LIMITED'), { data: failure('RATE_LIMITED').error });
}

/** Counts per key, each under a cap (several nodes may sum theirs: shared-state/socket-counts.ts). */
export interface Counts {
  get(key: string): number;
  add(key: string): void;
  remove(key: string): void;
  /** This node's own counts, keys above zero. */
  entries(): [string, number][];
  readonly size: number;
}

/** Counts per key, each under a cap; keys at zero are forgotten. */
export function createCounts(): Counts {
  const counts = new Map<string, number>();
  return {
    get: (key: string) => counts.get(key) ?? 0,
    entries: () => [...counts],
    add(key: string): void {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    remove(key: string): void {
      const n = (counts.get(key) ?? 0) - 1;
      if (n > 0) counts.set(key, n);
      else counts.delete(key);
    },
    get size() {
      return counts.size;
    },
  };
}

/**
 * A socket's event budget: a token bucket of `eventBurst` events refilled at `eventsPerSecond`.
 * `take` answers 'ok', 'refuse' (over budget), or 'disconnect' once the refused events, forgiven
 * at the same rate, pass `disconnectAfterRefused`.
 */
export function createEventBudget(
  limits: Pick<SocketLimits, 'eventsPerSecond' | 'eventBurst' | 'disconnectAfterRefused'>,
  now: () => number = () => performance.now(),
) {
  let tokens = limits.eventBurst;
  let refused = 0;
  let last = now();
  return {
    take(): 'ok' | 'refuse' | 'disconnect' {
      const t = now();
      const earned = ((t - last) / 1000) * limits.eventsPerSecond;
      last = t;
      tokens = Math.min(limits.eventBurst, tokens + earned);
      refused = Math.max(0, refused - earned);
      if (tokens >= 1) {
        tokens -= 1;
        return 'ok';
      }
      refused += 1;
      return refused > limits.disconnectAfterRefused ? 'disconnect' : 'refuse';
    },
  };
}

/** What of an engine.io connection the limits use. */
type EngineConnection = NodeJS.EventEmitter & {
  request: IncomingMessage;
  close(discard?: boolean): void;
};

/** A hold on a place under the caps, given back once (however many times it is released). */
export interface Lease {
  release(): void;
}

/**
 * The socket limits of one Socket.IO server: its options (message size, connect timeout, and an
 * `allowRequest` that bounds connections not yet signed in), the caps checked when a socket
 * signs in, and each socket's event budget. Call `watchEngine` once the server exists.
 */
export function createSocketLimits(
  limits: SocketLimits,
  clientAddress: ClientAddress,
  /** Open sockets per address, link and device: this node's by default, or every node's. */
  connected: Counts = createCounts(),
) {
  // Engine connections that have not connected a signed-in socket, in total and per address.
  const pending = createCounts();
  let pendingTotal = 0;
  // Handshakes allowed in this turn whose connection the engine has not created yet.
  let reserved = 0;
  const pendingOf = new WeakMap<object, { address: string; timer: NodeJS.Timeout }>();
  // Credentials (token hashes) disconnected for flooding, until when they are refused.
  const penalised = new Map<string, number>();
  const penaltyOver = (tokenHash: string): boolean => {
    const until = penalised.get(tokenHash);
    if (until === undefined) return true;
    if (performance.now() < until) return false;
    penalised.delete(tokenHash);
    return true;
  };

  const settle = (conn: object): void => {
    const entry = pendingOf.get(conn);
    if (entry === undefined) return;
    pendingOf.delete(conn);
    clearTimeout(entry.timer);
    pending.remove(entry.address);
    pendingTotal--;
  };

  return {
    serverOptions: {
      maxHttpBufferSize: limits.maxMessageBytes,
      // Ours (watchEngine) closes such a connection at once; Socket.IO's, a backstop, would
      // wait for the client's next poll, and would leave ours nothing to do if it came first.
      connectTimeout: limits.connectTimeoutMs * 2,
      allowRequest(req, callback) {
        // Called for new engine connections only (not for each request of an open one).
        const address = clientAddress(req);
        if (
          pendingTotal + reserved >= limits.pendingHandshakes ||
          pending.get(address) >= limits.pendingPerAddress
        )
          return callback('RATE_LIMITED', false);
        // The engine creates the connection a few microtasks later (its id is made async).
        reserved++;
        setImmediate(() => reserved--);
        callback(null, true);
      },
    } satisfies Partial<ServerOptions>,

    /**
     * Counts every new engine connection as pending until a socket on it signs in, and closes
     * it at once if none has within `connectTimeoutMs`.
     */
    watchEngine(engine: {
      on(event: 'connection', fn: (conn: EngineConnection) => void): unknown;
    }): void {
      engine.on('connection', (conn) => {
        const address = clientAddress(conn.request);
        const timer = setTimeout(() => {
          if (pendingOf.has(conn)) conn.close(true);
        }, limits.connectTimeoutMs);
        timer.unref();
        pendingOf.set(conn, { address, timer });
        pending.add(address);
        pendingTotal++;
        conn.once('close', () => settle(conn));
      });
    },

    /**
     * Before the credential is looked up: a place for one more socket from this address, or
     * null when the address is at its cap.
     */
    admitAddress(socket: Socket): Lease | null {
      const address = clientAddress(socket.request);
      const key = `address:${address}`;
      if (connected.get(key) >= limits.socketsPerAddress) return null;
      return hold(socket, [key]);
    },

    /** Once the credential is known: a place for one more socket on it, or null at its cap. */
    admitCredential(socket: Socket, credential: Credential): Lease | null {
      if (!penaltyOver(credential.tokenHash)) return null;
      const { identity } = credential;
      let key: string | null = null;
      let cap = Infinity;
      if (credential.kind === 'ticket') {
        key = `ticket:${credential.tokenHash}`;
        cap = limits.socketsPerTicket;
      } else if ('deviceId' in identity) {
        key = `device:${identity.siteId}/${identity.deviceId}`;
        cap = limits.socketsPerDevice;
      }
      if (key === null) return { release() {} };
      if (connected.get(key) >= cap) return null;
      return hold(socket, [key]);
    },

    /** A socket has signed in: its engine connection is no longer pending. */
    signedIn(socket: Socket): void {
      settle(socket.conn);
      // A connection whose socket left is closed, so it cannot sit open outside every count
      // (the hub's client closes it itself; only a hand-made client would keep it).
      socket.once('disconnect', () => {
        if (socket.conn.readyState === 'open') socket.conn.close();
      });
    },

    /**
     * Checks every event of a socket against its budget before any handler (or the store) sees
     * it: over budget it is answered RATE_LIMITED at once; far over, the socket is disconnected.
     */
    guardEvents(socket: Socket, credential: Credential): void {
      const budget = createEventBudget(limits);
      socket.use((packet, next) => {
        const verdict = budget.take();
        if (verdict === 'ok') return next();
        if (verdict === 'disconnect') {
          // Bounded: one entry per credential, the oldest forgotten first.
          if (penalised.size >= 10_000) penalised.delete(penalised.keys().next().value!);
          penalised.set(credential.tokenHash, performance.now() + limits.floodPenaltyMs);
          socket.disconnect(true);
          return;
        }
        const ack: unknown = packet[packet.length - 1];
        if (typeof ack === 'function') ack(failure('RATE_LIMITED'));
      });
    },

    /** For tests and the health page: what is counted now. */
    stats() {
      return { pending: pendingTotal, keys: connected.size };
    },
  };

  /** Counts a socket under keys until it disconnects or its connection closes. */
  function hold(socket: Socket, keys: string[]): Lease {
    if (socket.conn.readyState === 'closed') return { release() {} };
    for (const k of keys) connected.add(k);
    let held = true;
    const lease = {
      release() {
        if (!held) return;
        held = false;
        for (const k of keys) connected.remove(k);
      },
    };
    // A socket whose connection closes while it is still being signed in never connects, so
    // never disconnects either: the connection's close gives its place back.
    socket.conn.once('close', lease.release);
    socket.once('disconnect', lease.release);
    return lease;
  }
}

export type SocketLimiter = ReturnType<typeof createSocketLimits>;
