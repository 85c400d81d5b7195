import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { PrinterTransport } from './types.ts';

export interface DeviceFileTransportOptions {
  /** A write that the device has not taken within this time rejects; 10 s by default. */
  timeoutMs?: number;
  /** How often a status query looks for the answer; 10 ms by default. */
  pollMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A printer behind a device file, such as the Linux USB printer class device /dev/usb/lp0,
 * opened read/write. Status answers are read without blocking (O_NONBLOCK) and polled until
 * they arrive or the query times out, so a printer that never answers cannot hang a thread.
 */
export function createDeviceFileTransport(
  path: string,
  options: DeviceFileTransportOptions = {},
): PrinterTransport {
  const { timeoutMs = 10_000, pollMs = 10 } = options;

  const writeAll = async (bytes: Uint8Array): Promise<void> => {
    const handle = await open(path, 'r+');
    try {
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
    } finally {
      await handle.close();
    }
  };

  const write = (bytes: Uint8Array): Promise<void> =>
    withTimeout(
      writeAll(bytes),
      timeoutMs,
      `The printer at ${path} took no job within ${timeoutMs} ms`,
    );

  const query = async (
    bytes: Uint8Array,
    expectedLength: number,
    queryTimeoutMs: number,
  ): Promise<Uint8Array> => {
    const handle = await open(path, constants.O_RDWR | constants.O_NONBLOCK);
    try {
      await handle.write(bytes);
      const answer = new Uint8Array(expectedLength);
      let received = 0;
      const deadline = performance.now() + queryTimeoutMs;
      while (received < expectedLength) {
        try {
          const { bytesRead } = await handle.read(
            answer,
            received,
            expectedLength - received,
            null,
          );
          received += bytesRead;
          if (bytesRead > 0) continue;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        }
        if (performance.now() >= deadline) {
          throw new Error(`No answer from the printer at ${path} within ${queryTimeoutMs} ms`);
        }
        await sleep(pollMs);
      }
      return answer;
    } finally {
      await handle.close();
    }
  };

  return { write, query };
}
