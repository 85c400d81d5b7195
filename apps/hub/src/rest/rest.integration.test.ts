// The REST API on a real hub over loopback HTTP, with keys made in its real SQLite store: each
// route answers as its socket event does (the same ticket, the same refusals, the same stored
// events, named for the key), and every refusal of a key, a site, a permission or a body
// changes neither the queue nor the database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubSocket } from '@luot/hub-client';
import type { Ack, ApiPermission, IssuedTicket, Snapshot } from '@luot/protocol';
import type { QueueEvent, Ticket } from '@luot/domain';
import { createApiKey } from '../api-keys.ts';
import { asyncProvince } from '../db/store.ts';
import { openDatabase, tableDigest, type Db } from '../db/index.ts';
import { request, startTestHub, type TestHub } from '../../testing/test-hub.ts';
import type { CounterView, QueueView } from './result-schemas.ts';

let t: TestHub;
let db: Db;
let clerk: HubSocket;
let clerkSnapshot: Snapshot;

beforeEach(async () => {
  t = await startTestHub({ counters: 3, hub: { sweepIntervalMs: 3_600_000 } });
  db = openDatabase(t.dbPath);
  ({ socket: clerk, snapshot: clerkSnapshot } = await t.connectReady(
    (await t.login('cb1', 'c1')).token,
  ));
});
afterEach(async () => {
  db.close();
  await t.close();
});

const SITE = 'trung-tam';
const ALL: ApiPermission[] = [
  'queue:read',
  'tickets:issue',
  'counters:act',
  'tickets:manage',
  'reports:read',
];

async function newKey(permissions = ALL, siteId: string | null = SITE) {
  const deps = { province: asyncProvince(t.province), clock: t.clock };
  return createApiKey(deps, { name: 'Hệ thống một cửa', siteId, permissions }, 'admin');
}

async function call<T = unknown>(
  secret: string | null,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Ack<T> }> {
  const res = await fetch(`${t.url}/api/v1${path}`, {
    method,
    headers: {
      ...(secret && { authorization: `Bearer ${secret}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Ack<T> };
}

async function ok<T>(p: Promise<{ status: number; body: Ack<T> }>): Promise<T> {
  const { status, body } = await p;
  if (!body.ok) throw new Error(`refused ${status}: ${body.error.code} ${body.error.message}`);
  expect(status).toBe(200);
  return body.data;
}

function actorsOf(ticketId: string): { type: string; actor: string }[] {
  return db
    .prepare('SELECT type, actor FROM events WHERE ticket_id = ? ORDER BY seq')
    .all(ticketId) as { type: string; actor: string }[];
}

describe('REST API: each route as its socket event', () => {
  it('issues, calls next, starts and finishes; the clerk’s screen hears it, the log names the key', async () => {
    const key = await newKey();
    const heard: QueueEvent[] = [];
    clerk.on('event', (e) => heard.push(e.event));

    const issued = await ok<IssuedTicket>(
      call(key.secret, 'POST', `/sites/${SITE}/tickets`, { fieldId: 'ho-tich' }),
    );
    expect(issued.ticket).toMatchObject({ label: '1001', status: 'waiting', fieldId: 'ho-tich' });
    expect(issued.path).toMatch(/^\/t\//);
    expect(issued.ahead).toBe(0);

    // The same event from a kiosk's socket gives the same kind of ticket, the next number.
    const kiosk = (await t.connectReady(t.tokens.kiosk!)).socket;
    const bySocket = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
    expect(bySocket.ok && Object.keys(bySocket.data.ticket).sort()).toEqual(
      Object.keys(issued.ticket).sort(),
    );
    expect(bySocket.ok && bySocket.data.ticket.label).toBe('1002');

    const c1 = `/sites/${SITE}/counters/c1`;
    const called = await ok<Ticket>(call(key.secret, 'POST', `${c1}/call-next`));
    expect(called).toMatchObject({ id: issued.ticket.id, status: 'called', counterId: 'c1' });
    expect(called.clerkId).toBe('cb1');
    await ok(call(key.secret, 'POST', `${c1}/start`));
    const done = await ok<Ticket>(call(key.secret, 'POST', `${c1}/finish`, {}));
    expect(done.status).toBe('done');

    await expect
      .poll(() => heard.map((e) => e.type))
      .toEqual([
        'ticket.issued',
        'ticket.issued',
        'ticket.called',
        'ticket.started',
        'ticket.finished',
      ]);
    const actor = `api:${key.id}`;
    expect(actorsOf(issued.ticket.id)).toEqual([
      { type: 'ticket.issued', actor },
      { type: 'ticket.called', actor },
      { type: 'ticket.started', actor },
      { type: 'ticket.finished', actor },
    ]);
    // Refused as the socket refuses: nothing waits in the field any more but 1002.
    await ok(call(key.secret, 'POST', `${c1}/call-next`));
    const nothing = await call(key.secret, 'POST', `${c1}/call-next`);
    const sockets = await request(clerk, 'counter:callNext', {});
    expect(nothing.status).toBe(409);
    expect(nothing.body).toEqual(sockets);
  });

  it('reads the queue, a ticket, the counters and the devices as the screens see them', async () => {
    const key = await newKey(['queue:read', 'tickets:issue']);
    const issued = await ok<IssuedTicket>(
      call(key.secret, 'POST', `/sites/${SITE}/tickets`, { fieldId: 'dat-dai' }),
    );
    const { snapshot } = await t.connectReady((await t.login('cb2', 'c2')).token);
    const queue = await ok<QueueView>(call(key.secret, 'GET', `/sites/${SITE}/queue`));
    expect(queue.seq).toBe(snapshot.seq);
    expect(queue.tickets).toEqual(Object.values(snapshot.state.tickets));
    expect(queue.counters.map((c) => [c.id, c.status, c.clerkId])).toEqual([
      ['c1', 'open', 'cb1'],
      ['c2', 'open', 'cb2'],
      ['c3', 'closed', null],
    ]);
    const one = await ok<Ticket>(
      call(key.secret, 'GET', `/sites/${SITE}/tickets/${issued.ticket.id}`),
    );
    expect(one).toEqual(snapshot.state.tickets[issued.ticket.id]);
    const missing = await call(key.secret, 'GET', `/sites/${SITE}/tickets/khong-co`);
    expect([missing.status, !missing.body.ok && missing.body.error.code]).toEqual([
      404,
      'NOT_FOUND',
    ]);
    const counters = await ok<CounterView[]>(call(key.secret, 'GET', `/sites/${SITE}/counters`));
    expect(counters.map((c) => c.name)).toEqual(['Quầy 1', 'Quầy 2', 'Quầy 3']);
    expect(clerkSnapshot.state.counters.c1?.status).toBe('open');
    const devices = await ok<{ deviceId: string }[]>(
      call(key.secret, 'GET', `/sites/${SITE}/devices`),
    );
    expect(devices.map((d) => d.deviceId)).toContain('kiosk');
  });

  it('cancels and moves as a supervisor: the audit trail names the key; a reason stays with staff', async () => {
    const key = await newKey();
    const a = await ok<IssuedTicket>(
      call(key.secret, 'POST', `/sites/${SITE}/tickets`, { fieldId: 'ho-tich' }),
    );
    const b = await ok<IssuedTicket>(
      call(key.secret, 'POST', `/sites/${SITE}/tickets`, { fieldId: 'ho-tich' }),
    );
    const cancelled = await ok<{ ticketId: string }>(
      call(key.secret, 'POST', `/sites/${SITE}/tickets/${a.ticket.id}/cancel`, {
        reason: 'Công dân hủy',
      }),
    );
    expect(cancelled.ticketId).toBe(a.ticket.id);
    const moved = await ok<Ticket>(
      call(key.secret, 'POST', `/sites/${SITE}/tickets/${b.ticket.id}/move`, {
        to: { fieldId: 'dat-dai' },
        reason: 'Nhầm lĩnh vực',
      }),
    );
    expect(moved.fieldId).toBe('dat-dai');
    const audit = db.prepare('SELECT actor, action FROM audit_log ORDER BY rowid').all() as {
      actor: string;
      action: string;
    }[];
    expect(audit.filter((e) => e.actor === `api:${key.id}`).map((e) => e.action)).toEqual([
      'ticket.cancel',
      'ticket.move',
    ]);
    // A clerk's view: the queue read does not carry the reasons.
    const queue = await ok<QueueView>(call(key.secret, 'GET', `/sites/${SITE}/queue`));
    expect(JSON.stringify(queue)).not.toContain('Công dân hủy');
  });

  it('acts at a counter only through the clerk signed in there', async () => {
    const key = await newKey();
    await ok(call(key.secret, 'POST', `/sites/${SITE}/tickets`, { fieldId: 'ho-tich' }));
    const closed = await call(key.secret, 'POST', `/sites/${SITE}/counters/c3/call-next`);
    expect([closed.status, !closed.body.ok && closed.body.error.code]).toEqual([
      409,
      'COUNTER_CLOSED',
    ]);
    const unknown = await call(key.secret, 'POST', `/sites/${SITE}/counters/c9/call-next`);
    expect(unknown.status).toBe(404);
    await ok(call(key.secret, 'POST', `/sites/${SITE}/counters/c1/pause`, { reason: 'Họp' }));
    const paused = await call(key.secret, 'POST', `/sites/${SITE}/counters/c1/call-next`);
    expect(!paused.body.ok && paused.body.error.code).toBe('COUNTER_PAUSED');
    await ok(call(key.secret, 'POST', `/sites/${SITE}/counters/c1/resume`));
    await ok(call(key.secret, 'POST', `/sites/${SITE}/counters/c1/call-next`));
  });

  it('answers reports and their files from the report engine, as the admin app gets them', async () => {
    const key = await newKey(['reports:read']);
    const q = 'from=2026-11-23&to=2026-11-23&groupBy=field';
    const admin = (await t.login('admin')).token;
    const viaSession = await fetch(`${t.url}/api/reports?${q}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const viaKey = await call(key.secret, 'GET', `/sites/${SITE}/reports?${q}`);
    // The same report but for how long it took to build.
    const timeless = (body: unknown) => JSON.stringify(body).replace(/"elapsedMs":\d+/, '');
    expect(timeless(viaKey.body)).toBe(timeless(await viaSession.json()));
    expect(viaKey.body.ok).toBe(true);
    const csv = await fetch(`${t.url}/api/v1/sites/${SITE}/reports/export?${q}&format=csv`, {
      headers: { authorization: `Bearer ${key.secret}` },
    });
    const adminCsv = await fetch(`${t.url}/api/reports/export.csv?${q}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await csv.text()).toBe(await adminCsv.text());
    const bad = await call(
      key.secret,
      'GET',
      `/sites/${SITE}/reports?from=2026-11-30&to=2026-11-01`,
    );
    expect([bad.status, !bad.body.ok && bad.body.error.code]).toEqual([400, 'BAD_REQUEST']);
  });
});

describe('REST API: refusals change nothing', () => {
  it('401 without a key, with a wrong or revoked key; 403 for another site or a missing permission; 400 for a bad body', async () => {
    const good = await newKey();
    const readOnly = await newKey(['queue:read']);
    const elsewhere = await newKey(ALL, 'xa-khac');
    const revoked = await newKey();
    await t.province.revokeApiKey(revoked.id, 'admin', t.clock.now());
    await ok(call(good.secret, 'POST', `/sites/${SITE}/tickets`, { fieldId: 'ho-tich' }));
    // Each key used once, so its last-used time is already written for this minute.
    for (const k of [readOnly, elsewhere]) await call(k.secret, 'GET', `/sites/${SITE}/queue`);

    const issue = `/sites/${SITE}/tickets`;
    const cases: [string, string | null, 'GET' | 'POST', string, unknown, number, string][] = [
      ['no key', null, 'POST', issue, { fieldId: 'ho-tich' }, 401, 'UNAUTHENTICATED'],
      [
        'unknown key',
        `luot_k_${'A'.repeat(43)}`,
        'POST',
        issue,
        { fieldId: 'ho-tich' },
        401,
        'UNAUTHENTICATED',
      ],
      [
        'a session token',
        (await t.login('admin')).token,
        'GET',
        `/sites/${SITE}/queue`,
        undefined,
        401,
        'UNAUTHENTICATED',
      ],
      [
        'revoked key',
        revoked.secret,
        'POST',
        issue,
        { fieldId: 'ho-tich' },
        401,
        'UNAUTHENTICATED',
      ],
      [
        'other site’s key',
        elsewhere.secret,
        'POST',
        issue,
        { fieldId: 'ho-tich' },
        403,
        'FORBIDDEN',
      ],
      ['no permission', readOnly.secret, 'POST', issue, { fieldId: 'ho-tich' }, 403, 'FORBIDDEN'],
      [
        'no permission (call)',
        readOnly.secret,
        'POST',
        `/sites/${SITE}/counters/c1/call-next`,
        {},
        403,
        'FORBIDDEN',
      ],
      ['bad body', good.secret, 'POST', issue, { fieldId: 5 }, 400, 'BAD_REQUEST'],
      [
        'extra field',
        good.secret,
        'POST',
        issue,
        { fieldId: 'ho-tich', counterId: 'c1' },
        400,
        'BAD_REQUEST',
      ],
      ['not an object', good.secret, 'POST', issue, ['ho-tich'], 400, 'BAD_REQUEST'],
      [
        'id in body',
        good.secret,
        'POST',
        `/sites/${SITE}/counters/c1/close`,
        { counterId: 'c2', reason: 'x' },
        400,
        'BAD_REQUEST',
      ],
      [
        'bad path',
        good.secret,
        'GET',
        `/sites/${SITE}/tickets/__proto__`,
        undefined,
        400,
        'BAD_REQUEST',
      ],
      [
        'no reason',
        good.secret,
        'POST',
        `/sites/${SITE}/counters/c1/transfer`,
        { to: { counterId: 'c2' } },
        400,
        'BAD_REQUEST',
      ],
      ['unknown site', good.secret, 'GET', '/sites/khong-co/queue', undefined, 403, 'FORBIDDEN'],
    ];
    for (const [what, secret, method, path, body, status, code] of cases) {
      const before = tableDigest(db);
      const live = JSON.stringify(t.hub.queue.live);
      const res = await call(secret, method, path, body);
      expect([res.status, !res.body.ok && res.body.error.code], what).toEqual([status, code]);
      expect(!res.body.ok && res.body.error.message.length, what).toBeGreaterThan(0);
      // A key's refusals say what is wrong with the key, in Vietnamese.
      if (status === 401 || (status === 403 && what !== 'unknown site'))
        expect(!res.body.ok && res.body.error.message, what).toMatch(/^(Thiếu khóa API|Khóa API)/);
      expect(tableDigest(db), what).toBe(before);
      expect(JSON.stringify(t.hub.queue.live), what).toBe(live);
    }
  });

  it('a key of every site reaches an unknown site as 404; its use is recorded', async () => {
    const key = await newKey(['queue:read'], null);
    const res = await call(key.secret, 'GET', '/sites/khong-co/queue');
    expect([res.status, !res.body.ok && res.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await t.province.apiKeyById(key.id))?.lastUsedAt).toBe(t.clock.now());
  });

  it('a key issues as one kiosk: a second ticket within the interval is refused 429 with Retry-After', async () => {
    // A hub with the production interval (the test hub's is 0).
    await t.close();
    t = await startTestHub({ counters: 1, hub: { kioskMinIntervalMs: 2000 } });
    db.close();
    db = openDatabase(t.dbPath);
    const key = await newKey(['tickets:issue']);
    const issue = () =>
      fetch(`${t.url}/api/v1/sites/${SITE}/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ fieldId: 'ho-tich' }),
      });
    expect((await issue()).status).toBe(200);
    const again = await issue();
    expect(again.status).toBe(429);
    expect(again.headers.get('retry-after')).toBe('2');
    t.clock.advance(2000);
    expect((await issue()).status).toBe(200);
  });
});
