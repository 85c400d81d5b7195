// The kiosk's main process: wiring only. Each piece is a module with its own tests.
import type { BrowserWindow } from 'electron';
import { app, ipcMain } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BRIDGE_CHANNELS } from '../shared/bridge.ts';
import { registerIpcHandlers } from './ipc.ts';
import { isAppUrl } from './navigation.ts';
import { createOsPrinting } from './os-print.ts';
import { createPinGuard } from './pin-guard.ts';
import { createPrintRouter } from './print-router.ts';
import { createSettingsStore } from './settings-store.ts';
import { createStatusPoller } from './status-poller.ts';
import { createKioskWindow } from './window.ts';

const log = (message: string): void => console.log(`[kiosk] ${message}`);
const windowed = process.argv.includes('--windowed');

/** Builds the kiosk once Electron is ready: settings, printer, IPC, window, status polling. */
function start(): void {
  const appUrl =
    process.env.ELECTRON_RENDERER_URL ??
    pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
  const store = createSettingsStore(app.getPath('userData'), log);
  const os = createOsPrinting();
  const router = createPrintRouter(() => store.settings().printer, os);
  let win: BrowserWindow | null = null;

  const poller = createStatusPoller({
    read: () => router.status(),
    onChange: (status) => {
      log(`printer: ${JSON.stringify(status)}`);
      win?.webContents.send(BRIDGE_CHANNELS.printerStatusChanged, status);
    },
  });

  registerIpcHandlers({
    ipcMain,
    store,
    router,
    poller,
    pinGuard: createPinGuard(),
    fromApp: (event) => isAppUrl(event.senderFrame?.url ?? '', appUrl),
    osPrinters: () => os.printers(),
    onSaved: () => win?.webContents.reload(),
    log,
  });

  win = createKioskWindow(appUrl, {
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    windowed,
    log,
  });
  app.on('second-instance', () => win?.focus());
  poller.start();
  log(`settings in ${store.file}`);
}

// One kiosk app per machine: a second start focuses the first and quits.
if (app.requestSingleInstanceLock()) {
  void app.whenReady().then(start);
  app.on('window-all-closed', () => app.quit());
} else {
  app.quit();
}
