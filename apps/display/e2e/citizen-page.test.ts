// The citizens' public page at phone size, in Chromium against a real hub with a public
// listener: take a number now, book a slot, check in with the booking's QR, cancel, a slot
// taken meanwhile, a wrong code. Screenshots to LUOT_SHOTS_DIR when set.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IN_CODE } from '@luot/protocol';
import {
  codeReceived,
  launchChromium,
  request,
  startTestHub,
  testConfig,
  type TestHub,
} from '@luot/hub/testing';
import { kiosk, text } from './support.ts';

const SHOTS = process.env.LUOT_SHOTS_DIR;
const PHONE_SIZE = { width: 390, height: 844 };

/** Hộ tịch: remote numbers like walk-ins, 30-minute slots of one place; Đất đai: check-in first. */
function citizenConfig() {
  const sessions = [
    { from: '07:30', to: '11:30' },
    { from: '13:30', to: '17:00' },
  ];
  return testConfig(3, {
    fields: [
      {
        id: 'ho-tich',
        name: 'Tư pháp – Hộ tịch',
        numbering: { prefix: '', start: 1001, digits: 4 },
        sessions,
        online: {
          remote: 'walk-in',
          booking: { enabled: true, slotMinutes: 30, capacity: 1, daysAhead: 6 },
        },
      },
      {
        id: 'dat-dai',
        name: 'Đất đai',
        numbering: { prefix: 'A', start: 1, digits: 3 },
        sessions: [{ from: '07:30', to: '17:00' }],
        online: { remote: 'check-in' },
      },
      {
        id: 'thue',
        name: 'Thuế',
        numbering: { prefix: 'T', start: 1, digits: 3 },
        sessions: [{ from: '07:30', to: '17:00' }],
      },
    ],
    counters: [1, 2, 3].map((n) => ({
      id: `c${n}`,
      number: n,
      name: `Quầy ${n}`,
      fieldIds: ['ho-tich', 'dat-dai', 'thue'],
    })),
  });
}

let t: TestHub;
let pub: string;
let browser: Browser;
beforeAll(async () => {
  t = await startTestHub({
    serveApps: true,
    config: citizenConfig(),
    hub: { publicListener: { port: 0, host: '127.0.0.1' } },
  });
  pub = t.publicUrl!;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A phone: 390×844, touch, Vietnamese, the centre's time zone. */
async function phone(url: string, viewport = PHONE_SIZE) {
  const context = await browser.newContext({
    viewport,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url);
  return { page, errors };
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/page-${name}.png`, fullPage: false });
}

/**
 * The hub lets a phone ask for a code once a minute: each sign-in starts a minute later on the
 * hub's clock (the slots below are far enough ahead for it).
 */
function nextMinute() {
  t.clock.set(t.clock.now() + 61_000);
}

/** Types the phone number, then the code the phone received (a wrong one first, if asked). */
async function signIn(page: Page, number: string, normalised: string, wrongFirst = false) {
  nextMinute();
  await page.fill('#cz-phone', number);
  await page.tap('[data-testid=cz-send-code]');
  await page.waitForSelector('#cz-code');
  const code = await codeReceived(t, normalised);
  if (wrongFirst) {
    await page.fill('#cz-code', code === '000000' ? '111111' : '000000');
    await page.tap('[data-testid=cz-verify]');
    await expect
      .poll(() => text(page, '[data-testid=cz-problem]'))
      .toMatch(/^Mã xác nhận không đúng hoặc đã hết hạn/);
    await shot(page, 'signin-wrong-code');
  }
  await page.fill('#cz-code', code);
  await page.tap('[data-testid=cz-verify]');
  await page.waitForSelector('[data-testid=cz-holdings]');
}

const card = (page: Page, fieldId: string) => page.locator(`[data-field="${fieldId}"]`);

describe('the field list', () => {
  it('shows each field’s queue and what can be done now, at 390×844 and 360×640', async () => {
    const k = await kiosk(t);
    await k.issue('ho-tich');
    const { page, errors } = await phone(`${pub}/lay-so`);
    await page.waitForSelector('[data-field="ho-tich"]');
    expect(await text(page, '.cz-site')).toBe('Bộ phận Một cửa xã Thử Nghiệm');
    const hoTich = card(page, 'ho-tich');
    expect(await hoTich.locator('[data-testid=cz-waiting]').textContent()).toBe('1 người đang chờ');
    // No counter is open yet: no honest estimate.
    expect(await hoTich.locator('[data-testid=cz-wait]').textContent()).toBe('Chưa có quầy mở');
    expect(await hoTich.locator('button').allTextContents()).toEqual(['Lấy số ngay', 'Đặt lịch']);
    expect(await card(page, 'dat-dai').locator('button').allTextContents()).toEqual([
      'Lấy số ngay',
    ]);
    expect(await card(page, 'thue').locator('[data-testid=cz-reason]').textContent()).toBe(
      'Lĩnh vực không nhận trực tuyến',
    );
    expect(await card(page, 'thue').locator('button').count()).toBe(0);
    await shot(page, 'fields');

    // A counter opens and the figures follow within the refresh, with nothing touched.
    const { token } = await t.login('cb1', 'c1');
    await t.connectReady(token);
    // The page refreshes every 20 s while shown, and at once when shown again: the latter here.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect
      .poll(() => hoTich.locator('[data-testid=cz-wait]').textContent())
      .toMatch(/^Chờ khoảng \d+ phút$/);

    // The smallest phone: one column, nothing wider than the screen.
    await page.setViewportSize({ width: 360, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await shot(page, 'fields-360');
    expect(errors).toEqual([]);
  });

  it('is served on the staff listener under /display/, without the screens’ worker', async () => {
    const { page } = await phone(`${t.url}/display/lay-so`);
    await page.waitForSelector('[data-field="ho-tich"]');
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations())).toEqual([]);
  });
});

describe('a province', () => {
  it('lists its sites first, and Back returns to them', async () => {
    const province = await startTestHub({
      serveApps: true,
      config: citizenConfig(),
      sites: ['trung-tam', 'xa-an-phu'],
      hub: { publicListener: { port: 0, host: '127.0.0.1' } },
    });
    try {
      const { page, errors } = await phone(`${province.publicUrl}/lay-so`);
      await page.waitForSelector('[data-site]');
      expect(await page.$$eval('[data-site]', (b) => b.map((e) => e.textContent))).toEqual([
        'Bộ phận Một cửa xã Thử Nghiệm ›',
        'Điểm xa-an-phu ›',
      ]);
      await shot(page, 'sites');
      await page.tap('[data-site="xa-an-phu"]');
      await page.waitForSelector('[data-field="ho-tich"]');
      expect(await text(page, '.cz-site')).toBe('Điểm xa-an-phu');
      await page.goBack();
      await page.waitForSelector('[data-site="trung-tam"]');
      expect(errors).toEqual([]);
    } finally {
      await province.close();
    }
  });
});

describe('a number from the phone', () => {
  it('signs in (a wrong code refused), takes a number and opens its live ticket page', async () => {
    const { page, errors } = await phone(`${pub}/`);
    await card(page, 'ho-tich').locator('[data-testid=cz-take]').tap();
    await page.waitForSelector('#cz-phone');
    // A landline is refused before anything is sent.
    await page.fill('#cz-phone', '024 3825 1234');
    await page.tap('[data-testid=cz-send-code]');
    expect(await text(page, '.cz-invalid')).toMatch(/^Số điện thoại chưa đúng/);
    await shot(page, 'signin-phone');
    await signIn(page, '0912 345 678', '84912345678', true);
    expect(await text(page, '[data-testid=cz-holdings]')).toBe(
      'Hôm nay quý khách đã lấy 0/2 số · Lịch hẹn đang giữ: 0/2',
    );
    await page.tap('[data-testid=cz-take-confirm]');
    await page.waitForURL(/\/t\/[^/]+$/);
    await expect.poll(() => text(page, '[data-testid=phone-label]')).toBe('1002');
    expect(await text(page, '[data-testid=phone-field]')).toBe('Tư pháp – Hộ tịch');
    expect(await text(page, '[data-testid=phone-ahead]')).toBe('1');

    // Back on the page, still signed in in this tab: a check-in field explains its code first.
    await page.goto(`${pub}/lay-so`);
    await expect
      .poll(() => text(page, '[data-testid=cz-holdings]'))
      .toBe('Hôm nay quý khách đã lấy 1/2 số · Lịch hẹn đang giữ: 0/2');
    await card(page, 'dat-dai').locator('[data-testid=cz-take]').tap();
    await page.tap('[data-testid=cz-take-confirm]');
    await page.waitForSelector('[data-testid=cz-taken]');
    const code = (await text(page, '[data-testid=cz-checkin-code]'))!;
    expect(code).toMatch(CHECK_IN_CODE);
    expect(await text(page, '[data-testid=cz-taken] .cz-note')).toContain(
      `Khi đến trung tâm, quét mã hoặc nhập mã ${code} tại máy lấy số`,
    );
    await shot(page, 'taken-check-in');
    await page.tap('[data-testid=cz-open-ticket]');
    await expect.poll(() => text(page, '[data-testid=phone-label]')).toBe('A001');

    // The day's limit: a third number is refused in words.
    await page.goto(`${pub}/lay-so`);
    await card(page, 'ho-tich').locator('[data-testid=cz-take]').tap();
    await page.tap('[data-testid=cz-take-confirm]');
    await expect
      .poll(() => text(page, '[data-testid=cz-problem]'))
      .toBe('Mỗi số điện thoại được lấy tối đa 2 số thứ tự mỗi ngày; quý khách đã lấy đủ.');
    // Trying again cannot help: the button is gone, the reason stays.
    expect(await page.$('[data-testid=cz-take-confirm]')).toBeNull();
    await shot(page, 'refusal-limit');
    expect(errors).toEqual([]);
  });
});

/** Decodes the QR code drawn in an element. */
async function scanQr(page: Page, selector: string): Promise<string | null> {
  const png = PNG.sync.read(await page.locator(selector).screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe('a booked slot', () => {
  it('books from the day strip, shows the code and QR, checks in with the QR, cancels another', async () => {
    const { page, errors } = await phone(`${pub}/lay-so`);
    await card(page, 'ho-tich').locator('[data-testid=cz-book]').tap();
    await signIn(page, '0387 654 321', '84387654321');
    await page.waitForSelector('.cz-day[data-state="open"]');
    // Today (Monday 23/11) to six days ahead; the weekend is closed.
    await expect
      .poll(() => page.$$eval('.cz-day', (days) => days.map((d) => d.getAttribute('data-state'))))
      .toEqual(['open', 'open', 'open', 'open', 'open', 'closed', 'closed']);
    expect(await text(page, '.cz-day[data-day="2026-11-28"]')).toBe('Thứ Bảy28/11Nghỉ');
    expect(await page.isDisabled('.cz-day[data-day="2026-11-28"]')).toBe(true);
    // Today's slots: those begun are past, the rest have their one place.
    expect(await text(page, '.cz-slot[data-start="07:30"]')).toBe('07:30Đã qua');
    expect(await page.isDisabled('.cz-slot[data-start="07:30"]')).toBe(true);
    expect(await text(page, '.cz-slot[data-start="09:30"]')).toBe('09:30còn 1 chỗ');
    await shot(page, 'slots');

    await page.tap('.cz-slot[data-start="09:30"]');
    expect(await text(page, '[data-testid=cz-confirm-when]')).toBe('Thứ Hai, 23/11/2026 lúc 09:30');
    await page.tap('[data-testid=cz-book-confirm]');
    await page.waitForURL(/\/b\/[^/]+$/);
    const bookingUrl = page.url();
    await page.waitForSelector('[data-testid=cz-qr]');
    const code = (await text(page, '[data-testid=cz-booking-code]'))!;
    expect(code).toMatch(CHECK_IN_CODE);
    expect(await text(page, '[data-testid=cz-booking-when]')).toBe('Thứ Hai, 23/11/2026 lúc 09:30');
    expect(await text(page, '[data-testid=cz-booking-status]')).toBe('Đã đặt');
    expect(await text(page, '[data-testid=cz-checkin-window]')).toBe(
      'Làm thủ tục tại máy lấy số từ 09:00 đến 09:45. Sau 09:45 lịch hẹn hết hiệu lực.',
    );
    // The QR carries the page's own address, read from the phone's screen.
    expect(await scanQr(page, '[data-testid=cz-qr]')).toBe(bookingUrl);
    await shot(page, 'booking');

    // At the kiosk: its reader types what the QR says; the booking turns into a ticket.
    const k = await kiosk(t);
    const checkIn = await request(k.socket, 'ticket:checkIn', { scanned: bookingUrl });
    expect(checkIn.ok).toBe(true);
    await page.reload();
    await expect.poll(() => text(page, '[data-testid=cz-booking-status]')).toBe('Đã đến');
    expect(await page.$('[data-testid=cz-qr]')).toBeNull();
    await page.tap('[data-testid=cz-ticket-link]');
    await page.waitForURL(/\/t\/[^/]+$/);
    await expect.poll(() => text(page, '[data-testid=phone-label]')).toMatch(/^\d{4}$/);

    // Another slot, cancelled from its page after a confirmation.
    await page.goto(`${pub}/lay-so`);
    await card(page, 'ho-tich').locator('[data-testid=cz-book]').tap();
    await page.tap('.cz-day[data-day="2026-11-24"]');
    await page.tap('.cz-slot[data-start="08:00"]');
    await page.tap('[data-testid=cz-book-confirm]');
    await page.waitForURL(/\/b\/[^/]+$/);
    await page.waitForSelector('[data-testid=cz-booking-code]');
    await page.tap('[data-testid=cz-cancel]');
    expect(await text(page, '.cz-ask p')).toMatch(/^Quý khách chắc chắn muốn hủy lịch hẹn này\?/);
    await page.tap('[data-testid=cz-cancel-yes]');
    await expect.poll(() => text(page, '[data-testid=cz-booking-status]')).toBe('Đã hủy');
    await page.reload();
    await expect.poll(() => text(page, '[data-testid=cz-booking-status]')).toBe('Đã hủy');
    expect(await page.$('[data-testid=cz-cancel]')).toBeNull();
    expect(await page.$('[data-testid=cz-booking-code]')).toBeNull();

    // The slot given back is free again for the next citizen.
    await page.goto(`${pub}/lay-so`);
    await card(page, 'ho-tich').locator('[data-testid=cz-book]').tap();
    await page.tap('.cz-day[data-day="2026-11-24"]');
    await expect.poll(() => text(page, '.cz-slot[data-start="08:00"]')).toBe('08:00còn 1 chỗ');
    expect(errors).toEqual([]);
  });

  it('refuses a slot taken while the citizen was confirming, and shows it full', async () => {
    const { page, errors } = await phone(`${pub}/lay-so`);
    await card(page, 'ho-tich').locator('[data-testid=cz-book]').tap();
    await signIn(page, '0977 111 222', '84977111222');
    await page.tap('.cz-day[data-day="2026-11-25"]');
    await page.tap('.cz-slot[data-start="10:00"]');
    await page.waitForSelector('[data-testid=cz-book-confirm]');

    // Meanwhile another citizen books the last place, through the same public API.
    nextMinute();
    const other = '84966333444';
    await api('POST', '/api/public/code', { phone: other });
    const session = await api<{ token: string }>('POST', '/api/public/verify', {
      phone: other,
      code: await codeReceived(t, other),
    });
    await api(
      'POST',
      '/api/public/bookings',
      { siteId: t.siteIds[0], fieldId: 'ho-tich', day: '2026-11-25', start: '10:00' },
      session.token,
    );

    await page.tap('[data-testid=cz-book-confirm]');
    await expect
      .poll(() => text(page, '[data-testid=cz-problem] p'))
      .toBe('Khung giờ này đã đủ người đặt; vui lòng chọn khung giờ khác.');
    await shot(page, 'refusal-slot-full');
    await page.tap('[data-testid=cz-problem] button');
    await expect.poll(() => text(page, '.cz-slot[data-start="10:00"]')).toBe('10:00Đã đủ');
    expect(await page.isDisabled('.cz-slot[data-start="10:00"]')).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('with a keyboard', () => {
  it('reaches every step without a tap: a field, the phone number, the code', async () => {
    const { page } = await phone(`${pub}/lay-so`);
    await page.focus('[data-field="ho-tich"] [data-testid=cz-take]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#cz-phone');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cz-phone');
    nextMinute();
    await page.keyboard.type('0901 222 333');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#cz-code');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cz-code');
    await page.keyboard.type(await codeReceived(t, '84901222333'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=cz-take-confirm]');
    await page.focus('[data-testid=cz-take-confirm]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/t\/[^/]+$/);
    await expect.poll(() => text(page, '[data-testid=phone-field]')).toBe('Tư pháp – Hộ tịch');
  });
});

// Last: the hub restarts on the staff listener's port (the public one would get a new port).
describe('when the hub is out of reach', () => {
  it('says so with a retry, keeps the last figures, and carries on once it answers', async () => {
    const { page } = await phone(`${t.url}/display/lay-so`);
    await page.waitForSelector('[data-field="ho-tich"]');
    await t.stop();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect
      .poll(() => page.getAttribute('[data-testid=cz-problem]', 'data-kind'))
      .toBe('offline');
    expect(await text(page, '[data-testid=cz-problem] p')).toBe(
      'Không kết nối được máy chủ. Quý khách kiểm tra mạng rồi bấm “Thử lại”.',
    );
    expect(await page.$('[data-field="ho-tich"]')).not.toBeNull();
    await shot(page, 'offline');
    await t.restart();
    await page.tap('[data-testid=cz-problem] button');
    await expect.poll(() => page.$('[data-testid=cz-problem]')).toBeNull();
  });
});

/** One call of the public API as another phone would make it; fails the test when refused. */
async function api<T = unknown>(method: string, path: string, body: unknown, token?: string) {
  const res = await fetch(pub + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as { ok: boolean; data: T; error?: unknown };
  if (!answer.ok) throw new Error(`${path} refused: ${JSON.stringify(answer.error)}`);
  return answer.data;
}
