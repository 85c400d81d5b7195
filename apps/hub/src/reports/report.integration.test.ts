import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { QueueCommand } from '@luot/domain';
import type { Ack, Report, ReportRow } from '@luot/protocol';
import { MONDAY_9AM, startTestHub, testConfig, type TestHub } from '../../testing/test-hub.ts';

// A morning at a small centre with known times, the report's figures worked out by hand.
//
// Fields: Hộ tịch (H, target wait 10 min), Đất đai (D, target 20 min). Counters c1, c2, c3 with
// clerks cb1, cb2, cb3. Times are minutes after 09:00 on Monday 2026-11-23.
//
// Issued (day 1): H1 0, H2 1, D1 2, H3 3, D2 5, H4 6, D3 8, H5 10, H6 12, D4 15, H7 20, D5 25,
// H8 30, D6 40, H9 55, H10 62, D7 65, H11 70, D8 80, H12 90 (cancelled at 91).
//
// Visits (wait = call − waiting since; service = end − start; rating):
//  c1: V1 H1 call 4 start 5 end 12 (w4 s7 ★3)   V2 H2 12/13/18 (w11 s5 ★3)   V3 H4 call 18 absent 20 (w12)
//      V4 H5 20/21/30 (w10 s9 ★2)   V5 H7 call 30 start 31, transferred to Đất đai at 34 (w10)
//      V6 H8 34/35/47 (w4 s12 ★1)   V7 H4 again at 47 (absent since 20: w27) 48/50 (s2, unrated)
//      V8 H9 60/61/69 (w5 s8 ★3)    V9 H11 72/73/76 (w2 s3 ★3)
//  c2: V10 D1 6/7/22 (w4 s15 ★3)  V11 D2 22/23/33 (w17 s10 ★2)  V12 D3 call 33 absent 35 (w25)
//      V13 H7 in Đất đai since 34, 35/36/42 (w1 s6 ★3)  V14 D4 42/43/63 (w27 s20 ★2)
//      V15 D5 63/64/70 (w38 s6, unrated)  V16 D7 70/71/81 (w5 s10 ★1)
//  c3: V17 H3 9/10/14 (w6 s4 ★3)  V18 H6 14/15/26 (w2 s11 ★3)
//      V19 D6 call 45 start 46, transferred to Hộ tịch at 52 (w5)  V20 D6 58/59/66 (w6 s7 ★2)
//      V21 H10 call 66 absent 68 (w4), never called again
// Day 2 (Tuesday 09:00): the day rolls over, D3, H10 (absent) and D8 (never called) expire.
//  c1: V22 H13 issued 0 → 3/4/9 (w3 s5 ★3)   V23 D9 issued 1 → 9/10/22 (w8 s12 ★2)
//
// Totals: 22 issued, 3 expired, 1 cancelled; 23 visits: 18 served, 3 absent, 2 transferred.
// Waits (23), sorted: 1 2 2 3 4 4 4 4 5 5 5 6 6 8 10 10 11 12 17 25 27 27 38, sum 236.
//   mean 236/23; median h = 22·½ = 11 → 6; p90 h = 22·0.9 = 19.8 → 25 + 0.8·(27 − 25) = 26.6.
// Service (18), sorted: 2 3 4 5 5 6 6 7 7 8 9 10 10 11 12 12 15 20, sum 152.
//   mean 152/18; median h = 17·½ = 8.5 → 7 + ½·(8 − 7) = 7.5; p90 h = 15.3 → 12 + 0.3·(15 − 12) = 12.9.
// Within target (served): late are V2 (11 > 10), V7 (27 > 10), V14 (27 > 20), V15 (38 > 20): 14 of 18.
// Not served: D3, H10 (absent, never called again), D8 expired and H12 cancelled: 4 of 22, so the
//   on-time share over everyone who took a number is 14/22 (Hộ tịch 9/13, Đất đai 5/9).
// Ratings: ★3 ×9, ★2 ×5, ★1 ×2 = 16; satisfied (top two levels) 14 → 14/16.

const MIN = 60_000;
const DAY1 = '2026-11-23';
const DAY2 = '2026-11-24';

let t: TestHub;
let supervisorToken = '';
const ids: Record<string, string> = {};

function at(minutes: number, day = 0): void {
  t.clock.set(MONDAY_9AM + day * 24 * 60 * MIN + minutes * MIN);
}

/** Decides and applies a command now; it is stored before the next report is read. */
function run(command: QueueCommand): void {
  const result = t.hub.queue.submit(command, { actor: 'test' });
  if (!result.ok) throw new Error(`${command.type} refused: ${JSON.stringify(result.error)}`);
  if (command.type === 'issue') {
    const e = result.events[0]!;
    if (e.type === 'ticket.issued') ids.last = e.ticket.id;
  }
}

/** A step of the scenario at a minute; at equal minutes, endings go first, then issues, calls, starts. */
interface Step {
  minute: number;
  phase: 0 | 1 | 2 | 3;
  act: () => void;
}

function issueStep(name: string, minute: number): Step {
  return {
    minute,
    phase: 1,
    act: () => {
      run({
        type: 'issue',
        fieldId: name.startsWith('H') ? 'ho-tich' : 'dat-dai',
        priorityClassId: null,
      });
      ids[name] = ids.last!;
    },
  };
}

/** One visit: the call, then start and finish (with a rating), or absent, or a transfer. */
function visitSteps(
  counter: 1 | 2 | 3,
  name: string,
  call: number,
  then:
    | { start: number; end: number; rating?: number }
    | { absent: number }
    | { start: number; transfer: number; to: string },
): Step[] {
  const by = { counterId: `c${counter}`, clerkId: `cb${counter}` };
  const steps: Step[] = [
    { minute: call, phase: 2, act: () => run({ type: 'callTicket', ticketId: ids[name]!, ...by }) },
  ];
  if ('absent' in then)
    return [...steps, { minute: then.absent, phase: 0, act: () => run({ type: 'noShow', ...by }) }];
  steps.push({ minute: then.start, phase: 3, act: () => run({ type: 'start', ...by }) });
  if ('transfer' in then) {
    const to = { fieldId: then.to };
    steps.push({
      minute: then.transfer,
      phase: 0,
      act: () => run({ type: 'transfer', to, reason: 'Sai lĩnh vực', ...by }),
    });
    return steps;
  }
  steps.push({
    minute: then.end,
    phase: 0,
    act: () => {
      run({ type: 'finish', ...by });
      if (then.rating !== undefined)
        run({ type: 'rate', ticketId: ids[name]!, counterId: by.counterId, score: then.rating });
    },
  });
  return steps;
}

/** Runs steps in time order on one day, setting the hub's clock before each. */
function play(steps: Step[], day: number): void {
  const ordered = [...steps].sort((a, b) => a.minute - b.minute || a.phase - b.phase);
  for (const step of ordered) {
    at(step.minute, day);
    step.act();
  }
}

const DAY1_ISSUES: [string, number][] = [
  ['H1', 0],
  ['H2', 1],
  ['D1', 2],
  ['H3', 3],
  ['D2', 5],
  ['H4', 6],
  ['D3', 8],
  ['H5', 10],
  ['H6', 12],
  ['D4', 15],
  ['H7', 20],
  ['D5', 25],
  ['H8', 30],
  ['D6', 40],
  ['H9', 55],
  ['H10', 62],
  ['D7', 65],
  ['H11', 70],
  ['D8', 80],
  ['H12', 90],
];

const DAY1_VISITS: Step[] = [
  ...visitSteps(1, 'H1', 4, { start: 5, end: 12, rating: 3 }),
  ...visitSteps(1, 'H2', 12, { start: 13, end: 18, rating: 3 }),
  ...visitSteps(1, 'H4', 18, { absent: 20 }),
  ...visitSteps(1, 'H5', 20, { start: 21, end: 30, rating: 2 }),
  ...visitSteps(1, 'H7', 30, { start: 31, transfer: 34, to: 'dat-dai' }),
  ...visitSteps(1, 'H8', 34, { start: 35, end: 47, rating: 1 }),
  ...visitSteps(1, 'H4', 47, { start: 48, end: 50 }),
  ...visitSteps(1, 'H9', 60, { start: 61, end: 69, rating: 3 }),
  ...visitSteps(1, 'H11', 72, { start: 73, end: 76, rating: 3 }),
  ...visitSteps(2, 'D1', 6, { start: 7, end: 22, rating: 3 }),
  ...visitSteps(2, 'D2', 22, { start: 23, end: 33, rating: 2 }),
  ...visitSteps(2, 'D3', 33, { absent: 35 }),
  ...visitSteps(2, 'H7', 35, { start: 36, end: 42, rating: 3 }),
  ...visitSteps(2, 'D4', 42, { start: 43, end: 63, rating: 2 }),
  ...visitSteps(2, 'D5', 63, { start: 64, end: 70 }),
  ...visitSteps(2, 'D7', 70, { start: 71, end: 81, rating: 1 }),
  ...visitSteps(3, 'H3', 9, { start: 10, end: 14, rating: 3 }),
  ...visitSteps(3, 'H6', 14, { start: 15, end: 26, rating: 3 }),
  ...visitSteps(3, 'D6', 45, { start: 46, transfer: 52, to: 'ho-tich' }),
  ...visitSteps(3, 'D6', 58, { start: 59, end: 66, rating: 2 }),
  ...visitSteps(3, 'H10', 66, { absent: 68 }),
];

beforeAll(async () => {
  const config = testConfig(3);
  config.fields[0]!.targetWaitMinutes = 10; // ho-tich
  config.fields[1]!.targetWaitMinutes = 20; // dat-dai
  t = await startTestHub({ counters: 3, config });
  play(
    [
      ...[1, 2, 3].map((c): Step => ({
        minute: 0,
        phase: 0,
        act: () => run({ type: 'openCounter', counterId: `c${c}`, clerkId: `cb${c}` }),
      })),
      ...DAY1_ISSUES.map(([name, minute]) => issueStep(name, minute)),
      ...DAY1_VISITS,
      {
        minute: 91,
        phase: 0,
        act: () => run({ type: 'cancel', ticketId: ids.H12!, reason: 'In lỗi' }),
      },
    ],
    0,
  );
  // Day 2: opening a counter rolls the day over first (three tickets expire).
  play(
    [
      {
        minute: 0,
        phase: 0,
        act: () => run({ type: 'openCounter', counterId: 'c1', clerkId: 'cb1' }),
      },
      issueStep('H13', 0),
      issueStep('D9', 1),
      ...visitSteps(1, 'H13', 3, { start: 4, end: 9, rating: 3 }),
      ...visitSteps(1, 'D9', 9, { start: 10, end: 22, rating: 2 }),
    ],
    1,
  );
  expect(t.hub.queue.live.day).toBe(DAY2);
  // Signed in on day 2 (a session lasts 14 hours on the hub's clock).
  supervisorToken = (await t.login('giamsat')).token;
});

afterAll(async () => {
  await t?.close();
});

async function get(path: string, token = supervisorToken): Promise<Response> {
  return fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

async function report(groupBy: string, from = DAY1, to = DAY2): Promise<Report> {
  const res = await get(`/api/reports?from=${from}&to=${to}&groupBy=${groupBy}`);
  const body = (await res.json()) as Ack<Report>;
  if (!body.ok) throw new Error(JSON.stringify(body));
  return body.data;
}

const row = (r: Report, key: string): ReportRow => {
  const found = r.rows.find((x) => x.key === key);
  if (!found) throw new Error(`no row ${key} in ${r.rows.map((x) => x.key).join(',')}`);
  return found;
};

describe('the report of a known morning equals the figures worked out by hand', () => {
  it('totals: counts, waiting and service times, target share, satisfaction', async () => {
    const r = await report('field');
    expect(r.total).toMatchObject({
      issued: 22,
      expired: 3,
      cancelled: 1,
      served: 18,
      noShow: 3,
      transferred: 2,
    });
    expect(r.total.waiting).toEqual({
      count: 23,
      meanMs: (236 * MIN) / 23,
      medianMs: 6 * MIN,
      p90Ms: 26.6 * MIN,
    });
    expect(r.total.service).toEqual({
      count: 18,
      meanMs: (152 * MIN) / 18,
      medianMs: 7.5 * MIN,
      p90Ms: 12.9 * MIN,
    });
    expect(r.total.withinTarget).toEqual({ served: 18, within: 14, share: 14 / 18 });
    // The citizens who were not served are a figure, and count in the on-time share.
    expect(r.total.notServed).toBe(4);
    expect(r.total.onTime).toEqual({ within: 14, issued: 22, share: 14 / 22 });
    expect(r.total.ratings).toEqual({
      count: 16,
      byScore: { '3': 9, '2': 5, '1': 2 },
      satisfied: 14,
      rate: 14 / 16,
    });
  });

  it('by field: a ticket counts where it was issued, a visit in the field it waited in', async () => {
    const r = await report('field');
    expect(r.rows.map((x) => [x.key, x.label])).toEqual([
      ['ho-tich', 'Tư pháp – Hộ tịch'],
      ['dat-dai', 'Đất đai'],
    ]);
    const h = row(r, 'ho-tich');
    expect(h).toMatchObject({
      issued: 13,
      expired: 1,
      cancelled: 1,
      served: 11,
      noShow: 2,
      transferred: 1,
    });
    // Waits 2 2 3 4 4 4 5 6 6 10 10 11 12 27 (sum 106): median h = 6.5 → 5.5; p90 h = 11.7 → 11.7.
    expect(h.waiting).toEqual({
      count: 14,
      meanMs: (106 * MIN) / 14,
      medianMs: 5.5 * MIN,
      p90Ms: 11.7 * MIN,
    });
    // Service 2 3 4 5 5 7 7 8 9 11 12 (sum 73): median 7; p90 h = 9 → 11.
    expect(h.service).toEqual({
      count: 11,
      meanMs: (73 * MIN) / 11,
      medianMs: 7 * MIN,
      p90Ms: 11 * MIN,
    });
    expect(h.withinTarget).toEqual({ served: 11, within: 9, share: 9 / 11 });
    expect(h.notServed).toBe(2); // H10 expired, H12 cancelled
    expect(h.onTime).toEqual({ within: 9, issued: 13, share: 9 / 13 });
    expect(h.ratings).toMatchObject({
      count: 10,
      byScore: { '3': 7, '2': 2, '1': 1 },
      satisfied: 9,
      rate: 0.9,
    });

    const d = row(r, 'dat-dai');
    expect(d).toMatchObject({
      issued: 9,
      expired: 2,
      cancelled: 0,
      served: 7,
      noShow: 1,
      transferred: 1,
    });
    // Waits 1 4 5 5 8 17 25 27 38 (sum 130): median 8; p90 h = 7.2 → 27 + 0.2·11 = 29.2.
    expect(d.waiting).toEqual({
      count: 9,
      meanMs: (130 * MIN) / 9,
      medianMs: 8 * MIN,
      p90Ms: 29.2 * MIN,
    });
    // Service 6 6 10 10 12 15 20 (sum 79): median 10; p90 h = 5.4 → 15 + 0.4·5 = 17.
    expect(d.service).toEqual({
      count: 7,
      meanMs: (79 * MIN) / 7,
      medianMs: 10 * MIN,
      p90Ms: 17 * MIN,
    });
    expect(d.withinTarget).toEqual({ served: 7, within: 5, share: 5 / 7 });
    expect(d.notServed).toBe(2); // D3 and D8 expired
    expect(d.onTime).toEqual({ within: 5, issued: 9, share: 5 / 9 });
    expect(d.ratings).toMatchObject({
      count: 6,
      byScore: { '3': 2, '2': 3, '1': 1 },
      satisfied: 5,
    });
  });

  it('by counter and by clerk: visits only, tickets not applicable', async () => {
    const r = await report('counter');
    expect(r.rows.map((x) => x.key)).toEqual(['c1', 'c2', 'c3']);
    expect(row(r, 'c1')).toMatchObject({ issued: null, served: 9, noShow: 1, transferred: 1 });
    expect(row(r, 'c1')).toMatchObject({ notServed: null, onTime: { issued: null, share: null } });
    // c1 waits 2 3 4 4 5 8 10 10 11 12 27 (sum 96): median x[5] = 8; p90 h = 9 → 12.
    expect(row(r, 'c1').waiting).toEqual({
      count: 11,
      meanMs: (96 * MIN) / 11,
      medianMs: 8 * MIN,
      p90Ms: 12 * MIN,
    });
    expect(row(r, 'c2')).toMatchObject({ served: 6, noShow: 1, transferred: 0 });
    expect(row(r, 'c2').waiting.meanMs).toBe((117 * MIN) / 7);
    // c3 waits 2 4 5 6 6: mean 4.6, median 5, p90 h = 3.6 → 6; service 4 7 11: p90 h = 1.8 → 7 + 0.8·4 = 10.2.
    const c3 = row(r, 'c3');
    expect(c3).toMatchObject({ served: 3, noShow: 1, transferred: 1 });
    expect(c3.waiting).toEqual({
      count: 5,
      meanMs: (23 * MIN) / 5,
      medianMs: 5 * MIN,
      p90Ms: 6 * MIN,
    });
    expect(c3.service).toEqual({
      count: 3,
      meanMs: (22 * MIN) / 3,
      medianMs: 7 * MIN,
      p90Ms: 10.2 * MIN,
    });

    const byClerk = await report('clerk');
    expect(byClerk.rows.map((x) => [x.key, x.label])).toEqual([
      ['cb1', 'Cán bộ 1 (cb1)'],
      ['cb2', 'Cán bộ 2 (cb2)'],
      ['cb3', 'Cán bộ 3 (cb3)'],
    ]);
    expect(row(byClerk, 'cb3').service).toEqual(c3.service);
    expect(byClerk.total).toEqual({ ...r.total });
  });

  it('by hour (of issue for tickets, of the call for visits) and by day, with the charts', async () => {
    const r = await report('hour');
    expect(r.rows.map((x) => [x.key, x.label])).toEqual([
      ['09', '09:00–10:00'],
      ['10', '10:00–11:00'],
    ]);
    expect(row(r, '09')).toMatchObject({
      issued: 17,
      served: 14,
      noShow: 2,
      transferred: 2,
      expired: 1,
    });
    const ten = row(r, '10');
    expect(ten).toMatchObject({
      issued: 5,
      served: 4,
      noShow: 1,
      transferred: 0,
      expired: 2,
      cancelled: 1,
    });
    // 10 h waits 2 4 5 5 38: median 5; p90 h = 3.6 → 5 + 0.6·33 = 24.8.
    expect(ten.waiting).toEqual({
      count: 5,
      meanMs: (54 * MIN) / 5,
      medianMs: 5 * MIN,
      p90Ms: 24.8 * MIN,
    });

    const byDay = await report('day');
    expect(byDay.rows.map((x) => [x.key, x.label, x.issued, x.served])).toEqual([
      [DAY1, '23/11/2026', 20, 16],
      [DAY2, '24/11/2026', 2, 2],
    ]);
    expect(row(byDay, DAY2).waiting).toEqual({
      count: 2,
      meanMs: 5.5 * MIN,
      medianMs: 5.5 * MIN,
      p90Ms: 7.5 * MIN,
    });

    expect(r.charts.arrivalsByHour).toEqual([
      { hour: 9, count: 17, perDay: 8.5 },
      { hour: 10, count: 5, perDay: 2.5 },
    ]);
    expect(r.charts.waitHistogram.map((b) => b.count)).toEqual([8, 6, 4, 1, 3, 1, 0, 0, 0]);
    expect(r.charts.daily).toEqual([
      {
        day: DAY1,
        issued: 20,
        served: 16,
        meanWaitMs: (225 * MIN) / 21,
        satisfactionRate: 12 / 14,
      },
      { day: DAY2, issued: 2, served: 2, meanWaitMs: 5.5 * MIN, satisfactionRate: 1 },
    ]);
  });

  it('reads one day alone, and refuses a bad period', async () => {
    const r = await report('field', DAY2, DAY2);
    expect(r.total).toMatchObject({ issued: 2, served: 2, expired: 0 });
    const bad = await get(`/api/reports?from=${DAY2}&to=${DAY1}&groupBy=field`);
    expect(bad.status).toBe(400);
    const tooLong = await get(`/api/reports?from=2025-01-01&to=2026-12-31&groupBy=field`);
    expect(tooLong.status).toBe(400);
  });

  it('is for supervisors and admins only', async () => {
    expect(
      (await get(`/api/reports?from=${DAY1}&to=${DAY2}`, 'ses_khong-co-that-123456')).status,
    ).toBe(401);
    at(30, 1);
    const clerk = await t.login('cb2', 'c2');
    expect((await get(`/api/reports?from=${DAY1}&to=${DAY2}`, clerk.token)).status).toBe(403);
    const admin = await t.login('admin');
    expect((await get(`/api/reports?from=${DAY1}&to=${DAY2}`, admin.token)).status).toBe(200);
  });
});

describe('exports', () => {
  it('writes an XLSX whose figures, read back, are the report’s', async () => {
    const r = await report('field');
    const res = await get(`/api/reports/export.xlsx?from=${DAY1}&to=${DAY2}&groupBy=field`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('Báo cáo')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const headerAt = rows.findIndex((x) => x[0] === 'Nhóm: Lĩnh vực');
    const header = rows[headerAt] as string[];
    expect(header).toEqual(
      expect.arrayContaining([
        'Số phiếu đã cấp',
        'Đã phục vụ',
        'Vắng mặt',
        'Chờ trung bình (phút)',
        'Chờ trung vị (phút)',
        'Chờ P90 (phút)',
        'Phục vụ trung bình (phút)',
        'Rất hài lòng',
        'Tỷ lệ hài lòng (%)',
      ]),
    );
    const cell = (label: string, column: string) => {
      const line = rows.find((x) => x[0] === label)!;
      return line[header.indexOf(column)];
    };
    expect(cell('Tổng cộng', 'Số phiếu đã cấp')).toBe(22);
    expect(cell('Tổng cộng', 'Đã phục vụ')).toBe(18);
    expect(cell('Tổng cộng', 'Vắng mặt')).toBe(3);
    expect(cell('Tổng cộng', 'Chuyển quầy/lĩnh vực')).toBe(2);
    expect(cell('Tổng cộng', 'Hết hạn (không được phục vụ)')).toBe(3);
    expect(cell('Tổng cộng', 'Chờ trung bình (phút)')).toBe(236 / 23);
    expect(cell('Tổng cộng', 'Chờ trung vị (phút)')).toBe(6);
    expect(cell('Tổng cộng', 'Chờ P90 (phút)')).toBe(26.6);
    expect(cell('Tổng cộng', 'Phục vụ trung vị (phút)')).toBe(7.5);
    expect(cell('Tổng cộng', 'Phục vụ P90 (phút)')).toBe(12.9);
    expect(cell('Tổng cộng', 'Đúng hạn trên số đã phục vụ (%)')).toBe((14 / 18) * 100);
    expect(cell('Tổng cộng', 'Đúng hạn trên số người lấy số (%)')).toBe((14 / 22) * 100);
    expect(cell('Tổng cộng', 'Không được phục vụ (hết hạn + đã hủy)')).toBe(4);
    expect(cell('Tư pháp – Hộ tịch', 'Không được phục vụ (hết hạn + đã hủy)')).toBe(2);
    expect(cell('Đất đai', 'Đúng hạn trên số người lấy số (%)')).toBe((5 / 9) * 100);
    expect(sheet.getColumn(header.indexOf('Đúng hạn trên số người lấy số (%)') + 1).numFmt).toBe(
      '0.0',
    );
    expect(cell('Tổng cộng', 'Tỷ lệ hài lòng (%)')).toBe(87.5);
    expect(cell('Đất đai', 'Chờ P90 (phút)')).toBe(r.rows[1]!.waiting.p90Ms! / MIN);
    expect(cell('Tư pháp – Hộ tịch', 'Rất hài lòng')).toBe(7);
    // The daily sheet carries the trend.
    const daily = wb.getWorksheet('Theo ngày')!;
    expect(daily.getRow(2).getCell(2).value).toBe(20);
    expect(daily.getRow(3).getCell(3).value).toBe(2);
  });

  it('writes a CSV with Vietnamese headers and a byte-order mark', async () => {
    const res = await get(`/api/reports/export.csv?from=${DAY1}&to=${DAY2}&groupBy=counter`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // The main table; the accuracy section follows an empty line (estimate-accuracy tests).
    const table = excelVi(new TextDecoder().decode(bytes).split('\r\n\r\n')[0]!);
    expect(table[0]!.slice(0, 4)).toEqual([
      'Nhóm: Quầy',
      'Số phiếu đã cấp',
      'Đã phục vụ',
      'Vắng mặt',
    ]);
    expect(table.map((l) => l[0])).toEqual([
      'Nhóm: Quầy',
      'Quầy 1',
      'Quầy 2',
      'Quầy 3',
      'Tổng cộng',
    ]);
    // Quầy 3: no tickets column (grouping by counter), 3 served, wait mean 4.60 minutes.
    const c3 = table[3]!;
    const column = (name: string) => table[0]!.indexOf(name);
    expect(c3.slice(1, 4)).toEqual(['', 3, 1]);
    expect(c3[column('Chờ trung bình (phút)')]).toBe(4.6);
  });

  it('writes a CSV that Excel set to Vietnamese reads into columns and numbers', async () => {
    const res = await get(`/api/reports/export.csv?from=${DAY1}&to=${DAY2}&groupBy=field`);
    // The byte-order mark is kept in the text, as Excel sees it.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFFNhóm: Lĩnh vực;Số phiếu đã cấp;Đã phục vụ;/);
    const table = excelVi(text.split('\r\n\r\n')[0]!);
    const header = table[0] as string[];
    const cell = (label: string, name: string) =>
      table.find((l) => l[0] === label)![header.indexOf(name)];
    // Every line has the header's columns: no label or decimal split a cell.
    for (const line of table) expect(line).toHaveLength(header.length);
    expect(cell('Tổng cộng', 'Số phiếu đã cấp')).toBe(22);
    expect(cell('Tổng cộng', 'Không được phục vụ (hết hạn + đã hủy)')).toBe(4);
    expect(cell('Tổng cộng', 'Hết hạn (không được phục vụ)')).toBe(3);
    expect(cell('Tổng cộng', 'Đã hủy')).toBe(1);
    expect(cell('Tổng cộng', 'Chờ P90 (phút)')).toBe(26.6);
    expect(cell('Tổng cộng', 'Đúng hạn trên số người lấy số (%)')).toBe(63.64); // 14/22
    expect(cell('Tổng cộng', 'Đúng hạn trên số đã phục vụ (%)')).toBe(77.78); // 14/18
    expect(cell('Đất đai', 'Không được phục vụ (hết hạn + đã hủy)')).toBe(2);
  });
});

/**
 * Reads a CSV the way Excel set to Vietnamese does: cells split on ";" (quotes honoured, a
 * leading byte-order mark dropped), and a cell that reads as a number with a "," decimal mark
 * becomes that number. Anything else stays text.
 */
function excelVi(csv: string): (string | number)[][] {
  const rows: (string | number)[][] = [];
  let row: (string | number)[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  const text = csv.replace(/^\uFEFF/, '');
  const push = () => {
    row.push(!wasQuoted && /^-?\d+(,\d+)?$/.test(cell) ? Number(cell.replace(',', '.')) : cell);
    cell = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = wasQuoted = true;
    else if (c === ';') push();
    else if (c === '\r' && text[i + 1] === '\n') {
      push();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    push();
    rows.push(row);
  }
  return rows;
}

describe('history outlives the configuration', () => {
  it('keeps a counter removed from the configuration in the report, by its id', async () => {
    const config = structuredClone(t.hub.queue.live.config);
    config.counters = config.counters.filter((c) => c.id !== 'c3');
    const result = await t.hub.queue.execute({ type: 'updateConfig', config }, { actor: 'test' });
    expect(result.ok).toBe(true);
    const r = await report('counter');
    expect(r.rows.map((x) => [x.key, x.label])).toEqual([
      ['c1', 'Quầy 1'],
      ['c2', 'Quầy 2'],
      ['c3', 'c3'],
    ]);
    expect(row(r, 'c3')).toMatchObject({ served: 3, noShow: 1, transferred: 1 });
    expect(row(r, 'c3').service.p90Ms).toBe(10.2 * MIN);
  });
});
