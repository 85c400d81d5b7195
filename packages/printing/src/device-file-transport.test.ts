import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeviceFileTransport } from './device-file-transport.ts';
import { encodeTicket } from './encode-ticket.ts';
import { createPrinter } from './printer.ts';
import { sampleTicket } from './sample-ticket.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luot-printing-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('createDeviceFileTransport', () => {
  it('writes a whole job to the device file', async () => {
    const path = join(dir, 'lp0');
    writeFileSync(path, '');
    const bytes = encodeTicket(sampleTicket(), { paper: '58mm' });
    await createPrinter(createDeviceFileTransport(path)).print(bytes);
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('streams a job through a FIFO to a reader, as to a character device', async () => {
    const path = join(dir, 'fifo');
    execFileSync('mkfifo', [path]);
    // The reader opens first (it waits for a writer), as the printer driver would be there first.
    const reading = readFile(path);
    const bytes = encodeTicket(sampleTicket(), { paper: '80mm' });
    await createDeviceFileTransport(path).write(bytes);
    expect(Buffer.from(await reading).equals(Buffer.from(bytes))).toBe(true);
  });

  it('rejects when the device is missing', async () => {
    await expect(
      createDeviceFileTransport(join(dir, 'nothing')).write(Uint8Array.of(1)),
    ).rejects.toThrow(/ENOENT/);
  });

  it('reports a device that never answers the status query as offline', async () => {
    const path = join(dir, 'lp0');
    writeFileSync(path, '');
    const printer = createPrinter(createDeviceFileTransport(path), { statusTimeoutMs: 50 });
    const status = await printer.status();
    expect(status.online).toBe(false);
    expect(status.error).toMatch(/No answer from the printer at .*lp0 within 50 ms/);
  });
});
