/**
 * A load-generating process of the simulator (forked by the coordinator, driven over IPC).
 * It holds a share of the simulated clients — clerks, lobby boards, phone pages, kiosks — as
 * real Socket.IO connections to the hub or to the bare relay, and records what they see on
 * the shared clock (performance.timeOrigin + performance.now(), comparable across processes).
 */
import { io, type Socket } from 'socket.io-client';
import type { Ticket } from '@luot/domain';
import { connectHub, request } from '@luot/hub-client';
import type { ClientEventName, PublicTicketView, SequencedEvent } from '@luot/protocol';
import { prng } from '@luot/test-support';
import type {
  Arrival,
  ClerkBehaviour,
  ClerkOpRecord,
  ClerkSpec,
  ClientSpec,
  FromWorker,
  IssuedRecord,
  IssueReport,
  RunReport,
  ServerMode,
  ToWorker,
} from './messages.ts';
import { followByPush, type PushFollow } from './push-follow.ts';
import { logNormal, uniform } from './random.ts';
import { sharedNow } from './stats.ts';

const ACK_TIMEOUT_MS = 15_000;

type Ack = { ok: true; data: unknown } | { ok: false; error: { code: string } };

interface Client {
  spec: ClientSpec;
  socket: Socket;
  /** A clerk's rating pad, facing the citizen. */
  pad?: Socket;
}

let mode: ServerMode = 'hub';
const clients: Client[] = [];
const report = emptyRunReport();
const lastSeq = new Map<Socket, number>();

function emptyIssueReport(): IssueReport {
  return { issued: [], failures: {}, latenciesMs: [], startedAt: 0, endedAt: 0 };
}

function emptyRunReport(): RunReport {
  return {
    calls: [],
    clerkOps: [],
    seen: {},
    displayEvents: 0,
    gaps: 0,
    phoneViews: 0,
    phoneCalledAt: {},
    arrivals: emptyIssueReport(),
    errors: {},
    follows: { ok: 0, failures: {}, subscribedAt: {} },
  };
}

function send(message: FromWorker): void {
  process.send!(message);
}

const count = (record: Record<string, number>, key: string) => {
  record[key] = (record[key] ?? 0) + 1;
};

/** Opens one client's socket with the listeners its role needs; resolves once connected. */
function open(url: string, spec: ClientSpec): Promise<Client> {
  const socket: Socket =
    mode === 'hub'
      ? (connectHub(url, spec.token) as unknown as Socket)
      : io(url, {
          transports: ['websocket'],
          auth:
            spec.kind === 'phone' ? { role: 'public', fieldId: spec.fieldId } : { role: spec.kind },
        });
  if (spec.kind === 'display') {
    socket.on('snapshot', (s: { seq: number }) => lastSeq.set(socket, s.seq));
    socket.on('event', (e: SequencedEvent) => {
      const now = sharedNow();
      report.displayEvents++;
      const last = lastSeq.get(socket);
      if (last !== undefined && e.seq !== last + 1) report.gaps++;
      lastSeq.set(socket, e.seq);
      const ev = e.event as { type: string; counterId?: string; ticketId?: string; at: number };
      if (ev.type !== 'ticket.called') return;
      const key = `${ev.counterId}|${ev.ticketId}|${ev.at}`;
      const seen = report.seen[key];
      if (!seen) report.seen[key] = { n: 1, first: now, last: now };
      else {
        seen.n++;
        seen.last = Math.max(seen.last, now);
        seen.first = Math.min(seen.first, now);
      }
    });
  }
  if (spec.kind === 'phone') {
    let calls = 0;
    socket.on('ticket:view', (view: PublicTicketView | SequencedEvent) => {
      const now = sharedNow();
      report.phoneViews++;
      if (mode === 'relay') {
        // The relay sends the field's calls of each turn, counted; once "its" call has come,
        // the page leaves.
        calls += (view as { calls?: number }).calls ?? 1;
        if (calls > (spec.ahead ?? Infinity)) socket.emit('leave');
        return;
      }
      const v = view as PublicTicketView;
      if (v.status === 'called' && !(spec.ticketId in report.phoneCalledAt))
        report.phoneCalledAt[spec.ticketId] = now;
    });
  }
  const connected = (s: Socket) =>
    new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', (err) => {
        s.disconnect();
        reject(err);
      });
    });
  const pad =
    mode === 'hub' && spec.kind === 'clerk' && spec.ratingToken
      ? (connectHub(url, spec.ratingToken) as unknown as Socket)
      : undefined;
  return Promise.all([connected(socket), ...(pad ? [connected(pad)] : [])]).then(() => ({
    spec,
    socket,
    ...(pad ? { pad } : {}),
  }));
}

/** Sends one action: a protocol event to the hub, or its look-alike `relay` message. */
async function act(
  socket: Socket,
  event: ClientEventName,
  payload: Record<string, unknown>,
  relayed: Record<string, unknown>,
): Promise<Ack> {
  if (mode === 'hub')
    return (await request(socket as never, event, payload as never, ACK_TIMEOUT_MS)) as Ack;
  try {
    return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('relay', relayed)) as Ack;
  } catch {
    return { ok: false, error: { code: 'INTERNAL' } };
  }
}

let stopping = false;
let stopWaiters: (() => void)[] = [];

/** Waits `ms`, or less when the run stops. */
function pause(ms: number): Promise<void> {
  if (stopping || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      stopWaiters = stopWaiters.filter((w) => w !== done);
      resolve();
    }
    stopWaiters.push(done);
  });
}

function fakeTicket(fieldId: string, id: string) {
  const at = Date.now();
  return {
    id,
    day: '2026-11-23',
    fieldId,
    originalFieldId: fieldId,
    number: 1,
    label: 'A0001',
    priorityClassId: null,
    status: 'waiting',
    issuedAt: at,
    issueSeq: 0,
    waitingSince: at,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    counterId: null,
    clerkId: null,
    assignedCounterId: null,
    callCount: 0,
    transferCount: 0,
    rating: null,
  };
}

let fakeIds = 0;

/** Issues one ticket from a kiosk and records it. */
async function issue(
  kiosk: Client,
  fieldId: string,
  priority: boolean,
  into: IssueReport,
): Promise<IssuedRecord | null> {
  const kioskId = (kiosk.spec as { id: string }).id;
  const id = `${kioskId}-${++fakeIds}`;
  const started = sharedNow();
  const res = await act(
    kiosk.socket,
    'ticket:issue',
    { fieldId, priorityClassId: priority ? 'nguoi-cao-tuoi' : null },
    { type: 'ticket.issued', day: '2026-11-23', fieldId, ticket: fakeTicket(fieldId, id) },
  );
  into.latenciesMs.push(sharedNow() - started);
  if (!res.ok) {
    count(into.failures, res.error.code);
    return null;
  }
  let record: IssuedRecord;
  if (mode === 'hub') {
    const data = res.data as { ticket: Ticket; token: string };
    record = {
      ticketId: data.ticket.id,
      fieldId: data.ticket.fieldId,
      label: data.ticket.label,
      token: data.token,
      kioskId,
    };
  } else record = { ticketId: id, fieldId, label: 'A0001', token: '', kioskId };
  into.issued.push(record);
  return record;
}

/** The citizen of a ticket just issued turns on its phone's messages (messages-on runs). */
async function follow(plan: PushFollow, ticket: IssuedRecord | null): Promise<void> {
  if (!ticket) return;
  const res = await followByPush(plan, ticket);
  if (res.ok) {
    report.follows.ok++;
    report.follows.subscribedAt[ticket.ticketId] = sharedNow();
  } else count(report.follows.failures, res.code);
}

/** One clerk's working loop: call, wait for the citizen, serve, finish (or no-show, transfer). */
async function clerkLoop(clerk: Client, behaviour: ClerkBehaviour, random: () => number) {
  const spec = clerk.spec as ClerkSpec;
  let served = 0;
  let current: { ticketId: string; fieldId: string } | null = null;

  const op = async (
    name: ClerkOpRecord['op'],
    payload: Record<string, unknown> = {},
  ): Promise<Ack> => {
    const event = `counter:${name}` as ClientEventName;
    let relayed: Record<string, unknown>;
    if (name === 'callNext') {
      const fieldId = spec.fieldIds[served % spec.fieldIds.length]!;
      relayed = { type: 'ticket.called', ticketId: `${spec.counterId}-${served}`, fieldId };
    } else
      relayed = {
        type: `ticket.${name === 'noShow' ? 'no_show' : name === 'recall' ? 'recalled' : name === 'transfer' ? 'transferred' : `${name}ed`}`,
        ticketId: current?.ticketId,
        fieldId: current?.fieldId,
      };
    const res = await act(clerk.socket, event, payload, {
      ...relayed,
      day: '2026-11-23',
      counterId: spec.counterId,
      clerkId: spec.username,
      ...payload,
    });
    const ticketId =
      name === 'callNext'
        ? res.ok
          ? mode === 'hub'
            ? (res.data as Ticket).id
            : (relayed.ticketId as string)
          : null
        : (current?.ticketId ?? null);
    report.clerkOps.push({
      counterId: spec.counterId,
      op: name,
      ticketId,
      ok: res.ok,
      ...(res.ok ? {} : { code: res.error.code }),
    });
    if (!res.ok && !(name === 'callNext' && res.error.code === 'NOTHING_WAITING'))
      count(report.errors, `${name}:${res.error.code}`);
    return res;
  };

  const serviceMean = (fieldId: string) =>
    behaviour.serviceMeanMs[fieldId] ?? behaviour.defaultServiceMeanMs;

  while (!stopping) {
    const sentAt = sharedNow();
    const called = await op('callNext');
    const ackAt = sharedNow();
    if (!called.ok) {
      await pause(behaviour.idleRetryMs);
      continue;
    }
    if (mode === 'hub') {
      const t = called.data as Ticket;
      current = { ticketId: t.id, fieldId: t.fieldId };
      report.calls.push({
        key: `${spec.counterId}|${t.id}|${t.calledAt}`,
        counterId: spec.counterId,
        ticketId: t.id,
        sentAt,
        ackAt,
      });
    } else {
      const { at } = called.data as { at: number };
      const ticketId = `${spec.counterId}-${served}`;
      current = { ticketId, fieldId: spec.fieldIds[served % spec.fieldIds.length]! };
      report.calls.push({
        key: `${spec.counterId}|${ticketId}|${at}`,
        counterId: spec.counterId,
        ticketId,
        sentAt,
        ackAt,
      });
    }
    served++;
    await pause(uniform(random, ...behaviour.walkMs));
    if (random() < behaviour.noShowRate) {
      await op('recall');
      await pause(uniform(random, ...behaviour.walkMs));
      await op('noShow');
      current = null;
      continue;
    }
    await op('start');
    await pause(logNormal(random, serviceMean(current.fieldId), behaviour.serviceCv));
    const targets = spec.transferFieldIds.filter((f) => f !== current!.fieldId);
    if (targets.length > 0 && random() < behaviour.transferRate)
      await op('transfer', {
        to: { fieldId: targets[Math.floor(random() * targets.length)]! },
        reason: 'Chuyển lĩnh vực',
      });
    else {
      const finished = await op('finish');
      if (finished.ok && clerk.pad && random() < behaviour.ratingRate) {
        const ticketId = current.ticketId;
        await pause(uniform(random, ...behaviour.walkMs));
        const r = random();
        const score = r < 0.7 ? 3 : r < 0.92 ? 2 : 1;
        const rated = await act(clerk.pad, 'rating:submit', { ticketId, score }, {});
        report.clerkOps.push({
          counterId: spec.counterId,
          op: 'rate',
          ticketId,
          ok: rated.ok,
          ...(rated.ok ? {} : { code: rated.error.code }),
        });
        if (!rated.ok) count(report.errors, `rate:${rated.error.code}`);
      }
    }
    current = null;
    await pause(uniform(random, ...behaviour.gapMs));
  }
}

async function connectAll(url: string, specs: ClientSpec[]): Promise<void> {
  const failed: string[] = [];
  let ok = 0;
  // A few at a time, so the server's handshakes do not pile up.
  for (let i = 0; i < specs.length; i += 25) {
    const batch = specs.slice(i, i + 25);
    const results = await Promise.allSettled(batch.map((s) => open(url, s)));
    results.forEach((r, k) => {
      if (r.status === 'fulfilled') {
        clients.push(r.value);
        ok++;
      } else failed.push(`${batch[k]!.kind}: ${String(r.reason)}`);
    });
  }
  send({ t: 'connected', ok, failed });
}

async function issueMany(
  kioskIds: string[],
  fieldIds: string[][],
  deadlineAt: number,
): Promise<void> {
  const out = emptyIssueReport();
  out.startedAt = sharedNow();
  await Promise.all(
    kioskIds.map(async (id, k) => {
      const kiosk = clients.find((c) => c.spec.kind === 'kiosk' && c.spec.id === id);
      if (!kiosk) throw new Error(`no kiosk ${id} in this worker`);
      for (const fieldId of fieldIds[k] ?? []) {
        if (sharedNow() >= deadlineAt) break;
        await issue(kiosk, fieldId, false, out);
      }
    }),
  );
  out.endedAt = sharedNow();
  send({ t: 'issued', report: out });
}

async function run(message: Extract<ToWorker, { t: 'run' }>): Promise<void> {
  const fresh = emptyRunReport();
  Object.assign(report, fresh);
  stopping = false;
  await pause(message.startAt - sharedNow());
  const stopAt = message.startAt + message.durationMs;
  const stopTimer = setTimeout(() => {
    stopping = true;
    for (const w of [...stopWaiters]) w();
  }, stopAt - sharedNow());

  const kiosks = new Map(
    clients.filter((c) => c.spec.kind === 'kiosk').map((c) => [(c.spec as { id: string }).id, c]),
  );
  const pending: Promise<void>[] = [];
  const arrivals = (async () => {
    for (const a of message.arrivals as Arrival[]) {
      await pause(message.startAt + a.atMs - sharedNow());
      if (stopping) break;
      const kiosk = kiosks.get(a.kioskId);
      if (!kiosk) continue;
      const issued = issue(kiosk, a.fieldId, a.priority, report.arrivals);
      const plan = message.follow;
      pending.push(plan ? issued.then((t) => follow(plan, t)) : issued.then(() => undefined));
    }
  })();
  report.arrivals.startedAt = message.startAt;
  const clerks = clients
    .filter((c) => c.spec.kind === 'clerk')
    .map((c, i) => clerkLoop(c, message.behaviour, prng(message.seed * 1000 + i + 1)));
  const all = Promise.all([arrivals, ...clerks]).then(() => Promise.all(pending));
  const bounded = await Promise.race([
    all.then(() => true),
    new Promise<boolean>((resolve) =>
      setTimeout(() => resolve(false), stopAt - sharedNow() + message.drainMs),
    ),
  ]);
  clearTimeout(stopTimer);
  if (!bounded) count(report.errors, 'drain:timeout');
  report.arrivals.endedAt = sharedNow();
  // Let the last broadcasts reach the screens before reporting what they saw.
  await new Promise((resolve) => setTimeout(resolve, 500));
  send({ t: 'ran', report });
}

/** Clients being watched for a lost connection (a node killed under them) and their return. */
const watched = new Map<Client, { downAt: number | null; servedAt: number | null }>();

function watch(): void {
  watched.clear();
  for (const c of clients) {
    const w: { downAt: number | null; servedAt: number | null } = { downAt: null, servedAt: null };
    watched.set(c, w);
    c.socket.once('disconnect', () => (w.downAt ??= sharedNow()));
    // Served again: the hub answered the reconnected socket with what it shows (the snapshot;
    // a phone page: its ticket's view), which it sends only once it has read the store.
    c.socket.on(c.spec.kind === 'phone' ? 'ticket:view' : 'snapshot', () => {
      if (w.downAt !== null && w.servedAt === null) w.servedAt = sharedNow();
    });
  }
}

function dropAll(): void {
  for (const c of clients) {
    c.socket.disconnect();
    c.pad?.disconnect();
  }
  clients.length = 0;
  lastSeq.clear();
  watched.clear();
}

process.on('message', (message: ToWorker) => {
  const fail = (err: unknown) => send({ t: 'error', message: String(err) });
  switch (message.t) {
    case 'connect':
      mode = message.mode;
      connectAll(message.url, message.clients).catch(fail);
      break;
    case 'issue':
      issueMany(message.kioskIds, message.fieldIds, message.deadlineAt).catch(fail);
      break;
    case 'run':
      run(message).catch(fail);
      break;
    case 'ping':
      send({ t: 'pong', id: message.id, now: sharedNow() });
      break;
    case 'watch':
      watch();
      send({ t: 'watched', clients: [] });
      break;
    case 'watched?':
      send({
        t: 'watched',
        clients: [...watched]
          .filter(([, w]) => w.downAt !== null)
          .map(([c, w]) => ({ kind: c.spec.kind, downAt: w.downAt!, servedAt: w.servedAt })),
      });
      break;
    case 'drop':
      dropAll();
      send({ t: 'dropped' });
      break;
    case 'close':
      process.disconnect();
      break;
  }
});

// A worker never outlives its coordinator.
process.on('disconnect', () => {
  dropAll();
  process.exit(0);
});

send({ t: 'ready' });
