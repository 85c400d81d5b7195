import { afterEach, expect, it } from 'vitest';
import type { SiteConfig } from '@luot/domain';
import { request, startTestHub, testConfig, type TestHub } from '../testing/test-hub.ts';

/** 09:00 on Sunday 2026-11-22, Asia/Ho_Chi_Minh. */
const SUNDAY_9AM = Date.parse('2026-11-22T02:00:00Z');

let t: TestHub | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function admin(hub: TestHub) {
  const { token } = await hub.login('admin');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const read = async () => {
    const res = await fetch(`${hub.url}/api/admin/config`, { headers });
    return ((await res.json()) as { data: { config: SiteConfig; version: string } }).data;
  };
  return {
    read,
    async save(change: (c: SiteConfig) => void) {
      const { config, version } = await read();
      change(config);
      const res = await fetch(`${hub.url}/api/admin/config`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ config, baseVersion: version }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
  };
}

it('refuses ticket:issue on a holiday with OUTSIDE_HOURS, and issues again once it is removed', async () => {
  // MONDAY_9AM, 2026-11-23: a working weekday inside the sessions, but a holiday here.
  t = await startTestHub({
    config: testConfig(3, {
      calendar: { holidays: [{ from: '2026-11-23', name: 'Ngày thử nghiệm' }] },
    }),
  });
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const refused = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  expect(refused.ok).toBe(false);
  expect(!refused.ok && refused.error.code).toBe('OUTSIDE_HOURS');
  expect(!refused.ok && refused.error.message).toBe('Ngoài giờ lấy số.');
  expect(t.hub.queue.live.issuedCount).toEqual({});

  const a = await admin(t);
  const saved = await a.save((c) => void (c.calendar.holidays = []));
  expect(saved.status).toBe(200);
  const issued = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  expect(issued.ok && issued.data.ticket.label).toBe('1001');
});

it('refuses a number on Sunday, and issues on a special Sunday', async () => {
  t = await startTestHub({ now: SUNDAY_9AM });
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const refused = await request(kiosk, 'ticket:issue', { fieldId: 'dat-dai' });
  expect(!refused.ok && refused.error.code).toBe('OUTSIDE_HOURS');

  const a = await admin(t);
  const saved = await a.save(
    (c) =>
      void c.calendar.specialDays.push({
        date: '2026-11-22',
        name: '',
        sessions: [],
        fieldIds: ['dat-dai'],
      }),
  );
  expect(saved.status).toBe(200);
  const issued = await request(kiosk, 'ticket:issue', { fieldId: 'dat-dai' });
  expect(issued.ok && issued.data.ticket.label).toBe('A001');
  const other = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  expect(!other.ok && other.error.code).toBe('OUTSIDE_HOURS');
});

it('refuses a holiday added in the past and a calendar with no working day, in Vietnamese, changing nothing', async () => {
  t = await startTestHub();
  const a = await admin(t);
  const before = await a.read();

  const past = await a.save(
    (c) => void c.calendar.holidays.push({ from: '2026-11-20', name: 'Đã qua' }),
  );
  expect(past.status).toBe(409);
  expect(JSON.stringify(past.body)).toContain(
    'Ngày lễ \\"Đã qua\\" (20/11/2026) đã qua; chỉ thêm được ngày lễ từ hôm nay trở đi.',
  );

  const none = await a.save((c) => void (c.calendar.workingDays = []));
  expect(none.status).toBe(400);
  expect(JSON.stringify(none.body)).toContain('Lịch làm việc không còn ngày làm việc nào');

  expect(await a.read()).toEqual(before);
  expect(t.hub.queue.live.config.calendar).toEqual(before.config.calendar);
});
