import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubSocket } from '@luot/hub-client';
import type { Ack, AuditEntry, ClientEventName, ClientPayload } from '@luot/protocol';
import { openDatabase, tableDigest, type Db } from './db/index.ts';
import { request, startTestHub, type TestHub } from '../testing/test-hub.ts';

let t: TestHub;
let db: Db;
let kiosk: HubSocket;
let clerk: HubSocket;
let sup: HubSocket;

beforeEach(async () => {
  // No sweep within a test: a dropped socket is the action's doing.
  t = await startTestHub({ counters: 3, hub: { sweepIntervalMs: 3_600_000 } });
  db = openDatabase(t.dbPath);
  kiosk = (await t.connectReady(t.tokens.kiosk!)).socket;
  clerk = (await t.connectReady((await t.login('cb1', 'c1')).token)).socket;
  sup = (await t.connectReady((await t.login('giamsat')).token)).socket;
});
afterEach(async () => {
  db.close();
  await t.close();
});

async function ok<T>(ack: Promise<Ack<T>>): Promise<T> {
  const res = await ack;
  if (!res.ok) throw new Error(`refused: ${res.error.code} ${res.error.message}`);
  return res.data;
}

async function issue(fieldId = 'ho-tich') {
  t.clock.advance(3_000); // a kiosk issues at most one ticket every 2 s
  return (await ok(request(kiosk, 'ticket:issue', { fieldId }))).ticket;
}

async function audit(): Promise<AuditEntry[]> {
  const res = await fetch(`${t.url}/api/admin/audit?limit=20`, {
    headers: { authorization: `Bearer ${(await t.login('admin')).token}` },
  });
  const body = (await res.json()) as Ack<AuditEntry[]>;
  if (!body.ok) throw new Error('audit unreadable');
  return body.data.filter((e) => !e.action.startsWith('auth.'));
}

/** Asks, expects a refusal with this code and words, and checks the database did not change. */
async function refused<E extends ClientEventName>(
  event: E,
  payload: ClientPayload<E>,
  code: string,
  words: RegExp,
) {
  const before = tableDigest(db);
  const live = JSON.stringify(t.hub.queue.live);
  const res = await request(sup, event, payload);
  expect(res.ok ? 'accepted' : res.error.code, event).toBe(code);
  if (!res.ok) expect(res.error.message).toMatch(words);
  expect(tableDigest(db), event).toBe(before);
  expect(JSON.stringify(t.hub.queue.live)).toBe(live);
}

describe('supervisor actions over real sockets', () => {
  it('releases a counter left with a called ticket: it waits again in its place, another clerk opens the counter', async () => {
    const first = await issue();
    await issue();
    await ok(request(clerk, 'counter:callNext', {}));
    // Another clerk is blocked from the counter while it holds the ticket.
    await expect(t.login('cb2', 'c1')).rejects.toThrow(/COUNTER_BUSY/);
    // Closing it is refused, naming the ticket.
    await refused(
      'counter:close',
      { counterId: 'c1', reason: 'Hết giờ' },
      'COUNTER_BUSY',
      /Quầy 1 đang phục vụ số 1001; hãy giải phóng quầy trước/,
    );

    const released = await ok(
      request(sup, 'counter:release', { counterId: 'c1', reason: 'Cán bộ vắng đột xuất' }),
    );
    expect(released).toEqual({ counterId: 'c1', ticketId: first.id, outcome: 'waiting' });
    const live = t.hub.queue.live;
    expect(live.counters.c1).toMatchObject({ status: 'closed', currentTicketId: null });
    expect(live.tickets[first.id]).toMatchObject({ status: 'waiting', issuedAt: first.issuedAt });

    // Another clerk opens it and is given 1001 again, ahead of 1002.
    const other = (await t.connectReady((await t.login('cb2', 'c1')).token)).socket;
    const again = await ok(request(other, 'counter:callNext', {}));
    expect(again.label).toBe('1001');
    // The first clerk's counter is gone: their actions are refused.
    expect((await request(clerk, 'counter:callNext', {})).ok).toBe(false);

    const [entry] = await audit();
    expect(entry).toMatchObject({
      actor: 'giamsat',
      action: 'counter.release',
      target: 'Quầy 1',
      detail: { reason: 'Cán bộ vắng đột xuất', to: 'số 1001: trở lại hàng chờ' },
    });
  });

  it('release finishes a ticket in service', async () => {
    const first = await issue();
    await ok(request(clerk, 'counter:callNext', {}));
    await ok(request(clerk, 'counter:start', {}));
    const released = await ok(
      request(sup, 'counter:release', { counterId: 'c1', reason: 'Quên bấm kết thúc' }),
    );
    expect(released.outcome).toBe('done');
    expect(t.hub.queue.live.tickets[first.id]?.status).toBe('done');
    await refused(
      'counter:release',
      { counterId: 'c1', reason: 'Lần nữa' },
      'COUNTER_CLOSED',
      /Quầy 1 đang đóng/,
    );
  });

  it('closes an idle counter, with its reason in the audit trail', async () => {
    await ok(request(sup, 'counter:close', { counterId: 'c1', reason: 'Hết ca' }));
    expect(t.hub.queue.live.counters.c1?.status).toBe('closed');
    expect((await audit())[0]).toMatchObject({
      action: 'counter.close',
      detail: { reason: 'Hết ca' },
    });
    await refused(
      'counter:close',
      { counterId: 'c1', reason: 'Hết ca' },
      'COUNTER_CLOSED',
      /đang đóng/,
    );
  });

  it("signs a clerk out: the counter closes, the clerk's socket and session are refused", async () => {
    const login = await t.login('cb2', 'c2');
    const cb2 = (await t.connectReady(login.token)).socket;
    const gone = new Promise<string>((resolve) => cb2.once('disconnect', resolve));
    const res = await ok(request(sup, 'clerk:signOut', { username: 'cb2', reason: 'Về sớm' }));
    expect(res).toEqual({ username: 'cb2', closedCounterIds: ['c2'], sessionsEnded: 1 });
    expect(await gone).toBe('io server disconnect');
    expect(t.hub.queue.live.counters.c2?.status).toBe('closed');
    // The session is over: HTTP and a new socket refuse it.
    const session = await fetch(`${t.url}/api/session`, {
      headers: { authorization: `Bearer ${login.token}` },
    });
    expect(session.status).toBe(401);
    const socket = t.connect(login.token);
    const error = await new Promise<string>((resolve) =>
      socket.once('connect_error', (e) => resolve(e.message)),
    );
    expect(error).toBe('UNAUTHENTICATED');
    socket.close();
    expect((await audit())[0]).toMatchObject({
      action: 'clerk.sign-out',
      target: 'cb2',
      detail: { reason: 'Về sớm', counterId: 'c2' },
    });
    // Again: nobody to sign out.
    await refused(
      'clerk:signOut',
      { username: 'cb2', reason: 'Về sớm' },
      'INVALID_STATE',
      /không đăng nhập/,
    );
  });

  it('refuses to sign out a clerk who holds a ticket, or someone who is not a clerk', async () => {
    await issue();
    await ok(request(clerk, 'counter:callNext', {}));
    await refused(
      'clerk:signOut',
      { username: 'cb1', reason: 'Về sớm' },
      'COUNTER_BUSY',
      /đang phục vụ số 1001; hãy giải phóng quầy trước/,
    );
    expect(clerk.connected).toBe(true);
    await refused(
      'clerk:signOut',
      { username: 'admin', reason: 'x' },
      'INVALID_ARGUMENT',
      /cán bộ một cửa/,
    );
    await refused('clerk:signOut', { username: 'khong-co', reason: 'x' }, 'NOT_FOUND', /./);
  });

  it('recalls the called ticket at its counter: the boards hear it', async () => {
    await issue();
    await ok(request(clerk, 'counter:callNext', {}));
    const board = (await t.connectReady(t.tokens.lobby!)).socket;
    const heard = new Promise<string>((resolve) =>
      board.on('event', ({ event }) => {
        if (event.type === 'ticket.recalled') resolve(event.counterId);
      }),
    );
    const ticket = await ok(request(sup, 'ticket:recall', { counterId: 'c1' }));
    expect(ticket.callCount).toBe(2);
    expect(await heard).toBe('c1');
    expect((await audit())[0]).toMatchObject({ action: 'ticket.recall', target: 'số 1001' });
    await ok(request(clerk, 'counter:start', {}));
    await refused(
      'ticket:recall',
      { counterId: 'c1' },
      'INVALID_STATE',
      /Quầy 1 không có số nào đang gọi/,
    );
    await refused('ticket:recall', { counterId: 'c3' }, 'COUNTER_CLOSED', /Quầy 3 đang đóng/);
  });

  it('moves a waiting ticket to another field or counter, keeping its place; refuses what cannot apply', async () => {
    const a = await issue('ho-tich');
    await issue('dat-dai');
    const moved = await ok(
      request(sup, 'ticket:move', {
        ticketId: a.id,
        to: { fieldId: 'dat-dai' },
        reason: 'Nhầm lĩnh vực',
      }),
    );
    expect(moved).toMatchObject({ fieldId: 'dat-dai', status: 'waiting', issuedAt: a.issuedAt });
    expect((await audit())[0]).toMatchObject({
      action: 'ticket.move',
      target: 'số 1001',
      detail: { reason: 'Nhầm lĩnh vực', to: 'lĩnh vực Đất đai' },
    });
    // 1001 was taken before A001: the counter calls it first.
    expect((await ok(request(clerk, 'counter:callNext', {}))).label).toBe('1001');
    await refused(
      'ticket:move',
      { ticketId: a.id, to: { fieldId: 'ho-tich' }, reason: 'x' },
      'INVALID_STATE',
      /Số 1001 đang ở Quầy 1; hãy giải phóng quầy trước/,
    );
    const b = await issue('ho-tich');
    await refused(
      'ticket:move',
      { ticketId: b.id, to: { fieldId: 'ho-tich' }, reason: 'x' },
      'INVALID_ARGUMENT',
      /đã ở lĩnh vực Tư pháp – Hộ tịch/,
    );
    await refused(
      'ticket:move',
      { ticketId: b.id, to: { fieldId: 'thue' }, reason: 'x' },
      'NOT_FOUND',
      /lĩnh vực/,
    );
    const toCounter = await ok(
      request(sup, 'ticket:move', {
        ticketId: b.id,
        to: { counterId: 'c3' },
        reason: 'Hồ sơ phức tạp',
      }),
    );
    expect(toCounter.assignedCounterId).toBe('c3');
    await refused(
      'ticket:move',
      { ticketId: b.id, to: { counterId: 'c3' }, reason: 'x' },
      'INVALID_ARGUMENT',
      /đã được chuyển cho Quầy 3/,
    );
  });

  it('cancels a ticket with its reason in the audit trail; a final ticket is refused', async () => {
    const a = await issue();
    await ok(request(sup, 'ticket:cancel', { ticketId: a.id, reason: 'Công dân ra về' }));
    expect(t.hub.queue.live.tickets[a.id]?.status).toBe('cancelled');
    expect((await audit())[0]).toMatchObject({
      action: 'ticket.cancel',
      target: 'số 1001',
      detail: { reason: 'Công dân ra về' },
    });
    await refused(
      'ticket:cancel',
      { ticketId: a.id, reason: 'Lần nữa' },
      'INVALID_STATE',
      /Số 1001 đã bị huỷ/,
    );
  });

  it('refuses clerks and devices', async () => {
    for (const socket of [clerk, kiosk]) {
      const res = await request(socket, 'counter:release', { counterId: 'c1', reason: 'x' });
      expect(res.ok ? 'accepted' : res.error.code).toBe('FORBIDDEN');
    }
  });
});
