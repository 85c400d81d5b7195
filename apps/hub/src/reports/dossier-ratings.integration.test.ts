// Dossier codes recorded at finish, the rating tied to them, and the export of ratings per
// dossier (GET /api/reports/dossier-ratings), on SQLite and on PostgreSQL: the same scenario
// through a clerk's real socket and the hub's HTTP routes, the same answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHub, request, type HubSocket } from '@luot/hub-client';
import type { QueueCommand } from '@luot/domain';
import type { DossierRatingRow, Report } from '@luot/protocol';
import { startPgHubs, type PgHubs } from '../../testing/pg-hubs.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../../testing/postgres.ts';
import {
  MONDAY_9AM,
  PASSWORD,
  signIn,
  startTestHub,
  testConfig,
  type TestHub,
} from '../../testing/test-hub.ts';
import { createFakeClock } from '../clock.ts';
import type { Hub } from '../hub.ts';
import { addUser } from '../setup.ts';

const DAY = '2026-11-23';
const A = '000.00.01.H29-261123-0001';
const B = '000.00.01.H29-261123-0002';
const C = '000.00.01.H29-261120-0007';
const config = testConfig(2, { dossier: { required: 'outcome' } });

interface Side {
  url: string;
  hub: Hub;
  advance: (ms: number) => void;
}

/** A clerk of counter c1 signed in over HTTP, on a socket. */
async function clerkSocket(side: Side): Promise<HubSocket> {
  const { token } = await signIn(side.url, {
    username: 'cb1',
    password: PASSWORD,
    counterId: 'c1',
  });
  const socket = connectHub(side.url, token);
  await new Promise((resolve) => socket.once('snapshot', resolve));
  return socket;
}

/** A command decided in the site's turn (at once on SQLite, in its turn on PostgreSQL). */
async function submit(hub: Hub, command: QueueCommand): Promise<void> {
  const result = await hub.queue.exclusive(async () =>
    hub.queue.submit(command, { actor: 'test' }),
  );
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code}`);
}

/**
 * Three visits at c1: 1001 received with A and B, rated 3; 1002 refused a wrong code and an
 * empty finish, then guidance without a code; 1003 returned with C, not rated. Returns what the
 * clerk was told when refused.
 */
async function serveDay(side: Side): Promise<string[]> {
  for (let i = 0; i < 3; i++) {
    await submit(side.hub, { type: 'issue', fieldId: 'ho-tich', priorityClassId: null });
    side.advance(60_000);
  }
  const clerk = await clerkSocket(side);
  const refusals: string[] = [];
  const serve = async (...finishes: Parameters<typeof request<'counter:finish'>>[2][]) => {
    for (const step of ['counter:callNext', 'counter:start'] as const) {
      const ack = await request(clerk, step, {});
      if (!ack.ok) throw new Error(`${step}: ${ack.error.code}`);
      side.advance(60_000);
    }
    for (const payload of finishes) {
      const ack = await request(clerk, 'counter:finish', payload);
      if (!ack.ok) refusals.push(`${ack.error.code}: ${ack.error.message}`);
    }
  };
  await serve({ dossier: { codes: [A, B.toLowerCase()], outcome: 'received' } });
  const first = Object.values(side.hub.queue.live.tickets).find((t) => t.label === '1001')!;
  await submit(side.hub, { type: 'rate', ticketId: first.id, counterId: 'c1', score: 3 });
  await serve(
    { dossier: { codes: ['000.00.01-261123'], outcome: 'received' } },
    {},
    { dossier: { codes: [], outcome: 'guidance' } },
  );
  await serve({ dossier: { codes: [C], outcome: 'returned' } });
  clerk.disconnect();
  return refusals;
}

async function get(side: Side, path: string, username = 'giamsat', counterId?: string) {
  const { token } = await signIn(side.url, { username, password: PASSWORD, counterId });
  return fetch(`${side.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

/** What both stores must answer for `serveDay`. */
async function expectExport(side: Side, refusals: string[]) {
  expect(refusals).toEqual([
    'DOSSIER_CODE_INVALID: Mã hồ sơ không đúng định dạng: 000.00.01-261123',
    expect.stringMatching(/^DOSSIER_REQUIRED: Cần chọn kết quả/),
  ]);
  const json = await get(side, `/api/reports/dossier-ratings?from=${DAY}&to=${DAY}`);
  expect(json.status).toBe(200);
  const rows = ((await json.json()) as { data: DossierRatingRow[] }).data;
  expect(rows.map((r) => [r.code, r.outcome, r.rating, r.counter, r.clerk, r.field])).toEqual([
    [A, 'received', 3, 'Quầy 1', 'Cán bộ 1', 'Tư pháp – Hộ tịch'],
    [B, 'received', 3, 'Quầy 1', 'Cán bộ 1', 'Tư pháp – Hộ tịch'],
    [C, 'returned', null, 'Quầy 1', 'Cán bộ 1', 'Tư pháp – Hộ tịch'],
  ]);
  expect(rows[0]).toMatchObject({ site: config.site.name, day: DAY, clerkId: 'cb1' });

  const csv = await get(side, `/api/reports/dossier-ratings?from=${DAY}&to=${DAY}&format=csv`);
  expect(csv.headers.get('content-disposition')).toContain('danh-gia-theo-ho-so-2026-11-23');
  const lines = (await csv.text()).replace('\uFEFF', '').trim().split('\r\n');
  expect(lines[0]).toBe(
    'Mã hồ sơ;Điểm phục vụ;Lĩnh vực;Quầy;Cán bộ;Hoàn thành lúc;Kết quả;Điểm đánh giá',
  );
  expect(lines[1]).toMatch(new RegExp(`^${A.replace(/\./g, '\\.')};.*;Tiếp nhận hồ sơ;3$`));
  expect(lines[3]).toMatch(/;Trả kết quả;$/);

  const xlsx = await get(side, `/api/reports/dossier-ratings?from=${DAY}&to=${DAY}&format=xlsx`);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
  const sheet = wb.worksheets[0]!;
  expect(sheet.getRow(6).values).toEqual([
    undefined,
    A,
    config.site.name,
    'Tư pháp – Hộ tịch',
    'Quầy 1',
    'Cán bộ 1',
    expect.stringMatching(/^23\/11\/2026 \d\d:\d\d$/),
    'Tiếp nhận hồ sơ',
    3,
  ]);

  await expectOutcomes(side);

  // Clerks may not export; a bad format or period is refused with a Vietnamese reason.
  expect(
    (await get(side, `/api/reports/dossier-ratings?from=${DAY}&to=${DAY}`, 'cb2', 'c2')).status,
  ).toBe(403);
  const bad = await get(side, `/api/reports/dossier-ratings?from=${DAY}&to=${DAY}&format=pdf`);
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({
    ok: false,
    error: { code: 'BAD_REQUEST', message: expect.stringContaining('json, csv hoặc xlsx') },
  });
}

const OUTCOMES = { received: 1, returned: 1, guidance: 1, refused: 0 };

/** The report counts served visits by outcome, per clerk and in the total, and exports them. */
async function expectOutcomes(side: Side) {
  const res = await get(side, `/api/reports?from=${DAY}&to=${DAY}&groupBy=clerk`);
  const report = ((await res.json()) as { data: Report }).data;
  expect(report.total.dossierOutcomes).toEqual(OUTCOMES);
  expect(report.rows.find((r) => r.key === 'cb1')?.dossierOutcomes).toEqual(OUTCOMES);
  const csv = await get(side, `/api/reports/export.csv?from=${DAY}&to=${DAY}&groupBy=counter`);
  const [header, c1] = (await csv.text()).replace('\uFEFF', '').split('\r\n');
  expect(header).toMatch(
    /;Kết quả: Tiếp nhận hồ sơ;Kết quả: Trả kết quả;Kết quả: Hướng dẫn;Kết quả: Từ chối tiếp nhận$/,
  );
  expect(c1).toMatch(/^Quầy 1;.*;1;1;1;0$/);
}

describe('ratings per dossier on SQLite', () => {
  let t: TestHub;
  let refusals: string[];
  beforeAll(async () => {
    t = await startTestHub({ counters: 2, config });
    refusals = await serveDay({ url: t.url, hub: t.hub, advance: (ms) => t.clock.advance(ms) });
  });
  afterAll(async () => t?.close());

  it('stores the codes and outcome on the event and the visit, and exports them with the rating', async () => {
    const finished = t.store
      .eventsOfDay(DAY)
      .map((s) => s.event)
      .filter((e) => e.type === 'ticket.finished');
    expect(finished.map((e) => e.dossier)).toEqual([
      { codes: [A, B], outcome: 'received', reason: null },
      { codes: [], outcome: 'guidance', reason: null },
      { codes: [C], outcome: 'returned', reason: null },
    ]);
    await expectExport({ url: t.url, hub: t.hub, advance: () => {} }, refusals);
  });

  it('counts the same outcomes once the day is packed for reports', async () => {
    expect(await t.hub.sites.get(t.siteIds[0]!)!.store.packNextDayBefore('2026-11-24', 0, '')).toBe(
      DAY,
    );
    await expectOutcomes({ url: t.url, hub: t.hub, advance: () => {} });
  });
});

if (!hasPostgres)
  console.warn('dossier ratings on PostgreSQL: skipped, PostgreSQL is not installed');

describe.skipIf(!hasPostgres)('ratings per dossier on PostgreSQL', () => {
  let server: TestPostgres;
  let nodes: PgHubs;
  let refusals: string[];
  const clock = createFakeClock(MONDAY_9AM);

  beforeAll(async () => {
    server = await startPostgres();
    nodes = await startPgHubs({
      url: await server.createDatabase(),
      siteId: 'xa-a',
      config,
      clock,
      nodes: 1,
    });
    const store = nodes.stores[0]!;
    for (const [username, name, role] of [
      ['cb1', 'Cán bộ 1', 'clerk'],
      ['cb2', 'Cán bộ 2', 'clerk'],
      ['giamsat', 'Giám sát', 'supervisor'],
    ] as const)
      await addUser(store, { username, name, role, password: PASSWORD, sites: ['xa-a'] }, 0);
    refusals = await serveDay({
      url: nodes.urls[0]!,
      hub: nodes.hubs[0]!,
      advance: (ms) => clock.advance(ms),
    });
  }, 60_000);
  afterAll(async () => {
    await nodes?.close();
    await server?.stop();
  });

  it('answers as SQLite does', async () => {
    await expectExport({ url: nodes.urls[0]!, hub: nodes.hubs[0]!, advance: () => {} }, refusals);
  });
});
