import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import jsQR from 'jsqr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bitmapToPng, bitmapToRgba, countDifferentPixels } from './bitmap.ts';
import { decodeRaster } from './decode-raster.ts';
import { encodeBitmap, encodeTicket } from './encode-ticket.ts';
import { createPrinter } from './printer.ts';
import { startPrinterEmulator } from './printer-emulator.ts';
import type { PrinterEmulator } from './printer-emulator.ts';
import { renderTicket } from './render-ticket.ts';
import { sampleTicket } from './sample-ticket.ts';
import { PrintJobError, createTcpTransport } from './tcp-transport.ts';
import type { Bitmap } from './types.ts';

/** Where the printed tickets go as PNG files for a person to look at (`LUOT_SHOTS_DIR`); unset: none. */
const SHOTS = process.env.LUOT_SHOTS_DIR;

let emulator: PrinterEmulator;

beforeEach(async () => {
  emulator = await startPrinterEmulator({ host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await emulator.close();
});

const printerFor = (e: PrinterEmulator) =>
  createPrinter(createTcpTransport({ host: e.host, port: e.port, timeoutMs: 5_000 }));

describe('a ticket through TCP to the printer emulator', () => {
  it('arrives as the same image, pixel for pixel, with a readable QR code', async () => {
    const data = sampleTicket();
    const rendered = renderTicket(data, { paper: '80mm' });
    const bytes = encodeBitmap(rendered);
    await printerFor(emulator).print(bytes);

    const tickets = emulator.tickets();
    expect(tickets).toHaveLength(1);
    expect(Buffer.from(tickets[0]!).equals(Buffer.from(bytes))).toBe(true);

    const decoded = decodeRaster(tickets[0]!);
    expect([decoded.width, decoded.height]).toEqual([576, rendered.height]);
    expect(countDifferentPixels(decoded, rendered)).toBe(0);

    const qr = jsQR(bitmapToRgba(decoded), decoded.width, decoded.height);
    expect(qr?.data).toBe(data.qrUrl);
  });

  it('encodeTicket in raster mode is the rendered ticket (58 mm)', async () => {
    const data = sampleTicket({
      label: 'A012',
      fieldName: 'Đăng ký kinh doanh',
      priorityName: null,
    });
    await printerFor(emulator).print(encodeTicket(data, { paper: '58mm' }));
    const decoded = decodeRaster(emulator.tickets()[0]!);
    expect(decoded.width).toBe(384);
    expect(countDifferentPixels(decoded, renderTicket(data, { paper: '58mm' }))).toBe(0);
    expect(jsQR(bitmapToRgba(decoded), decoded.width, decoded.height)?.data).toBe(data.qrUrl);
  });

  it('prints "Lịch hẹn 09:30" in a frame right under the number of a booked ticket', async () => {
    // 09:30 and 10:30 on Monday 23/11/2026 in Hà Nội.
    const at = (h: number) => Date.UTC(2026, 10, 23, h - 7, 30);
    const booked = sampleTicket({ priorityName: null, origin: 'booking', slotAt: at(9) });
    await printerFor(emulator).print(encodeTicket(booked, { paper: '80mm' }));
    const printed = decodeRaster(emulator.tickets()[0]!);
    expect(countDifferentPixels(printed, renderTicket(booked, { paper: '80mm' }))).toBe(0);
    expect(jsQR(bitmapToRgba(printed), printed.width, printed.height)?.data).toBe(booked.qrUrl);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      writeFileSync(join(SHOTS, 'kiosk-ticket-booked.png'), bitmapToPng(printed));
    }

    // The walk-in ticket is the same down to the number; the booked one adds its line there.
    const walkIn = renderTicket(
      { ...booked, origin: undefined, slotAt: undefined },
      {
        paper: '80mm',
      },
    );
    const top = firstDifferentRow(printed, walkIn);
    expect(top).toBeGreaterThan(200); // below the centre's name, the heading and the number
    expect(printed.height).toBeGreaterThan(walkIn.height);
    // The line starts with its frame: a row of ink nearly as wide as the paper.
    const frameTop = rowsFrom(printed, top).findIndex((run) => run > 500);
    expect(frameTop).toBeGreaterThanOrEqual(0);
    expect(frameTop).toBeLessThan(4);

    // Another slot time changes only that framed line: the time is printed in it.
    const later = renderTicket({ ...booked, slotAt: at(10) }, { paper: '80mm' });
    expect(later.height).toBe(printed.height);
    const changed = differentRows(printed, later);
    expect(changed.length).toBeGreaterThan(10);
    expect(Math.min(...changed)).toBeGreaterThan(top);
    expect(Math.max(...changed)).toBeLessThan(top + 80);

    // A number taken from the phone says so in the same place, in other words.
    const remote = renderTicket(
      { ...booked, origin: 'remote', slotAt: undefined },
      {
        paper: '80mm',
      },
    );
    expect(firstDifferentRow(remote, walkIn)).toBe(top);
    expect(Math.min(...differentRows(remote, printed))).toBeGreaterThan(top);
    if (SHOTS) writeFileSync(join(SHOTS, 'kiosk-ticket-remote.png'), bitmapToPng(remote));
  });

  it('keeps jobs apart: two prints are two tickets', async () => {
    const printer = printerFor(emulator);
    const a = encodeTicket(sampleTicket({ label: '1001' }), { paper: '80mm' });
    const b = encodeTicket(sampleTicket({ label: '1002' }), { paper: '80mm' });
    await Promise.all([printer.print(a), printer.print(b)]);
    const tickets = emulator.tickets();
    expect(tickets.map((t) => Buffer.from(t).equals(Buffer.from(a)))).toEqual([true, false]);
    expect(Buffer.from(tickets[1]!).equals(Buffer.from(b))).toBe(true);
  });
});

describe('printer status through the emulator', () => {
  it.each([
    [{}, { online: true, paper: 'ok', coverOpen: false }],
    [{ paper: 'near-end' }, { online: true, paper: 'near-end', coverOpen: false }],
    [{ paper: 'out' }, { online: false, paper: 'out', coverOpen: false }],
    [{ coverOpen: true }, { online: false, paper: 'ok', coverOpen: true }],
    [{ online: false }, { online: false, paper: 'ok', coverOpen: false }],
  ] as const)('%o → %o', async (condition, expected) => {
    emulator.setStatus(condition);
    expect(await printerFor(emulator).status()).toEqual(expected);
  });

  it('follows the printer when the paper runs out and is put back', async () => {
    const printer = printerFor(emulator);
    emulator.setStatus({ paper: 'out' });
    expect((await printer.status()).paper).toBe('out');
    emulator.setStatus({ paper: 'ok' });
    expect(await printer.status()).toEqual({ online: true, paper: 'ok', coverOpen: false });
  });

  it('sends DLE EOT 1, 2 and 4 and nothing else', async () => {
    await printerFor(emulator).status();
    expect(Array.from(emulator.received[0]!)).toEqual([0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 4]);
    expect(emulator.tickets()).toEqual([]);
  });

  it('reports a printer that accepts the connection but never answers as offline', async () => {
    const silent: Server = createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as AddressInfo;
    try {
      const printer = createPrinter(createTcpTransport({ host: '127.0.0.1', port }), {
        statusTimeoutMs: 200,
      });
      const status = await printer.status();
      expect(status.online).toBe(false);
      expect(status.error).toMatch(/No answer from the printer at 127\.0\.0\.1:\d+ within 200 ms/);
    } finally {
      silent.close();
    }
  });

  it('reports a printer nobody listens for as offline', async () => {
    const { port } = emulator;
    await emulator.close();
    const status = await printerFor({ ...emulator, port }).status();
    expect(status.online).toBe(false);
    expect(status.error).toMatch(/ECONNREFUSED/);
    emulator = await startPrinterEmulator();
  });
});

describe('a connection that drops in the middle of a ticket', () => {
  it.each([
    ['early', () => 100],
    ['in the middle', (n: number) => Math.floor(n / 2)],
    // The job ends with GS V 1 (cut) and CR LF; stop just before the cut.
    ['just before the cut', (n: number) => n - 6],
  ])('makes print() reject with how far the job got (%s)', async (_when, at) => {
    const bytes = encodeTicket(sampleTicket(), { paper: '80mm' });
    const dropAt = at(bytes.length);
    emulator.dropAfter(dropAt);
    const error = await printerFor(emulator)
      .print(bytes)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(PrintJobError);
    expect((error as PrintJobError).message).toMatch(
      new RegExp(
        `^Print job to 127\\.0\\.0\\.1:\\d+ failed: the printer (reset|closed) the connection .*\\(\\d+ of ${bytes.length} bytes had been sent\\)$`,
      ),
    );
    expect((error as PrintJobError).bytesTotal).toBe(bytes.length);
    expect(emulator.received[0]!.length).toBe(dropAt);
    expect(emulator.tickets()).toEqual([]);
  });

  it('leaves the printer usable for the next job', async () => {
    const printer = printerFor(emulator);
    const bytes = encodeTicket(sampleTicket(), { paper: '58mm' });
    emulator.dropAfter(100);
    await expect(printer.print(bytes)).rejects.toThrow(PrintJobError);
    await printer.print(bytes);
    expect(emulator.tickets()).toHaveLength(1);
  });
});

/** The first row where two bitmaps of the same width differ. */
function firstDifferentRow(a: Bitmap, b: Bitmap): number {
  for (let y = 0; y < Math.min(a.height, b.height); y++) if (!rowEquals(a, b, y)) return y;
  return -1;
}

/** The rows where two bitmaps of the same size differ. */
function differentRows(a: Bitmap, b: Bitmap): number[] {
  const rows: number[] = [];
  for (let y = 0; y < a.height; y++) if (!rowEquals(a, b, y)) rows.push(y);
  return rows;
}

function rowEquals(a: Bitmap, b: Bitmap, y: number): boolean {
  const row = (x: Bitmap) => x.data.subarray(y * x.width, (y + 1) * x.width);
  return Buffer.from(row(a)).equals(Buffer.from(row(b)));
}

/** The longest run of dots in each row from `top` on. */
function rowsFrom(b: Bitmap, top: number): number[] {
  const runs: number[] = [];
  for (let y = top; y < b.height; y++) {
    let best = 0;
    let run = 0;
    for (let x = 0; x < b.width; x++) {
      run = b.data[y * b.width + x] ? run + 1 : 0;
      best = Math.max(best, run);
    }
    runs.push(best);
  }
  return runs;
}
