import { describe, expect, it } from 'vitest';
import type { BookingView, PublicField, PublicSlots } from '@luot/protocol';
import {
  checkInWindow,
  dayStrip,
  dayWords,
  filterSites,
  fieldOffer,
  firstOpenDay,
  lockWords,
  normaliseCode,
  normalisePhone,
  nothingOpenToday,
  refusalText,
  slotState,
  stripDays,
  waitText,
  whenWords,
} from './citizen-model.ts';

const TODAY = '2026-11-30'; // a Monday

function field(over: Partial<PublicField> = {}): PublicField {
  return {
    id: 'ho-tich',
    name: 'Hộ tịch',
    waiting: 4,
    estimatedWaitMinutes: 25,
    availability: 'open',
    reopening: null,
    remote: 'walk-in',
    booking: { enabled: true, daysAhead: 6 },
    idNumberRequired: false,
    ...over,
  };
}

function slots(day: string, over: Partial<PublicSlots> = {}): PublicSlots {
  return {
    day,
    slots: [
      { start: '07:30', capacity: 2, left: 2, past: false },
      { start: '07:45', capacity: 2, left: 0, past: false },
    ],
    closed: null,
    ...over,
  };
}

describe('what a field offers now', () => {
  it('offers a number and a booking while issuing is open', () => {
    expect(fieldOffer(field(), TODAY)).toEqual({ takeNow: true, book: true, reason: null });
  });

  it('says when issuing reopens outside hours, and still offers the booking', () => {
    const f = field({
      availability: 'OUTSIDE_HOURS',
      reopening: { day: '2026-12-07', time: '07:30' },
    });
    expect(fieldOffer(f, '2026-12-05')).toEqual({
      takeNow: false,
      book: true,
      reason: 'Ngoài giờ lấy số — mở lại thứ Hai 07:30',
    });
    const later = field({
      availability: 'OUTSIDE_HOURS',
      reopening: { day: TODAY, time: '13:30' },
    });
    expect(fieldOffer(later, TODAY).reason).toBe('Ngoài giờ lấy số — mở lại lúc 13:30');
  });

  it('says the day is sold out', () => {
    expect(fieldOffer(field({ availability: 'SOLD_OUT' }), TODAY).reason).toBe('Hết số hôm nay');
  });

  it('says a field takes nothing online, or bookings only', () => {
    const none = field({ remote: 'off', booking: { enabled: false, daysAhead: 6 } });
    expect(fieldOffer(none, TODAY)).toEqual({
      takeNow: false,
      book: false,
      reason: 'Lĩnh vực không nhận trực tuyến',
    });
    expect(fieldOffer(field({ remote: 'off' }), TODAY)).toEqual({
      takeNow: false,
      book: true,
      reason: 'Chỉ nhận đặt lịch trước',
    });
  });

  it('knows when nothing can be taken today at the whole site', () => {
    expect(
      nothingOpenToday([field({ availability: 'OUTSIDE_HOURS' }), field({ remote: 'off' })], TODAY),
    ).toBe(true);
    expect(nothingOpenToday([field({ availability: 'OUTSIDE_HOURS' }), field()], TODAY)).toBe(
      false,
    );
  });

  it('words the wait, or that no counter is open', () => {
    expect(waitText(25)).toBe('Chờ khoảng 25 phút');
    expect(waitText(75)).toBe('Chờ khoảng 1 giờ 15 phút');
    expect(waitText(null)).toBe('Chưa có quầy mở');
  });
});

describe('the day strip', () => {
  it('runs from today to daysAhead, across a month end', () => {
    expect(stripDays(TODAY, 2)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(stripDays(TODAY, 0)).toEqual([TODAY]);
  });

  it('names the days and marks each from its slots', () => {
    const known = new Map<string, PublicSlots>([
      [
        '2026-11-30',
        slots('2026-11-30', { slots: [{ start: '07:30', capacity: 2, left: 2, past: true }] }),
      ],
      ['2026-12-01', slots('2026-12-01')],
      ['2026-12-02', slots('2026-12-02', { slots: [], closed: 'CLOSED_DAY' })],
      ['2026-12-03', slots('2026-12-03', { slots: [], closed: 'TOO_EARLY' })],
    ]);
    const strip = dayStrip(TODAY, 4, known);
    expect(strip.map((d) => [d.name, d.date, d.state, d.note])).toEqual([
      ['Hôm nay', '30/11', 'full', 'Hết chỗ'],
      ['Ngày mai', '01/12', 'open', 'Còn chỗ'],
      ['Thứ Tư', '02/12', 'closed', 'Nghỉ'],
      ['Thứ Năm', '03/12', 'closed', 'Chưa mở đặt'],
      ['Thứ Sáu', '04/12', 'loading', '…'],
    ]);
    expect(firstOpenDay(strip)).toBe('2026-12-01');
  });

  it('falls back to today when no day has a free slot', () => {
    const strip = dayStrip(
      TODAY,
      1,
      new Map([[TODAY, slots(TODAY, { slots: [], closed: 'CLOSED_DAY' })]]),
    );
    expect(firstOpenDay(strip)).toBe(TODAY);
  });
});

describe('a slot', () => {
  it('shows the places left, and is disabled when full or past', () => {
    expect(slotState({ start: '09:30', capacity: 3, left: 2, past: false })).toEqual({
      bookable: true,
      note: 'còn 2 chỗ',
    });
    expect(slotState({ start: '09:30', capacity: 3, left: 0, past: false })).toEqual({
      bookable: false,
      note: 'Đã đủ',
    });
    expect(slotState({ start: '09:30', capacity: 3, left: 3, past: true })).toEqual({
      bookable: false,
      note: 'Đã qua',
    });
  });
});

describe('days and times in words', () => {
  it('writes the booking day and time as a person reads them', () => {
    expect(dayWords('2026-12-01')).toBe('Thứ Ba, 01/12/2026');
    expect(whenWords('2026-12-01', '09:30')).toBe('Thứ Ba, 01/12/2026 lúc 09:30');
    expect(dayWords('2026-12-06')).toBe('Chủ Nhật, 06/12/2026');
  });

  it('writes the check-in window on the centre clock, whatever the phone zone', () => {
    // 09:30 in Hà Nội is 02:30 UTC; check-in from 30 minutes before to 15 after.
    const slotAt = Date.UTC(2026, 11, 1, 2, 30);
    const view: BookingView = {
      siteName: 'Trung tâm',
      fieldName: 'Hộ tịch',
      day: '2026-12-01',
      start: '09:30',
      code: 'ABC234',
      status: 'booked',
      checkInFrom: slotAt - 30 * 60_000,
      checkInUntil: slotAt + 15 * 60_000,
      path: '/b/x',
      ticketPath: null,
    };
    expect(checkInWindow(view)).toBe(
      'Làm thủ tục tại máy lấy số từ 09:00 đến 09:45. Sau 09:45 lịch hẹn hết hiệu lực.',
    );
    // The first slot of a day opened the evening before: the other day is named.
    const early = { ...view, start: '00:15', checkInFrom: Date.UTC(2026, 10, 30, 16, 45) };
    expect(checkInWindow(early)).toMatch(/^Làm thủ tục tại máy lấy số từ 23:45 ngày 30\/11 đến/);
  });
});

describe('refusals in plain Vietnamese', () => {
  it('says a wrong code', () => {
    expect(refusalText({ code: 'CODE_WRONG' })).toMatch(/^Mã xác nhận không đúng/);
  });

  it('says how long a lock lasts when the hub said it', () => {
    expect(refusalText({ code: 'RATE_LIMITED', retryAfterSeconds: 900 })).toBe(
      'Quý khách đã thử quá nhiều lần. Vui lòng thử lại sau 15 phút.',
    );
    expect(refusalText({ code: 'RATE_LIMITED', retryAfterSeconds: 30 })).toMatch(/sau 30 giây\.$/);
    expect(refusalText({ code: 'RATE_LIMITED' })).toBe(
      'Quý khách đã thử quá nhiều lần. Vui lòng đợi một lúc rồi thử lại.',
    );
    expect(lockWords(61)).toBe('2 phút');
  });

  it('names the limit reached from what the phone holds', () => {
    const holdings = { numbersToday: 2, numbersPerDay: 2, openBookings: 1, openBookingsLimit: 1 };
    expect(refusalText({ code: 'LIMIT_REACHED' }, { holdings, action: 'take' })).toMatch(
      /^Quý khách đã lấy đủ 2 số hôm nay/,
    );
    expect(refusalText({ code: 'LIMIT_REACHED' }, { holdings, action: 'book' })).toMatch(
      /^Quý khách đang giữ 1 lịch hẹn/,
    );
    expect(refusalText({ code: 'LIMIT_REACHED' })).toMatch(/hết số lượt cho phép/);
  });

  it("prefers the hub's own words, except for a wrong code, an expired sign-in, no network", () => {
    const locked = 'Nhập sai mã xác nhận quá nhiều lần. Vui lòng thử lại sau 15 phút.';
    expect(refusalText({ code: 'RATE_LIMITED', message: locked, retryAfterSeconds: 900 })).toBe(
      locked,
    );
    expect(refusalText({ code: 'CODE_WRONG', message: 'Mã xác nhận không đúng.' })).toMatch(
      /Gửi lại mã/,
    );
    expect(refusalText({ code: 'UNAVAILABLE', message: '' })).toMatch(/kiểm tra mạng/);
    expect(refusalText({ code: 'UNAVAILABLE', message: 'Chưa gửi được mã xác nhận.' })).toBe(
      'Chưa gửi được mã xác nhận.',
    );
  });

  it("takes every other code's text from the protocol's catalogue", () => {
    expect(refusalText({ code: 'CLOSED_DAY' })).toBe('Ngày này trung tâm không làm việc.');
    expect(refusalText({ code: 'SLOT_FULL' })).toMatch(/chọn khung giờ khác/);
  });
});

describe('what the citizen types', () => {
  it('takes Vietnamese mobile numbers as people write them', () => {
    expect(normalisePhone('0912 345 678')).toBe('84912345678');
    expect(normalisePhone('+84 912.345.678')).toBe('84912345678');
    expect(normalisePhone(' 0387-654-321 ')).toBe('84387654321');
    expect(normalisePhone('0212 345 678')).toBeNull();
    expect(normalisePhone('091234567')).toBeNull();
  });

  it('takes six digits, spaces aside', () => {
    expect(normaliseCode('123 456')).toBe('123456');
    expect(normaliseCode('12345')).toBeNull();
    expect(normaliseCode('12345a')).toBeNull();
  });
});

describe('finding a site', () => {
  it('matches words of the name with or without diacritics', () => {
    const sites = [
      { id: 'a', name: 'Trung tâm Phục vụ hành chính công tỉnh' },
      { id: 'b', name: 'Xã An Phú' },
      { id: 'c', name: 'Phường Đống Đa' },
    ];
    expect(filterSites(sites, 'an phu').map((s) => s.id)).toEqual(['b']);
    expect(filterSites(sites, 'phu').map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(filterSites(sites, 'dong da').map((s) => s.id)).toEqual(['c']);
    expect(filterSites(sites, 'Phục vụ').map((s) => s.id)).toEqual(['a']);
    expect(filterSites(sites, '  ').map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});
