import {
  PrintJobError,
  bitmapToPng,
  createDeviceFileTransport,
  createPrinter,
  createTcpTransport,
  encodeTicket,
  renderTicket,
  type Printer,
  type PrinterStatus,
  type TicketData,
} from '@luot/printing';
import type { PrintOutcome } from '../shared/bridge.ts';
import type { PrinterConnection, PrinterSettings } from '../shared/settings.ts';

/** Silent printing through an OS printer driver (Electron's webContents.print), see os-print.ts. */
export interface OsPrinting {
  print(
    png: Buffer,
    options: { deviceName: string; widthDots: number; heightDots: number },
  ): Promise<void>;
  /** Names of the printers the OS knows. */
  printers(): Promise<string[]>;
}

export interface PrintRouter {
  /** Renders and prints one ticket the way the settings say; never rejects. */
  print(ticket: TicketData): Promise<PrintOutcome>;
  /** The printer's status now; never rejects. */
  status(): Promise<PrinterStatus>;
}

/**
 * Why a failed job may or may not have put paper out. Nothing printed when not one byte
 * left (a refused connection, a device file that would not open); otherwise a printer may
 * print what it got, and a connection can even drop after the cut.
 */
export function printedAfterFailure(err: unknown): 'no' | 'maybe' {
  if (err instanceof PrintJobError) return err.bytesSent === 0 ? 'no' : 'maybe';
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && e.syscall === 'open') return 'no';
  return 'maybe';
}

const connectionKey = (c: PrinterConnection): string => JSON.stringify(c);

/**
 * Routes tickets to the configured printer: ESC/POS (raster or text) over TCP 9100 or a USB
 * device file, or the OS driver with the rendered ticket as an image. The ESC/POS printer is
 * made once per connection setting, so its jobs and status reads stay one at a time.
 */
export function createPrintRouter(
  settings: () => PrinterSettings,
  os: OsPrinting,
  options: { timeoutMs?: number; statusTimeoutMs?: number } = {},
): PrintRouter {
  let cached: { key: string; printer: Printer } | null = null;

  const escPosPrinter = (c: Exclude<PrinterConnection, { kind: 'os' }>): Printer => {
    const key = connectionKey(c);
    if (cached?.key === key) return cached.printer;
    const transport =
      c.kind === 'tcp'
        ? createTcpTransport({ host: c.host, port: c.port, timeoutMs: options.timeoutMs ?? 10_000 })
        : createDeviceFileTransport(c.path, { timeoutMs: options.timeoutMs ?? 10_000 });
    const printer = createPrinter(transport, { statusTimeoutMs: options.statusTimeoutMs ?? 2_000 });
    cached = { key, printer };
    return printer;
  };

  return {
    async print(ticket) {
      const s = settings();
      const c = s.connection;
      try {
        if (c.kind === 'os') {
          const bitmap = renderTicket(ticket, { paper: s.paper });
          await os.print(bitmapToPng(bitmap), {
            deviceName: c.deviceName,
            widthDots: bitmap.width,
            heightDots: bitmap.height,
          });
        } else {
          const bytes = encodeTicket(ticket, { paper: s.paper, mode: s.mode });
          await escPosPrinter(c).print(bytes);
        }
        return { ok: true };
      } catch (err) {
        // An OS driver that refuses a job has spooled nothing.
        const printed = c.kind === 'os' ? 'no' : printedAfterFailure(err);
        return { ok: false, printed, message: err instanceof Error ? err.message : String(err) };
      }
    },

    async status() {
      const c = settings().connection;
      if (c.kind !== 'os') return escPosPrinter(c).status();
      // An OS driver gives no real-time status; the kiosk can only see that the printer exists.
      try {
        const names = await os.printers();
        return names.includes(c.deviceName)
          ? { online: true, paper: 'ok', coverOpen: false }
          : {
              online: false,
              paper: 'ok',
              coverOpen: false,
              error: `The OS has no printer named "${c.deviceName}"`,
            };
      } catch (err) {
        return {
          online: false,
          paper: 'ok',
          coverOpen: false,
          error: err instanceof Error ? err.message : String(err),
        };
      }
    },
  };
}
