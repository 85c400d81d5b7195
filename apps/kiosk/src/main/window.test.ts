import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { fakeWebContents } from './fake-web-contents.ts';

const electron = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; loaded: string[]; shown: boolean }[],
  menus: [] as unknown[],
}));

vi.mock('electron', async () => {
  const { fakeWebContents: makeContents } = await import('./fake-web-contents.ts');
  const { EventEmitter } = await import('node:events');
  class BrowserWindow extends EventEmitter {
    webContents = makeContents();
    record: { options: Record<string, unknown>; loaded: string[]; shown: boolean };
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options, loaded: [], shown: false };
      electron.windows.push(this.record);
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    show() {
      this.record.shown = true;
    }
  }
  return {
    BrowserWindow,
    Menu: { setApplicationMenu: (menu: unknown) => electron.menus.push(menu) },
  };
});

const { createKioskWindow, kioskWindowOptions } = await import('./window.ts');

beforeEach(() => {
  electron.windows.length = 0;
  electron.menus.length = 0;
});

describe('the kiosk window', () => {
  it('is a locked-down full-screen kiosk', () => {
    const options = kioskWindowOptions({ preloadPath: '/app/out/preload/index.cjs' });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
  });

  it('is an ordinary window with devtools for installers who ask for one', () => {
    const options = kioskWindowOptions({ preloadPath: 'p', windowed: true });
    expect(options).toMatchObject({ kiosk: false, fullscreen: false, frame: true });
    expect(options.webPreferences).toMatchObject({ sandbox: true, devTools: true });
  });

  it('opens the app with no menu, stays on the app and comes back after a crash', async () => {
    vi.useFakeTimers();
    try {
      const appUrl = 'file:///app/out/renderer/index.html';
      const win = createKioskWindow(appUrl, { preloadPath: 'p' });
      const record = electron.windows[0]!;
      expect(electron.menus).toEqual([null]);
      expect(record.loaded).toEqual([appUrl]);
      expect(record.options).toMatchObject({ kiosk: true, show: false });
      win.emit('ready-to-show');
      expect(record.shown).toBe(true);

      const contents = win.webContents as unknown as ReturnType<typeof fakeWebContents>;
      expect(contents.attempt('will-navigate', 'https://example.com/')).toBe(true);
      expect(contents.attempt('will-navigate', appUrl)).toBe(false);
      contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
      await vi.advanceTimersByTimeAsync(1000);
      expect(contents.reloads).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
