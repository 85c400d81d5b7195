// A real hub as a child process (`main.ts` through tsx), for tests that kill it or run several,
// and one client request whose outcome says whether an answer came back at all.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { HubSocket } from '@luot/hub-client';
import type { Ack, ClientEventName, ClientPayload, ClientResults } from '@luot/protocol';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const HUB_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface HubProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` of its staff listener. */
  url: string;
  port: number;
  /** Resolves when the process has ended (however it ended). */
  exited: Promise<void>;
  /** The last few thousand characters it wrote to stderr. */
  stderr(): string;
}

/**
 * Starts `main.ts` with `args` (say `--data DIR` or `--postgres URL`, `--port`, `--host`) and
 * resolves once its "listening" log line names the port. `onLog` hears every other JSON log line.
 * Rejects (the process killed) when it exits first or does not listen within 30 s.
 */
export function startHubProcess(
  args: string[],
  onLog?: (entry: { level?: number; msg?: string }, line: string) => void,
): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: HUB_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LUOT_LOG_LEVEL: 'info' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hub did not listen within 30 s\n${stderr}`));
    }, 30_000);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`hub exited before listening (code ${child.exitCode})\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: { level?: number; msg?: string; port?: number };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.msg === 'listening' && typeof entry.port === 'number') {
        clearTimeout(timer);
        const { port } = entry;
        resolve({ child, url: `http://127.0.0.1:${port}`, port, exited, stderr: () => stderr });
      } else onLog?.(entry, line);
    });
  });
}

/** What became of one request: answered (ok or refused), or no answer at all ("lost"). */
export type Outcome<T> =
  { kind: 'ok'; data: T } | { kind: 'refused'; code: string } | { kind: 'lost' };

/**
 * Sends one event; the outcome says whether an answer came back within `timeoutMs`, and which.
 * A socket that is not connected buffers the event and sends it on reconnecting, as Socket.IO
 * does; callers that must not, check `socket.connected` first.
 */
export function sendEvent<E extends ClientEventName>(
  socket: HubSocket,
  event: E,
  payload: ClientPayload<E>,
  timeoutMs: number,
): Promise<Outcome<ClientResults[E]>> {
  return new Promise((resolve) => {
    const timed = socket.timeout(timeoutMs);
    // Socket.IO's typed emit cannot follow a generic event name; the protocol map guarantees the shape.
    const emit = timed.emit as unknown as (
      event: E,
      payload: ClientPayload<E>,
      ack: (err: Error | null, res: Ack<ClientResults[E]>) => void,
    ) => void;
    // socket.io-client calls the ack with an error when the connection drops first.
    emit.call(timed, event, payload, (err, res) => {
      if (err) resolve({ kind: 'lost' });
      else if (res.ok) resolve({ kind: 'ok', data: res.data });
      else resolve({ kind: 'refused', code: res.error.code });
    });
  });
}
