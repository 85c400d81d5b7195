/**
 * `pnpm demo`: the hub with the demo centre (apps/hub/demo) and a simulated morning at a
 * watchable speed — citizens take numbers at the kiosks, clerks at counters 1–10 call, serve,
 * mark no-shows and transfer — so the lobby board, counter screens and dashboard move. Prints
 * the URLs (with device tokens) to open. Counters 11 and 12 are left for you.
 *
 * Options: --speed N (times real time, default 20: 07:30–11:30 in 12 minutes), --minutes M
 * (length of the simulated morning in real minutes, instead of 4 hours / speed), --port P
 * (default 8080), --host H (default 127.0.0.1), --data DIR (default .tmp/demo, recreated).
 * The simulation ends after the morning; the hub keeps serving until Ctrl-C.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { siteConfigSchema, type QueueState } from '@luot/domain';
import { connectHub, createQueueMirror } from '@luot/hub-client';
import { DEFAULT_SITE_ID, openProvince, pairDevice, seedDemo } from '@luot/hub/bench';
import type { ClerkSpec, KioskSpec } from './sim/messages.ts';
import {
  capacityRates,
  connectClients,
  drawFields,
  issueFromKiosks,
  rushArrivals,
  runRush,
} from './sim/rush.ts';
import { clerkBehaviour, cycleMs, login, mapLimit } from './sim/scenarios.ts';
import { startServer } from './sim/server-process.ts';
import { startWorkers } from './sim/worker-pool.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    speed: { type: 'string' },
    minutes: { type: 'string' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: join(ROOT, '.tmp', 'demo') },
  },
});
const MORNING_MINUTES = 4 * 60; // 07:30–11:30
const speed = Number(
  values.speed ?? (values.minutes ? MORNING_MINUTES / Number(values.minutes) : 20),
);
const durationMs = values.minutes
  ? Number(values.minutes) * 60_000
  : (MORNING_MINUTES * 60_000) / speed;
const SIMULATED_COUNTERS = 10;
const SIM_KIOSKS = ['kiosk-sim-1', 'kiosk-sim-2'];

/** "HH:MM" of the simulated morning after `elapsedMs` of real time. */
function morningClock(elapsedMs: number): string {
  const minutes = 7 * 60 + 30 + Math.floor((elapsedMs / durationMs) * MORNING_MINUTES);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

async function main(): Promise<void> {
  // A fresh demo centre that issues around the clock every day, so the demo works at any hour.
  rmSync(values.data, { recursive: true, force: true });
  const province = openProvince(values.data);
  const store = province.site(DEFAULT_SITE_ID);
  const now = Date.now();
  const demo = await seedDemo(province, now);
  const seeded = store.readConfig()!;
  const config = siteConfigSchema.parse({
    ...seeded,
    // Simulated kiosks carry no ID cards: the demo's card rules are off here.
    idCard: { ...seeded.idCard, scan: 'off' },
    fields: seeded.fields.map((f) => ({
      ...f,
      sessions: [{ from: '00:00', to: '23:59' }],
      idCard: { ...f.idCard, scan: 'site' },
    })),
    calendar: { ...seeded.calendar, workingDays: [0, 1, 2, 3, 4, 5, 6] },
  });
  store.writeConfig(config, now);
  const kioskTokens: string[] = [];
  for (const id of SIM_KIOSKS)
    kioskTokens.push(
      await pairDevice(store, { id, kind: 'kiosk', name: `Kiosk mô phỏng ${id.slice(-1)}` }, now),
    );
  const monitorToken = await pairDevice(
    store,
    { id: 'demo-monitor', kind: 'display', name: 'Theo dõi demo' },
    now,
  );
  province.close();
  const token = (id: string) => demo.devices.find((d) => d.id === id)?.token ?? '';
  writeFileSync(
    join(values.data, 'demo-credentials.txt'),
    [
      `Demo password for every account: ${demo.password}`,
      ...demo.users.map((u) => `user ${u.username} (${u.role})`),
      ...demo.devices.map((d) => `device ${d.id} (${d.kind}, ${d.name}): ${d.token}`),
      '',
    ].join('\n'),
  );

  const hub = await startServer({
    kind: 'hub',
    dataDir: values.data,
    port: Number(values.port),
    host: values.host,
  });
  const stopHub = async () => {
    await hub.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stopHub());
  process.on('SIGTERM', () => void stopHub());

  const counters = config.counters.slice(0, SIMULATED_COUNTERS);
  const clerkUsers = counters.map((c, i) => ({
    username: `cb${String(i + 1).padStart(2, '0')}`,
    counterId: c.id,
  }));
  const sessions = await mapLimit(clerkUsers, 4, (c) =>
    login(hub.url, c.username, c.counterId, demo.password),
  );
  const clerks: ClerkSpec[] = counters.map((c, i) => ({
    kind: 'clerk',
    username: clerkUsers[i]!.username,
    counterId: c.id,
    token: sessions[i]!,
    fieldIds: c.fieldIds,
    transferFieldIds: config.fields.map((f) => f.id),
    ratingToken: token(`pad-${c.id.slice(-2)}`),
  }));
  const kiosks: KioskSpec[] = SIM_KIOSKS.map((id, i) => ({
    kind: 'kiosk',
    id,
    token: kioskTokens[i]!,
  }));

  const pool = await startWorkers(1);
  await connectClients(pool, 'hub', hub.url, [...kiosks, ...clerks]);
  // The crowd at the door when the centre opens.
  const fields = config.fields.map((f) => ({
    id: f.id,
    weight: f.id === 'dat-dai' || f.id === 'ho-tich' ? 3 : 1,
  }));
  const opening = await issueFromKiosks(pool, kiosks, drawFields(fields, 12, 7), 30_000);
  const followed = opening.issued.at(-1);

  const behaviour = {
    ...clerkBehaviour(
      speed,
      config.fields.map((f) => ({ id: f.id, serviceMinutes: f.defaultServiceMinutes })),
    ),
    ratingRate: 0.6,
  };
  const rates = capacityRates(counters, (f) => cycleMs(behaviour, f), 1.15);
  const slowest = Math.min(...Object.values(rates));
  for (const f of config.fields) rates[f.id] ??= slowest * 0.3;
  const arrivals = rushArrivals({
    durationMs,
    fieldRates: rates,
    kioskIds: SIM_KIOSKS,
    priorityShare: 0.08,
    seed: now % 100_000,
  });

  const base = hub.url;
  console.log(`
Lượt demo: ${config.site.name}
A simulated morning, 07:30–11:30 in ${(durationMs / 60_000).toFixed(1)} minutes (${speed}× real time), about ${arrivals.length + opening.issued.length} citizens.
Counters 1–${SIMULATED_COUNTERS} are worked by simulated clerks; 11 and 12 are yours.

  lobby board     ${base}/display/lobby?token=${token('lobby-1')}
  counter sign    ${base}/display/sign?token=${token('sign-01')}   (quầy 1)
  rating pad      ${base}/display/rating?token=${token('pad-11')}   (quầy 11)
  kiosk           ${base}/kiosk/?token=${token('kiosk-1')}
  counter (clerk) ${base}/counter/   sign in as cb11 at quầy 11 or cb12 at quầy 12, password ${demo.password}
  dashboard       ${base}/admin/   giamsat / ${demo.password} (supervisor), admin / ${demo.password}
  phone page      ${followed ? `${base}/t/${followed.token}   (ticket ${followed.label})` : '—'}
  health          ${base}/healthz

Every device token is also in ${join(values.data, 'demo-credentials.txt')}. Ctrl-C stops the hub.
`);

  // Progress from a screen's point of view: the mirror every front end uses.
  let view: QueueState | null = null;
  const monitor = connectHub(hub.url, monitorToken);
  createQueueMirror(monitor, (v) => {
    view = v.state;
  });
  const started = Date.now();
  const progress = setInterval(() => {
    if (!view) return;
    const tickets = Object.values(view.tickets);
    const count = (status: string) => tickets.filter((t) => t.status === status).length;
    console.log(
      `${morningClock(Date.now() - started)}  issued ${tickets.length}, served ${count('done')}, ` +
        `at counters ${count('called') + count('serving')}, waiting ${count('waiting')}, no-show ${count('no_show')}`,
    );
  }, 20_000);

  const result = await runRush(
    pool,
    'hub',
    { clerks, displays: [], phones: [], kiosks },
    { durationMs, warmupMs: 0, drainMs: 60_000, behaviour, arrivals, seed: now % 100_000 },
  );
  clearInterval(progress);
  await pool.close();
  monitor.disconnect();
  const errors = Object.entries(result.errors);
  console.log(
    `\nThe simulated morning is over: ${result.arrivalsIssued + opening.issued.length} tickets issued, ` +
      `${result.calls} calls${errors.length ? `, refusals ${JSON.stringify(result.errors)}` : ''}. ` +
      `The hub keeps running at ${base} until Ctrl-C.`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
