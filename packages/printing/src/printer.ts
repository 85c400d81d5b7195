import { STATUS_ANSWER_LENGTH, STATUS_QUERY, parseStatus, unreachableStatus } from './status.ts';
import type { PrinterStatus, PrinterTransport } from './types.ts';

export interface Printer {
  /** Sends one job; rejects if it did not reach the printer whole. */
  print(bytes: Uint8Array): Promise<void>;
  /** Reads the real-time status; never rejects: a silent printer is reported offline with the reason. */
  status(): Promise<PrinterStatus>;
}

export interface PrinterOptions {
  /** How long to wait for the status answer; 2 s by default. */
  statusTimeoutMs?: number;
}

/**
 * A printer on a transport. Jobs and status queries run one at a time, in call order:
 * many network printers take one connection at a time, and a status read never
 * interleaves with a job on a device file.
 */
export function createPrinter(transport: PrinterTransport, options: PrinterOptions = {}): Printer {
  const { statusTimeoutMs = 2_000 } = options;
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };

  return {
    print: (bytes) => serial(() => transport.write(bytes)),
    status: () =>
      serial(async () => {
        try {
          return parseStatus(
            await transport.query(STATUS_QUERY, STATUS_ANSWER_LENGTH, statusTimeoutMs),
          );
        } catch (err) {
          return unreachableStatus(err instanceof Error ? err.message : String(err));
        }
      }),
  };
}
