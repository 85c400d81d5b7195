// The kiosk's main process: wiring only. Each piece is a module with its own tests.
import { app, ipcMain } from 'electron';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BRIDGE_CHANNELS } from '../shared/bridge.ts';
import { registerIpcHandlers } from './ipc.ts';
import { keepWindowOpen } from './keep-open.ts';
import { isAppUrl } from './navigation.ts';
import { createOsPrinting } from './os-print.ts';
import { createPinGuard } from './pin-guard.ts';
import { createPrintRouter } from './print-router.ts';
import { createSettingsStore } from './settings-store.ts';
import { createStatusPoller } from './status-poller.ts';
import { createKioskWindow } from './window.ts';

const log = (message: string): void => console.log(`[kiosk] ${message}`);
const windowed = process.argv.includes('--windowed');
/**
 * The operator's way back in when the settings file is damaged (the kiosk then stays locked):
 * start the app once with `--reset-settings`. The old file is kept beside the new one.
 */
const resetSettings = process.argv.includes('--reset-settings');

/** Builds the kiosk once Electron is ready: settings, printer, IPC, window, status polling. */
function start(): void {
  const appUrl =
    process.env.ELECTRON_RENDERER_URL ??
    pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
  const userData = app.getPath('userData');
  const store = createSettingsStore(userData, log, { reset: resetSettings });
  const lockoutFile = join(userData, 'pin-lockout.json');
  if (resetSettings) rmSync(lockoutFile, { force: true });
  const os = createOsPrinting();
  const router = createPrintRouter(() => store.settings().printer, os);
  let keeper: ReturnType<typeof keepWindowOpen> | null = null;
  const win = () => keeper?.window();

  const poller = createStatusPoller({
    read: () => router.status(),
    onChange: (status) => {
      log(`printer: ${JSON.stringify(status)}`);
      win()?.webContents.send(BRIDGE_CHANNELS.printerStatusChanged, status);
    },
  });

  registerIpcHandlers({
    ipcMain,
    store,
    router,
    poller,
    // The lock-out is kept in the user-data folder: a restart does not reset it.
    pinGuard: createPinGuard({ file: lockoutFile, log }),
    fromApp: (event) => isAppUrl(event.senderFrame?.url ?? '', appUrl),
    osPrinters: () => os.printers(),
    onSaved: () => win()?.webContents.reload(),
    onQuit: () => keeper?.quit(),
    log,
  });

  // Closing the window does not end the kiosk: only a quit from the PIN-protected settings does.
  keeper = keepWindowOpen({
    app,
    create: () =>
      createKioskWindow(appUrl, {
        preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
        windowed,
        log,
      }),
    log,
  });
  app.on('second-instance', () => win()?.focus());
  poller.start();
  log(`settings in ${store.file}`);
}

// One kiosk app per machine: a second start focuses the first and quits.
if (app.requestSingleInstanceLock()) {
  void app.whenReady().then(start);
} else {
  app.quit();
}
