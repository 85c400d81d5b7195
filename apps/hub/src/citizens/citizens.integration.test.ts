// The citizens' side on a real hub (SQLite file, HTTP and Socket.IO over loopback, the hub's
// fake clock): numbers taken from a phone, bookings, limits, codes, the kiosk's check-in and the
// release of bookings past their grace.
import { readFileSync, existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { siteConfigSchema, type SiteConfig } from '@luot/domain';
import type {
  BookingView,
  CitizenHoldings,
  CitizenSession,
  PublicSiteView,
  PublicSlots,
  RemoteTicket,
} from '@luot/protocol';
import {
  codeReceived,
  codesTo,
  MONDAY_9AM,
  request,
  smsReceived,
  startTestHub,
  testConfig,
  type TestHub,
} from '../../testing/index.ts';
import { tableDigest } from '../db/index.ts';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

const MINUTE = 60_000;
/** Monday 2026-11-23 at a local time "HH:MM" (Asia/Ho_Chi_Minh, UTC+7). */
const at = (hhmm: string, day = '2026-11-23') => Date.parse(`${day}T${hhmm}:00+07:00`);

/**
 * The test centre with citizens' options: `ho-tich` ranks remote numbers like walk-ins and takes
 * bookings (30-minute slots of 2, 6 days ahead, check-in 30' early, 15' grace); `dat-dai`'s
 * remote numbers must check in at the kiosk.
 */
function citizensConfig(patch: (config: SiteConfig) => void = () => {}): SiteConfig {
  const base = testConfig(2);
  const config = structuredClone(base);
  config.fields[0]!.online = {
    remote: 'walk-in',
    booking: {
      enabled: true,
      slotMinutes: 30,
      capacity: 2,
      daysAhead: 6,
      earlyMinutes: 30,
      graceMinutes: 15,
    },
  };
  config.fields[1]!.online.remote = 'check-in';
  patch(config);
  return siteConfigSchema.parse(config);
}

async function start(
  options: { config?: SiteConfig; sites?: string[]; publicListener?: boolean; now?: number } = {},
) {
  t = await startTestHub({
    counters: 2,
    now: options.now ?? MONDAY_9AM,
    config: options.config ?? citizensConfig(),
    ...(options.sites && { sites: options.sites }),
    hub: {
      // Each test citizen comes from its own address unless a test says otherwise.
      trustProxy: ['127.0.0.1'],
      ...(options.publicListener && { publicListener: { port: 0, host: '127.0.0.1' } }),
    },
  });
  return t;
}

interface Answer<T> {
  status: number;
  body: { ok: boolean; data?: T; error?: { code: string; message: string } };
}

let addressCount = 0;
/** A new client address (X-Forwarded-For, believed from loopback in these tests). */
const newAddress = () => `10.0.${Math.floor(++addressCount / 250)}.${addressCount % 250}`;

async function api<T>(
  method: string,
  path: string,
  o: { body?: unknown; token?: string; ip?: string; base?: string } = {},
): Promise<Answer<T>> {
  const res = await fetch(`${o.base ?? t.url}${path}`, {
    method,
    headers: {
      ...(o.body !== undefined && { 'content-type': 'application/json' }),
      ...(o.token && { authorization: `Bearer ${o.token}` }),
      'x-forwarded-for': o.ip ?? '10.9.9.9',
    },
    ...(o.body !== undefined && { body: JSON.stringify(o.body) }),
  });
  return { status: res.status, body: (await res.json()) as Answer<T>['body'] };
}

let phoneCount = 0;
/** A new phone number as a citizen types it, and as the hub normalises it. */
function newPhone(): { typed: string; normalised: string } {
  const digits = String(12_345_000 + ++phoneCount).padStart(8, '0');
  return { typed: `09${digits}`, normalised: `849${digits}` };
}

/** A citizen confirms a phone with the code it received: their bearer token. */
async function signIn(phone = newPhone(), ip = newAddress()): Promise<string> {
  const sent = await api('POST', '/api/public/code', { body: { phone: phone.typed }, ip });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  const code = await codeReceived(t, phone.normalised);
  const verified = await api<CitizenSession>('POST', '/api/public/verify', {
    body: { phone: phone.typed, code },
    ip,
  });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  return verified.body.data!.token;
}

const takeNumber = (token: string, fieldId = 'ho-tich', siteId = 'trung-tam') =>
  api<RemoteTicket>('POST', '/api/public/tickets', { body: { siteId, fieldId }, token });

const book = (token: string, start: string, day = '2026-11-23', fieldId = 'ho-tich') =>
  api<BookingView>('POST', '/api/public/bookings', {
    body: { siteId: 'trung-tam', fieldId, day, start },
    token,
  });

/** How many bookings' phones the messages part keeps for slots on a day (any booking's contact). */
async function bookingContactsOn(day: string): Promise<number> {
  const from = Date.parse(`${day}T00:00:00+07:00`);
  return (await t.province.contactsWithSlotIn('trung-tam', from, from + 86_400_000)).length;
}

/** The booking page's secret in its path "/b/<token>". */
const secretOf = (view: BookingView) => view.path.slice(3);

async function clerk(counterId = 'c1') {
  const session = await t.login(`cb${counterId.slice(1)}`, counterId);
  return (await t.connectReady(session.token)).socket;
}

describe('a number taken from the phone', () => {
  it('is in the queue as a remote ticket, with a live phone page, on the public listener too', async () => {
    await start({ publicListener: true });
    const phone = newPhone();
    const token = await signIn(phone);
    const site = await api<PublicSiteView>('GET', '/api/public/sites/trung-tam', {
      base: t.publicUrl!,
    });
    expect(site.body.data!.fields[0]).toMatchObject({
      id: 'ho-tich',
      waiting: 0,
      availability: 'open',
      remote: 'walk-in',
      booking: { enabled: true, daysAhead: 6 },
    });
    const taken = await api<RemoteTicket>('POST', '/api/public/tickets', {
      body: { siteId: 'trung-tam', fieldId: 'ho-tich' },
      token,
      base: t.publicUrl!,
    });
    expect(taken.status).toBe(200);
    expect(taken.body.data).toMatchObject({
      label: '1001',
      fieldName: 'Tư pháp – Hộ tịch',
      checkInCode: null,
      ahead: 0,
    });
    // The phone page opens with the path the citizen got.
    const page = t.connect(taken.body.data!.path.slice(3));
    const view = await new Promise<{ label: string }>((resolve) =>
      page.once('ticket:view', resolve),
    );
    expect(view.label).toBe('1001');
    // The clerk calls it and sees where it came from.
    const called = await request(await clerk(), 'counter:callNext', {});
    expect(called.ok && called.data).toMatchObject({ label: '1001', origin: 'remote' });
    // The phone that took it is told by SMS (the messages part followed the ticket).
    await smsReceived(
      t,
      phone.normalised,
      'Mời quý khách số 1001 đến quầy số 1 (Bộ phận Một cửa xã Thử Nghiệm).',
    );
    const me = await api<CitizenHoldings>('GET', '/api/public/me', { token });
    expect(me.body.data).toEqual({
      numbersToday: 1,
      numbersPerDay: 2,
      openBookings: 0,
      openBookingsLimit: 2,
    });
  });

  it('is refused past the numbers per day, outside hours, past the daily limit and where not offered', async () => {
    await start({
      config: citizensConfig((c) => {
        c.fields[1]!.dailyLimit = 1;
        c.fields[1]!.online.remote = 'walk-in';
      }),
    });
    const token = await signIn();
    expect((await takeNumber(token)).status).toBe(200);
    expect((await takeNumber(token, 'dat-dai')).status).toBe(200);
    const third = await takeNumber(token);
    expect(third.status).toBe(429);
    expect(third.body.error).toEqual({
      code: 'LIMIT_REACHED',
      message: 'Mỗi số điện thoại được lấy tối đa 2 số thứ tự mỗi ngày; quý khách đã lấy đủ.',
    });
    // Another phone: the daily limit of dat-dai (1) is used up.
    const otherPhone = newPhone();
    const soldOut = await takeNumber(await signIn(otherPhone), 'dat-dai');
    expect(soldOut.body.error).toEqual({
      code: 'SOLD_OUT',
      message: 'Lĩnh vực này đã hết số hôm nay.',
    });
    // At 12:00 ho-tich issues nothing (07:30–11:30, 13:30–17:00).
    t.clock.set(at('12:00'));
    const closed = await takeNumber(await signIn(otherPhone));
    expect(closed.status).toBe(409);
    expect(closed.body.error?.code).toBe('OUTSIDE_HOURS');
    expect(closed.body.error?.message).toMatch(/Ngoài giờ cấp số/);
    // Refusals used none of the phone's numbers.
    t.clock.set(at('14:00'));
    const again = await signIn(otherPhone);
    expect((await takeNumber(again)).status).toBe(200);
    expect((await takeNumber(again)).status).toBe(200);
    expect((await takeNumber(again)).status).toBe(429);
  });

  it('refuses a field that takes no remote numbers', async () => {
    await start({ config: citizensConfig((c) => void (c.fields[1]!.online.remote = 'off')) });
    const refused = await takeNumber(await signIn(), 'dat-dai');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: 'NOT_OFFERED',
      message: 'Lĩnh vực này không nhận lấy số từ xa.',
    });
  });

  it('of a check-in field keeps its place but is not called until checked in at the kiosk', async () => {
    await start();
    const taken = await takeNumber(await signIn(), 'dat-dai');
    const { checkInCode, label } = taken.body.data!;
    expect(checkInCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    const desk = await clerk();
    const nothing = await request(desk, 'counter:callNext', {});
    expect(nothing.ok || nothing.error.code).toBe('NOTHING_WAITING');
    const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
    // Typed in lower case with a space, as people do.
    const typed = `${checkInCode!.slice(0, 3).toLowerCase()} ${checkInCode!.slice(3)}`;
    const arrived = await request(kiosk, 'ticket:checkIn', { scanned: typed });
    expect(arrived.ok && arrived.data).toMatchObject({ kind: 'remote', ticket: { label } });
    // A second check-in reprints the same number.
    const again = await request(kiosk, 'ticket:checkIn', { scanned: checkInCode! });
    expect(again.ok && again.data.ticket.label).toBe(label);
    const called = await request(desk, 'counter:callNext', {});
    expect(called.ok && called.data).toMatchObject({ label, origin: 'remote' });
  });
});

describe('one-time codes', () => {
  it('lock a phone after 5 wrong codes, from any addresses, for 15 minutes', async () => {
    await start();
    const phone = newPhone();
    await api('POST', '/api/public/code', { body: { phone: phone.typed } });
    const code = await codeReceived(t, phone.normalised);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await api('POST', '/api/public/verify', {
        body: { phone: phone.typed, code: wrong },
        ip: newAddress(),
      });
      expect(r.body.error?.code).toBe('CODE_WRONG');
    }
    const locked = await api('POST', '/api/public/verify', {
      body: { phone: phone.typed, code },
      ip: newAddress(),
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toEqual({
      code: 'RATE_LIMITED',
      message: 'Nhập sai mã xác nhận quá nhiều lần. Vui lòng thử lại sau 15 phút.',
    });
    // After the lock, a new code works.
    t.clock.advance(15 * MINUTE);
    await api('POST', '/api/public/code', { body: { phone: phone.typed } });
    const fresh = await codeReceived(t, phone.normalised);
    const ok = await api('POST', '/api/public/verify', {
      body: { phone: phone.typed, code: fresh },
    });
    expect(ok.status).toBe(200);
  });

  it('lock an address after 5 wrong codes for any phones', async () => {
    await start();
    const ip = newAddress();
    for (let i = 0; i < 5; i++) {
      const phone = newPhone();
      await api('POST', '/api/public/code', { body: { phone: phone.typed }, ip: newAddress() });
      const code = await codeReceived(t, phone.normalised);
      const r = await api('POST', '/api/public/verify', {
        body: { phone: phone.typed, code: code === '000000' ? '111111' : '000000' },
        ip,
      });
      expect(r.body.error?.code).toBe('CODE_WRONG');
    }
    const phone = newPhone();
    await api('POST', '/api/public/code', { body: { phone: phone.typed }, ip: newAddress() });
    const code = await codeReceived(t, phone.normalised);
    const locked = await api('POST', '/api/public/verify', {
      body: { phone: phone.typed, code },
      ip,
    });
    expect(locked.status).toBe(429);
    // The same phone from another address is not locked.
    const elsewhere = await api('POST', '/api/public/verify', {
      body: { phone: phone.typed, code },
      ip: newAddress(),
    });
    expect(elsewhere.status).toBe(200);
  });

  it('are sent at most once a minute per phone and 10 an hour per address', async () => {
    await start();
    const phone = newPhone();
    const ip = newAddress();
    expect(
      (await api('POST', '/api/public/code', { body: { phone: phone.typed }, ip })).status,
    ).toBe(200);
    const soon = await api('POST', '/api/public/code', { body: { phone: phone.typed }, ip });
    expect(soon.status).toBe(429);
    expect(soon.body.error?.message).toBe(
      'Mã xác nhận vừa được gửi. Vui lòng đợi 60 giây trước khi xin mã mới.',
    );
    expect(codesTo(t, phone.normalised)).toHaveLength(1);
    for (let i = 0; i < 9; i++)
      expect(
        (await api('POST', '/api/public/code', { body: { phone: newPhone().typed }, ip })).status,
      ).toBe(200);
    const budget = await api('POST', '/api/public/code', { body: { phone: newPhone().typed }, ip });
    expect(budget.status).toBe(429);
    expect(budget.body.error?.message).toMatch(/quá nhiều yêu cầu gửi mã từ mạng này/);
  });

  it('answer 503 when no provider takes the code, and send it once the provider is back', async () => {
    await start();
    const phone = newPhone();
    for (const mode of ['error500', 'down'] as const) {
      t.provider.setMode(mode);
      const refused = await api('POST', '/api/public/code', { body: { phone: phone.typed } });
      expect(refused.status, mode).toBe(503);
      expect(refused.body.error?.code, mode).toBe('UNAVAILABLE');
      t.clock.advance(MINUTE);
    }
    expect(codesTo(t, phone.normalised)).toEqual([]);
    t.provider.setMode('ok');
    const sent = await api('POST', '/api/public/code', { body: { phone: phone.typed } });
    expect(sent.status).toBe(200);
    expect(codesTo(t, phone.normalised)).toHaveLength(1);
  });

  it('without a valid citizen token nothing is taken or booked (401) and nothing is stored', async () => {
    await start();
    const before = tableDigest(t.province.db);
    for (const token of [undefined, 'cit_wrong', 'x'.repeat(40)]) {
      expect(
        (
          await api('POST', '/api/public/tickets', {
            body: { siteId: 'trung-tam', fieldId: 'ho-tich' },
            ...(token && { token }),
          })
        ).status,
      ).toBe(401);
      expect(
        (
          await api('POST', '/api/public/bookings', {
            body: { siteId: 'trung-tam', fieldId: 'ho-tich', day: '2026-11-24', start: '09:00' },
            ...(token && { token }),
          })
        ).status,
      ).toBe(401);
      expect((await api('GET', '/api/public/me', { ...(token && { token }) })).status).toBe(401);
    }
    expect(tableDigest(t.province.db)).toBe(before);
    // An expired sign-in (2 hours) is refused the same way.
    const token = await signIn();
    t.clock.advance(2 * 60 * MINUTE);
    const expired = await takeNumber(token);
    expect(expired.status).toBe(401);
    expect(expired.body.error?.message).toBe('Vui lòng xác nhận số điện thoại trước.');
  });
});

describe('bookings', () => {
  it('lists slots with places left, and refuses a closed day, a full slot, too far ahead and too many open', async () => {
    await start({ config: citizensConfig((c) => void (c.fields[0]!.online.booking.capacity = 1)) });
    const slots = await api<PublicSlots>(
      'GET',
      '/api/public/sites/trung-tam/fields/ho-tich/slots?day=2026-11-23',
    );
    expect(slots.body.data!.slots.slice(0, 5).map((s) => [s.start, s.left, s.past])).toEqual([
      ['07:30', 1, true],
      ['08:00', 1, true],
      ['08:30', 1, true],
      ['09:00', 1, true],
      ['09:30', 1, false],
    ]);
    const a = await signIn();
    const booked = await book(a, '10:00');
    expect(booked.status).toBe(200);
    expect(booked.body.data).toMatchObject({
      day: '2026-11-23',
      start: '10:00',
      status: 'booked',
      ticketPath: null,
      checkInFrom: at('09:30'),
      checkInUntil: at('10:15'),
    });
    const b = await signIn();
    const full = await book(b, '10:00');
    expect(full.body.error).toEqual({
      code: 'SLOT_FULL',
      message: 'Khung giờ này đã đủ người đặt; vui lòng chọn khung giờ khác.',
    });
    const sunday = await book(b, '09:00', '2026-11-29');
    expect(sunday.body.error?.code).toBe('CLOSED_DAY');
    expect(sunday.body.error?.message).toBe(
      'Ngày này lĩnh vực không làm việc; vui lòng chọn ngày khác.',
    );
    const far = await book(b, '09:00', '2026-11-30');
    expect(far.body.error).toEqual({
      code: 'TOO_EARLY',
      message: 'Chỉ đặt lịch trước tối đa 6 ngày.',
    });
    expect((await book(b, '08:00')).body.error?.code).toBe('TOO_LATE');
    expect((await book(b, '09:00', '2026-11-24')).status).toBe(200);
    expect((await book(b, '09:30', '2026-11-24')).status).toBe(200);
    const third = await book(b, '10:00', '2026-11-24');
    expect(third.status).toBe(429);
    expect(third.body.error?.code).toBe('LIMIT_REACHED');
    // Cancelling frees the slot and the phone's place.
    const view = booked.body.data!;
    expect(await bookingContactsOn('2026-11-23')).toBe(1);
    const cancelled = await api<BookingView>('DELETE', `/api/public/bookings/${secretOf(view)}`);
    expect(cancelled.body.data?.status).toBe('cancelled');
    // Its phone is forgotten: no contact is left for a slot that day.
    expect(await bookingContactsOn('2026-11-23')).toBe(0);
    expect((await book(b, '10:00')).body.error?.code).toBe('LIMIT_REACHED');
    expect((await book(await signIn(), '10:00')).status).toBe(200);
    const gone = await api('DELETE', `/api/public/bookings/${secretOf(view)}`);
    expect(gone.status).toBe(409);
  });

  it('gives the last place of a slot to exactly one of 20 citizens booking at once', async () => {
    await start();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => signIn()));
    const answers = await Promise.all(tokens.map((token) => book(token, '10:30')));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(answers.filter((a) => a.body.error?.code === 'SLOT_FULL')).toHaveLength(18);
    const slots = await api<PublicSlots>(
      'GET',
      '/api/public/sites/trung-tam/fields/ho-tich/slots?day=2026-11-23',
    );
    expect(slots.body.data!.slots.find((s) => s.start === '10:30')).toMatchObject({
      capacity: 2,
      left: 0,
    });
  });
});

describe('check-in at the kiosk', () => {
  it('prints one ticket however often the booking is scanned, and the booking page then shows it', async () => {
    await start();
    const citizen = newPhone();
    const booked = (await book(await signIn(citizen), '09:30')).body.data!;
    const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
    // The QR reader types the booking page's address.
    const first = await request(kiosk, 'ticket:checkIn', {
      scanned: `https://hub.example/b/${secretOf(booked)}`,
    });
    expect(first.ok && first.data).toMatchObject({
      kind: 'booking',
      ticket: { label: '1001', origin: 'booking', slotAt: at('09:30') },
    });
    const byCode = await request(kiosk, 'ticket:checkIn', { scanned: booked.code });
    expect(byCode.ok && byCode.data.ticket.id).toBe(first.ok && first.data.ticket.id);
    // The booking page shows the ticket's page, the same one the printed QR opens.
    await expect
      .poll(
        async () =>
          (await api<BookingView>('GET', `/api/public/bookings/${secretOf(booked)}`)).body.data
            ?.status,
      )
      .toBe('checked_in');
    const page = (await api<BookingView>('GET', `/api/public/bookings/${secretOf(booked)}`)).body
      .data!;
    expect(page.ticketPath).toBe(first.ok && first.data.path);
    const phone = t.connect(page.ticketPath!.slice(3));
    const view = await new Promise<{ label: string }>((resolve) =>
      phone.once('ticket:view', resolve),
    );
    expect(view.label).toBe('1001');
    // The booking's phone now follows the ticket: calling it tells the phone by SMS.
    const called = await request(await clerk(), 'counter:callNext', {});
    expect(called.ok && called.data.label).toBe('1001');
    await smsReceived(
      t,
      citizen.normalised,
      'Mời quý khách số 1001 đến quầy số 1 (Bộ phận Một cửa xã Thử Nghiệm).',
    );
  });

  it('refuses another site, too early and after grace, with Vietnamese reasons', async () => {
    await start({ sites: ['trung-tam', 'xa-b'] });
    const booked = (await book(await signIn(), '10:00')).body.data!;
    const { socket: otherKiosk } = await t.connectReady(t.tokens['xa-b/kiosk']!);
    const wrongSite = await request(otherKiosk, 'ticket:checkIn', {
      scanned: `/b/${secretOf(booked)}`,
    });
    expect(wrongSite.ok || wrongSite.error).toEqual({
      code: 'WRONG_SITE',
      message: 'Lịch hẹn này thuộc điểm phục vụ khác.',
    });
    const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
    const early = await request(kiosk, 'ticket:checkIn', { scanned: booked.code });
    expect(early.ok || early.error).toEqual({
      code: 'TOO_EARLY',
      message: 'Chưa đến giờ xác nhận. Quý khách có thể xác nhận từ 30 phút trước giờ hẹn.',
      // When check-in opens, for the kiosk's "mời quý khách quay lại từ 09:30".
      opensAt: at('09:30'),
    });
    t.clock.set(at('10:16'));
    const late = await request(kiosk, 'ticket:checkIn', { scanned: booked.code });
    expect(late.ok || late.error.code).toBe('TOO_LATE');
    const unknown = await request(kiosk, 'ticket:checkIn', { scanned: 'ZZZZZZ' });
    expect(unknown.ok || unknown.error.code).toBe('NOT_FOUND');
  });

  it('calls a checked-in booking at its slot ahead of walk-ins who came first', async () => {
    await start();
    const booked = (await book(await signIn(), '09:30')).body.data!;
    const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
    const walkIn = await request(kiosk, 'ticket:issue', {
      fieldId: 'ho-tich',
      priorityClassId: null,
    });
    expect(walkIn.ok).toBe(true);
    t.clock.set(at('09:10'));
    const checkedIn = await request(kiosk, 'ticket:checkIn', { scanned: booked.code });
    expect(checkedIn.ok).toBe(true);
    const desk = await clerk();
    // Before its slot the booking waits its turn: the walk-in is called first.
    const first = await request(desk, 'counter:callNext', {});
    expect(first.ok && first.data.origin).toBeUndefined();
    const walkIn2 = await request(kiosk, 'ticket:issue', {
      fieldId: 'ho-tich',
      priorityClassId: null,
    });
    expect(walkIn2.ok).toBe(true);
    t.clock.set(at('09:31'));
    await request(desk, 'counter:start', {});
    const second = await request(desk, 'counter:callNext', {});
    expect(second.ok && second.data).toMatchObject({ origin: 'booking', label: '1002' });
  });

  it('issues a booked ticket before the session opens and past the daily limit', async () => {
    await start({
      now: at('07:05'),
      config: citizensConfig((c) => void (c.fields[0]!.dailyLimit = 1)),
    });
    const token = await signIn();
    const early = (await book(token, '07:30')).body.data!;
    const later = (await book(token, '08:00')).body.data!;
    const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
    // 07:05: the field issues nothing before 07:30, but the 07:30 booking checks in.
    const walkInEarly = await request(kiosk, 'ticket:issue', {
      fieldId: 'ho-tich',
      priorityClassId: null,
    });
    expect(walkInEarly.ok || walkInEarly.error.code).toBe('OUTSIDE_HOURS');
    const first = await request(kiosk, 'ticket:checkIn', { scanned: early.code });
    expect(first.ok && first.data.ticket.label).toBe('1001');
    // 07:40: the daily limit (1) is used; walk-ins are refused, the 08:00 booking is not.
    t.clock.set(at('07:40'));
    const walkIn = await request(kiosk, 'ticket:issue', {
      fieldId: 'ho-tich',
      priorityClassId: null,
    });
    expect(walkIn.ok || walkIn.error.code).toBe('SOLD_OUT');
    const second = await request(kiosk, 'ticket:checkIn', { scanned: later.code });
    expect(second.ok && second.data.ticket.label).toBe('1002');
  });
});

describe('release and data kept', () => {
  it('releases a booking not checked in within its grace: its place is free again', async () => {
    await start({ config: citizensConfig((c) => void (c.fields[0]!.online.booking.capacity = 1)) });
    const booked = (await book(await signIn(), '09:30')).body.data!;
    expect(await bookingContactsOn('2026-11-23')).toBe(1);
    t.clock.set(at('09:45'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      (await api<BookingView>('GET', `/api/public/bookings/${secretOf(booked)}`)).body.data?.status,
    ).toBe('booked');
    t.clock.set(at('09:46'));
    await expect
      .poll(
        async () =>
          (await api<BookingView>('GET', `/api/public/bookings/${secretOf(booked)}`)).body.data
            ?.status,
      )
      .toBe('released');
    // Its phone is forgotten: no contact is left for it, no reminder can go.
    await expect.poll(() => bookingContactsOn('2026-11-23')).toBe(0);
    const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
    const late = await request(kiosk, 'ticket:checkIn', { scanned: booked.code });
    expect(late.ok || late.error).toEqual({
      code: 'TOO_LATE',
      message: 'Lịch hẹn này đã được sử dụng, đã hủy hoặc đã quá hạn.',
    });
  });

  it('keeps no phone number in the database, only keyed hashes', async () => {
    await start();
    const phone = newPhone();
    const token = await signIn(phone);
    expect((await takeNumber(token)).status).toBe(200);
    expect((await book(token, '10:00', '2026-11-24')).status).toBe(200);
    expect((await takeNumber(token, 'dat-dai')).status).toBe(200);
    t.province.db.pragma('wal_checkpoint(TRUNCATE)');
    const local = phone.typed.slice(1); // "912345…": in any form the phone would be stored
    for (const file of [t.dbPath, `${t.dbPath}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(local)), file).toBe(false);
      expect(bytes.includes(Buffer.from(local, 'utf16le')), file).toBe(false);
    }
  });

  it("removes a booking with its phone's hash once its day is past the site's retention", async () => {
    await start({ config: citizensConfig((c) => void (c.retention.visitDays = 1)) });
    const booked = (await book(await signIn(), '10:00')).body.data!;
    const page = `/api/public/bookings/${secretOf(booked)}`;
    // The next day the booking is kept (one day of retention); the day after, it is gone.
    t.clock.set(at('08:00', '2026-11-24'));
    await expect.poll(() => t.hub.purge.doneFor()).toBe('2026-11-24');
    expect((await api<BookingView>('GET', page)).status).toBe(200);
    t.clock.set(at('08:00', '2026-11-25'));
    await expect.poll(() => t.hub.purge.doneFor()).toBe('2026-11-25');
    expect((await api<BookingView>('GET', page)).status).toBe(404);
    const rows = t.province.db.prepare('SELECT count(*) AS n FROM bookings').get() as { n: number };
    expect(rows.n).toBe(0);
  });
});
