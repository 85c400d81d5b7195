/**
 * The booking race of `pnpm bench --citizens`: a real hub (child process, built) whose field
 * takes bookings, and `citizens` citizens on loopback, each with their own phone number and
 * their own address (the hub trusts X-Forwarded-For from 127.0.0.1, as behind nginx, so the
 * per-address limits count each citizen apart). Everyone signs in first (POST /api/public/code,
 * the code read from the fake SMS provider, POST /api/public/verify), untimed. Then two phases,
 * each with every citizen's request sent at the same instant:
 *   few   every citizen books one of `fewSlots` slots of tomorrow (far fewer places than people);
 *   many  every citizen books a slot drawn at random over the next `manyDays` days.
 * Afterwards the hub is stopped and its database read: no slot holds more than its capacity, and
 * every booking a citizen was told was accepted is stored exactly once (by its code).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceDay, siteConfigSchema, slotsOn, type SiteConfig } from '@luot/domain';
import type { BookingView, CitizenSession } from '@luot/protocol';
import { prng } from '@luot/test-support';
import { mapLimit } from './scenarios.ts';
import { startServer, type ServerProcess } from './server-process.ts';
import { middayTimeZone, SIM_FIELDS, simCounters } from './site.ts';
import { distribution, sharedNow, type Distribution } from './stats.ts';
import {
  asyncProvince,
  databasePath,
  initSite,
  openPostgres,
  openProvince,
  startPostgres,
  storedBookingsPostgres,
  storedBookingsSqlite,
  type StoredBooking,
} from '@luot/hub/bench';
import { citizenSignInHub, type CitizenSignInHub, type CodeInbox } from './citizens-hub.ts';

export interface RaceOptions {
  citizens: number;
  /** Slots of tomorrow everyone races for in the first phase. */
  fewSlots: number;
  /** Days (from tomorrow) over whose slots the second phase spreads. */
  manyDays: number;
  /** Each slot's capacity. */
  capacity: number;
  slotMinutes: number;
  seed: number;
  /** Where the hub keeps its data: its SQLite file, and PostgreSQL if asked for. */
  backends: RaceResult['backend'][];
  /** CPU-profile the hub into this folder (`--profile`). */
  cpuProfileDir?: string;
}

export const RACE: RaceOptions = {
  citizens: 200,
  fewSlots: 3,
  manyDays: 6,
  capacity: 2,
  slotMinutes: 15,
  seed: 20_261_130,
  backends: ['sqlite', 'postgres'],
};
export const RACE_QUICK: RaceOptions = { ...RACE, backends: ['sqlite'] };

export interface RacePhase {
  name: 'few' | 'many';
  requests: number;
  /** Distinct slots asked for, and their places (slots × capacity). */
  slots: number;
  places: number;
  accepted: number;
  refused: Record<string, number>;
  /** From the first request sent to the last answer. */
  elapsedMs: number;
  /** Accepted bookings per second, and answers (accepted or refused) per second. */
  bookingsPerSecond: number;
  answersPerSecond: number;
  latency: Distribution;
  /** The hub's CPU time (user + system) over the phase, per request: load-independent. */
  hubCpuMsPerRequest: number | null;
}

export interface RaceCheck {
  /** Slots holding a booking, and those holding more than their capacity. */
  slotsHeld: number;
  overCapacity: number;
  /** The fullest slot and the capacity. */
  maxHeld: number;
  capacity: number;
  /** Bookings the citizens were told were accepted; stored once, not at all, more than once. */
  accepted: number;
  storedOnce: number;
  missing: number;
  duplicated: number;
  /** Bookings stored that no citizen was told of. */
  unknown: number;
  ok: boolean;
}

export interface RaceResult {
  options: RaceOptions;
  backend: 'sqlite' | 'postgres';
  signIn: { citizens: number; seconds: number; failures: Record<string, number> };
  phases: RacePhase[];
  check: RaceCheck;
  /** The hub's CPU profile, when asked for. */
  cpuProfile: string | null;
}

const BOOKABLE_FIELD = SIM_FIELDS[1]!;

/** A small centre whose second field takes bookings in the morning and afternoon, every day. */
export function raceSiteConfig(o: RaceOptions, timeZone: string): SiteConfig {
  const fields = SIM_FIELDS.slice(0, 3);
  return siteConfigSchema.parse({
    site: { name: 'Trung tâm đặt lịch', timeZone },
    fields: fields.map((f, i) => ({
      id: f.id,
      name: f.name,
      numbering: { prefix: String.fromCharCode(65 + i), start: 1, digits: 4 },
      sessions: [
        { from: '07:30', to: '11:30' },
        { from: '13:00', to: '17:00' },
      ],
      defaultServiceMinutes: f.serviceMinutes,
      kioskOrder: i,
      ...(f.id === BOOKABLE_FIELD.id
        ? {
            online: {
              remote: 'walk-in',
              booking: {
                enabled: true,
                slotMinutes: o.slotMinutes,
                capacity: o.capacity,
                daysAhead: Math.max(o.manyDays, 1),
              },
            },
          }
        : {}),
    })),
    counters: simCounters(fields, 6).map((c, i) => ({
      ...c,
      number: i + 1,
      name: `Quầy ${i + 1}`,
    })),
    calendar: { workingDays: [0, 1, 2, 3, 4, 5, 6] },
    // Two open bookings each: one won in the first phase and one in the second.
    citizens: { openBookings: 2 },
  });
}

/** A citizen: a phone number as typed, its normalised form, an address of its own. */
interface Citizen {
  phone: string;
  normalised: string;
  address: string;
  token: string;
}

const citizenOf = (i: number): Omit<Citizen, 'token'> => {
  const digits = String(10_000_000 + i).slice(-8);
  return {
    phone: `09${digits}`,
    normalised: `849${digits}`,
    address: `10.14.${(i >> 8) & 255}.${i & 255}`,
  };
};

async function post<T>(
  url: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ ok: true; data: T } | { ok: false; code: string }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as
      { ok: true; data: T } | { ok: false; error: { code: string } };
    return json.ok ? json : { ok: false, code: json.error.code };
  } catch (err) {
    return { ok: false, code: `fetch:${(err as Error).message}` };
  }
}

/** Signs a citizen in: asks for a code, reads it from the provider, verifies it. */
async function signIn(url: string, c: Omit<Citizen, 'token'>, inbox: CodeInbox): Promise<string> {
  const headers = { 'x-forwarded-for': c.address };
  const sent = await post(`${url}/api/public/code`, { phone: c.phone }, headers);
  if (!sent.ok) throw new Error(`code:${sent.code}`);
  const code = await inbox.codeFor(c.normalised);
  const session = await post<CitizenSession>(
    `${url}/api/public/verify`,
    { phone: c.phone, code },
    headers,
  );
  if (!session.ok) throw new Error(`verify:${session.code}`);
  return session.data.token;
}

interface Attempt {
  slot: string;
  sentAt: number;
  answeredAt: number;
  booking: BookingView | null;
  code: string | null;
}

/** Every citizen books their slot at the same instant. */
async function race(
  url: string,
  siteId: string,
  citizens: Citizen[],
  slotOf: (i: number) => { day: string; start: string },
): Promise<Attempt[]> {
  // Open a connection per citizen first, so the race measures booking rather than TCP setup.
  await Promise.all(citizens.map(() => fetch(`${url}/healthz`).then((r) => r.arrayBuffer())));
  const at = sharedNow() + 200;
  await new Promise((resolve) => setTimeout(resolve, at - sharedNow()));
  return Promise.all(
    citizens.map(async (c, i) => {
      const slot = slotOf(i);
      const sentAt = sharedNow();
      const res = await post<BookingView>(
        `${url}/api/public/bookings`,
        { siteId, fieldId: BOOKABLE_FIELD.id, day: slot.day, start: slot.start },
        { authorization: `Bearer ${c.token}`, 'x-forwarded-for': c.address },
      );
      return {
        slot: `${slot.day} ${slot.start}`,
        sentAt,
        answeredAt: sharedNow(),
        booking: res.ok ? res.data : null,
        code: res.ok ? null : res.code,
      };
    }),
  );
}

function phaseOf(
  name: RacePhase['name'],
  attempts: Attempt[],
  capacity: number,
  cpuSeconds: number | null,
): RacePhase {
  const refused: Record<string, number> = {};
  for (const a of attempts) if (a.code) refused[a.code] = (refused[a.code] ?? 0) + 1;
  const accepted = attempts.filter((a) => a.booking).length;
  const first = Math.min(...attempts.map((a) => a.sentAt));
  const last = Math.max(...attempts.map((a) => a.answeredAt));
  const slots = new Set(attempts.map((a) => a.slot)).size;
  return {
    name,
    requests: attempts.length,
    slots,
    places: slots * capacity,
    accepted,
    refused,
    elapsedMs: last - first,
    bookingsPerSecond: accepted / ((last - first) / 1000),
    answersPerSecond: attempts.length / ((last - first) / 1000),
    latency: distribution(attempts.map((a) => a.answeredAt - a.sentAt)),
    hubCpuMsPerRequest: cpuSeconds === null ? null : (cpuSeconds * 1000) / attempts.length,
  };
}

/** Starts counting a server's CPU seconds; the returned function tells how many since. */
function cpuMeter(server: ServerProcess): () => number | null {
  const before = server.cpuSeconds();
  return () => {
    const after = server.cpuSeconds();
    return before === null || after === null ? null : after - before;
  };
}

/** The database against what the citizens were told. */
export function checkStored(
  stored: StoredBooking[],
  accepted: BookingView[],
  capacity: number,
): RaceCheck {
  const held = new Map<string, number>();
  const byCode = new Map<string, number>();
  for (const b of stored) {
    byCode.set(`${b.day}|${b.code}`, (byCode.get(`${b.day}|${b.code}`) ?? 0) + 1);
    if (b.status === 'booked' || b.status === 'checked_in') {
      const key = `${b.fieldId}|${b.day}|${b.start}`;
      held.set(key, (held.get(key) ?? 0) + 1);
    }
  }
  const told = new Set(accepted.map((b) => `${b.day}|${b.code}`));
  let storedOnce = 0;
  let missing = 0;
  let duplicated = 0;
  for (const key of told) {
    const n = byCode.get(key) ?? 0;
    if (n === 1) storedOnce++;
    else if (n === 0) missing++;
    else duplicated++;
  }
  const unknown = [...byCode.keys()].filter((k) => !told.has(k)).length;
  const overCapacity = [...held.values()].filter((n) => n > capacity).length;
  return {
    slotsHeld: held.size,
    overCapacity,
    maxHeld: Math.max(0, ...held.values()),
    capacity,
    accepted: accepted.length,
    storedOnce,
    missing,
    duplicated,
    unknown,
    ok:
      overCapacity === 0 &&
      missing === 0 &&
      duplicated === 0 &&
      unknown === 0 &&
      told.size === accepted.length,
  };
}

/** A fresh hub for the race on SQLite (a data directory) or PostgreSQL (a new database). */
async function startRaceHub(
  backend: RaceResult['backend'],
  config: SiteConfig,
  setup: CitizenSignInHub,
  postgres: (() => Promise<string>) | null,
  cpuProfileDir: string | undefined,
): Promise<{ server: ServerProcess; stored(): Promise<StoredBooking[]>; cleanup(): void }> {
  const at = Date.now();
  const siteId = setup.siteId;
  const hubArgs = ['--trust-proxy', '127.0.0.1', ...setup.hubArgs];
  if (backend === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'luot-race-'));
    const province = openProvince(dataDir);
    try {
      await initSite(province, siteId, config, at);
      await setup.configure(asyncProvince(province));
    } finally {
      province.close();
    }
    const server = await startServer({
      kind: 'hub',
      dataDir,
      hubArgs,
      env: setup.env,
      onLine: (line) => setup.onLine(line),
      cpuProfileDir,
    });
    return {
      server,
      stored: () => Promise.resolve(storedBookingsSqlite(databasePath(dataDir), siteId)),
      cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  if (!postgres) throw new Error('no PostgreSQL server for the race');
  const url = await postgres();
  const province = await openPostgres(url);
  try {
    await province.createSite(siteId, config, at);
    await setup.configure(province);
  } finally {
    await province.close();
  }
  const server = await startServer({
    kind: 'hub',
    postgres: url,
    hubArgs,
    env: setup.env,
    onLine: (line) => setup.onLine(line),
    cpuProfileDir,
  });
  return { server, stored: () => storedBookingsPostgres(url, siteId), cleanup: () => undefined };
}

/** The whole race on a fresh hub of each backend asked for. */
export async function raceBookings(
  o: RaceOptions & { log: (message: string) => void },
): Promise<RaceResult[]> {
  const results: RaceResult[] = [];
  const pg = o.backends.includes('postgres') ? await startPostgres() : null;
  try {
    for (const backend of o.backends)
      results.push(await raceOn(backend, o, pg ? () => pg.createDatabase() : null));
  } finally {
    await pg?.stop();
  }
  return results;
}

async function raceOn(
  backend: RaceResult['backend'],
  o: RaceOptions & { log: (message: string) => void },
  postgres: (() => Promise<string>) | null,
): Promise<RaceResult> {
  const config = raceSiteConfig(o, middayTimeZone(Date.now()));
  const setup = await citizenSignInHub();
  let hub: Awaited<ReturnType<typeof startRaceHub>> | null = null;
  try {
    hub = await startRaceHub(backend, config, setup, postgres, o.cpuProfileDir);
    const url = hub.server.url;
    const siteId = setup.siteId;
    o.log(
      `booking race (${backend}): ${o.citizens} citizens sign in (one-time code through the fake SMS provider)`,
    );
    const signInStarted = sharedNow();
    const signInFailures: Record<string, number> = {};
    const citizens = (
      await mapLimit(
        Array.from({ length: o.citizens }, (_, i) => citizenOf(i)),
        16,
        async (c) => {
          try {
            return { ...c, token: await signIn(url, c, setup.inbox) };
          } catch (err) {
            const code = (err as Error).message;
            signInFailures[code] = (signInFailures[code] ?? 0) + 1;
            return null;
          }
        },
      )
    ).filter((c): c is Citizen => c !== null);
    const signInSeconds = (sharedNow() - signInStarted) / 1000;
    if (citizens.length === 0)
      throw new Error(`no citizen could sign in: ${JSON.stringify(signInFailures)}`);

    const today = serviceDay(Date.now(), config.site.timeZone);
    const field = config.fields.find((f) => f.id === BOOKABLE_FIELD.id)!;
    const dayAfter = (n: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const tomorrow = dayAfter(1);
    const few = slotsOn(config, field, tomorrow).slice(0, o.fewSlots);
    o.log(
      `booking race (${backend}), few: ${citizens.length} citizens at once on ${few.length} slots (${few.length * o.capacity} places)`,
    );
    const cpu = cpuMeter(hub.server);
    const fewAttempts = await race(url, siteId, citizens, (i) => ({
      day: tomorrow,
      start: few[i % few.length]!.start,
    }));
    const fewCpu = cpu();
    const spread = Array.from({ length: o.manyDays }, (_, d) => dayAfter(d + 1)).flatMap((day) =>
      slotsOn(config, field, day)
        .filter((s) => !(day === tomorrow && few.some((f) => f.start === s.start)))
        .map((s) => ({ day, start: s.start })),
    );
    const random = prng(o.seed);
    const picks = citizens.map(() => spread[Math.floor(random() * spread.length)]!);
    o.log(
      `booking race (${backend}), many: ${citizens.length} citizens at once over ${spread.length} slots of ${o.manyDays} days`,
    );
    const manyCpuFrom = cpuMeter(hub.server);
    const manyAttempts = await race(url, siteId, citizens, (i) => picks[i]!);
    const manyCpu = manyCpuFrom();
    await hub.server.stop();
    const stored = await hub.stored();
    const accepted = [...fewAttempts, ...manyAttempts].flatMap((a) =>
      a.booking ? [a.booking] : [],
    );
    return {
      options: o,
      backend,
      signIn: { citizens: citizens.length, seconds: signInSeconds, failures: signInFailures },
      phases: [
        phaseOf('few', fewAttempts, o.capacity, fewCpu),
        phaseOf('many', manyAttempts, o.capacity, manyCpu),
      ],
      check: checkStored(stored, accepted, o.capacity),
      cpuProfile: hub.server.cpuProfile(),
    };
  } finally {
    await hub?.server.stop();
    hub?.cleanup();
    await setup.close();
  }
}
