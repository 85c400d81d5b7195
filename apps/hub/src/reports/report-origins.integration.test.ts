// Reports split by origin (issue 14) on a real hub: walk-in, remote and booked tickets counted
// and timed apart, and the share of booked slots whose citizen came. Times are minutes after
// 09:00 on Monday 2026-11-23 (the hub's clock).
//
// Hộ tịch takes remote numbers (ranked as walk-ins) and bookings. Issued: W 1001 walk-in at 0,
// R 1002 remote at 1, B 1003 booked for 09:10, checked in at 5. Counter c1: B is due at 10 and
// called first (wait 5), finished at 12; W called at 12 (wait 12), finished at 15; R called at
// 15 (wait 14), finished at 20.
// Bookings on the day: Hộ tịch b1 09:10 checked in (B), b2 09:10 never came, b3 09:30 not yet
// due at the report (09:20), b4 09:00 cancelled by its citizen; Đất đai b5 09:00 released.
// So Hộ tịch: 2 due, 1 came; Đất đai: 1 due, 0 came; in all 3 due, 1 came.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueCommand } from '@luot/domain';
import type { Ack, Report } from '@luot/protocol';
import { MONDAY_9AM, startTestHub, testConfig, type TestHub } from '../../testing/test-hub.ts';

const MIN = 60_000;
const DAY = '2026-11-23';
let t: TestHub;
let token = '';

const at = (minutes: number) => t.clock.set(MONDAY_9AM + minutes * MIN);
function run(command: QueueCommand): void {
  const result = t.hub.queue.submit(command, { actor: 'test' });
  if (!result.ok) throw new Error(`${command.type} refused: ${JSON.stringify(result.error)}`);
}
const c1 = { counterId: 'c1', clerkId: 'cb1' };

beforeAll(async () => {
  const config = testConfig(1);
  config.fields[0]!.online = {
    remote: 'walk-in',
    booking: { ...config.fields[0]!.online.booking, enabled: true },
  };
  t = await startTestHub({ counters: 1, config });
  const issue = { type: 'issue', fieldId: 'ho-tich', priorityClassId: null } as const;
  at(0);
  run(issue);
  at(1);
  run({ ...issue, origin: 'remote' });
  at(5);
  run({ ...issue, origin: 'booking', slotAt: MONDAY_9AM + 10 * MIN });
  run({ type: 'openCounter', ...c1 });
  for (const [call, finish] of [
    [10, 12],
    [12, 15],
    [15, 20],
  ] as const) {
    at(call);
    run({ type: 'callNext', ...c1 });
    run({ type: 'start', ...c1 });
    at(finish);
    run({ type: 'finish', ...c1 });
  }
  const site = t.siteIds[0]!;
  const booking = (id: string, fieldId: string, start: string, minute: number) => ({
    id,
    siteId: site,
    fieldId,
    day: DAY,
    start,
    slotAt: MONDAY_9AM + minute * MIN,
    code: id.toUpperCase().padEnd(6, 'X'),
    tokenHash: `token-${id}`,
    ticketTokenHash: null,
    phoneHash: `phone-${id}`,
    kind: 'slot' as const,
    createdAt: 0,
  });
  const limits = { capacity: 5, openBookings: 5 };
  for (const b of [
    booking('b1', 'ho-tich', '09:10', 10),
    booking('b2', 'ho-tich', '09:10', 10),
    booking('b3', 'ho-tich', '09:30', 30),
    booking('b4', 'ho-tich', '09:00', 0),
    booking('b5', 'dat-dai', '09:00', 0),
  ])
    expect(await t.province.book(b, limits)).toEqual({ ok: true });
  await t.province.moveBooking('b1', 'booked', 'checked_in', 5 * MIN);
  await t.province.moveBooking('b4', 'booked', 'cancelled', 2 * MIN);
  await t.province.moveBooking('b5', 'booked', 'released', 16 * MIN);
  token = (await t.login('giamsat')).token;
});
afterAll(async () => {
  await t?.close();
});

async function report(groupBy: string): Promise<Report> {
  const res = await fetch(`${t.url}/api/reports?from=${DAY}&to=${DAY}&groupBy=${groupBy}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as Ack<Report>;
  if (!body.ok) throw new Error(JSON.stringify(body));
  return body.data;
}

const waited = (minutes: number) => ({
  count: 1,
  meanMs: minutes * MIN,
  medianMs: minutes * MIN,
  p90Ms: minutes * MIN,
});

describe('a report split by origin', () => {
  it('counts and times walk-in, remote and booked tickets apart, in each row and the total', async () => {
    const r = await report('field');
    const expected = {
      'walk-in': { issued: 1, served: 1, waiting: waited(12) },
      remote: { issued: 1, served: 1, waiting: waited(14) },
      booking: { issued: 1, served: 1, waiting: waited(5) },
    };
    expect(r.total.byOrigin).toEqual(expected);
    expect(r.rows.find((x) => x.key === 'ho-tich')!.byOrigin).toEqual(expected);
    expect(r.rows.find((x) => x.key === 'dat-dai')!.byOrigin.booking).toEqual({
      issued: 0,
      served: 0,
      waiting: { count: 0, meanMs: null, medianMs: null, p90Ms: null },
    });
    // By counter there are visits, not tickets.
    const byCounter = await report('counter');
    expect(byCounter.rows[0]!.byOrigin.remote).toEqual({
      issued: null,
      served: 1,
      waiting: waited(14),
    });
  });

  it('gives the share of booked slots whose citizen came, per field and day and in all', async () => {
    at(20);
    const byField = await report('field');
    expect(byField.rows.find((x) => x.key === 'ho-tich')!.bookings).toEqual({
      due: 2,
      came: 1,
      share: 0.5,
    });
    expect(byField.rows.find((x) => x.key === 'dat-dai')!.bookings).toEqual({
      due: 1,
      came: 0,
      share: 0,
    });
    expect(byField.total.bookings).toEqual({ due: 3, came: 1, share: 1 / 3 });
    const byDay = await report('day');
    expect(byDay.rows.find((x) => x.key === DAY)!.bookings).toEqual({
      due: 3,
      came: 1,
      share: 1 / 3,
    });
    // Not split by counter (a booking has no counter), but the total still says it.
    const byCounter = await report('counter');
    expect(byCounter.rows[0]!.bookings).toBeNull();
    expect(byCounter.total.bookings).toEqual({ due: 3, came: 1, share: 1 / 3 });
    // Later, the 09:30 slot has passed too: one more due.
    at(40);
    expect((await report('field')).total.bookings).toEqual({ due: 4, came: 1, share: 1 / 4 });
  });

  it('writes the split and the share into the CSV export', async () => {
    at(20);
    const res = await fetch(`${t.url}/api/reports/export.csv?from=${DAY}&to=${DAY}&groupBy=field`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const [header, hoTich] = (await res.text()).replace('\uFEFF', '').split('\r\n');
    const cells = header!.split(';');
    const value = (name: string) => hoTich!.split(';')[cells.indexOf(name)];
    expect(value('Đặt lịch hẹn: số phiếu')).toBe('1');
    expect(value('Đặt lịch hẹn: chờ trung bình (phút)')).toBe('5');
    expect(value('Lấy số trực tuyến: chờ P90 (phút)')).toBe('14');
    expect(value('Lấy số tại ki-ốt: số phiếu')).toBe('1');
    expect(value('Lịch hẹn đã đến giờ')).toBe('2');
    expect(value('Tỷ lệ lịch hẹn công dân đến (%)')).toBe('50');
  });
});
