// The kiosk's check-in screen in Chromium against a real hub: the keypad, a QR reader typing
// like a keyboard anywhere on the kiosk, and what a refusal says.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { siteConfigSchema } from '@luot/domain';
import {
  codeReceived,
  launchChromium,
  startTestHub,
  testConfig,
  type TestHub,
} from '@luot/hub/testing';
import { bitmapToPng, countDifferentPixels, decodeRaster, renderTicket } from '@luot/printing';
import type { BookingView, CitizenSession, RemoteTicket } from '@luot/protocol';
import { openKiosk, startPrinterRig, type PrinterRig } from './kiosk-harness.ts';

/** Where screenshots go for a person to look at (not the repository); unset: none. */
const SHOTS = process.env.LUOT_SHOTS_DIR;

/**
 * The test centre with bookings taken for civil status (15-minute slots, check-in from 30
 * minutes before the slot until 15 after) and remote numbers that check in for land.
 */
function onlineCentre() {
  const base = testConfig();
  return siteConfigSchema.parse({
    ...base,
    fields: base.fields.map((f) =>
      f.id === 'ho-tich'
        ? { ...f, online: { ...f.online, booking: { ...f.online.booking, enabled: true } } }
        : { ...f, online: { ...f.online, remote: 'check-in' } },
    ),
  });
}

let hub: TestHub;
let rig: PrinterRig;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  hub = await startTestHub({ serveApps: true, config: onlineCentre() });
  rig = await startPrinterRig();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await rig?.close();
  await hub?.close();
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.context().close();
});

async function kiosk(viewport?: { width: number; height: number }, clock = false) {
  const opened = await openKiosk(browser, rig, {
    hubUrl: hub.url,
    token: hub.tokens.kiosk!,
    ...(viewport ? { viewport } : {}),
    clock,
  });
  pages.push(opened.page);
  await opened.page.waitForSelector('.field-button[data-state="open"]');
  return opened;
}

const tickets = () => Object.values(hub.hub.queue.live.tickets);
const code = (page: Page) => page.getByTestId('check-in-code').getAttribute('data-code');
const shot = async (page: Page, name: string) => {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name) });
};

/** Waits for the check-in's outcome; the screen's text, so a failure says what it showed. */
async function outcome(page: Page): Promise<string> {
  await page
    .waitForSelector('[data-screen="printed"], [data-screen="not-issued"]', { timeout: 20_000 })
    .catch(() => undefined);
  return `${await page.getAttribute('main, section', 'data-screen')}: ${await page.innerText('body')}`;
}

/** A QR reader: the characters a key every few milliseconds, then Enter. */
/**
 * A QR reader types a whole code within milliseconds: its key presses are dispatched in the page
 * in one go (a busy test machine slows the browser's own typing to a person's pace).
 */
async function scan(page: Page, text: string) {
  await page.evaluate(
    (keys) => {
      const target = document.activeElement ?? document.body;
      for (const key of keys)
        target.dispatchEvent(
          new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
        );
    },
    [...text, 'Enter'],
  );
}

describe('checking in at the kiosk', () => {
  it('opens a keypad from the main screen; keys, backspace and clear edit the code', async () => {
    const { page, errors } = await kiosk();
    const entry = page.getByTestId('check-in-entry');
    expect(await entry.textContent()).toBe('Đã đặt lịch / lấy số trực tuyến?Quét mã hoặc nhập mã');
    await shot(page, 'kiosk-checkin-entry.png');
    await entry.click();
    await page.waitForSelector('[data-screen="check-in"]');

    for (const k of ['K', '7', 'M', 'P']) await page.click(`[data-key="${k}"]`);
    expect(await code(page)).toBe('K7MP');
    await page.click('[data-key="backspace"]');
    expect(await code(page)).toBe('K7M');
    expect(await page.getByTestId('check-in-submit').isDisabled()).toBe(true);
    await shot(page, 'kiosk-checkin-keypad.png');

    await page.click('[data-key="clear"]');
    expect(await code(page)).toBe('');
    // No more than six characters, whatever is pressed.
    for (const k of ['2', '3', '4', '5', '6', '7', '8', '9']) await page.click(`[data-key="${k}"]`);
    expect(await code(page)).toBe('234567');
    expect(await page.getByTestId('check-in-submit').isEnabled()).toBe(true);

    // Every character of the alphabet has a key, and each key is as big as a finger needs.
    const keys = await page.$$eval('.code-key', (els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { key: e.getAttribute('data-key'), w: r.width, h: r.height, bottom: r.bottom };
      }),
    );
    expect(keys.map((k) => k.key).join('')).toBe('23456789ABCDEFGHJKMNPQRSTUVWXYZbackspaceclear');
    for (const k of keys) {
      expect(Math.min(k.w, k.h)).toBeGreaterThanOrEqual(120);
      expect(k.bottom).toBeLessThanOrEqual(1920);
    }
    expect(errors).toEqual([]);
  });

  it('sends a typed code and says why it was refused, with a way back', async () => {
    const { page } = await kiosk();
    const before = tickets().length;
    await page.getByTestId('check-in-entry').click();
    // A person at a keyboard: slow keys, lower case taken as upper case.
    await page.keyboard.type('k7mp2q', { delay: 120 });
    expect(await code(page)).toBe('K7MP2Q');
    await page.getByTestId('check-in-submit').click();
    // No booking or remote number has this code.
    await page.waitForSelector('[data-screen="not-issued"]');
    expect(await page.textContent('[data-screen="not-issued"] h1')).toBe('Chưa nhận được số');
    expect(await page.getByTestId('not-issued-reason').textContent()).toContain(
      'Không tìm thấy mã',
    );
    await expect.poll(() => page.getByTestId('retry').isEnabled()).toBe(true);
    await shot(page, 'kiosk-checkin-not-found.png');
    expect(tickets()).toHaveLength(before);

    // "Nhập lại mã" opens an empty keypad; "Quay lại" there goes to the start.
    await page.getByTestId('retry').click({ timeout: 5_000 });
    await page.waitForSelector('[data-screen="check-in"]');
    expect(await code(page)).toBe('');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-screen="home"]');
  });

  it('hears a QR reader on the field buttons: the scan checks in and takes no walk-in number', async () => {
    const { page } = await kiosk();
    const before = tickets().length;
    // The focus on a field button, where Enter alone would choose the field.
    await page.focus('[data-field="ho-tich"]');
    await scan(page, `${hub.url}/b/Zq3-x_K9aT2mWv8Jk`);
    await page.waitForSelector('[data-screen="not-issued"]');
    expect(await page.textContent('[data-screen="not-issued"] h1')).toBe('Chưa nhận được số');
    expect(await page.getByTestId('not-issued-reason').textContent()).toContain(
      'Không tìm thấy mã',
    );
    expect(tickets()).toHaveLength(before);

    // A person typing the same on the keyboard is no scan: their Enter presses the field.
    await page.getByRole('button', { name: 'Quay lại' }).click({ timeout: 5_000 });
    await page.waitForSelector('[data-screen="home"]');
    await page.focus('[data-field="ho-tich"]');
    await page.keyboard.type('K7MP2Q', { delay: 120 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen="confirm"]');
    expect(tickets()).toHaveLength(before);
  });

  it('hears a QR reader on the check-in screen: the scan is sent, not typed into the code', async () => {
    const { page } = await kiosk();
    await page.getByTestId('check-in-entry').click();
    await page.click('[data-key="A"]');
    await scan(page, `${hub.url}/b/Zq3-x_K9aT2mWv8Jk`);
    await page.waitForSelector('[data-screen="not-issued"]');
    expect(await page.textContent('[data-screen="not-issued"] h1')).toBe('Chưa nhận được số');
  });

  it('works by keyboard alone: Tab to a key, Enter presses it', async () => {
    const { page } = await kiosk();
    await page.focus('[data-testid="check-in-entry"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen="check-in"]');
    // The first key has the focus: "2"; Tab moves to "3".
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await code(page)).toBe('23');
  });
});

/** The citizens' public API on the hub's staff listener. */
async function api<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${hub.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const answer = (await res.json()) as { ok: boolean; data: T; error?: unknown };
  if (!answer.ok) throw new Error(`${method} ${path}: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

let phones = 0;
/** A new citizen confirms a phone with the code it received: their bearer token. */
async function citizen(): Promise<string> {
  const digits = String(12_345_000 + ++phones);
  await api('POST', '/api/public/code', { phone: `09${digits}` });
  const code = await codeReceived(hub, `849${digits}`);
  const session = await api<CitizenSession>('POST', '/api/public/verify', {
    phone: `09${digits}`,
    code,
  });
  return session.token;
}

/** A new citizen books a slot of civil status today (Monday 23/11/2026). */
async function book(start: string): Promise<BookingView> {
  const body = { siteId: 'trung-tam', fieldId: 'ho-tich', day: '2026-11-23', start };
  return api<BookingView>('POST', '/api/public/bookings', body, await citizen());
}

/** The ticket the printer emulator received last, decoded, and what the kiosk asked to print. */
function lastPrint() {
  const job = rig.emulator.tickets().at(-1)!;
  return { printed: decodeRaster(job), data: rig.printed.at(-1)! };
}

describe('checking in a booking and a remote number made through the citizens’ API', () => {
  it('prints a booking typed on the keypad with "Lịch hẹn 09:30" under its number', async () => {
    const booking = await book('09:30');
    const { page, errors } = await kiosk();
    const jobs = rig.emulator.tickets().length;
    await page.getByTestId('check-in-entry').click();
    for (const k of booking.code) await page.click(`[data-key="${k}"]`);
    await page.getByTestId('check-in-submit').click();
    await page.waitForSelector('[data-screen="printed"]');

    const slotAt = Date.parse('2026-11-23T09:30:00+07:00');
    const ticket = tickets().find((t) => t.origin === 'booking' && t.slotAt === slotAt)!;
    expect(ticket.fieldId).toBe('ho-tich');
    expect(await page.getByTestId('issued-label').textContent()).toBe(ticket.label);
    expect(await page.getByTestId('issued-origin').textContent()).toBe('Lịch hẹn 09:30');
    // The printer got the ticket: dot for dot the booked ticket, with its line.
    expect(rig.emulator.tickets()).toHaveLength(jobs + 1);
    const { printed, data } = lastPrint();
    expect(data).toMatchObject({ label: ticket.label, origin: 'booking', slotAt });
    expect(countDifferentPixels(printed, renderTicket(data, { paper: '80mm' }))).toBe(0);
    const walkIn = renderTicket(
      { ...data, origin: undefined, slotAt: undefined },
      {
        paper: '80mm',
      },
    );
    expect(printed.height).toBeGreaterThan(walkIn.height);
    if (SHOTS) writeFileSync(join(SHOTS, 'kiosk-printed-booked-ticket.png'), bitmapToPng(printed));
    await shot(page, 'kiosk-checkin-printed.png');
    expect(errors).toEqual([]);
  });

  it('prints a booking whose page a QR reader scans on the main screen, and the same number on a second scan', async () => {
    const booking = await book('09:15');
    const secret = booking.path.slice(3);
    const { page } = await kiosk();
    const count = tickets().length;
    await scan(page, `${hub.url}${booking.path}`);
    expect(await outcome(page)).toMatch(/^printed/);
    const label = await page.getByTestId('issued-label').textContent();
    expect(tickets()).toHaveLength(count + 1);
    expect(lastPrint().data).toMatchObject({ label, origin: 'booking' });
    expect(await page.getByTestId('issued-origin').textContent()).toBe('Lịch hẹn 09:15');
    await expect
      .poll(async () => (await api<BookingView>('GET', `/api/public/bookings/${secret}`)).status)
      .toBe('checked_in');

    // The citizen scans again (the ticket got lost): the same number, printed again.
    const jobs = rig.emulator.tickets().length;
    await scan(page, `${hub.url}${booking.path}`);
    await expect.poll(() => rig.emulator.tickets().length).toBe(jobs + 1);
    await page.waitForSelector('[data-screen="printed"]');
    expect(lastPrint().data.label).toBe(label);
    expect(tickets()).toHaveLength(count + 1);
  });

  it('prints a remote number of a field where it must check in, with "Lấy số trực tuyến"', async () => {
    const remote = await api<RemoteTicket>(
      'POST',
      '/api/public/tickets',
      { siteId: 'trung-tam', fieldId: 'dat-dai' },
      await citizen(),
    );
    expect(remote.checkInCode).toMatch(/^[A-Z2-9]{6}$/);
    const waiting = tickets().find((t) => t.label === remote.label && t.fieldId === 'dat-dai')!;
    expect(waiting.awaitingArrival).toBe(true);
    const { page } = await kiosk();
    await page.getByTestId('check-in-entry').click();
    await page.keyboard.type(remote.checkInCode!.toLowerCase(), { delay: 120 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen="printed"]');
    expect(await page.getByTestId('issued-label').textContent()).toBe(remote.label);
    expect(await page.getByTestId('issued-origin').textContent()).toBe('Lấy số trực tuyến');
    expect(lastPrint().data).toMatchObject({ label: remote.label, origin: 'remote' });
    await expect
      .poll(() => hub.hub.queue.live.tickets[waiting.id]?.awaitingArrival ?? false)
      .toBe(false);
  });

  // Last: it moves the hub's clock on.
  it('refuses a booking that comes too early, says from when, and prints it once that time comes', async () => {
    const booking = await book('10:30');
    const { page } = await kiosk();
    const jobs = rig.emulator.tickets().length;
    await page.getByTestId('check-in-entry').click();
    await page.keyboard.type(booking.code, { delay: 120 });
    await page.getByTestId('check-in-submit').click();
    await page.waitForSelector('[data-screen="not-issued"]');
    expect(await page.getByTestId('not-issued-reason').textContent()).toBe(
      'Chưa đến giờ nhận lịch hẹn — mời quý khách quay lại từ 10:00.',
    );
    await expect.poll(() => page.getByTestId('retry').isEnabled()).toBe(true);
    await shot(page, 'kiosk-checkin-refused.png');
    expect(rig.emulator.tickets()).toHaveLength(jobs);

    hub.clock.set(Date.parse('2026-11-23T10:00:00+07:00'));
    await page.getByTestId('retry').click();
    await page.keyboard.type(booking.code, { delay: 120 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen="printed"]');
    expect(await page.getByTestId('issued-origin').textContent()).toBe('Lịch hẹn 10:30');
    expect(rig.emulator.tickets()).toHaveLength(jobs + 1);
  });
});

describe('the check-in screen in landscape', () => {
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1366, height: 768 },
  ])
    it(`shows the whole keypad and both buttons on a ${viewport.width}×${viewport.height} screen`, async () => {
      const { page, errors } = await kiosk(viewport);
      const entry = await page.getByTestId('check-in-entry').boundingBox();
      expect(entry!.y + entry!.height).toBeLessThanOrEqual(viewport.height);
      expect(entry!.height).toBeGreaterThanOrEqual(90);
      if (viewport.width === 1920) await shot(page, 'kiosk-checkin-entry-landscape.png');
      await page.getByTestId('check-in-entry').click();
      for (const k of ['K', '7', 'M']) await page.click(`[data-key="${k}"]`);
      const boxes = await page.$$eval('.code-key, .check-in-actions button', (els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { w: r.width, h: r.height, bottom: r.bottom, right: r.right };
        }),
      );
      for (const b of boxes) {
        expect(b.bottom).toBeLessThanOrEqual(viewport.height);
        expect(b.right).toBeLessThanOrEqual(viewport.width);
        // At least the field buttons' smallest height on these screens (90 px).
        expect(Math.min(b.w, b.h)).toBeGreaterThanOrEqual(90);
      }
      if (viewport.width === 1920) await shot(page, 'kiosk-checkin-keypad-landscape.png');
      expect(errors).toEqual([]);
    });
});
