import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PrintJobError,
  countDifferentPixels,
  decodeRaster,
  renderTicket,
  sampleTicket,
  startPrinterEmulator,
  type PrinterEmulator,
} from '@luot/printing';
import type { PrinterSettings } from '../shared/settings.ts';
import { createPrintRouter, printedAfterFailure, type OsPrinting } from './print-router.ts';

let emulator: PrinterEmulator;
let settings: PrinterSettings;
const noOs: OsPrinting = {
  print: () => Promise.reject(new Error('no OS printing in this test')),
  printers: async () => [],
};

beforeEach(async () => {
  emulator = await startPrinterEmulator({ host: '127.0.0.1', port: 0 });
  settings = {
    connection: { kind: 'tcp', host: emulator.host, port: emulator.port },
    mode: 'raster',
    paper: '80mm',
  };
});
afterEach(() => emulator.close());

describe('printing over TCP 9100', () => {
  it('prints the rendered ticket as a raster image, dot for dot', async () => {
    const router = createPrintRouter(() => settings, noOs);
    const ticket = sampleTicket();
    expect(await router.print(ticket)).toEqual({ ok: true });
    const printed = decodeRaster(emulator.tickets()[0]!);
    expect(countDifferentPixels(printed, renderTicket(ticket, { paper: '80mm' }))).toBe(0);
  });

  it('uses printer fonts with the Vietnamese code page in text mode', async () => {
    settings = { ...settings, mode: 'text', paper: '58mm' };
    const router = createPrintRouter(() => settings, noOs);
    expect(await router.print(sampleTicket())).toEqual({ ok: true });
    const job = Buffer.from(emulator.tickets()[0]!);
    expect(job.includes(Buffer.from([0x1b, 0x74, 52]))).toBe(true);
    expect(job.includes(Buffer.from([0x1d, 0x76, 0x30]))).toBe(false);
  });

  it('reads paper out and paper back from the printer', async () => {
    const router = createPrintRouter(() => settings, noOs);
    emulator.setStatus({ paper: 'out' });
    expect(await router.status()).toMatchObject({ online: false, paper: 'out' });
    emulator.setStatus({ paper: 'ok' });
    expect(await router.status()).toEqual({ online: true, paper: 'ok', coverOpen: false });
  });

  it('says "maybe printed" when the printer drops the job part way', async () => {
    const router = createPrintRouter(() => settings, noOs);
    emulator.dropAfter(10_000);
    const outcome = await router.print(sampleTicket());
    expect(outcome).toMatchObject({ ok: false, printed: 'maybe' });
  });

  it('says "not printed" when nobody takes the connection', async () => {
    await emulator.close();
    const router = createPrintRouter(() => settings, noOs);
    const outcome = await router.print(sampleTicket());
    expect(outcome).toMatchObject({ ok: false, printed: 'no' });
    if (!outcome.ok) expect(outcome.message).toMatch(/refused/);
    emulator = await startPrinterEmulator();
  });

  it('follows a changed printer address without a restart', async () => {
    const other = await startPrinterEmulator();
    try {
      const router = createPrintRouter(() => settings, noOs);
      await router.print(sampleTicket({ label: '1001' }));
      settings = { ...settings, connection: { kind: 'tcp', host: other.host, port: other.port } };
      await router.print(sampleTicket({ label: '1002' }));
      expect(emulator.tickets()).toHaveLength(1);
      expect(other.tickets()).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe('printing to a USB device file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'luot-lp-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the job to the device', async () => {
    const device = join(dir, 'lp0');
    writeFileSync(device, '');
    const router = createPrintRouter(
      () => ({ ...settings, connection: { kind: 'device', path: device } }),
      noOs,
    );
    expect(await router.print(sampleTicket())).toEqual({ ok: true });
    const printed = decodeRaster(new Uint8Array(readFileSync(device)));
    expect(countDifferentPixels(printed, renderTicket(sampleTicket(), { paper: '80mm' }))).toBe(0);
  });

  it('says "not printed" when the device is missing (printer unplugged)', async () => {
    const router = createPrintRouter(
      () => ({ ...settings, connection: { kind: 'device', path: join(dir, 'missing') } }),
      noOs,
    );
    expect(await router.print(sampleTicket())).toMatchObject({ ok: false, printed: 'no' });
    expect(await router.status()).toMatchObject({ online: false });
  });
});

describe('printing through an OS driver', () => {
  const osSettings = (): PrinterSettings => ({
    ...settings,
    connection: { kind: 'os', deviceName: 'EPSON TM-T82' },
  });

  it('hands the driver the rendered ticket as a PNG of its size', async () => {
    const jobs: { png: Buffer; deviceName: string; widthDots: number; heightDots: number }[] = [];
    const router = createPrintRouter(osSettings, {
      print: async (png, o) => void jobs.push({ png, ...o }),
      printers: async () => ['EPSON TM-T82'],
    });
    expect(await router.print(sampleTicket())).toEqual({ ok: true });
    const rendered = renderTicket(sampleTicket(), { paper: '80mm' });
    expect(jobs[0]).toMatchObject({
      deviceName: 'EPSON TM-T82',
      widthDots: 576,
      heightDots: rendered.height,
    });
    const png = PNG.sync.read(jobs[0]!.png);
    expect([png.width, png.height]).toEqual([576, rendered.height]);
    expect(emulator.tickets()).toEqual([]);
  });

  it('reports a refused job as not printed, and a missing printer as offline', async () => {
    const router = createPrintRouter(osSettings, {
      print: () => Promise.reject(new Error('The printer driver refused the job: failed')),
      printers: async () => ['Microsoft Print to PDF'],
    });
    expect(await router.print(sampleTicket())).toMatchObject({ ok: false, printed: 'no' });
    expect(await router.status()).toMatchObject({
      online: false,
      error: 'The OS has no printer named "EPSON TM-T82"',
    });
  });
});

describe('printedAfterFailure', () => {
  it.each([
    [new PrintJobError('refused', 0, 100), 'no'],
    [new PrintJobError('reset', 40, 100), 'maybe'],
    [Object.assign(new Error('ENOENT'), { code: 'ENOENT', syscall: 'open' }), 'no'],
    [new Error('The printer at /dev/usb/lp0 took no job within 10000 ms'), 'maybe'],
  ])('%s → %s', (err, expected) => {
    expect(printedAfterFailure(err)).toBe(expected);
  });
});
