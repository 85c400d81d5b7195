/**
 * "Login flood": a clerk's sign-in while guesses from rotating loopback addresses keep the
 * password checking busy, against the same sign-in on a quiet hub. A figure, not a test.
 *
 * A real hub (test harness, in this process; its scrypt runs on its own thread) on 127.0.0.1.
 * The clerk signs in and out `--runs` times, one after the other, as the counter app does: on
 * 503 it waits Retry-After and tries again, at most 3 times, then gives up (counted as refused).
 * During the flood, `--in-flight` guesses are always outstanding, each from the next address of
 * 127.0.0.2–127.0.0.254 (bound as the local address of the connection).
 *
 * Run: pnpm bench:login-flood [--runs 20] [--in-flight 32]
 */
import { request as httpRequest } from 'node:http';
import { parseArgs } from 'node:util';
import { PASSWORD, startTestHub } from '@luot/hub/testing';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    'in-flight': { type: 'string', default: '32' },
  },
});
const RUNS = Number(values.runs);
const IN_FLIGHT = Number(values['in-flight']);

interface Answer {
  status: number;
  retryAfter: number;
  body: { ok: boolean; data?: { token: string } };
}

function post(
  url: string,
  path: string,
  body: unknown,
  options: { localAddress?: string; token?: string } = {},
): Promise<Answer> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${path}`,
      {
        method: 'POST',
        localAddress: options.localAddress,
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: Number(res.headers['retry-after'] ?? 0),
            body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Answer['body'],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** One clerk sign-in as the counter app makes it (retrying on 503), then sign-out; ms or null. */
async function clerkSignIn(url: string): Promise<{ ms: number; ok: boolean; tries: number }> {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    const res = await post(url, '/api/login', {
      username: 'cb1',
      password: PASSWORD,
      counterId: 'c1',
    });
    if (res.status === 503 && attempt < 3) {
      await new Promise((r) => setTimeout(r, Math.min(res.retryAfter || 1, 5) * 1000));
      continue;
    }
    const ms = performance.now() - started;
    if (res.body.ok && res.body.data)
      await post(url, '/api/logout', {}, { token: res.body.data.token });
    return { ms, ok: res.body.ok, tries: attempt + 1 };
  }
}

function summary(label: string, runs: { ms: number; ok: boolean; tries: number }[]) {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!;
  const result = {
    label,
    p50: Math.round(at(0.5)),
    p90: Math.round(at(0.9)),
    max: Math.round(ms[ms.length - 1]!),
    signedIn: runs.filter((r) => r.ok).length,
    of: runs.length,
    meanTries: Math.round((runs.reduce((s, r) => s + r.tries, 0) / runs.length) * 10) / 10,
  };
  console.log(JSON.stringify(result));
  return result;
}

const t = await startTestHub({ counters: 2 });
try {
  // Warm up the password thread.
  await clerkSignIn(t.url);
  const quiet = [];
  for (let i = 0; i < RUNS; i++) quiet.push(await clerkSignIn(t.url));
  const base = summary('quiet', quiet);

  let stop = false;
  let next = 0;
  const statuses = new Map<number, number>();
  const attacker = async () => {
    while (!stop) {
      const localAddress = `127.0.0.${2 + (next++ % 253)}`;
      const res = await post(
        t.url,
        '/api/login',
        { username: next % 2 ? 'giamsat' : 'admin', password: `doan-${next}` },
        { localAddress },
      ).catch(() => ({ status: 0 }) as Answer);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  const attackers = Array.from({ length: IN_FLIGHT }, attacker);
  await new Promise((r) => setTimeout(r, 500));
  const flooded = [];
  for (let i = 0; i < RUNS; i++) flooded.push(await clerkSignIn(t.url));
  stop = true;
  await Promise.all(attackers);
  const load = summary(`flood of ${IN_FLIGHT} in flight`, flooded);
  console.log(JSON.stringify({ guessesAnswered: Object.fromEntries(statuses) }));
  console.log(
    JSON.stringify({
      ratioP50: Math.round((load.p50 / base.p50) * 10) / 10,
      ratioMax: Math.round((load.max / base.max) * 10) / 10,
    }),
  );
} finally {
  await t.close();
}
