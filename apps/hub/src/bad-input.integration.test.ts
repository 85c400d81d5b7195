import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHub, type HubSocket } from '@luot/hub-client';
import {
  CLIENT_EVENT_NAMES,
  CLIENT_EVENTS,
  ERROR_CODES,
  ROLES,
  type Ack,
  type ClientEventName,
  type Role,
} from '@luot/protocol';
import { openDatabase, tableDigest, type Db } from './db/index.ts';
import { request, startTestHub, testConfig, type TestHub } from '../testing/test-hub.ts';
import { signInAtDesk } from '../testing/desk.ts';

/** A well-formed payload of every event, naming things that exist in the test centre. */
const VALID: Record<ClientEventName, Record<string, unknown>> = {
  'ticket:issue': { fieldId: 'ho-tich', priorityClassId: null },
  'ticket:checkIn': { scanned: 'ABC234' },
  'ticket:abandon': { requestId: 'khong-co-yeu-cau', reason: 'Mất kết nối' },
  'ticket:cancel': { ticketId: 'TICKET', reason: 'In lỗi' },
  'counter:callNext': {},
  'counter:callTicket': { ticketId: 'TICKET' },
  'counter:recall': {},
  'counter:start': {},
  'counter:finish': {},
  'counter:noShow': {},
  'counter:transfer': { to: { fieldId: 'dat-dai' }, reason: 'Sai lĩnh vực' },
  'counter:pause': { reason: 'Nghỉ giải lao' },
  'counter:resume': {},
  'counter:close': { counterId: 'c2', reason: 'Hết giờ làm việc' },
  'counter:release': { counterId: 'c1', reason: 'Cán bộ vắng' },
  'clerk:signOut': { username: 'cb1', reason: 'Cán bộ về sớm' },
  'ticket:recall': { counterId: 'c1', reason: 'Công dân chưa nghe' },
  'ticket:move': { ticketId: 'TICKET', to: { fieldId: 'dat-dai' }, reason: 'Sai lĩnh vực' },
  'rating:submit': { ticketId: 'TICKET', score: 3 },
  'device:report': { printer: { online: true, paper: 'ok', coverOpen: false } },
  'sync:snapshot': {},
  'ticket:view': {},
  'desk:issue': { fieldId: 'ho-tich', priorityClassId: null },
  'desk:lookup': { label: '1001' },
  'desk:reprint': { ticketId: 'TICKET' },
  'day:close': {},
  'board:digest': {},
};
/** Keys a sender may leave out (the schema fills a default). */
const OPTIONAL = new Set([
  'priorityClassId',
  'reason@counter:pause',
  'reason@ticket:recall',
  'printer',
]);
/** Valid shapes whose ids name nothing. */
const UNKNOWN_IDS: Partial<Record<ClientEventName, Record<string, unknown>[]>> = {
  'ticket:issue': [
    { fieldId: 'khong-ton-tai' },
    { fieldId: 'ho-tich', priorityClassId: 'khong-ton-tai' },
  ],
  'ticket:cancel': [{ ticketId: 'khong-ton-tai', reason: 'x' }],
  'counter:callTicket': [{ ticketId: 'khong-ton-tai' }],
  'counter:transfer': [
    { to: { fieldId: 'khong-ton-tai' }, reason: 'x' },
    { to: { counterId: 'khong-ton-tai' }, reason: 'x' },
  ],
  'counter:close': [{ counterId: 'khong-ton-tai', reason: 'x' }],
  'counter:release': [{ counterId: 'khong-ton-tai', reason: 'x' }],
  'clerk:signOut': [{ username: 'khong-ton-tai', reason: 'x' }],
  'ticket:recall': [{ counterId: 'khong-ton-tai' }],
  'ticket:move': [
    { ticketId: 'khong-ton-tai', to: { fieldId: 'dat-dai' }, reason: 'x' },
    { ticketId: 'TICKET', to: { fieldId: 'khong-ton-tai' }, reason: 'x' },
    { ticketId: 'TICKET', to: { counterId: 'khong-ton-tai' }, reason: 'x' },
  ],
  'rating:submit': [{ ticketId: 'khong-ton-tai', score: 3 }],
  'desk:issue': [
    { fieldId: 'khong-ton-tai' },
    { fieldId: 'ho-tich', priorityClassId: 'khong-ton-tai' },
  ],
  'desk:lookup': [{ label: '9999' }],
  'desk:reprint': [{ ticketId: 'khong-ton-tai' }],
};

/** Longer than any field allows, yet under the hub's message limit (a bigger message closes the connection). */
const HUGE = 'x'.repeat(20_000);

/** Malformed variants of a valid payload: other types, missing and extra keys, huge strings. */
function malformed(event: ClientEventName, valid: Record<string, unknown>): [string, unknown][] {
  const cases: [string, unknown][] = [
    ['null', null],
    ['a string', 'ho-tich'],
    ['a number', 42],
    ['an array', [valid]],
    ['an extra key', { ...valid, extra: true }],
    ['a huge extra key', { ...valid, [HUGE.slice(0, 10_000)]: 1 }],
  ];
  for (const [key, value] of Object.entries(valid)) {
    if (!OPTIONAL.has(key) && !OPTIONAL.has(`${key}@${event}`)) {
      const rest = { ...valid };
      delete rest[key];
      cases.push([`without ${key}`, rest]);
    }
    cases.push([
      `${key} of the wrong type`,
      { ...valid, [key]: typeof value === 'number' ? 'ba' : 12345 },
    ]);
    cases.push([`${key} as a 20 KB string`, { ...valid, [key]: HUGE }]);
    if (value !== null && typeof value === 'object')
      cases.push([`${key} with a nested extra key`, { ...valid, [key]: { ...value, extra: 1 } }]);
  }
  return cases;
}

describe('bad input from every client', () => {
  let t: TestHub;
  let db: Db;
  const sockets = {} as Record<Role, HubSocket>;
  let ticketId = '';

  beforeAll(async () => {
    // A desk with no printer or kiosk: nothing in this test may reach a printer anyway.
    t = await startTestHub({
      counters: 2,
      config: testConfig(2, { desks: [{ id: 'ban1', name: 'Bàn 1' }] }),
    });
    db = openDatabase(t.dbPath);
    sockets.kiosk = (await t.connectReady(t.tokens.kiosk!)).socket;
    sockets.display = (await t.connectReady(t.tokens.display!)).socket;
    sockets.rating = (await t.connectReady(t.tokens.pad1!)).socket;
    sockets.clerk = (await t.connectReady((await t.login('cb1', 'c1')).token)).socket;
    sockets.supervisor = (await t.connectReady((await t.login('giamsat')).token)).socket;
    sockets.admin = (await t.connectReady((await t.login('admin')).token)).socket;
    sockets.guide = (await t.connectReady((await signInAtDesk(t, 'ban1')).token)).socket;
    // Some state to protect: two waiting tickets and one at counter 1.
    const issued = [];
    for (let i = 0; i < 3; i++)
      issued.push(await request(sockets.kiosk, 'ticket:issue', { fieldId: 'ho-tich' }));
    const first = issued[0]!;
    if (!first.ok) throw new Error('setup failed');
    ticketId = first.data.ticket.id;
    sockets.public = t.connect(first.data.token);
    await new Promise((resolve) => sockets.public.once('ticket:view', resolve));
    await request(sockets.clerk, 'counter:callNext', {});
  });
  afterAll(async () => {
    db.close();
    await t.close();
  });

  const senderOf = (event: ClientEventName): Role => CLIENT_EVENTS[event].roles[0];

  it.each(CLIENT_EVENT_NAMES)(
    '%s: every malformed payload is refused and changes nothing',
    async (event) => {
      const before = tableDigest(db);
      const seqBefore = t.hub.queue.seq;
      const valid = JSON.parse(JSON.stringify(VALID[event]).replaceAll('TICKET', ticketId));
      const variants = [
        ...malformed(event, valid),
        ...(UNKNOWN_IDS[event] ?? []).map((p) => ['unknown id', p] as [string, unknown]),
      ];
      for (const [label, payload] of variants) {
        const ack = (await request(
          sockets[senderOf(event)],
          event,
          payload as never,
        )) as Ack<unknown>;
        expect(ack.ok, `${event} ${label}`).toBe(false);
        if (!ack.ok) {
          expect(ERROR_CODES, `${event} ${label}`).toContain(ack.error.code);
          expect(ack.error.code, `${event} ${label}`).not.toBe('INTERNAL');
          expect(ack.error.message.length).toBeGreaterThan(3);
        }
      }
      expect(tableDigest(db)).toBe(before);
      expect(t.hub.queue.seq).toBe(seqBefore);
    },
  );

  it('refuses an event with no payload and an unknown event, with a code', async () => {
    const noPayload = await new Promise<Ack<unknown>>((resolve) =>
      (
        sockets.clerk as unknown as { emit: (e: string, cb: (a: Ack<unknown>) => void) => void }
      ).emit('counter:callNext', resolve),
    );
    expect(!noPayload.ok && noPayload.error.code).toBe('BAD_REQUEST');
    const unknown = await new Promise<Ack<unknown>>((resolve) =>
      (
        sockets.clerk as unknown as {
          emit: (e: string, p: unknown, cb: (a: Ack<unknown>) => void) => void;
        }
      ).emit('counter:explode', {}, resolve),
    );
    expect(!unknown.ok && unknown.error.code).toBe('BAD_REQUEST');
  });

  it('refuses sockets that have not signed in or paired, before any event', async () => {
    const seqBefore = t.hub.queue.seq;
    for (const token of [
      undefined,
      '',
      'dev_khong-co-that-1234567890',
      'ses_khong-co-that-1234567890',
      'abcdefghijklmnop',
    ]) {
      const socket = connectHub(t.url, token as string, { autoConnect: false });
      socket.connect();
      const err = await new Promise<Error & { data?: { code: string; message: string } }>(
        (resolve) => socket.once('connect_error', resolve),
      );
      socket.disconnect();
      expect(err.data?.code).toBe('UNAUTHENTICATED');
      expect(err.data?.message).toMatch(/đăng nhập|ghép nối/);
    }
    // A signed-out session stops working, for its open socket too.
    const supervisor = await t.login('giamsat');
    const { socket } = await t.connectReady(supervisor.token);
    const out = await fetch(`${t.url}/api/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(out.status).toBe(200);
    await expect.poll(() => socket.connected).toBe(false);
    const retry = connectHub(t.url, supervisor.token);
    const err = await new Promise<Error & { data?: { code: string } }>((resolve) =>
      retry.once('connect_error', resolve),
    );
    retry.disconnect();
    expect(err.data?.code).toBe('UNAUTHENTICATED');
    // Only the sessions table changed; the queue saw no event.
    expect(t.hub.queue.seq).toBe(seqBefore);
  });

  it('refuses bad sign-ins over HTTP with a code', async () => {
    const post = async (body: unknown) => {
      const res = await fetch(`${t.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Ack<unknown> };
    };
    expect(
      (await post({ username: 'cb2', password: 'sai-mat-khau', counterId: 'c2' })).status,
    ).toBe(401);
    expect((await post({ username: 'khong-co', password: 'x' })).status).toBe(401);
    expect((await post({ username: 'cb2' })).status).toBe(400);
    expect(
      (await post({ username: 'cb2', password: 'mat-khau-thu', counterId: 'c1' })).body,
    ).toMatchObject({
      ok: false,
      error: { code: 'COUNTER_BUSY' },
    });
    expect(
      (await post({ username: 'cb2', password: 'mat-khau-thu', counterId: 'c9' })).status,
    ).toBe(404);
  });
});

describe('who may send what', () => {
  let t: TestHub;
  const sockets = {} as Record<Role, HubSocket>;
  let ticketId = '';

  beforeAll(async () => {
    // A desk with no printer or kiosk: nothing in this test may reach a printer anyway.
    t = await startTestHub({
      counters: 2,
      config: testConfig(2, { desks: [{ id: 'ban1', name: 'Bàn 1' }] }),
    });
    sockets.kiosk = (await t.connectReady(t.tokens.kiosk!)).socket;
    sockets.display = (await t.connectReady(t.tokens.display!)).socket;
    sockets.rating = (await t.connectReady(t.tokens.pad1!)).socket;
    sockets.clerk = (await t.connectReady((await t.login('cb1', 'c1')).token)).socket;
    sockets.supervisor = (await t.connectReady((await t.login('giamsat')).token)).socket;
    sockets.admin = (await t.connectReady((await t.login('admin')).token)).socket;
    sockets.guide = (await t.connectReady((await signInAtDesk(t, 'ban1')).token)).socket;
    const issued = await request(sockets.kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
    if (!issued.ok) throw new Error('setup failed');
    ticketId = issued.data.ticket.id;
    sockets.public = t.connect(issued.data.token);
    await new Promise((resolve) => sockets.public.once('ticket:view', resolve));
  });
  afterAll(async () => {
    await t.close();
  });

  const pairs = ROLES.flatMap((role) => CLIENT_EVENT_NAMES.map((event) => [role, event] as const));

  it.each(pairs)('%s → %s', async (role, event) => {
    const allowed = (CLIENT_EVENTS[event].roles as readonly Role[]).includes(role);
    const payload = JSON.parse(JSON.stringify(VALID[event]).replaceAll('TICKET', ticketId));
    const ack = (await request(sockets[role], event, payload as never)) as Ack<unknown>;
    if (allowed) expect(!ack.ok && ack.error.code).not.toBe('FORBIDDEN');
    else expect(!ack.ok && ack.error.code).toBe('FORBIDDEN');
  });

  it('keeps the role table as the product describes it', () => {
    const table = Object.fromEntries(
      CLIENT_EVENT_NAMES.map((e) => [e, [...CLIENT_EVENTS[e].roles].sort()]),
    );
    expect(table['ticket:issue']).toEqual(['kiosk']);
    expect(table['counter:callNext']).toEqual(['clerk']);
    expect(table['rating:submit']).toEqual(['rating']);
    expect(table['ticket:view']).toEqual(['public']);
    for (const e of CLIENT_EVENT_NAMES) {
      if (e === 'ticket:view') continue;
      expect(table[e], e).not.toContain('public');
      if (e !== 'device:report' && e !== 'sync:snapshot' && e !== 'board:digest')
        expect(table[e], e).not.toContain('display');
    }
  });
});
