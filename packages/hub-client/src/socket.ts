import { io, type Socket } from 'socket.io-client';
import { ERROR_MESSAGES_VI } from '@luot/protocol';
import type {
  Ack,
  ClientEventName,
  ClientPayload,
  ClientResults,
  ClientToServerEvents,
  ServerToClientEvents,
} from '@luot/protocol';

export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A staff app in the browser authenticates with its HttpOnly session cookie, which the browser
 * sends with the handshake and the page never sees: pass this instead of a token.
 */
export const BY_COOKIE = Object.freeze({ cookie: true as const });

/** A token (device, session, ticket), or the browser's session cookie. */
export type HubCredential = string | typeof BY_COOKIE;

/**
 * A typed Socket.IO connection to the hub, authenticated with a device token, a session
 * token or a ticket token, or (`BY_COOKIE`) the browser's session cookie. It reconnects by
 * itself; the hub sends a fresh snapshot each time.
 */
export function connectHub(
  url: string,
  token: HubCredential,
  options: { autoConnect?: boolean; reconnectionDelayMax?: number } = {},
): HubSocket {
  return io(url, {
    auth: typeof token === 'string' ? { token } : {},
    transports: ['websocket'],
    autoConnect: options.autoConnect ?? true,
    reconnectionDelay: 250,
    reconnectionDelayMax: options.reconnectionDelayMax ?? 2000,
  });
}

/**
 * Sends one event and resolves with the hub's acknowledgement. When the socket is not
 * connected, or the hub does not answer within `timeoutMs`, it resolves as UNAVAILABLE: an
 * action is never buffered to be replayed later behind the person's back.
 */
export async function request<E extends ClientEventName>(
  socket: HubSocket,
  event: E,
  payload: ClientPayload<E>,
  timeoutMs = 5000,
): Promise<Ack<ClientResults[E]>> {
  if (!socket.connected) return unavailable();
  try {
    // Socket.IO's typed emitWithAck cannot follow a generic event name; the map guarantees the shape.
    const timed = socket.timeout(timeoutMs);
    const emit = timed.emitWithAck as unknown as (
      event: E,
      payload: ClientPayload<E>,
    ) => Promise<Ack<ClientResults[E]>>;
    return await emit.call(timed, event, payload);
  } catch {
    return unavailable();
  }
}

function unavailable(): { ok: false; error: { code: 'UNAVAILABLE'; message: string } } {
  return { ok: false, error: { code: 'UNAVAILABLE', message: ERROR_MESSAGES_VI.UNAVAILABLE } };
}
