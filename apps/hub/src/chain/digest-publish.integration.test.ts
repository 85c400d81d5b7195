// The log's daily digest where people see it (issue 17): a lobby board's `board:digest` and the
// report's GET /api/reports/digests and exports, on a real hub whose clock moves past midnight.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ChainDigestRow, PublishedDigest } from '@luot/protocol';
import { request, staffApi, startTestHub, type TestHub } from '../../testing/index.ts';
import { tableDigest } from '../db/index.ts';
import { digestCode } from './chain.ts';

/** 16:00 on Monday 2026-11-23, Asia/Ho_Chi_Minh. */
const MONDAY_4PM = Date.parse('2026-11-23T09:00:00Z');
/** 00:00:05 on Tuesday, 08:00 on Tuesday, 00:00:05 on Wednesday. */
const TUESDAY_MIDNIGHT = Date.parse('2026-11-23T17:00:05Z');
const TUESDAY_8AM = Date.parse('2026-11-24T01:00:00Z');
const WEDNESDAY_MIDNIGHT = Date.parse('2026-11-24T17:00:05Z');
const DAY_MS = 24 * 60 * 60_000;

let t: TestHub;
/** A supervisor's session: signed in when a test starts (a session ends with its day). */
let supervisor: string;
beforeAll(async () => {
  t = await startTestHub({ counters: 2, now: MONDAY_4PM, hub: { sessionIdleMs: 3 * DAY_MS } });
});
beforeEach(async () => {
  supervisor = (await t.login('giamsat')).token;
});
afterAll(async () => {
  await t?.close();
});

/** What the board's device is told now. */
async function boardAsks(): Promise<PublishedDigest | null> {
  const { socket } = await t.connectReady(t.tokens.display!);
  const answer = await request(socket, 'board:digest', {});
  socket.disconnect();
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.data;
}

async function issue(n: number): Promise<void> {
  const { socket } = await t.connectReady(t.tokens.kiosk!);
  for (let i = 0; i < n; i++) {
    const ack = await request(socket, 'ticket:issue', { fieldId: 'ho-tich' });
    if (!ack.ok) throw new Error(ack.error.code);
  }
  socket.disconnect();
}

/** Moves the clock past midnight and waits until the day that closed is sealed. */
async function pastMidnight(at: number, closed: string): Promise<void> {
  t.clock.set(at);
  await expect.poll(() => t.store.chainDigests(closed, closed).length).toBe(1);
}

it('shows no code before any day is sealed', async () => {
  await issue(3);
  expect(await boardAsks()).toBeNull();
  const answer = await staffApi<ChainDigestRow[]>(
    t.url,
    supervisor,
    'GET',
    '/api/reports/digests?from=2026-11-01&to=2026-11-30',
  );
  expect(answer.body).toEqual({ ok: true, data: [] });
});

it("tells the board yesterday's code, and only the day and the code, after midnight and after a restart", async () => {
  await pastMidnight(TUESDAY_MIDNIGHT, '2026-11-23');
  const [stored] = t.store.chainDigests('2026-11-23', '2026-11-23');
  const shown = await boardAsks();
  expect(shown).toEqual({ day: '2026-11-23', code: digestCode(stored!.digest) });
  expect(Object.keys(shown!).sort()).toEqual(['code', 'day']);

  await t.restart();
  expect(await boardAsks()).toEqual(shown);
});

it("moves to the next day's code once that day is sealed, and the report counts each day's events", async () => {
  t.clock.set(TUESDAY_8AM);
  await issue(2);
  await pastMidnight(WEDNESDAY_MIDNIGHT, '2026-11-24');
  const [monday, tuesday] = t.store.chainDigests('2026-11-23', '2026-11-24');
  expect(await boardAsks()).toEqual({ day: '2026-11-24', code: digestCode(tuesday!.digest) });

  supervisor = (await t.login('giamsat')).token;
  const answer = await staffApi<ChainDigestRow[]>(
    t.url,
    supervisor,
    'GET',
    '/api/reports/digests?from=2026-11-01&to=2026-11-30',
  );
  expect(answer.status).toBe(200);
  const rows = answer.body.ok ? answer.body.data : [];
  expect(rows.map((r) => [r.day, r.code])).toEqual([
    ['2026-11-23', monday!.code],
    ['2026-11-24', tuesday!.code],
  ]);
  // Monday has no sealed day before it; Tuesday's part of the chain is what came after Monday's.
  expect(rows[0]!.events).toBeNull();
  expect(rows[1]!.events).toBe(tuesday!.eventsSeq - monday!.eventsSeq);
  expect(rows[1]!.events).toBeGreaterThanOrEqual(2);
  // A period starting on Tuesday still counts Tuesday's events from Monday's seal.
  const tuesdayOnly = await staffApi<ChainDigestRow[]>(
    t.url,
    supervisor,
    'GET',
    '/api/reports/digests?from=2026-11-24&to=2026-11-24',
  );
  expect(tuesdayOnly.body.ok && tuesdayOnly.body.data.map((r) => [r.day, r.events])).toEqual([
    ['2026-11-24', rows[1]!.events],
  ]);
});

it("puts the period's codes in the report's CSV and XLSX", async () => {
  const codes = t.store.chainDigests('2026-11-23', '2026-11-24').map((d) => d.code);
  const get = (format: string) =>
    fetch(`${t.url}/api/reports/export.${format}?from=2026-11-23&to=2026-11-24&groupBy=day`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
  const csv = await (await get('csv')).text();
  expect(csv).toContain('Mã kiểm chứng nhật ký');
  for (const code of codes) expect(csv).toContain(code);
  const lines = csv.split('\r\n');
  expect(lines.some((l) => l.startsWith(`23/11/2026;${codes[0]};`))).toBe(true);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await (await get('xlsx')).arrayBuffer());
  const sheet = wb.getWorksheet('Mã kiểm chứng nhật ký');
  expect(sheet).toBeDefined();
  const cells: unknown[] = [];
  sheet!.eachRow((row) => cells.push(row.getCell(2).value));
  expect(cells).toEqual(expect.arrayContaining(codes));
});

it('refuses a bad period (400) and anyone but the site staff (401/403), changing nothing', async () => {
  const clerk = (await t.login('cb1', 'c1')).token;
  const before = tableDigest(t.province.db);
  const bad = [
    '/api/reports/digests',
    '/api/reports/digests?from=2026-11-30&to=2026-11-01',
    '/api/reports/digests?from=2026-02-30&to=2026-03-01',
    '/api/reports/digests?from=2025-01-01&to=2026-11-30',
    '/api/reports/digests?from=2026-11-01&to=2026-11-30&site=other',
    '/api/reports/digests?from=2026-11-01&to=2026-11-30&groupBy=day',
  ];
  for (const path of bad) {
    const answer = await staffApi(t.url, supervisor, 'GET', path);
    expect(answer.status, path).toBe(400);
    expect(answer.body.ok || answer.body.error.code, path).toBe('BAD_REQUEST');
  }
  const long = await staffApi(
    t.url,
    supervisor,
    'GET',
    '/api/reports/digests?from=2025-01-01&to=2026-11-30',
  );
  expect(long.body.ok || long.body.error.message).toBe('Một báo cáo chỉ bao gồm tối đa 400 ngày.');
  const range = '/api/reports/digests?from=2026-11-01&to=2026-11-30';
  const asClerk = await staffApi(t.url, clerk, 'GET', range);
  expect([asClerk.status, asClerk.body.ok || asClerk.body.error.code]).toEqual([403, 'FORBIDDEN']);
  const asBoard = await staffApi(t.url, t.tokens.display!, 'GET', range);
  expect(asBoard.status).toBe(401);
  const nobody = await fetch(`${t.url}${range}`);
  expect(nobody.status).toBe(401);
  expect(tableDigest(t.province.db)).toBe(before);

  // The kiosk may not ask for the board's code either; a board asking with a payload is refused.
  const { socket } = await t.connectReady(t.tokens.kiosk!);
  const kioskAsks = await request(socket, 'board:digest', {});
  expect(kioskAsks.ok || kioskAsks.error.code).toBe('FORBIDDEN');
  socket.disconnect();
  const { socket: board } = await t.connectReady(t.tokens.display!);
  const extra = await request(board, 'board:digest', { day: '2026-11-23' } as never);
  expect(extra.ok || extra.error.code).toBe('BAD_REQUEST');
  board.disconnect();
});
