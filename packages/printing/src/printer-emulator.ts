import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { readCommand } from './escpos-commands.ts';

/** The printer condition the emulator reports. */
export interface EmulatedStatus {
  online: boolean;
  paper: 'ok' | 'near-end' | 'out';
  coverOpen: boolean;
}

export interface PrinterEmulatorOptions {
  /** A loopback address; 127.0.0.1 by default. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  status?: Partial<EmulatedStatus>;
}

export interface PrinterEmulator {
  readonly host: string;
  readonly port: number;
  /** Every byte received, one array per connection, in connection order (status queries included). */
  readonly received: Uint8Array[];
  /** Changes what the next status queries report. */
  setStatus(status: Partial<EmulatedStatus>): void;
  /**
   * Makes the next job connection (one whose first byte is not a status query) be reset
   * abruptly once it has delivered `bytes` bytes; bytes past that are not captured.
   */
  dropAfter(bytes: number): void;
  /** The complete jobs received: each from its start to its cut command, status queries left out. */
  tickets(): Uint8Array[];
  close(): Promise<void>;
}

interface Connection {
  socket: Socket;
  bytes: Uint8Array;
  length: number;
  parsed: number;
  /** Bytes still accepted before a reset, or null when this connection is not being dropped. */
  dropIn: number | null;
  kind: 'unknown' | 'job' | 'status';
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Status bytes per Epson's DLE EOT n, with the fixed bits 1 and 4 set. */
function statusByte(n: number, s: EmulatedStatus): number {
  const offline = !s.online || s.coverOpen || s.paper === 'out';
  switch (n) {
    case 1: // printer status: bit 3 offline
      return 0x12 | (offline ? 0x08 : 0);
    case 2: // offline cause: bit 2 cover open, bit 5 stopped at paper end
      return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paper === 'out' ? 0x20 : 0);
    case 4: // roll paper sensor: bits 2–3 near end, bits 5–6 out (an empty roll is also "near end")
      return (
        0x12 |
        (s.paper === 'near-end' || s.paper === 'out' ? 0x0c : 0) |
        (s.paper === 'out' ? 0x60 : 0)
      );
    default: // 3 error cause and others: no error
      return 0x12;
  }
}

/**
 * A network receipt printer on a loopback TCP port for tests and benchmarks: captures the
 * bytes of each connection, answers DLE EOT status queries at command boundaries (not inside
 * image data) like an Epson printer, and can reset a job connection part way.
 */
export async function startPrinterEmulator(
  options: PrinterEmulatorOptions = {},
): Promise<PrinterEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host))
    throw new Error(`The printer emulator listens on loopback only, not ${host}`);
  let status: EmulatedStatus = { online: true, paper: 'ok', coverOpen: false, ...options.status };
  let pendingDrop: number | null = null;
  const connections: Connection[] = [];

  const append = (c: Connection, chunk: Uint8Array): void => {
    if (c.length + chunk.length > c.bytes.length) {
      const grown = new Uint8Array(Math.max(c.bytes.length * 2, c.length + chunk.length));
      grown.set(c.bytes.subarray(0, c.length));
      c.bytes = grown;
    }
    c.bytes.set(chunk, c.length);
    c.length += chunk.length;
  };

  const answerQueries = (c: Connection): void => {
    const bytes = c.bytes.subarray(0, c.length);
    while (c.parsed < c.length) {
      const r = readCommand(bytes, c.parsed);
      if (r.type === 'incomplete') return;
      if (r.type === 'unknown') {
        c.parsed += 1; // a real printer would print or ignore it; we only keep it
        continue;
      }
      const { command } = r;
      if (command.kind === 'status-query' && !c.socket.destroyed) {
        c.socket.write(Uint8Array.of(statusByte(bytes[command.offset + 2]!, status)));
      }
      c.parsed += command.length;
    }
  };

  const server = createServer((socket) => {
    const c: Connection = {
      socket,
      bytes: new Uint8Array(4096),
      length: 0,
      parsed: 0,
      dropIn: null,
      kind: 'unknown',
    };
    connections.push(c);
    socket.on('data', (chunk: Buffer) => {
      if (c.kind === 'unknown') {
        c.kind = chunk[0] === 0x10 ? 'status' : 'job';
        if (c.kind === 'job' && pendingDrop !== null) {
          c.dropIn = pendingDrop;
          pendingDrop = null;
        }
      }
      if (c.dropIn !== null) {
        append(c, chunk.subarray(0, c.dropIn));
        c.dropIn -= Math.min(c.dropIn, chunk.length);
        if (c.dropIn === 0) {
          socket.resetAndDestroy();
          return;
        }
      } else {
        append(c, chunk);
      }
      answerQueries(c);
    });
    // The client closed its side: the job is complete, close ours (what raw port 9100 printers do).
    socket.on('end', () => socket.end());
    socket.on('error', () => undefined);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    host,
    port,
    get received() {
      return connections.map((c) => c.bytes.slice(0, c.length));
    },
    setStatus(next) {
      status = { ...status, ...next };
    },
    dropAfter(bytes) {
      if (!Number.isInteger(bytes) || bytes < 1)
        throw new RangeError('dropAfter needs a positive byte count');
      pendingDrop = bytes;
    },
    tickets() {
      const jobs: Uint8Array[] = [];
      for (const c of connections) {
        const bytes = c.bytes.subarray(0, c.length);
        let parts: Uint8Array[] = [];
        let offset = 0;
        while (offset < bytes.length) {
          const r = readCommand(bytes, offset);
          if (r.type === 'incomplete') break;
          const length = r.type === 'command' ? r.command.length : 1;
          const kind = r.type === 'command' ? r.command.kind : 'text';
          if (kind !== 'status-query') parts.push(bytes.subarray(offset, offset + length));
          offset += length;
          if (kind === 'cut') {
            // The encoder may end a job with a line feed after the cut; keep it with this job.
            while (bytes[offset] === 0x0a || bytes[offset] === 0x0d) {
              parts.push(bytes.subarray(offset, offset + 1));
              offset += 1;
            }
            jobs.push(Buffer.concat(parts));
            parts = [];
          }
        }
      }
      return jobs.map((j) => new Uint8Array(j));
    },
    close() {
      for (const c of connections) c.socket.destroy();
      return new Promise<void>((resolve, reject) =>
        server.close((err) => (err ? reject(err) : resolve())),
      );
    },
  };
}
