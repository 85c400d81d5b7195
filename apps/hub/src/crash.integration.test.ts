import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { siteConfigSchema, type QueueState, type Ticket, type TicketStatus } from '@luot/domain';
import { connectHub, type HubSocket } from '@luot/hub-client';
import type {
  ClientEventName,
  ClientPayload,
  ClientResults,
  IssuedTicket,
  Snapshot,
} from '@luot/protocol';
import { prng } from '@luot/test-support';
import {
  sendEvent,
  startHubProcess,
  type HubProcess,
  type Outcome as SentOutcome,
} from '../testing/hub-process.ts';
import { signIn } from '../testing/test-hub.ts';
import { createProvinceStore, openDatabase } from './db/index.ts';
import { DEFAULT_SITE_ID } from './store.ts';
import {
  addUser,
  databasePath,
  DEMO_PEOPLE_FILE,
  DEMO_SITE_FILE,
  loadSiteConfig,
  initSite,
  openProvince,
  pairDevice,
} from './setup.ts';

/*
 * The hub runs as a real child process on a real SQLite file and is killed with SIGKILL while
 * kiosks issue and clerks call, start and finish tickets as fast as they can. After every
 * restart on the same file, what clients were told must still be true.
 *
 * "Acknowledged" means the client received `{ ok: true }`. A request whose answer never arrived
 * (the hub died first) is "lost": it may or may not have been committed, and the checks accept
 * both. A refusal (`{ ok: false }`, e.g. OUTSIDE_HOURS at 23:59, STALE_DAY at midnight, or
 * NOTHING_WAITING) is an answer that changed nothing.
 */

const ROUNDS = 6;
const MAX_REQUESTS_PER_ROUND = 300;
/** Requests fired per 1 ms tick, spread over the five client sockets. */
const BURST = 2;
/**
 * Unanswered requests one socket may have at a time. Requests overlap freely, but the hub's
 * backlog stays short (each commit waits for fsync), so most requests get an answer before the
 * kill and the checks have acknowledged results to hold the hub to. A clerk pipelines less than
 * a kiosk, which keeps the set of states a killed counter may be restored to small.
 */
const WINDOW = { kiosk: 4, clerk: 2 };
/** Answers that are refusals of a well-formed request under load; anything else is a failure. */
const EXPECTED_REFUSALS = [
  'NOTHING_WAITING',
  'INVALID_STATE',
  'COUNTER_BUSY',
  'OUTSIDE_HOURS',
  'STALE_DAY',
  'SOLD_OUT',
];
const ACK_TIMEOUT_MS = 10_000;
/** Every third round stops its load this long before the kill (see loadAndKill). */
const QUIET_MS = 60;
/** Reproduce a failure with LUOT_CRASH_SEED=<seed printed in the test name>. */
const SEED = Number(process.env.LUOT_CRASH_SEED ?? 20_261_123);

const PASSWORD = (JSON.parse(readFileSync(DEMO_PEOPLE_FILE, 'utf8')) as { password: string })
  .password;
const KIOSKS = ['kiosk-1', 'kiosk-2'] as const;
/** Three demo clerks at their demo counters: one field, one field shared with quay-12, and the general counter. */
const CLERKS = [
  { username: 'cb01', counterId: 'quay-01' },
  { username: 'cb03', counterId: 'quay-03' },
  { username: 'cb12', counterId: 'quay-12' },
] as const;
/** Fields the kiosks issue in: every one is served by at least one of the clerks above. */
const ISSUE_FIELDS = ['dat-dai', 'ho-tich', 'lao-dong', 'y-te'] as const;
const PRIORITY_CLASS = 'nguoi-cao-tuoi';

type ClerkOp = 'callNext' | 'start' | 'finish';
const CLERK_CYCLE: readonly ClerkOp[] = ['callNext', 'start', 'finish'];

type Outcome<T> = SentOutcome<T> | { kind: 'pending' };

interface IssueRecord {
  kiosk: string;
  fieldId: string;
  outcome: Outcome<IssuedTicket>;
}

interface ClerkRecord {
  op: ClerkOp;
  outcome: Outcome<Ticket>;
}

interface RoundLog {
  round: number;
  killAfterMs: number;
  quietMs: number;
  issues: IssueRecord[];
  /** Each counter's requests in the order they were sent on its socket. */
  clerkOps: Map<string, ClerkRecord[]>;
}

type RunningHub = HubProcess;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const dataDir = mkdtempSync(join(tmpdir(), 'luot-crash-'));
const sockets = new Set<HubSocket>();
let running: RunningHub | null = null;

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  if (running) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The demo centre, but issuing around the clock every day: the child uses the real clock, and the test
 * must not depend on the hour it runs at. (Daily limits stay; SOLD_OUT is just a refusal.)
 */
async function initDataDir(): Promise<Record<string, string>> {
  const demo = loadSiteConfig(DEMO_SITE_FILE);
  const config = siteConfigSchema.parse({
    ...demo,
    // Simulated kiosks carry no ID cards: the demo's card rules are off here.
    idCard: { ...demo.idCard, scan: 'off' },
    fields: demo.fields.map((f) => ({
      ...f,
      sessions: [{ from: '00:00', to: '23:59' }],
      idCard: { ...f.idCard, scan: 'site' },
    })),
    calendar: { ...demo.calendar, workingDays: [0, 1, 2, 3, 4, 5, 6] },
  });
  const province = openProvince(dataDir);
  const store = province.site(DEFAULT_SITE_ID);
  const sites = [DEFAULT_SITE_ID];
  try {
    await initSite(province, DEFAULT_SITE_ID, config, Date.now());
    await addUser(
      province,
      { username: 'giamsat', name: 'Giám sát', role: 'supervisor', password: PASSWORD, sites },
      Date.now(),
    );
    for (const c of CLERKS)
      await addUser(
        province,
        { username: c.username, name: c.username, role: 'clerk', password: PASSWORD, sites },
        Date.now(),
      );
    const tokens: Record<string, string> = {};
    for (const id of KIOSKS)
      tokens[id] = await pairDevice(store, { id, kind: 'kiosk', name: id }, Date.now());
    return tokens;
  } finally {
    province.close();
  }
}

/** Starts `main.ts` on the data directory; resolves once it listens. */
async function startHub(): Promise<RunningHub> {
  const hub = await startHubProcess([
    '--data',
    dataDir,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--kiosk-interval-ms',
    '0',
    // The load comes from one loopback address, as fast as the hub answers: lift the
    // per-socket event budget (the limits are tested in socket-limits.integration.test.ts).
    '--socket-limits',
    JSON.stringify({ eventsPerSecond: 1e6, eventBurst: 1e6 }),
  ]);
  running = hub;
  return hub;
}

async function login(url: string, username: string, counterId?: string): Promise<string> {
  return (await signIn(url, { username, password: PASSWORD, counterId })).token;
}

function connectReady(
  url: string,
  token: string,
): Promise<{ socket: HubSocket; snapshot: Snapshot }> {
  const socket = connectHub(url, token);
  sockets.add(socket);
  return new Promise((resolve, reject) => {
    socket.once('snapshot', (snapshot) => resolve({ socket, snapshot }));
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
}

/** Sends one event; the outcome says whether an answer came back, and which. */
function send<E extends ClientEventName>(
  socket: HubSocket,
  event: E,
  payload: ClientPayload<E>,
): Promise<Outcome<ClientResults[E]>> {
  return sendEvent(socket, event, payload, ACK_TIMEOUT_MS);
}

function waitDisconnected(socket: HubSocket, ms: number): Promise<void> {
  if (!socket.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    socket.once('disconnect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Fires issue and call-next/start/finish requests without waiting for answers, SIGKILLs the hub
 * after `killAfterMs`, and returns every request with its outcome.
 */
async function loadAndKill(
  hub: RunningHub,
  kiosks: HubSocket[],
  clerks: { counterId: string; socket: HubSocket }[],
  others: HubSocket[],
  round: number,
  killAfterMs: number,
  quietMs: number,
  pick: () => number,
): Promise<RoundLog> {
  const log: RoundLog = { round, killAfterMs, quietMs, issues: [], clerkOps: new Map() };
  const settled: Promise<unknown>[] = [];
  const actors = [{ kiosk: 0 }, { clerk: 0 }, { kiosk: 1 }, { clerk: 1 }, { clerk: 2 }] as const;
  const clerkStep = clerks.map(() => 0);
  const outstanding = actors.map(() => 0);
  let sent = 0;
  let turn = 0;

  const track = <T>(
    actor: number,
    answer: Promise<Outcome<T>>,
    record: { outcome: Outcome<T> },
  ) => {
    outstanding[actor]!++;
    settled.push(
      answer.then((o) => {
        outstanding[actor]!--;
        record.outcome = o;
      }),
    );
  };

  /** Sends the next request of the next actor with room in its window; false if all are full. */
  const fire = (): boolean => {
    for (let tries = 0; tries < actors.length; tries++) {
      const index = turn++ % actors.length;
      const actor = actors[index]!;
      if (outstanding[index]! >= ('kiosk' in actor ? WINDOW.kiosk : WINDOW.clerk)) continue;
      sent++;
      if ('kiosk' in actor) {
        const fieldId = ISSUE_FIELDS[Math.floor(pick() * ISSUE_FIELDS.length)]!;
        const priorityClassId = pick() < 0.1 ? PRIORITY_CLASS : null;
        const record: IssueRecord = {
          kiosk: KIOSKS[actor.kiosk],
          fieldId,
          outcome: { kind: 'pending' },
        };
        log.issues.push(record);
        track(
          index,
          send(kiosks[actor.kiosk]!, 'ticket:issue', { fieldId, priorityClassId }),
          record,
        );
      } else {
        const clerk = clerks[actor.clerk]!;
        const op = CLERK_CYCLE[clerkStep[actor.clerk]!++ % CLERK_CYCLE.length]!;
        const record: ClerkRecord = { op, outcome: { kind: 'pending' } };
        const ops = log.clerkOps.get(clerk.counterId) ?? [];
        ops.push(record);
        log.clerkOps.set(clerk.counterId, ops);
        const event =
          op === 'callNext'
            ? 'counter:callNext'
            : op === 'start'
              ? 'counter:start'
              : 'counter:finish';
        track(index, send(clerk.socket, event, {}), record);
      }
      return true;
    }
    return false;
  };

  const ticker = setInterval(() => {
    for (let i = 0; i < BURST && sent < MAX_REQUESTS_PER_ROUND; i++) if (!fire()) break;
  }, 1);
  // In a "quiet" round the load stops shortly before the kill, so the hub usually dies with every
  // request answered and each counter must come back exactly as its last answer left it.
  await sleep(quietMs > 0 ? Math.max(0, killAfterMs - quietMs) : killAfterMs);
  clearInterval(ticker);
  if (quietMs > 0) await sleep(Math.min(quietMs, killAfterMs));
  hub.child.kill('SIGKILL');
  await hub.exited;
  running = null;

  // Let every socket read what reached it before the kill, then drop whatever is left.
  const all = [...kiosks, ...clerks.map((c) => c.socket), ...others];
  await Promise.all(all.map((s) => waitDisconnected(s, 3000)));
  for (const s of all) {
    s.disconnect();
    sockets.delete(s);
  }
  await Promise.all(settled);
  return log;
}

type Possible = { ticket: string | null | 'fresh'; status: TicketStatus | null };

/**
 * Where a counter may stand after a kill, given where its last acknowledged request left it and
 * the requests still in flight. They are handled in the order sent, so the hub died after some
 * prefix of them: callNext either calls a fresh ticket (when nothing called is pending) or
 * changes nothing (NOTHING_WAITING / COUNTER_BUSY); start turns a called ticket into serving;
 * finish frees a counter that serves.
 */
function possibleEnds(start: Possible, inFlight: ClerkOp[]): Possible[] {
  const key = (p: Possible) => `${p.ticket}|${p.status}`;
  const all = new Map([[key(start), start]]);
  let frontier = [start];
  for (const op of inFlight) {
    const next: Possible[] = [];
    for (const p of frontier) {
      if (op === 'callNext') {
        next.push(p);
        if (p.status !== 'called') next.push({ ticket: 'fresh', status: 'called' });
      } else if (op === 'start') {
        next.push(p.status === 'called' ? { ...p, status: 'serving' } : p);
      } else {
        next.push(p.status === 'serving' ? { ticket: null, status: null } : p);
      }
    }
    frontier = [...new Map(next.map((p) => [key(p), p])).values()];
    for (const p of frontier) all.set(key(p), p);
  }
  return [...all.values()];
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

function ticketsOfField(state: QueueState, fieldId: string): Ticket[] {
  return Object.values(state.tickets)
    .filter((t) => t.originalFieldId === fieldId)
    .sort((a, b) => a.number - b.number);
}

/** How many restored counters had no request in flight at the kill, so matched exactly. */
let exactCounterChecks = 0;

/** Every acknowledged (day, field, number) so far, with the ticket that holds it. */
const numbersSeen = new Map<string, string>();

/** Checks the hub's restored state (`after`) against the round that ran on `before` and was killed. */
function verifyRestart(before: QueueState, log: RoundLog, after: QueueState): void {
  const where = `round ${log.round} (killed after ${log.killAfterMs} ms)`;
  const sameDay = before.day === after.day;

  // 0. Under load the hub answers or dies; it never answers with an internal error or a refusal
  //    that a well-formed request from a signed-in client should not get.
  const refusals = [...log.issues, ...[...log.clerkOps.values()].flat()].flatMap((r) =>
    r.outcome.kind === 'refused' ? [r.outcome.code] : [],
  );
  for (const code of refusals) expect(EXPECTED_REFUSALS, `${where}: refusal`).toContain(code);
  expect(
    [...log.issues, ...[...log.clerkOps.values()].flat()].filter(
      (r) => r.outcome.kind === 'pending',
    ),
  ).toEqual([]);

  // 1. Every acknowledged ticket is still there, unchanged. Tickets of an earlier service day
  //    (only if the run crossed midnight) are checked in the database at the end.
  for (const r of log.issues) {
    if (r.outcome.kind !== 'ok') continue;
    const t = r.outcome.data.ticket;
    const key = `${t.day}|${t.originalFieldId}|${t.number}`;
    expect(numbersSeen.get(key) ?? t.id, `${where}: number ${t.label} acknowledged twice`).toBe(
      t.id,
    );
    numbersSeen.set(key, t.id);
    if (t.day !== after.day) continue;
    const stored = after.tickets[t.id];
    expect(stored, `${where}: acknowledged ticket ${t.label} is missing`).toBeDefined();
    expect(stored).toMatchObject({
      label: t.label,
      number: t.number,
      originalFieldId: r.fieldId,
      day: t.day,
      issuedAt: t.issuedAt,
      priorityClassId: t.priorityClassId,
    });
  }
  // Acknowledged calls, starts and finishes are still recorded at that counter.
  for (const [counterId, ops] of log.clerkOps) {
    for (const op of ops) {
      if (op.outcome.kind !== 'ok') continue;
      const stored = after.tickets[op.outcome.data.id];
      if (!stored && op.outcome.data.day !== after.day) continue;
      expect(
        stored,
        `${where}: ticket of an acknowledged ${op.op} at ${counterId} is missing`,
      ).toBeDefined();
      expect(stored!.counterId).toBe(counterId);
      const allowed: TicketStatus[] =
        op.op === 'callNext'
          ? ['called', 'serving', 'done']
          : op.op === 'start'
            ? ['serving', 'done']
            : ['done'];
      expect(allowed, `${where}: ${stored!.label} after an acknowledged ${op.op}`).toContain(
        stored!.status,
      );
    }
  }

  // 2. Numbering: each field's numbers today run from its start with no hole and no repeat, and
  //    the tickets of this round continue exactly after the last number before it, so the first
  //    ticket issued after the restart got max+1. The only tickets nobody was told about are
  //    committed-but-unacknowledged ones, so there are at most as many as lost issue requests.
  for (const field of after.config.fields) {
    const numbers = ticketsOfField(after, field.id).map((t) => t.number);
    expect(numbers, `${where}: numbers of ${field.id}`).toEqual(
      range(field.numbering.start, numbers.length),
    );
    expect(after.lastNumber[field.id]).toBe(numbers.at(-1));

    const previous = sameDay ? ticketsOfField(before, field.id).map((t) => t.number) : [];
    const previousMax = previous.at(-1) ?? field.numbering.start - 1;
    const fresh = ticketsOfField(after, field.id).filter((t) => !before.tickets[t.id]);
    expect(
      fresh.map((t) => t.number),
      `${where}: new numbers of ${field.id}`,
    ).toEqual(range(previousMax + 1, fresh.length));
    const acked = log.issues.filter(
      (r) =>
        r.fieldId === field.id &&
        r.outcome.kind === 'ok' &&
        r.outcome.data.ticket.day === after.day,
    ).length;
    const lost = log.issues.filter(
      (r) => r.fieldId === field.id && r.outcome.kind === 'lost',
    ).length;
    expect(
      fresh.length - acked,
      `${where}: unacknowledged tickets of ${field.id}`,
    ).toBeGreaterThanOrEqual(0);
    expect(
      fresh.length - acked,
      `${where}: unacknowledged tickets of ${field.id}`,
    ).toBeLessThanOrEqual(lost);
  }

  // 3. Each counter is open for its clerk with its current ticket restored. A service day that
  //    turned over during the round closes every counter, so there is nothing to compare then.
  if (!sameDay) return;
  for (const { username, counterId } of CLERKS) {
    const counter = after.counters[counterId]!;
    expect(counter, `${where}: ${counterId}`).toMatchObject({ status: 'open', clerkId: username });

    const startId = before.counters[counterId]?.currentTicketId ?? null;
    let acked: Possible = {
      ticket: startId,
      status: startId ? before.tickets[startId]!.status : null,
    };
    let inFlight: ClerkOp[] = [];
    const calledHere = new Set<string>(startId ? [startId] : []);
    for (const op of log.clerkOps.get(counterId) ?? []) {
      if (op.outcome.kind === 'ok') {
        const t = op.outcome.data;
        acked =
          op.op === 'finish'
            ? { ticket: null, status: null }
            : { ticket: t.id, status: op.op === 'callNext' ? 'called' : 'serving' };
        if (op.op === 'callNext') calledHere.add(t.id);
        inFlight = [];
      } else if (op.outcome.kind === 'lost') {
        // An answer lost before a later acknowledged one changed nothing that answer does not show.
        inFlight.push(op.op);
      }
    }

    // The counter and the tickets agree: the tickets called or served here are exactly its
    // current one, so a counter cannot lose a ticket that still counts as being at it.
    const actual = counter.currentTicketId;
    const actualTicket = actual ? after.tickets[actual] : undefined;
    const heldHere = Object.values(after.tickets).filter(
      (t) => t.counterId === counterId && (t.status === 'called' || t.status === 'serving'),
    );
    expect(
      heldHere.map((t) => t.id),
      `${where}: tickets at ${counterId}`,
    ).toEqual(actual ? [actual] : []);
    if (inFlight.length === 0) {
      // Nothing was in flight after the last answer: the counter is exactly where that answer left it.
      exactCounterChecks++;
      expect(actual, `${where}: current ticket of ${counterId}`).toBe(acked.ticket);
      expect(actualTicket?.status ?? null).toBe(acked.status);
      continue;
    }
    // Requests were in flight: accept the acknowledged ticket, or a state that a prefix of the
    // unanswered requests would produce. A "fresh" ticket is one called here after the last
    // answer: not one this counter was told about, and not yet called when the round began.
    const matches = possibleEnds(acked, inFlight).some((p) => {
      if ((actualTicket?.status ?? null) !== p.status) return false;
      if (p.ticket !== 'fresh') return actual === p.ticket;
      const prior = actual ? before.tickets[actual] : undefined;
      return actual !== null && !calledHere.has(actual) && (!prior || prior.status === 'waiting');
    });
    expect(
      matches,
      `${where}: ${counterId} holds ${actual} (${actualTicket?.status}); last acknowledged ${acked.ticket} ` +
        `(${acked.status}), in flight: ${inFlight.join(', ')}`,
    ).toBe(true);
  }
}

function summary(log: RoundLog): string {
  const all = [
    ...log.issues.map((r) => r.outcome),
    ...[...log.clerkOps.values()].flat().map((r) => r.outcome),
  ];
  const count = (kind: Outcome<unknown>['kind']) => all.filter((o) => o.kind === kind).length;
  const issued = log.issues.filter((r) => r.outcome.kind === 'ok').length;
  return (
    `round ${log.round}: kill at ${log.killAfterMs} ms${log.quietMs ? ` (load stopped ${log.quietMs} ms before)` : ''}, ${all.length} sent, ${count('ok')} ok ` +
    `(${issued} tickets), ${count('refused')} refused, ${count('lost')} unanswered`
  );
}

describe('the hub survives SIGKILL under load', () => {
  it(`keeps every acknowledged ticket, its numbering and each counter's ticket (seed ${SEED})`, async () => {
    const kioskTokens = await initDataDir();
    const killDelay = prng(SEED);
    const pick = prng(SEED ^ 0x5eed);
    const logs: RoundLog[] = [];
    let clerkTokens: string[] = [];
    let supervisorToken = '';
    let before: QueueState | null = null;

    for (let round = 0; round <= ROUNDS; round++) {
      const hub = await startHub();
      if (round === 0) {
        // Sessions live in SQLite: one sign-in serves every restart.
        clerkTokens = await Promise.all(CLERKS.map((c) => login(hub.url, c.username, c.counterId)));
        supervisorToken = await login(hub.url, 'giamsat');
      }
      const { socket: supervisor, snapshot } = await connectReady(hub.url, supervisorToken);
      if (before) verifyRestart(before, logs.at(-1)!, snapshot.state);
      if (round === ROUNDS) {
        supervisor.disconnect();
        sockets.delete(supervisor);
        hub.child.kill('SIGKILL');
        await hub.exited;
        running = null;
        break;
      }
      before = snapshot.state;

      const kiosks = await Promise.all(KIOSKS.map((id) => connectReady(hub.url, kioskTokens[id]!)));
      const clerks = await Promise.all(
        CLERKS.map(async (c, i) => ({
          counterId: c.counterId,
          socket: (await connectReady(hub.url, clerkTokens[i]!)).socket,
        })),
      );
      const killAfterMs = 50 + Math.floor(killDelay() * 351);
      const quietMs = round % 3 === 2 ? QUIET_MS : 0;
      logs.push(
        await loadAndKill(
          hub,
          kiosks.map((k) => k.socket),
          clerks,
          [supervisor],
          round,
          killAfterMs,
          quietMs,
          pick,
        ),
      );
    }
    console.info(
      [
        ...logs.map(summary),
        `counters restored with nothing in flight (exact match): ${exactCounterChecks}`,
      ].join('\n'),
    );

    // The load really ran: tickets were issued and called across the rounds.
    const okIssues = logs.flatMap((l) => l.issues).filter((r) => r.outcome.kind === 'ok');
    const okCalls = logs
      .flatMap((l) => [...l.clerkOps.values()].flat())
      .filter((r) => r.op === 'callNext' && r.outcome.kind === 'ok');
    expect(okIssues.length).toBeGreaterThan(0);
    expect(okCalls.length).toBeGreaterThan(0);

    // Finally, the file itself after the last kill: intact, every acknowledged ticket and call on
    // disk (whatever the service day), and no (day, field, number) held twice.
    const db = openDatabase(databasePath(dataDir));
    const file = createProvinceStore(db);
    const store = file.site(DEFAULT_SITE_ID);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const r of okIssues) {
        if (r.outcome.kind !== 'ok') continue;
        const t = r.outcome.data.ticket;
        expect(store.ticketSnapshot(t.id), `ticket ${t.label} on disk`).toMatchObject({
          label: t.label,
          number: t.number,
          originalFieldId: r.fieldId,
          day: t.day,
        });
      }
      for (const log of logs)
        for (const [counterId, ops] of log.clerkOps)
          for (const op of ops) {
            if (op.op !== 'callNext' || op.outcome.kind !== 'ok') continue;
            const t = op.outcome.data;
            expect(
              store.services(t.day).some((s) => s.ticketId === t.id && s.counterId === counterId),
              `call of ${t.label} at ${counterId} on disk`,
            ).toBe(true);
          }
      const repeated = db
        .prepare(
          `SELECT day, original_field_id, number, COUNT(*) AS n FROM tickets
           GROUP BY day, original_field_id, number HAVING n > 1`,
        )
        .all();
      expect(repeated).toEqual([]);
    } finally {
      file.close();
    }
  }, 240_000);
});
