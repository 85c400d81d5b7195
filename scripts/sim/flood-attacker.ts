/**
 * One attacker with a laptop in the lobby, as a child process of the flood bench: ticket sockets
 * (the phone links of paper tickets) emitting events as fast as the hub lets them, reconnecting
 * at once when dropped, plus a flood of polling handshakes that never sign in. Runs until told
 * to stop (or for at most `maxMs`), then reports what it saw.
 *
 * Started with: { url, tokens, handshakeConcurrency, inFlightPerSocket, maxMs } on IPC.
 */
import { Agent, get } from 'node:http';
import { io, type Socket } from 'socket.io-client';

export interface AttackPlan {
  url: string;
  tokens: string[];
  /** Handshake requests in flight at once (0: none). */
  handshakeConcurrency: number;
  /** Events each socket keeps in flight (unanswered) at once. */
  inFlightPerSocket: number;
  maxMs: number;
}

export interface AttackReport {
  events: number;
  answered: number;
  rateLimited: number;
  otherErrors: number;
  disconnects: number;
  connectRefused: number;
  handshakes: Record<string, number>;
}

const report: AttackReport = {
  events: 0,
  answered: 0,
  rateLimited: 0,
  otherErrors: 0,
  disconnects: 0,
  connectRefused: 0,
  handshakes: {},
};
let running = true;

function flood(plan: AttackPlan, token: string): Socket {
  const socket = io(plan.url, {
    auth: { token },
    transports: ['websocket'],
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  });
  let inFlight = 0;
  const pump = () => {
    while (running && socket.connected && inFlight < plan.inFlightPerSocket) {
      inFlight++;
      report.events++;
      socket.emit('ticket:view', {}, (ack: { ok: boolean; error?: { code: string } }) => {
        inFlight--;
        report.answered++;
        if (!ack.ok) {
          if (ack.error?.code === 'RATE_LIMITED') report.rateLimited++;
          else report.otherErrors++;
        }
        pump();
      });
    }
  };
  socket.on('connect', () => {
    inFlight = 0;
    pump();
  });
  socket.on('disconnect', (reason) => {
    report.disconnects++;
    // Dropped by the hub: come straight back, as an attacker would.
    if (running && reason === 'io server disconnect') setTimeout(() => socket.connect(), 10);
  });
  socket.on('connect_error', () => {
    report.connectRefused++;
    if (running && !socket.active) setTimeout(() => socket.connect(), 100);
  });
  return socket;
}

function handshakes(plan: AttackPlan): void {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.handshakeConcurrency });
  const one = (): void => {
    if (!running) return;
    get(`${plan.url}/socket.io/?EIO=4&transport=polling`, { agent }, (res) => {
      const key = String(res.statusCode);
      report.handshakes[key] = (report.handshakes[key] ?? 0) + 1;
      res.resume();
      res.on('end', one);
    }).on('error', () => {
      report.handshakes.error = (report.handshakes.error ?? 0) + 1;
      setTimeout(one, 10);
    });
  };
  for (let i = 0; i < plan.handshakeConcurrency; i++) one();
}

process.once('message', (plan: AttackPlan) => {
  const sockets = plan.tokens.map((t) => flood(plan, t));
  if (plan.handshakeConcurrency > 0) handshakes(plan);
  const stop = () => {
    running = false;
    for (const s of sockets) s.disconnect();
    process.send!(report, () => process.exit(0));
  };
  const timer = setTimeout(stop, plan.maxMs);
  process.once('message', () => {
    clearTimeout(timer);
    stop();
  });
});
process.send!('ready');
