/**
 * "Call next" over the REST API against the same over Socket.IO, under the same load: one real
 * hub (a temporary SQLite file, in this process), its clients in a forked process
 * (bench-rest-client.ts, so client work never runs on the hub's event loop), `counters` clerks
 * signed in with their screens' sockets open, the same number of waiting tickets before each
 * phase (topped up by a kiosk socket), and every counter at once doing call next → start → finish as
 * fast as answered. Only the "call next" round trip is timed: the request sent until its answer
 * (the ack, or the HTTP response), each stored first. Phases alternate, rounds × (socket, REST),
 * so neither gets the warmer hub; p50/p99 of each is reported, with no target.
 *
 * Standalone: `pnpm bench:rest [--quick]`; in `pnpm bench` as the `rest` scenario.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ApiKeyCreated, Ack } from '@luot/protocol';
import { startTestHub, type TestHub } from '@luot/hub/testing';
import type { FromClient, ToClient, Via } from './bench-rest-client.ts';
import { distribution, type Distribution } from './sim/stats.ts';

const CLIENT_FILE = fileURLToPath(new URL('./bench-rest-client.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

export interface RestBenchOptions {
  counters: number;
  /** Tickets waiting when each phase starts. */
  waiting: number;
  /** "Call next"s timed per counter and phase. */
  callsPerCounter: number;
  /** Rounds of one socket phase and one REST phase. */
  rounds: number;
}

export const REST_BENCH: RestBenchOptions = {
  counters: 20,
  waiting: 1000,
  callsPerCounter: 40,
  rounds: 2,
};
export const REST_BENCH_QUICK: RestBenchOptions = {
  counters: 8,
  waiting: 300,
  callsPerCounter: 15,
  rounds: 1,
};

export interface RestBenchResult {
  options: RestBenchOptions;
  /** "Call next" round trips in ms. */
  socket: Distribution;
  rest: Distribution;
  ratio: { p50: number | null; p99: number | null };
}

const SITE = 'trung-tam';
const WARM_UP = 5;

export async function benchRest(
  options: RestBenchOptions,
  log: (line: string) => void = console.log,
): Promise<RestBenchResult> {
  const t = await startTestHub({
    counters: options.counters,
    hub: { sweepIntervalMs: 3_600_000 },
  });
  const client = fork(CLIENT_FILE, [], {
    execArgv: ['--import', TSX],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T extends FromClient['t']>(m: ToClient, reply: T) =>
    new Promise<Extract<FromClient, { t: T }>>((resolve, reject) => {
      const on = (answer: FromClient) => {
        client.off('message', on);
        if (answer.t === 'error') reject(new Error(`bench client: ${answer.message}`));
        else if (answer.t === reply) resolve(answer as Extract<FromClient, { t: T }>);
        else reject(new Error(`bench client answered ${answer.t}`));
      };
      client.on('message', on);
      client.send(m);
    });
  try {
    const clerks: string[] = [];
    for (let i = 1; i <= options.counters; i++)
      clerks.push((await t.login(`cb${i}`, `c${i}`)).token);
    const secret = await createKey(t);
    await ask(
      { t: 'setup', url: t.url, site: SITE, kiosk: t.tokens.kiosk!, clerks, secret },
      'ready',
    );
    const topUp = async () => {
      const waiting = Object.values(t.hub.queue.live.tickets).filter(
        (x) => x.status === 'waiting',
      ).length;
      await ask({ t: 'issue', n: Math.max(0, options.waiting - waiting) }, 'issued');
    };
    const phase = async (via: Via, calls: number, timed: boolean) =>
      (await ask({ t: 'phase', via, calls, timed }, 'samples')).samples;

    const samples: Record<Via, number[]> = { socket: [], rest: [] };
    for (const via of ['socket', 'rest'] as const) {
      await topUp();
      await phase(via, WARM_UP, false);
    }
    for (let round = 0; round < options.rounds; round++) {
      const order: Via[] = round % 2 === 0 ? ['socket', 'rest'] : ['rest', 'socket'];
      for (const via of order) {
        await topUp();
        log(
          `rest: round ${round + 1}/${options.rounds}, ${via}: ${options.counters} counters × ` +
            `${options.callsPerCounter} call-next, ${options.waiting} waiting`,
        );
        samples[via].push(...(await phase(via, options.callsPerCounter, true)));
      }
    }
    const socket = distribution(samples.socket);
    const rest = distribution(samples.rest);
    const ratio = (a: number | null, b: number | null) => (a !== null && b ? a / b : null);
    return {
      options,
      socket,
      rest,
      ratio: { p50: ratio(rest.p50, socket.p50), p99: ratio(rest.p99, socket.p99) },
    };
  } finally {
    client.send({ t: 'close' } satisfies ToClient);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => client.kill('SIGKILL'), 5000);
      client.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await t.close();
  }
}

/** A key for the counters' actions, made as an admin makes one (POST /api/admin/api-keys). */
async function createKey(t: TestHub): Promise<string> {
  const admin = await t.login('admin');
  const res = await fetch(`${t.url}/api/admin/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', siteId: SITE, permissions: ['counters:act'] }),
  });
  const body = (await res.json()) as Ack<ApiKeyCreated>;
  if (!body.ok) throw new Error(`no key: ${body.error.code}`);
  return body.data.secret;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const r = await benchRest(values.quick ? REST_BENCH_QUICK : REST_BENCH);
  const f = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  console.log(
    `call next, ms p50 / p99 (n): socket ${f(r.socket.p50)} / ${f(r.socket.p99)} (${r.socket.n}); ` +
      `REST ${f(r.rest.p50)} / ${f(r.rest.p99)} (${r.rest.n}); REST ÷ socket ` +
      `${f(r.ratio.p50)}× / ${f(r.ratio.p99)}×`,
  );
}
