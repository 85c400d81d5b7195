import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueCommand } from '@luot/domain';
import type { Ack, IssuedTicket, Report } from '@luot/protocol';
import {
  MONDAY_9AM,
  request,
  startTestHub,
  testConfig,
  type TestHub,
} from '../../testing/test-hub.ts';
import { openDatabase } from '../db/index.ts';

// The promise stamped at issue, measured (issue 17), on a real hub (SQLite file, the hub's clock).
//
// One counter (c1, clerk cb1) serving Hộ tịch and Đất đai; minutes after 09:00 on Monday
// 2026-11-23. Every number is taken at the kiosk over its socket:
//   S  Hộ tịch  issued 0, called 0, served until 6 → Hộ tịch's recent service time is 6 min
//   H2 Hộ tịch  issued 6, called 10      (wait 4)
//   H3 Hộ tịch  issued 7, called 20      (wait 13)
//   H4 Hộ tịch  issued 8, called 22      (wait 14)
//   D1 Đất đai  issued 9, called 30      (wait 21)
//   D2 Đất đai  issued 31, never called  (not measured)
//   H5 Hộ tịch  issued 65 (10:05), called 66 (wait 1)
// With the estimator shipped before issue 17 (people ahead ÷ open counters × recent mean service
// time, rounded up) the promises are S 0, H2 0, H3 6 (1 ahead × 6), H4 12, D1 0, H5 0; errors
// 0, 4, 7, 2, 21, 1: MAE 35/6 min, within ±5 min 4 of 6, within ±20 % 2 of 6 (S: 0 of 0; H4:
// 2 ≤ 2.8). The test computes the expected figures by hand from the promises the kiosk was
// answered, so it holds whatever `promisedWaitMinutes` computes.

const MIN = 60_000;
const DAY1 = '2026-11-23';
const DAY2 = '2026-11-24';

interface Taken {
  name: string;
  field: 'ho-tich' | 'dat-dai';
  issue: number;
  call: number | null;
  finish?: number;
}

const TICKETS: Taken[] = [
  { name: 'S', field: 'ho-tich', issue: 0, call: 0, finish: 6 },
  { name: 'H2', field: 'ho-tich', issue: 6, call: 10, finish: 20 },
  { name: 'H3', field: 'ho-tich', issue: 7, call: 20, finish: 22 },
  { name: 'H4', field: 'ho-tich', issue: 8, call: 22, finish: 30 },
  { name: 'D1', field: 'dat-dai', issue: 9, call: 30, finish: 35 },
  { name: 'D2', field: 'dat-dai', issue: 31, call: null },
  { name: 'H5', field: 'ho-tich', issue: 65, call: 66, finish: 70 },
];

let t: TestHub;
const answered = new Map<string, IssuedTicket>();

const at = (minutes: number, day = 0) => t.clock.set(MONDAY_9AM + day * 1440 * MIN + minutes * MIN);

function run(command: QueueCommand): void {
  const result = t.hub.queue.submit(command, { actor: 'test' });
  if (!result.ok) throw new Error(`${command.type} refused: ${JSON.stringify(result.error)}`);
}

const by = { counterId: 'c1', clerkId: 'cb1' };

beforeAll(async () => {
  t = await startTestHub({ counters: 1, config: testConfig(1) });
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  at(0);
  run({ type: 'openCounter', ...by });
  // Each minute in order: finishes first, then issues, then calls (and starts).
  const minutes = new Set(TICKETS.flatMap((k) => [k.issue, k.call ?? 0, k.finish ?? 0]));
  for (const minute of [...minutes].sort((a, b) => a - b)) {
    at(minute);
    for (const k of TICKETS) if (k.finish === minute) run({ type: 'finish', ...by });
    for (const k of TICKETS)
      if (k.issue === minute) {
        const ack = await request(kiosk, 'ticket:issue', {
          fieldId: k.field,
          requestId: `req-${k.name}-0001`,
        });
        if (!ack.ok) throw new Error(`issue ${k.name}: ${JSON.stringify(ack.error)}`);
        answered.set(k.name, ack.data);
      }
    for (const k of TICKETS)
      if (k.call === minute) {
        run({ type: 'callTicket', ticketId: answered.get(k.name)!.ticket.id, ...by });
        run({ type: 'start', ...by });
      }
  }
});

afterAll(async () => {
  await t?.close();
});

async function report(from = DAY1, to = DAY1, groupBy = 'field'): Promise<Report> {
  const { token } = await t.login('giamsat');
  const res = await fetch(`${t.url}/api/reports?from=${from}&to=${to}&groupBy=${groupBy}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as Ack<Report>;
  if (!body.ok) throw new Error(JSON.stringify(body));
  return body.data;
}

/** The figures worked out by hand from promises and waits (minutes), not by the hub's rule. */
function byHand(names: string[]) {
  const measured = TICKETS.filter((k) => names.includes(k.name) && k.call !== null);
  const errors = measured.map((k) => {
    const promised = answered.get(k.name)!.estimatedWaitMinutes!;
    const actual = k.call! - k.issue;
    return { error: Math.abs(promised - actual), actual };
  });
  const n = errors.length;
  return {
    tickets: n,
    maeMinutes: errors.reduce((s, e) => s + e.error, 0) / n,
    within5MinShare: errors.filter((e) => e.error <= 5).length / n,
    within20PctShare: errors.filter((e) => e.error <= 0.2 * e.actual).length / n,
  };
}

const HO_TICH_9 = ['S', 'H2', 'H3', 'H4'];
const HO_TICH = [...HO_TICH_9, 'H5'];

function storedPromises(): Map<string, number | null> {
  const db = openDatabase(t.dbPath);
  try {
    const rows = db
      .prepare('SELECT id, estimated_wait_minutes AS estimate FROM tickets WHERE day = ?')
      .all(DAY1) as { id: string; estimate: number | null }[];
    return new Map(rows.map((r) => [r.id, r.estimate]));
  } finally {
    db.close();
  }
}

describe('the wait promised at issue', () => {
  it('is what the kiosk was answered (and prints), on the ticket and stored', () => {
    const stored = storedPromises();
    for (const k of TICKETS) {
      const issued = answered.get(k.name)!;
      expect(issued.estimatedWaitMinutes).toBe(issued.ticket.estimatedWaitMinutes);
      expect(stored.get(issued.ticket.id)).toBe(issued.estimatedWaitMinutes);
    }
    // A counter was open for each: every ticket was promised a wait; H3 waited behind one.
    expect(
      TICKETS.every((k) => typeof answered.get(k.name)!.estimatedWaitMinutes === 'number'),
    ).toBe(true);
    expect(answered.get('H3')!.estimatedWaitMinutes).toBeGreaterThan(0);
  });
});

describe('the report’s accuracy of promised waits', () => {
  let unpacked: Report['estimateAccuracy'];

  it('by field, by field and hour of issue, and in total, equal the hand computation', async () => {
    const { estimateAccuracy: a } = await report();
    unpacked = a;
    const all = TICKETS.map((k) => k.name);
    expect(a.total).toEqual(closeTo(byHand(all)));
    expect(a.total.tickets).toBe(6); // D2 was never called
    expect(a.byField.map((f) => [f.fieldId, f.label, f.accuracy])).toEqual([
      ['ho-tich', 'Tư pháp – Hộ tịch', closeTo(byHand(HO_TICH))],
      ['dat-dai', 'Đất đai', closeTo(byHand(['D1']))],
    ]);
    expect(a.byFieldHour.map((c) => [c.fieldId, c.hour, c.accuracy])).toEqual([
      ['ho-tich', 9, closeTo(byHand(HO_TICH_9))],
      ['ho-tich', 10, closeTo(byHand(['H5']))],
      ['dat-dai', 9, closeTo(byHand(['D1']))],
    ]);
    expect(a.byHour.map((h) => [h.hour, h.accuracy.tickets])).toEqual([
      [9, 5],
      [10, 1],
    ]);
    // Whatever the grouping: the same figures.
    expect((await report(DAY1, DAY1, 'counter')).estimateAccuracy).toEqual(a);
  });

  it('are the same from the packed day, and "no data" for a day packed before they were kept', async () => {
    at(0, 1);
    run({ type: 'openCounter', ...by }); // day 2: the day rolls over, D2 expires
    expect(t.hub.queue.live.day).toBe(DAY2);
    t.store.reportDays.build(DAY1, t.clock.now());
    const db = openDatabase(t.dbPath);
    try {
      const blob = db.prepare('SELECT estimates FROM report_days WHERE day = ?').pluck().get(DAY1);
      expect(blob).toBeInstanceOf(Buffer);
      expect((await report()).estimateAccuracy).toEqual(unpacked);
      expect((await report(DAY1, DAY2)).estimateAccuracy).toEqual(unpacked);

      db.prepare('UPDATE report_days SET estimates = NULL WHERE day = ?').run(DAY1);
      const old = (await report()).estimateAccuracy;
      expect(old.total).toEqual({
        tickets: 0,
        maeMinutes: null,
        within5MinShare: null,
        within20PctShare: null,
      });
      expect(old.byField.map((f) => f.accuracy.tickets)).toEqual([0, 0]);
      expect(old.byFieldHour).toEqual([]);
    } finally {
      t.store.reportDays.build(DAY1, t.clock.now());
      db.close();
    }
  });

  it('has a section in the CSV and a sheet in the XLSX export', async () => {
    const { token } = await t.login('giamsat');
    const get = (path: string) =>
      fetch(`${t.url}${path}?from=${DAY1}&to=${DAY1}&groupBy=field`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const csv = await (await get('/api/reports/export.csv')).text();
    const [, section] = csv.split('\r\n\r\n');
    const lines = section!.trim().split('\r\n');
    expect(lines[0]).toBe('Độ chính xác của thời gian chờ dự kiến');
    expect(lines[1]).toBe(
      'Lĩnh vực;Giờ lấy số;Số phiếu đo được;Sai số tuyệt đối trung bình (phút);' +
        'Trong ±5 phút (%);Trong ±20 % (%)',
    );
    const total = byHand(TICKETS.map((k) => k.name));
    const dec = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace('.', ','));
    expect(lines.at(-1)).toBe(
      `Tổng cộng;Cả ngày;6;${dec(total.maeMinutes)};${dec(total.within5MinShare * 100)};` +
        `${dec(total.within20PctShare * 100)}`,
    );
    expect(lines).toContain(
      `Tư pháp – Hộ tịch;10:00–11:00;1;${dec(byHand(['H5']).maeMinutes)};100;0`,
    );

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await get('/api/reports/export.xlsx')).arrayBuffer());
    const sheet = wb.getWorksheet('Độ chính xác dự kiến')!;
    const last = sheet.getRow(sheet.rowCount).values as unknown[];
    expect(last.slice(1, 4)).toEqual(['Tổng cộng', 'Cả ngày', 6]);
    expect(last[4]).toBeCloseTo(total.maeMinutes, 9);
  });
});

/** Figures compared to 1e-9 (sums of minutes in another order may differ in the last bit). */
function closeTo(expected: ReturnType<typeof byHand>) {
  return {
    tickets: expected.tickets,
    maeMinutes: expect.closeTo(expected.maeMinutes, 9),
    within5MinShare: expect.closeTo(expected.within5MinShare, 9),
    within20PctShare: expect.closeTo(expected.within20PctShare, 9),
  };
}
