// Browser-test support: the kiosk's built renderer in Chromium with the Electron bridge
// stubbed. The stub forwards every call to Node, where tickets are really rendered, encoded
// and printed over TCP to a printer emulator, as the kiosk's main process does.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { siteConfigSchema } from '@luot/domain';
import { testConfig } from '@luot/hub/testing';
import {
  PrintJobError,
  createPrinter,
  createTcpTransport,
  encodeTicket,
  startPrinterEmulator,
  type PrinterEmulator,
  type PrinterStatus,
  type TicketData,
} from '@luot/printing';

export interface PrinterRig {
  emulator: PrinterEmulator;
  /** Every ticket the kiosk asked to print, in order. */
  printed: TicketData[];
  /** When the ESC/POS bytes of each print were ready (epoch ms, fractional). */
  bytesReadyAt: number[];
  /** How long each render + encode took (ms). */
  encodeMs: number[];
  /** Closes the printer just before the next print, so that print's connection is refused. */
  refuseNextPrint: boolean;
  print(ticket: TicketData): Promise<unknown>;
  status(): Promise<PrinterStatus>;
  /** A new emulator (after a refused print closed the old one). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A printer emulator on 127.0.0.1 plus the Node side of the stubbed bridge's printing. */
export async function startPrinterRig(): Promise<PrinterRig> {
  const printer = () =>
    createPrinter(
      createTcpTransport({ host: rig.emulator.host, port: rig.emulator.port, timeoutMs: 5_000 }),
      { statusTimeoutMs: 1_000 },
    );
  const rig: PrinterRig = {
    emulator: await startPrinterEmulator({ host: '127.0.0.1', port: 0 }),
    printed: [],
    bytesReadyAt: [],
    encodeMs: [],
    refuseNextPrint: false,
    async print(ticket) {
      rig.printed.push(ticket);
      const start = performance.now();
      const bytes = encodeTicket(ticket, { paper: '80mm' });
      const ready = performance.now();
      rig.encodeMs.push(ready - start);
      rig.bytesReadyAt.push(performance.timeOrigin + ready);
      if (rig.refuseNextPrint) {
        rig.refuseNextPrint = false;
        await rig.emulator.close();
      }
      try {
        await printer().print(bytes);
        return { ok: true };
      } catch (err) {
        // The same rule as the kiosk's main process (print-router.ts): no byte sent, no paper.
        const printed = err instanceof PrintJobError && err.bytesSent === 0 ? 'no' : 'maybe';
        return { ok: false, printed, message: (err as Error).message };
      }
    },
    status: () => printer().status(),
    async restart() {
      rig.emulator = await startPrinterEmulator({ host: '127.0.0.1', port: 0 });
    },
    close: () => rig.emulator.close(),
  };
  return rig;
}

/** The fake `window.luot`: every call goes to a function exposed from Node. */
const BRIDGE_STUB = `
  window.luot = {
    config: () => window.__luotConfig(),
    printTicket: (ticket) => window.__luotPrint(ticket),
    printerStatus: () => window.__luotStatus(),
    onPrinterStatus: (listener) => {
      const id = setInterval(() => void window.__luotStatus().then(listener), 300);
      return () => clearInterval(id);
    },
    openSettings: (pin) => window.__luotOpenSettings(pin),
    saveSettings: (request) => window.__luotSaveSettings(request),
  };
`;

export interface KioskPageOptions {
  hubUrl: string;
  token: string;
  /** The settings PIN the stub accepts. */
  pin?: string;
  viewport?: { width: number; height: number };
  /** Leave the bridge out: the page runs as in a plain browser, with its virtual printer. */
  noBridge?: boolean;
  /** Install Playwright's clock before the page loads, so a test can fast-forward its timers. */
  clock?: boolean;
}

/**
 * Opens the kiosk at `${hubUrl}/kiosk/` in a new context. Unless `noBridge`, a fake
 * `window.luot` is installed before any script runs; it forwards printing and status to
 * `rig`, and polls the status every 300 ms as the main process's poller would push it.
 */
export async function openKiosk(
  browser: Browser,
  rig: PrinterRig,
  options: KioskPageOptions,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1080, height: 1920 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  const settings = {
    hubUrl: options.hubUrl,
    deviceToken: options.token,
    publicUrl: '',
    printer: {
      connection: { kind: 'tcp', host: '127.0.0.1', port: rig.emulator.port },
      mode: 'raster',
      paper: '80mm',
    },
  };
  if (!options.noBridge) {
    await page.exposeFunction('__luotConfig', () => ({
      hubUrl: options.hubUrl,
      deviceToken: options.token,
      publicUrl: options.hubUrl,
      paper: '80mm',
      needsSetup: false,
    }));
    await page.exposeFunction('__luotPrint', (ticket: TicketData) => rig.print(ticket));
    await page.exposeFunction('__luotStatus', () => rig.status());
    await page.exposeFunction('__luotOpenSettings', (pin: string) =>
      pin === (options.pin ?? '2468')
        ? { ok: true, settings, pinSet: true, osPrinters: [] }
        : { ok: false, reason: 'wrong-pin' },
    );
    await page.exposeFunction('__luotSaveSettings', () => ({ ok: true }));
    // A string, not a function: a bundler's helpers (such as tsx's __name) do not exist in the page.
    await page.addInitScript(BRIDGE_STUB);
  }
  if (options.clock) await context.clock.install();
  const query = options.noBridge ? `?token=${encodeURIComponent(options.token)}` : '';
  await page.goto(`${options.hubUrl}/kiosk/${query}`);
  return { page, errors };
}

/** The demo centre's eight fields, their long names included, served by three counters. */
export function demoCentre() {
  const demo = JSON.parse(
    readFileSync(new URL('../../hub/demo/site.json', import.meta.url), 'utf8'),
  ) as { fields: { id: string; idCard?: unknown }[] };
  const base = testConfig(3);
  return siteConfigSchema.parse({
    ...base,
    // Without the demo's ID card rules: the card step has its own tests (id-card.test.ts).
    fields: demo.fields.map(({ idCard: _rules, ...field }) => field),
    counters: base.counters.map((c) => ({ ...c, fieldIds: demo.fields.map((f) => f.id) })),
  });
}
