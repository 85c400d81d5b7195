import type { App, BrowserWindow } from 'electron';

/**
 * Keeps the kiosk's window on screen: a close (Alt+F4, a window manager's button, a script) is
 * refused, and a window destroyed anyway is opened again. Only `quit()` — called from the
 * PIN-protected settings — or the app quitting by other means (the machine shutting down, a
 * signal from the service manager, a second start) ends it.
 */
export function keepWindowOpen(deps: {
  app: Pick<App, 'on' | 'quit'>;
  /** Opens a new kiosk window. */
  create: () => BrowserWindow;
  log?: (message: string) => void;
}) {
  const log = deps.log ?? (() => undefined);
  let quitting = false;
  let win: BrowserWindow;

  const open = () => {
    const opened = deps.create();
    win = opened;
    opened.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      log('refused to close the kiosk window (quit from the settings)');
    });
    opened.on('closed', () => {
      if (quitting) return;
      log('the kiosk window was closed; opening it again');
      open();
    });
  };
  open();

  // Quitting by any path (signal, shutdown, app.quit) lets the window close.
  deps.app.on('before-quit', () => {
    quitting = true;
  });
  // Electron's default would quit with the last window; the kiosk quits only when asked.
  deps.app.on('window-all-closed', () => {
    if (quitting) deps.app.quit();
  });

  return {
    /** The window on screen now. */
    window: () => win,
    /** Ends the kiosk app (after a right PIN in the settings). */
    quit(): void {
      log('quitting at the operator’s request');
      quitting = true;
      deps.app.quit();
    },
  };
}
