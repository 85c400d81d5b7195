/**
 * The baseline of the call-to-screen benchmark: a bare Socket.IO server that only relays.
 * Each `relay` message from a client gets a sequence number and a timestamp, is acknowledged,
 * and is sent to every socket in the stream (screens, counters, kiosks); a call is also sent to
 * the phone pages of its field (whose places it changes — the hub sends those pages a new view).
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
    if (event.type === 'ticket.called' && event.fieldId)
      io.to(`field:${event.fieldId}`).emit('ticket:view', stamped);
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
