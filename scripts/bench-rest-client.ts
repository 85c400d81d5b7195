/**
 * The clients of scripts/bench-rest.ts, in their own process (forked under tsx), so the hub's
 * event loop does only the hub's work: a kiosk socket that tops up the queue, one socket per
 * clerk (open in both phases, as the clerks' screens are), and the counters' cycles over the
 * socket or over HTTP, each "call next" timed here.
 */
import { performance } from 'node:perf_hooks';
import { connectHub, request, type HubSocket } from '@luot/hub-client';
import type { Ack } from '@luot/protocol';

export type Via = 'socket' | 'rest';
export type ToClient =
  | { t: 'setup'; url: string; site: string; kiosk: string; clerks: string[]; secret: string }
  | { t: 'issue'; n: number }
  | { t: 'phase'; via: Via; calls: number; timed: boolean }
  | { t: 'close' };
export type FromClient =
  | { t: 'ready' }
  | { t: 'issued' }
  | { t: 'samples'; samples: number[] }
  | { t: 'error'; message: string };

let setup: Extract<ToClient, { t: 'setup' }>;
let kiosk: HubSocket;
let clerks: HubSocket[] = [];

const send = (m: FromClient): void => void process.send!(m);

function connected(token: string): Promise<HubSocket> {
  const socket = connectHub(setup.url, token);
  return new Promise((resolve, reject) => {
    socket.once('snapshot', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function act(via: Via, i: number, action: string, event: string): Promise<Ack<unknown>> {
  if (via === 'socket') return request(clerks[i]!, event as 'counter:callNext', {});
  return fetch(`${setup.url}/api/v1/sites/${setup.site}/counters/c${i + 1}/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${setup.secret}` },
  }).then((res) => res.json() as Promise<Ack<unknown>>);
}

async function phase(via: Via, calls: number, timed: boolean): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    clerks.map(async (_, i) => {
      for (let n = 0; n < calls; n++) {
        const start = performance.now();
        const called = await act(via, i, 'call-next', 'counter:callNext');
        const elapsed = performance.now() - start;
        if (!called.ok) throw new Error(`${via} call next refused: ${called.error.code}`);
        if (timed) samples.push(elapsed);
        for (const [action, event] of [
          ['start', 'counter:start'],
          ['finish', 'counter:finish'],
        ] as const) {
          const res = await act(via, i, action, event);
          if (!res.ok) throw new Error(`${via} ${action} refused: ${res.error.code}`);
        }
      }
    }),
  );
  return samples;
}

async function handle(m: ToClient): Promise<void> {
  switch (m.t) {
    case 'setup':
      setup = m;
      kiosk = await connected(m.kiosk);
      clerks = await Promise.all(m.clerks.map(connected));
      return send({ t: 'ready' });
    case 'issue':
      // One field, numbered 1001–9999 (the other's three digits run out within a run).
      for (let n = 0; n < m.n; n++) {
        const res = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
        if (!res.ok) throw new Error(`issue refused: ${res.error.code}`);
      }
      return send({ t: 'issued' });
    case 'phase':
      return send({ t: 'samples', samples: await phase(m.via, m.calls, m.timed) });
    case 'close':
      for (const s of [kiosk, ...clerks]) s?.disconnect();
      process.exit(0);
  }
}

process.on('message', (m: ToClient) => {
  handle(m).catch((err: unknown) => send({ t: 'error', message: String(err) }));
});
