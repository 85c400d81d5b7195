import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClientSpec, FromWorker, ServerMode, ToWorker } from './messages.ts';
import { sharedNow } from './stats.ts';

const WORKER_FILE = fileURLToPath(new URL('./worker.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

type Reply<T extends FromWorker['t']> = Extract<FromWorker, { t: T }>;

export interface WorkerPool {
  size: number;
  /** Sends a message to one worker and resolves with its next reply of a type. */
  ask<T extends FromWorker['t']>(worker: number, message: ToWorker, reply: T): Promise<Reply<T>>;
  /** Connects clients, dealing each kind round-robin over the workers. */
  connect(
    mode: ServerMode,
    url: string,
    clients: ClientSpec[],
  ): Promise<{ ok: number; failed: string[] }>;
  /** Disconnects every client of every worker. */
  drop(): Promise<void>;
  /** Which worker holds a kiosk. */
  kioskWorker(kioskId: string): number;
  /** How far each worker's shared clock is from this process's, with the round trip that bounds it. */
  clockCheck(): Promise<{ maxOffsetMs: number; maxRoundTripMs: number }>;
  close(): Promise<void>;
}

/**
 * Forks `size` load-generating processes (scripts/sim/worker.ts under tsx). Each is bounded:
 * a worker that has not exited 5 s after `close` is killed.
 */
export async function startWorkers(size: number): Promise<WorkerPool> {
  const children: ChildProcess[] = [];
  const waiters: {
    worker: number;
    type: string;
    resolve: (m: FromWorker) => void;
    reject: (e: Error) => void;
  }[] = [];
  let failure: Error | null = null;
  const kiosks = new Map<string, number>();

  const ready = Array.from({ length: size }, (_, i) => {
    const child = fork(WORKER_FILE, [], {
      execArgv: ['--import', TSX],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    children.push(child);
    child.on('message', (m: FromWorker) => {
      if (m.t === 'error') {
        failure = new Error(`worker ${i}: ${m.message}`);
        for (const w of waiters.splice(0).filter((w) => w.worker === i)) w.reject(failure);
        return;
      }
      const k = waiters.findIndex((w) => w.worker === i && w.type === m.t);
      if (k >= 0) waiters.splice(k, 1)[0]!.resolve(m);
    });
    child.on('exit', (code) => {
      if (code !== 0 && code !== null)
        for (const w of waiters.filter((w) => w.worker === i))
          w.reject(new Error(`worker ${i} exited with ${code}`));
    });
    return new Promise<void>((resolve, reject) =>
      waiters.push({ worker: i, type: 'ready', resolve: () => resolve(), reject }),
    );
  });
  await Promise.all(ready);

  const ask = <T extends FromWorker['t']>(worker: number, message: ToWorker, reply: T) =>
    new Promise<Reply<T>>((resolve, reject) => {
      if (failure) return reject(failure);
      waiters.push({ worker, type: reply, resolve: resolve as (m: FromWorker) => void, reject });
      children[worker]!.send(message);
    });

  return {
    size,
    ask,
    async connect(mode, url, clients) {
      const perWorker: ClientSpec[][] = children.map(() => []);
      const counters: Record<string, number> = {};
      for (const c of clients) {
        const w = (counters[c.kind] = (counters[c.kind] ?? -1) + 1) % size;
        perWorker[w]!.push(c);
        if (c.kind === 'kiosk') kiosks.set(c.id, w);
      }
      const replies = await Promise.all(
        perWorker.map((batch, w) =>
          ask(w, { t: 'connect', mode, url, clients: batch }, 'connected'),
        ),
      );
      return {
        ok: replies.reduce((s, r) => s + r.ok, 0),
        failed: replies.flatMap((r) => r.failed),
      };
    },
    async drop() {
      await Promise.all(children.map((_, w) => ask(w, { t: 'drop' }, 'dropped')));
      kiosks.clear();
    },
    kioskWorker(kioskId) {
      const w = kiosks.get(kioskId);
      if (w === undefined) throw new Error(`kiosk ${kioskId} is not connected`);
      return w;
    },
    async clockCheck() {
      let maxOffsetMs = 0;
      let maxRoundTripMs = 0;
      for (let w = 0; w < size; w++) {
        // The ping with the shortest round trip bounds the offset best.
        let best = { rtt: Infinity, offset: 0 };
        for (let k = 0; k < 7; k++) {
          const sent = sharedNow();
          const pong = await ask(w, { t: 'ping', id: k }, 'pong');
          const received = sharedNow();
          const rtt = received - sent;
          if (rtt < best.rtt) best = { rtt, offset: pong.now - (sent + received) / 2 };
        }
        maxOffsetMs = Math.max(maxOffsetMs, Math.abs(best.offset));
        maxRoundTripMs = Math.max(maxRoundTripMs, best.rtt);
      }
      return { maxOffsetMs, maxRoundTripMs };
    },
    async close() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
              child.once('exit', () => {
                clearTimeout(killer);
                resolve();
              });
              if (child.connected) child.send({ t: 'close' } satisfies ToWorker);
              else child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
