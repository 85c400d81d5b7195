import { BrowserWindow, Menu, type BrowserWindowConstructorOptions } from 'electron';
import { reloadOnCrash } from './crash-recovery.ts';
import { guardNavigation } from './navigation.ts';

export interface KioskWindowOptions {
  preloadPath: string;
  /** A normal window for installers and developers (`--windowed`); full-screen kiosk otherwise. */
  windowed?: boolean;
}

/**
 * The kiosk window: full screen in kiosk mode (no frame, no menu, no way out by keyboard
 * shortcuts), and a renderer locked down: context isolation, sandbox, no Node, no devtools
 * outside windowed mode, web security on.
 */
export function kioskWindowOptions(options: KioskWindowOptions): BrowserWindowConstructorOptions {
  const windowed = options.windowed ?? false;
  return {
    width: 1080,
    height: 1920,
    show: false,
    kiosk: !windowed,
    fullscreen: !windowed,
    frame: windowed,
    autoHideMenuBar: true,
    backgroundColor: '#0b2545',
    title: 'Lượt — Lấy số thứ tự',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      devTools: windowed,
    },
  };
}

/**
 * Opens the kiosk window on the app URL, with no application menu, navigation kept on the
 * app, and the screen reloaded if its renderer crashes.
 */
export function createKioskWindow(
  appUrl: string,
  options: KioskWindowOptions & { log?: (message: string) => void },
): BrowserWindow {
  const log = options.log ?? (() => undefined);
  Menu.setApplicationMenu(null);
  const win = new BrowserWindow(kioskWindowOptions(options));
  guardNavigation(win.webContents, appUrl, (url) => log(`blocked navigation to ${url}`));
  reloadOnCrash(win.webContents, { log });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(appUrl);
  return win;
}
