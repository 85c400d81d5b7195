import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startTestHub, type TestHub } from '@luot/hub/testing';
import { bitmapToRgba, countDifferentPixels, decodeRaster, renderTicket } from '@luot/printing';
import { openKiosk, startPrinterRig, type PrinterRig } from './kiosk-harness.ts';

let hub: TestHub;
let rig: PrinterRig;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  hub = await startTestHub({ serveApps: true });
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

async function kiosk(options: { hub?: TestHub; noBridge?: boolean } = {}) {
  const h = options.hub ?? hub;
  const opened = await openKiosk(browser, rig, {
    hubUrl: h.url,
    token: h.tokens.kiosk!,
    ...(options.noBridge ? { noBridge: true } : {}),
  });
  pages.push(opened.page);
  await opened.page.waitForSelector('.field-button[data-state="open"]');
  return opened;
}

const tickets = (h: TestHub = hub) => Object.values(h.hub.queue.live.tickets);
const field = (page: Page, id: string) => page.locator(`[data-field="${id}"]`);

/** Decodes the QR code in a PNG screenshot. */
function scanPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe('the lobby kiosk in Chromium, against a real hub and a printer emulator', () => {
  it('prints a ticket for a tap on a field: the image dot for dot, a QR code to the ticket page', async () => {
    const { page, errors } = await kiosk();
    const before = rig.emulator.tickets().length;
    await field(page, 'ho-tich').click();
    await page.getByTestId('take-number').click();
    await expect
      .poll(() => page.textContent('[data-screen="printed"] h1'))
      .toBe('Mời quý khách nhận phiếu');

    const issued = tickets().filter((t) => t.fieldId === 'ho-tich');
    expect(issued).toHaveLength(1);
    expect(await page.getByTestId('issued-label').textContent()).toBe(issued[0]!.label);

    const data = rig.printed.at(-1)!;
    expect(data).toMatchObject({
      centreName: 'Bộ phận Một cửa xã Thử Nghiệm',
      fieldName: 'Tư pháp – Hộ tịch',
      label: '1001',
      priorityName: null,
      issuedAt: issued[0]!.issuedAt,
      timeZone: 'Asia/Ho_Chi_Minh',
      ahead: 0,
    });
    const jobs = rig.emulator.tickets();
    expect(jobs).toHaveLength(before + 1);
    const printed = decodeRaster(jobs.at(-1)!);
    expect(countDifferentPixels(printed, renderTicket(data, { paper: '80mm' }))).toBe(0);

    const url = jsQR(bitmapToRgba(printed), printed.width, printed.height)?.data;
    expect(url).toMatch(new RegExp(`^${hub.url}/t/[A-Za-z0-9_-]+$`));
    expect(url).toBe(data.qrUrl);
    // The QR code's address opens this ticket's phone page.
    const token = url!.split('/t/')[1]!;
    const socket = hub.connect(token);
    const view = await new Promise<{ label: string; status: string }>((resolve) =>
      socket.once('ticket:view', resolve),
    );
    expect(view).toMatchObject({ label: '1001', status: 'waiting' });
    socket.disconnect();
    expect((await fetch(url!)).status).toBe(200);
    expect(errors).toEqual([]);
  });

  it('prints a priority ticket with its mark', async () => {
    const { page } = await kiosk();
    await field(page, 'dat-dai').click();
    await page.locator('[data-priority="cao-tuoi"]').click();
    await page.waitForSelector('[data-screen="printed"]');
    const t = tickets().find((x) => x.fieldId === 'dat-dai' && x.priorityClassId === 'cao-tuoi');
    expect(t).toBeDefined();
    expect(rig.printed.at(-1)).toMatchObject({
      label: t!.label,
      priorityName: 'Ưu tiên – Người cao tuổi',
    });
    expect(await page.textContent('.result-priority')).toBe('Ưu tiên – Người cao tuổi');
  });

  it('stops issuing while the printer is out of paper, says so, tells the hub, and resumes', async () => {
    const { page } = await kiosk();
    const count = tickets().length;
    const printedBefore = rig.emulator.tickets().length;
    rig.emulator.setStatus({ paper: 'out' });
    const panel = page.getByTestId('stop-panel');
    await expect.poll(() => panel.textContent()).toContain('Máy in hết giấy');
    expect(await panel.textContent()).toContain('Tạm ngừng cấp số');
    expect(await field(page, 'ho-tich').isDisabled()).toBe(true);
    await field(page, 'ho-tich').click({ force: true });
    expect(await page.getByTestId('take-number').count()).toBe(0);

    // Supervisors see the kiosk's printer status.
    const { token } = await hub.login('giamsat');
    await expect
      .poll(async () => {
        const { socket, snapshot } = await hub.connectReady(token);
        socket.disconnect();
        return snapshot.devices.find((d) => d.deviceId === 'kiosk')?.printer?.paper;
      })
      .toBe('out');

    rig.emulator.setStatus({ paper: 'ok' });
    await expect.poll(() => panel.count()).toBe(0);
    await field(page, 'ho-tich').click();
    await page.getByTestId('take-number').click();
    await page.waitForSelector('[data-screen="printed"]');
    expect(tickets()).toHaveLength(count + 1);
    expect(rig.emulator.tickets()).toHaveLength(printedBefore + 1);
  });

  it('keeps the number and shows it with its QR code when the printer drops the ticket part way', async () => {
    const { page } = await kiosk();
    rig.emulator.dropAfter(10_000);
    const jobsBefore = rig.emulator.tickets().length;
    await field(page, 'ho-tich').click();
    await page.getByTestId('take-number').click();
    await page.waitForSelector('[data-screen="on-screen"]');

    const label = await page.getByTestId('issued-label').textContent();
    const ticket = tickets().find((t) => t.label === label && t.fieldId === 'ho-tich')!;
    expect(ticket.status).toBe('waiting');
    expect(rig.emulator.tickets()).toHaveLength(jobsBefore); // no complete ticket came out
    const qr = page.getByTestId('ticket-qr');
    expect(scanPng(await qr.screenshot())).toBe(rig.printed.at(-1)!.qrUrl);
    expect(await page.textContent('[data-screen="on-screen"]')).toContain('Máy in gặp sự cố');
  });

  it('takes the number back ("In phiếu thất bại") when the printer refuses the job before any byte', async () => {
    const { page } = await kiosk();
    rig.refuseNextPrint = true;
    await field(page, 'dat-dai').click();
    await page.getByTestId('take-number').click();
    await page.waitForSelector('[data-screen="not-issued"]');
    expect(await page.getByTestId('not-issued-reason').textContent()).toContain('số chưa được cấp');
    const label = rig.printed.at(-1)!.label;
    const ticket = tickets().find((t) => t.label === label && t.fieldId === 'dat-dai')!;
    expect(ticket.status).toBe('cancelled');
    const cancelled = hub.store
      .eventsOfDay(hub.hub.queue.live.day)
      .map((e) => e.event)
      .find((e) => e.type === 'ticket.cancelled' && e.ticketId === ticket.id);
    expect(cancelled).toMatchObject({ reason: 'In phiếu thất bại' });
    // The printer is gone: back at the start, the kiosk stops issuing.
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await expect
      .poll(() => page.getByTestId('stop-panel').textContent(), { timeout: 15_000 })
      .toContain('Máy in không hoạt động');
    await rig.restart();
  });

  it('gives a child who presses fifty times one ticket', async () => {
    const { page } = await kiosk();
    const count = tickets().length;
    const jobs = rig.emulator.tickets().length;
    const box = (await field(page, 'ho-tich').boundingBox())!;
    for (let i = 0; i < 50; i++)
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const take = (await page.getByTestId('take-number').boundingBox())!;
    for (let i = 0; i < 50; i++)
      await page.mouse.click(take.x + take.width / 2, take.y + take.height / 2);
    await page.waitForSelector('[data-screen="printed"]');
    await page.waitForTimeout(1_000);
    expect(tickets()).toHaveLength(count + 1);
    expect(rig.emulator.tickets()).toHaveLength(jobs + 1);
  });

  it('opens the settings only with the PIN, behind five taps on the corner', async () => {
    const { page } = await kiosk();
    const corner = page.getByRole('button', { name: 'Cài đặt' });
    for (let i = 0; i < 5; i++) await corner.click();
    await page.waitForSelector('[data-screen="pin"]');
    for (const k of ['1', '1', '1', '1', 'OK'])
      await page.getByRole('button', { name: k, exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Mã PIN không đúng.');
    for (const k of ['2', '4', '6', '8', 'OK'])
      await page.getByRole('button', { name: k, exact: true }).click();
    await page.waitForSelector('[data-screen="settings"]');
    expect(await page.inputValue('input >> nth=0')).toBe(hub.url);
  });

  it('prints to a virtual printer (a PNG on screen) in a plain browser', async () => {
    const { page, errors } = await kiosk({ noBridge: true });
    const printed = rig.printed.length;
    await field(page, 'dat-dai').click();
    await page.getByTestId('take-number').click();
    const img = page.getByTestId('virtual-ticket');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(576);
    expect(rig.printed).toHaveLength(printed);
    expect(errors).toEqual([]);
  });
});

describe('closed fields and a hub that is down', () => {
  it('explains why a closed field gives no number (12:00, between the sessions)', async () => {
    const noon = await startTestHub({ serveApps: true, now: Date.parse('2026-11-23T05:00:00Z') });
    try {
      const { page } = await kiosk({ hub: noon });
      const tile = field(page, 'ho-tich');
      expect(await tile.getAttribute('data-state')).toBe('closed');
      expect(await tile.textContent()).toContain('Ngoài giờ lấy số');
      expect(await tile.getByTestId('reopening').textContent()).toBe('Mở lại lúc 13:30');
      await tile.click();
      const dialog = page.getByTestId('closed-dialog');
      expect(await dialog.textContent()).toContain(
        'Lĩnh vực Tư pháp – Hộ tịch hiện ngoài giờ lấy số. Giờ lấy số: 07:30–11:30, 13:30–17:00. Mở lại lúc 13:30.',
      );
      expect(await page.getByTestId('take-number').count()).toBe(0);
      expect(tickets(noon)).toEqual([]);
    } finally {
      await noon.close();
    }
  });

  it('disables the fields and says "Hệ thống tạm gián đoạn" when the hub is down; nothing is issued or printed', async () => {
    const down = await startTestHub({ serveApps: true });
    const dataDir = down.dataDir;
    const { page } = await kiosk({ hub: down });
    const printed = rig.printed.length;
    const jobs = rig.emulator.tickets().length;
    // One citizen is on the confirm screen when the hub goes away.
    await field(page, 'ho-tich').click();
    await down.close();
    await page.getByTestId('take-number').click();
    await page.waitForSelector('[data-screen="not-issued"]');
    expect(await page.getByTestId('not-issued-reason').textContent()).toContain(
      'Hệ thống tạm gián đoạn',
    );
    await page.getByRole('button', { name: 'Quay lại' }).click({ timeout: 5_000 });
    const panel = page.getByTestId('stop-panel');
    expect(await panel.textContent()).toContain('Hệ thống tạm gián đoạn');
    expect(await field(page, 'dat-dai').isDisabled()).toBe(true);
    expect(rig.printed).toHaveLength(printed);
    expect(rig.emulator.tickets()).toHaveLength(jobs);
    // The hub's database holds no ticket.
    const again = await startTestHub({ dataDir });
    try {
      expect(tickets(again)).toEqual([]);
    } finally {
      await again.close();
    }
  });
});
