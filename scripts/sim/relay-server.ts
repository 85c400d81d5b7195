/**
 * The baseline of the call-to-screen benchmark: a bare Socket.IO server that only relays.
 * Each `relay` message from a client gets a sequence number and a timestamp, is acknowledged,
 * and is sent to every socket in the stream (screens, counters, kiosks). The calls of one
 * event-loop turn are sent to the phone pages of their field once, with how many there were, as
 * the hub sends a page one new view per commit: sending every call to every page of its field
 * made the relay do more work than the hub (2.4× the hub's phone messages in a loaded run), and
 * the requests queued behind that fan-out gave the relay a slow tail (call → relay 3.6 s median,
 * relay → last screen 14 ms).
 * No authentication, no rules, no storage. Started as a child process by the simulator; prints
 * a pino-like "listening" line with its port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

interface RelayedEvent {
  type: string;
  fieldId?: string;
  [key: string]: unknown;
}

const httpServer = createServer();
// The same Socket.IO options as the hub's server.
const io = new Server(httpServer, {
  serveClient: false,
  maxHttpBufferSize: 4_000_000,
  cors: { origin: true },
});
let seq = 0;
/** Calls of this event-loop turn not yet sent to phone pages: per field, the last and a count. */
const phoneCalls = new Map<string, { last: unknown; calls: number }>();
const sendPhoneCalls = () => {
  for (const [fieldId, { last, calls }] of phoneCalls)
    io.to(`field:${fieldId}`).emit('ticket:view', { ...(last as object), calls });
  phoneCalls.clear();
};

io.on('connection', (socket) => {
  const auth = socket.handshake.auth as { role?: string; fieldId?: string };
  if (auth.role === 'public' && auth.fieldId) {
    const room = `field:${auth.fieldId}`;
    socket.join(room);
    socket.on('leave', () => socket.leave(room));
  } else socket.join('stream');
  socket.on('relay', (event: RelayedEvent, ack?: (res: unknown) => void) => {
    const stamped = { seq: ++seq, event: { ...event, at: Date.now() } };
    // Broadcast first, then acknowledge, as the hub does.
    io.to('stream').emit('event', stamped);
    if (event.type === 'ticket.called' && event.fieldId) {
      if (phoneCalls.size === 0) setImmediate(sendPhoneCalls);
      const pending = phoneCalls.get(event.fieldId);
      phoneCalls.set(event.fieldId, { last: stamped, calls: (pending?.calls ?? 0) + 1 });
    }
    if (typeof ack === 'function')
      ack({ ok: true, data: { seq: stamped.seq, at: stamped.event.at } });
  });
});

httpServer.listen(0, '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  console.log(JSON.stringify({ level: 30, msg: 'listening', port }));
});

const stop = () => {
  void io.close();
  httpServer.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
