// Test support: a stand-in for Electron's WebContents with just what the kiosk uses.
import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';

export interface FakeWebContents extends EventEmitter {
  reload: () => void;
  reloads: number;
  destroyed: boolean;
  isDestroyed: () => boolean;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null;
  setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => void;
  /** Emits a navigation-like event and tells whether the kiosk cancelled it. */
  attempt: (eventName: string, url: string) => boolean;
}

/** A fake WebContents that records reloads and lets a test fire navigation events. */
export function fakeWebContents(): FakeWebContents & WebContents {
  const contents = new EventEmitter() as FakeWebContents;
  contents.reloads = 0;
  contents.destroyed = false;
  contents.reload = () => {
    contents.reloads += 1;
  };
  contents.isDestroyed = () => contents.destroyed;
  contents.windowOpenHandler = null;
  contents.setWindowOpenHandler = (handler) => {
    contents.windowOpenHandler = handler;
  };
  contents.attempt = (eventName, url) => {
    let prevented = false;
    contents.emit(eventName, {
      url,
      preventDefault: () => {
        prevented = true;
      },
    });
    return prevented;
  };
  return contents as FakeWebContents & WebContents;
}
