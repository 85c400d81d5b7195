import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Ack, SequencedEvent, Snapshot } from '@luot/protocol';
import { addUser } from './setup.ts';
import { PASSWORD, request, startTestHub, testConfig, type TestHub } from '../testing/test-hub.ts';

// Issue 11, item 6 ("least data"), against a real hub over real sockets and HTTP: what lobby
// boards, counter signs, rating pads and kiosks receive; CSV cells that look like formulas;
// report days that are not calendar days; ids named like Object.prototype's properties.

const TRANSFER_REASON = 'SĐT 0912345678, CCCD 001099012345';
const PAUSE_REASON = 'Về sớm đón con, gọi 0987654321';
const CANCEL_REASON = 'Công dân nhờ gọi lại 0909111222';
const SECRETS = ['0912345678', '001099012345', '0987654321', '0909111222'];
const FORMULA = '=HYPERLINK("http://evil.example/x","Bấm")';
const RATING_LABEL = '+SUM(1,1)';
const CLERK_NAME = '@SUM(1+1)*cmd|" /C calc"!A0';

type Socket = ReturnType<TestHub['connect']>;

let t: TestHub;
/** Everything each listener received, as the raw JSON the socket delivered (events and acks). */
const received: Record<string, string[]> = {};
const sockets: Record<string, Socket> = {};
let supervisorToken = '';

/** Connects with `token`, recording every message the hub sends it from the first one. */
async function listen(name: string, token: string): Promise<Socket> {
  received[name] = [];
  const socket = t.connect(token);
  socket.onAny((event: string, ...args: unknown[]) =>
    received[name]!.push(JSON.stringify([event, ...args])),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  sockets[name] = socket;
  return socket;
}

async function ok<T>(ack: Promise<Ack<T>>): Promise<T> {
  const res = await ack;
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return res.data;
}

const DEVICES = ['lobby', 'display', 'kiosk', 'sign1', 'pad1'] as const;

beforeAll(async () => {
  const config = testConfig(2);
  config.fields[1]!.name = FORMULA;
  config.counters[1]!.name = '+cmd|" /C calc"!A0';
  config.ratingScale[2]!.label = RATING_LABEL;
  t = await startTestHub({ counters: 2, config });
  await addUser(
    t.province,
    { username: 'ke-gian', name: CLERK_NAME, role: 'clerk', password: PASSWORD, sites: t.siteIds },
    0,
  );
  for (const d of DEVICES) await listen(d, t.tokens[d]!);
  supervisorToken = (await t.login('giamsat')).token;
  await listen('supervisor', supervisorToken);

  const kiosk = sockets.kiosk!;
  const clerk = (await t.connectReady((await t.login('cb1', 'c1')).token)).socket;
  const other = (await t.connectReady((await t.login('ke-gian', 'c2')).token)).socket;
  await listen('clerk', (await t.login('cb1', 'c1')).token);
  for (let i = 0; i < 3; i++) {
    t.clock.advance(60_000);
    await ok(request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' }));
  }
  t.clock.advance(60_000);
  await ok(request(clerk, 'counter:callNext', {}));
  await ok(request(clerk, 'counter:start', {}));
  t.clock.advance(60_000);
  // The clerk sends the citizen on to the land office, typing the citizen's phone and ID number.
  await ok(
    request(clerk, 'counter:transfer', { to: { fieldId: 'dat-dai' }, reason: TRANSFER_REASON }),
  );
  await ok(request(other, 'counter:callNext', {}));
  await ok(request(other, 'counter:start', {}));
  t.clock.advance(300_000);
  await ok(request(other, 'counter:finish', {}));
  await ok(request(clerk, 'counter:callNext', {}));
  await ok(request(clerk, 'counter:start', {}));
  t.clock.advance(120_000);
  const finished = await ok(request(clerk, 'counter:finish', {}));
  await ok(request(sockets.pad1!, 'rating:submit', { ticketId: finished.id, score: 3 }));
  await ok(request(clerk, 'counter:pause', { reason: PAUSE_REASON }));
  const waiting = Object.values(t.hub.queue.live.tickets).find((x) => x.status === 'waiting')!;
  await ok(
    request(sockets.supervisor!, 'ticket:cancel', { ticketId: waiting.id, reason: CANCEL_REASON }),
  );
  // Every listener asks for a fresh snapshot too (what a client does after a gap). Its answer
  // comes after every event already sent on the same connection.
  for (const d of [...DEVICES, 'supervisor', 'clerk'])
    received[d]!.push(JSON.stringify(await request(sockets[d]!, 'sync:snapshot', {})));
});

afterAll(async () => {
  await t?.close();
});

describe('devices get a view made for them', () => {
  it.each(DEVICES)('%s never receives a free-text reason nor a clerk username', (device) => {
    const raw = received[device]!.join('\n');
    for (const type of ['ticket.transferred', 'counter.paused', 'ticket.cancelled', 'ticket.rated'])
      expect(raw).toContain(type);
    for (const secret of SECRETS) expect(raw).not.toContain(secret);
    for (const username of ['cb1', 'ke-gian', 'giamsat'])
      expect(raw).not.toContain(`"${username}"`);
  });

  it('a supervisor still receives the reasons and the usernames', () => {
    const raw = received.supervisor!.join('\n');
    for (const secret of SECRETS) expect(raw).toContain(secret);
    expect(raw).toContain('"cb1"');
    expect(raw).toContain('"ke-gian"');
  });

  it('a clerk gets usernames (its screen finds its counter by them) but no reasons', () => {
    const raw = received.clerk!.join('\n');
    for (const secret of SECRETS) expect(raw).not.toContain(secret);
    expect(raw).toContain('"cb1"');
  });

  it('every audience gets the same sequence numbers, and a device folds them to its snapshot', () => {
    const seqs = (name: string) =>
      received[name]!.map((m) => JSON.parse(m) as unknown[])
        .filter((m) => m[0] === 'event')
        .map((m) => (m[1] as SequencedEvent).seq);
    expect(seqs('lobby').length).toBeGreaterThan(10);
    expect(seqs('lobby')).toEqual(seqs('supervisor').slice(-seqs('lobby').length));
    for (const d of DEVICES) expect(seqs(d)).toEqual(seqs('lobby').slice(-seqs(d).length));
    const fresh = JSON.parse(received.lobby!.at(-1)!) as Ack<Snapshot>;
    expect(fresh.ok && fresh.data.state.counters.c1!.status).toBe('paused');
    expect(fresh.ok && fresh.data.state.counters.c1!.pauseReason).toBe('');
    expect(fresh.ok && fresh.data.state.counters.c2!.clerkId).toBe('');
  });
});

async function get(path: string): Promise<Response> {
  return fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${supervisorToken}` } });
}

describe('exports never hand a spreadsheet a formula', () => {
  it.each(['field', 'counter', 'clerk'])(
    "CSV grouped by %s: names that look like formulas start with '",
    async (groupBy) => {
      const res = await get(
        `/api/reports/export.csv?from=2026-11-23&to=2026-11-23&groupBy=${groupBy}`,
      );
      expect(res.status).toBe(200);
      const csv = await res.text();
      const cells = csv.split('\r\n').map((line) => line.match(/("([^"]|"")*"|[^;]*)(;|$)/g) ?? []);
      const first = cells.map((row) => (row[0] ?? '').replace(/;$/, ''));
      // No cell at all starts with a formula character (a quoted one is looked at inside its quotes).
      for (const row of cells)
        for (const raw of row) {
          const cell = raw.replace(/;$/, '').replace(/^"/, '');
          expect(cell).not.toMatch(/^[=+@\t\r]/);
          if (cell.startsWith('-')) expect(cell).toMatch(/^-\d/); // a negative number stays a number
        }
      // A counter's row reads "Quầy 2 – <name>", so its name never starts the cell.
      const expected = {
        field: `"'${FORMULA.replaceAll('"', '""')}"`,
        counter: null,
        clerk: `"'${CLERK_NAME.replaceAll('"', '""')} (ke-gian)"`,
      }[groupBy];
      if (expected) expect(first).toContain(expected);
      // A rating level's label is a column header.
      expect(csv.split('\r\n')[0]).toContain(`;"'${RATING_LABEL}";`);
      // Numbers are still plain numbers.
      expect(csv).toMatch(/\r\nTổng[^\r]*;\d+;/);
    },
  );

  it('the Excel export writes those names as text, with no formula anywhere', async () => {
    const res = await get('/api/reports/export.xlsx?from=2026-11-23&to=2026-11-23&groupBy=field');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const values: unknown[] = [];
    wb.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          values.push(cell.value);
        }),
      ),
    );
    expect(values).toContain(FORMULA);
  });
});

describe('report days are real calendar days', () => {
  it.each([
    ['2026-11-31', '2026-11-30'],
    ['2026-11-01', '9999-99-99'],
    ['2026-02-29', '2026-03-01'],
    ['2026-11-30', '2026-11-3'],
  ])('from=%s to=%s → 400 with a message naming the day', async (from, to) => {
    for (const path of ['/api/reports', '/api/reports/export.csv', '/api/reports/export.xlsx']) {
      const res = await get(`${path}?from=${from}&to=${to}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as Ack<unknown>;
      expect(body.ok).toBe(false);
      if (!body.ok) {
        expect(body.error.code).toBe('BAD_REQUEST');
        expect(body.error.message).toContain('ngày có thật');
      }
    }
  });

  it('a span of more than 400 days is refused, whatever the days', async () => {
    const res = await get('/api/reports?from=2020-01-01&to=9999-12-31');
    expect(res.status).toBe(400);
    const body = (await res.json()) as Ack<unknown>;
    expect(!body.ok && body.error.message).toContain('400 ngày');
  });
});

describe('ids named like Object.prototype properties are refused', () => {
  const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

  it.each(NAMES)(
    'ticket or counter id %s → BAD_REQUEST over a real socket, nothing changes',
    async (name) => {
      const clerk = sockets.clerk!;
      const before = JSON.stringify(t.hub.queue.live);
      const asks: [Socket, Parameters<typeof request>[1], object][] = [
        [clerk, 'counter:callTicket', { ticketId: name }],
        [sockets.supervisor!, 'ticket:cancel', { ticketId: name, reason: 'thử' }],
        [sockets.supervisor!, 'counter:close', { counterId: name, reason: 'thử' }],
        [sockets.pad1!, 'rating:submit', { ticketId: name, score: 3 }],
        [sockets.kiosk!, 'ticket:issue', { fieldId: name }],
        [clerk, 'counter:transfer', { to: { counterId: name }, reason: 'thử' }],
      ];
      for (const [socket, event, payload] of asks) {
        const res = (await request(
          socket,
          event as 'counter:close',
          payload as never,
        )) as Ack<unknown>;
        expect(res.ok ? 'accepted' : res.error.code).toBe('BAD_REQUEST');
      }
      expect(JSON.stringify(t.hub.queue.live)).toBe(before);
    },
  );

  it('an admin cannot pair a device named "constructor", nor one at counter "__proto__"', async () => {
    const admin = (await t.login('admin')).token;
    for (const body of [
      { id: 'constructor', kind: 'display', name: 'Bảng' },
      { id: 'bang-2', kind: 'display', name: 'Bảng', counterId: '__proto__' },
      { id: 'bang-3', kind: 'rating', name: 'Bảng', counterId: 'c1' },
    ]) {
      const res = await fetch(`${t.url}/api/admin/devices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const expected = body.counterId === 'c1' ? 200 : 400;
      expect(res.status, JSON.stringify(body)).toBe(expected);
    }
  });
});
