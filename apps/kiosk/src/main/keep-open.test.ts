import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { App, BrowserWindow } from 'electron';
import { keepWindowOpen } from './keep-open.ts';

// `electron` is not loaded: the window and the app are stand-ins that emit the events
// Electron emits (a close that a listener may prevent, then closed).

class FakeWindow extends EventEmitter {
  destroyed = false;
  /** What Electron does on Alt+F4 or the close button: 'close', then 'closed' unless prevented. */
  tryClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
    return !prevented;
  }
  /** A window destroyed without asking (a crash of the window, `destroy()`). */
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

function setUp() {
  const windows: FakeWindow[] = [];
  const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
  const keeper = keepWindowOpen({
    app: app as unknown as Pick<App, 'on' | 'quit'>,
    create: () => {
      const w = new FakeWindow();
      windows.push(w);
      return w as unknown as BrowserWindow;
    },
  });
  return { windows, app, keeper };
}

describe('the kiosk window', () => {
  it('refuses to close, so the kiosk does not quit', () => {
    const { windows, app, keeper } = setUp();
    expect(windows[0]!.tryClose()).toBe(false);
    expect(windows[0]!.destroyed).toBe(false);
    app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
    expect(keeper.window()).toBe(windows[0]);
  });

  it('is opened again when it is destroyed anyway', () => {
    const { windows, app, keeper } = setUp();
    windows[0]!.destroy();
    expect(windows).toHaveLength(2);
    expect(keeper.window()).toBe(windows[1]);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('closes, and the app ends, on a quit from the settings', () => {
    const { windows, app, keeper } = setUp();
    keeper.quit();
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(windows[0]!.tryClose()).toBe(true);
    expect(windows).toHaveLength(1);
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(2);
  });

  it('lets the app quit by other means (the machine shutting down)', () => {
    const { windows, app } = setUp();
    app.emit('before-quit');
    expect(windows[0]!.tryClose()).toBe(true);
    expect(windows).toHaveLength(1);
  });
});
