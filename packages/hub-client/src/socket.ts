import { io, type Socket } from 'socket.io-client';
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
 * A typed Socket.IO connection to the hub, authenticated with a device token, a session
 * token or a ticket token. It reconnects by itself; the hub sends a fresh snapshot each time.
 */
export function connectHub(
  url: string,
  token: string,
  options: { autoConnect?: boolean; reconnectionDelayMax?: number } = {},
): HubSocket {
  return io(url, {
    auth: { token },
    transports: ['websocket'],
    autoConnect: options.autoConnect ?? true,
    reconnectionDelay: 250,
    reconnectionDelayMax: options.reconnectionDelayMax ?? 2000,
  });
}

/**
 * Sends one event and resolves with the hub's acknowledgement. A hub that does not answer
 * within `timeoutMs` (offline, or the socket never connected) resolves as a failure too, so
 * callers handle one shape.
 */
export async function request<E extends ClientEventName>(
  socket: HubSocket,
  event: E,
  payload: ClientPayload<E>,
  timeoutMs = 5000,
): Promise<Ack<ClientResults[E]>> {
  try {
    // Socket.IO's typed emitWithAck cannot follow a generic event name; the map guarantees the shape.
    const emit = socket.timeout(timeoutMs).emitWithAck as unknown as (
      event: E,
      payload: ClientPayload<E>,
    ) => Promise<Ack<ClientResults[E]>>;
    return await emit.call(socket.timeout(timeoutMs), event, payload);
  } catch {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: 'Không nhận được phản hồi từ máy chủ.' },
    };
  }
}
