import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { PrinterTransport } from './types.ts';

export interface TcpTransportOptions {
  host: string;
  /** Raw printing port ("JetDirect"), 9100 by default. */
  port?: number;
  /** A job or query fails when the connection shows no progress for this long; 10 s by default. */
  timeoutMs?: number;
}

/**
 * A print job that did not reach the printer whole. `bytesSent` counts bytes handed to the
 * network: the printer may have received fewer, and may still have printed part of the ticket.
 */
export class PrintJobError extends Error {
  constructor(
    message: string,
    readonly bytesSent: number,
    readonly bytesTotal: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PrintJobError';
  }
}

const SOCKET_ERRORS: Record<string, string> = {
  ECONNRESET: 'the printer reset the connection',
  EPIPE: 'the printer closed the connection',
  ECONNREFUSED: 'the printer refused the connection',
  EHOSTUNREACH: 'the printer is unreachable',
  ENETUNREACH: 'the printer is unreachable',
  ETIMEDOUT: 'the connection timed out',
};

function describeSocketError(err: NodeJS.ErrnoException): string {
  const known = err.code ? SOCKET_ERRORS[err.code] : undefined;
  return known ? `${known} (${err.code})` : err.message;
}

/**
 * A network printer on a raw TCP port. Each job gets its own connection: the bytes are
 * written, our side is closed, and the job succeeds only when the printer then closes its
 * side cleanly. A reset, an early close or a stall rejects with a {@link PrintJobError}.
 */
export function createTcpTransport(options: TcpTransportOptions): PrinterTransport {
  const { host, port = 9100, timeoutMs = 10_000 } = options;
  const where = `${host}:${port}`;

  const write = (bytes: Uint8Array): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      let flushed = false;
      let settled = false;
      const socket: Socket = connect({ host, port });
      const fail = (reason: string, cause?: unknown): void => {
        if (settled) return;
        settled = true;
        const sent = Math.min(socket.bytesWritten, bytes.length);
        socket.destroy();
        reject(
          new PrintJobError(
            `Print job to ${where} failed: ${reason} (${sent} of ${bytes.length} bytes had been sent)`,
            sent,
            bytes.length,
            { cause },
          ),
        );
      };
      socket.setTimeout(timeoutMs, () => fail(`no progress for ${timeoutMs} ms`));
      socket.once('connect', () => {
        socket.write(bytes, (err) => {
          if (err) fail(err.message, err);
          else flushed = true;
        });
        socket.end();
      });
      socket.on('error', (err) => fail(describeSocketError(err), err));
      socket.once('end', () => {
        if (!flushed) fail('the printer closed the connection before the whole job was sent');
      });
      socket.once('close', (hadError) => {
        if (hadError || !flushed) fail('the connection closed before the job was complete');
        else if (!settled) {
          settled = true;
          resolve();
        }
      });
      // Read (and drop) whatever the printer sends, so its close and any reset are seen.
      socket.resume();
    });

  const query = (
    bytes: Uint8Array,
    expectedLength: number,
    queryTimeoutMs: number,
  ): Promise<Uint8Array> =>
    new Promise<Uint8Array>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let received = 0;
      let settled = false;
      const socket = connect({ host, port });
      const finish = (err: Error | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        if (err) reject(err);
        else resolve(new Uint8Array(Buffer.concat(chunks).subarray(0, expectedLength)));
      };
      const timer = setTimeout(
        () =>
          finish(new Error(`No answer from the printer at ${where} within ${queryTimeoutMs} ms`)),
        queryTimeoutMs,
      );
      socket.once('connect', () => socket.write(bytes));
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (received >= expectedLength) finish(null);
      });
      socket.on('error', (err) =>
        finish(new Error(`Printer at ${where}: ${describeSocketError(err)}`, { cause: err })),
      );
      socket.once('close', () =>
        finish(
          new Error(
            `The printer at ${where} closed the connection after ${received} of ${expectedLength} answer bytes`,
          ),
        ),
      );
    });

  return { write, query };
}
