// Booking slots under many concurrent citizens on loopback (issue 14's target): a real hub on a
// SQLite file, or two hub nodes on a throwaway PostgreSQL with --pg. Each round, every citizen
// books a slot of the same day at once (slots drawn at random, fewer places than citizens);
// reports booking requests/s and bookings stored/s, the latency of a booking request, and checks
// in the database that no slot ever holds more than its capacity.
//   pnpm exec tsx apps/hub/bench/bookings.ts [--citizens 200] [--rounds 5] [--slots 6] [--capacity 20] [--pg]
import { parseArgs } from 'node:util';
import { siteConfigSchema, type SiteConfig } from '@luot/domain';
import type { FakeProvider } from '../testing/fake-provider.ts';
import { codeReceived } from '../testing/phone-messages.ts';
import { startPgHubs } from '../testing/pg-hubs.ts';
import { startPostgres, type TestPostgres } from '../testing/postgres.ts';
import { MONDAY_9AM, startTestHub, testConfig, type TestHub } from '../testing/test-hub.ts';
import { createFakeClock } from '../src/clock.ts';
import type { ProvinceStore } from '../src/store.ts';

const { values } = parseArgs({
  options: {
    citizens: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
    slots: { type: 'string', default: '6' },
    capacity: { type: 'string', default: '20' },
    pg: { type: 'boolean', default: false },
  },
});
const citizens = Number(values.citizens);
const rounds = Number(values.rounds);
const slotCount = Number(values.slots);
const capacity = Number(values.capacity);
const SITE = 'trung-tam';
/** Tuesday to Saturday after MONDAY_9AM: days that open (Saturday has no sessions: skipped). */
const DAYS = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30'];

function benchConfig(): SiteConfig {
  const config = structuredClone(testConfig(2));
  config.fields[0]!.online.booking = {
    enabled: true,
    slotMinutes: 30,
    capacity,
    daysAhead: 7,
    earlyMinutes: 30,
    graceMinutes: 15,
  };
  config.citizens.openBookings = 20;
  return siteConfigSchema.parse(config);
}

const urls: string[] = [];
let province: ProvinceStore;
/** The fake eSMS the codes go to (the hubs run their real messages part). */
let provider: FakeProvider;
let close: () => Promise<void>;
const limits = { trustProxy: ['127.0.0.1'] as string[] };

if (values.pg) {
  const server: TestPostgres = await startPostgres();
  const nodes = await startPgHubs({
    url: await server.createDatabase(),
    siteId: SITE,
    config: benchConfig(),
    clock: createFakeClock(MONDAY_9AM),
    poolSize: 10,
    options: limits,
  });
  urls.push(...nodes.urls);
  province = nodes.stores[0]!;
  provider = nodes.provider;
  close = async () => {
    await nodes.close();
    await server.stop();
  };
} else {
  const t: TestHub = await startTestHub({ counters: 2, config: benchConfig(), hub: limits });
  provider = t.provider;
  urls.push(t.url);
  province = t.hub.citizens.province;
  close = () => t.close();
}

async function post(node: number, path: string, body: unknown, ip: string, token?: string) {
  const res = await fetch(`${urls[node % urls.length]}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': ip,
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: { token: string }; error?: { code: string } },
  };
}

try {
  // Sign-ins first (not measured): a code each, from their own addresses.
  const tokens: string[] = [];
  for (let i = 0; i < citizens; i += 20)
    tokens.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(20, citizens - i) }, async (_, k) => {
          const n = i + k;
          const digits = String(30_000_000 + n);
          const ip = `10.${Math.floor(n / 250)}.${n % 250}.1`;
          await post(n, '/api/public/code', { phone: `09${digits}` }, ip);
          const code = await codeReceived(provider, `849${digits}`);
          const verified = await post(n, '/api/public/verify', { phone: `09${digits}`, code }, ip);
          return verified.body.data!.token;
        }),
      )),
    );
  const starts = Array.from({ length: slotCount }, (_, i) =>
    `0${8 + Math.floor(i / 2)}:${i % 2 ? '30' : '00'}`.slice(-5),
  );
  const latencies: number[] = [];
  let requests = 0;
  let stored = 0;
  let full = 0;
  let other = 0;
  let busyMs = 0;
  for (let r = 0; r < rounds; r++) {
    const day = DAYS[r % DAYS.length]!;
    const began = performance.now();
    const answers = await Promise.all(
      tokens.map(async (token, n) => {
        const start = starts[Math.floor(Math.random() * starts.length)]!;
        const t0 = performance.now();
        const a = await post(
          n,
          '/api/public/bookings',
          { siteId: SITE, fieldId: 'ho-tich', day, start },
          `10.${Math.floor(n / 250)}.${n % 250}.1`,
          token,
        );
        latencies.push(performance.now() - t0);
        return a;
      }),
    );
    busyMs += performance.now() - began;
    requests += answers.length;
    stored += answers.filter((a) => a.status === 200).length;
    full += answers.filter((a) => a.body.error?.code === 'SLOT_FULL').length;
    other += answers.filter((a) => a.status !== 200 && a.body.error?.code !== 'SLOT_FULL').length;
    const takings = await province.slotTakings(SITE, 'ho-tich', day);
    const over = Object.entries(takings).filter(([, n]) => n > capacity);
    if (over.length > 0) throw new Error(`over capacity on ${day}: ${JSON.stringify(over)}`);
    const places = Object.values(takings).reduce((a, b) => a + b, 0);
    console.log(
      `round ${r + 1} (${day}): ${answers.length} requests, ${places} places held of ${starts.length * capacity}, max per slot ${Math.max(...Object.values(takings))}/${capacity}`,
    );
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(0);
  console.log(
    JSON.stringify(
      {
        store: values.pg ? 'postgres (2 nodes)' : 'sqlite',
        citizens,
        rounds,
        requestsPerSecond: Math.round((requests / busyMs) * 1000),
        bookingsStoredPerSecond: Math.round((stored / busyMs) * 1000),
        stored,
        slotFull: full,
        otherRefusals: other,
        latencyMs: { p50: pct(0.5), p99: pct(0.99) },
        overCapacity: 0,
      },
      null,
      2,
    ),
  );
} finally {
  await close();
}
