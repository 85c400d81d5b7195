import { beforeEach, describe, expect, it, vi } from 'vitest';

interface PrintCall {
  options: Record<string, unknown>;
  callback: (success: boolean, failureReason: string) => void;
}
const electron = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; loaded: string[]; destroyed: boolean }[],
  prints: [] as PrintCall[],
  answer: { success: true, reason: '' },
}));

vi.mock('electron', () => {
  class BrowserWindow {
    record: { options: Record<string, unknown>; loaded: string[]; destroyed: boolean };
    webContents = {
      print: (options: Record<string, unknown>, callback: PrintCall['callback']) => {
        electron.prints.push({ options, callback });
        queueMicrotask(() => callback(electron.answer.success, electron.answer.reason));
      },
      getPrintersAsync: async () => [{ name: 'EPSON TM-T82' }, { name: 'Microsoft Print to PDF' }],
    };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [], destroyed: false };
      electron.windows.push(this.record);
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    destroy() {
      this.record.destroyed = true;
    }
  }
  return { BrowserWindow };
});

const { createOsPrinting, ticketPageHtml } = await import('./os-print.ts');

beforeEach(() => {
  electron.windows.length = 0;
  electron.prints.length = 0;
  electron.answer = { success: true, reason: '' };
});

const png = Buffer.from('89504e47', 'hex');

describe('silent printing through the OS driver', () => {
  it('prints a hidden page holding only the ticket, to the named printer, with no dialog', async () => {
    await createOsPrinting().print(png, {
      deviceName: 'EPSON TM-T82',
      widthDots: 576,
      heightDots: 1096,
    });
    const [win] = electron.windows;
    expect(win!.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, javascript: false },
    });
    expect(decodeURIComponent(win!.loaded[0]!)).toContain(ticketPageHtml(png, 576));
    expect(electron.prints[0]!.options).toMatchObject({
      silent: true,
      deviceName: 'EPSON TM-T82',
      margins: { marginType: 'none' },
      pageSize: { width: 72_000, height: 137_000 },
    });
    expect(win!.destroyed).toBe(true);
  });

  it('rejects with the driver’s reason, and still closes the page', async () => {
    electron.answer = { success: false, reason: 'failed' };
    await expect(
      createOsPrinting().print(png, { deviceName: 'X', widthDots: 384, heightDots: 800 }),
    ).rejects.toThrow('The printer driver refused the job: failed');
    expect(electron.windows[0]!.destroyed).toBe(true);
  });

  it('lists the OS printers', async () => {
    expect(await createOsPrinting().printers()).toEqual(['EPSON TM-T82', 'Microsoft Print to PDF']);
  });

  it('shows the ticket at its printed width, 72 mm on 80 mm paper', () => {
    expect(ticketPageHtml(png, 576)).toContain('width:72mm');
    expect(ticketPageHtml(png, 384)).toContain('width:48mm');
  });
});
