import type { WebContents } from 'electron';

/**
 * Reloads the kiosk screen when its renderer process dies (crash, out of memory, killed) or
 * hangs, after a delay that doubles with each crash in a row (up to `maxDelayMs`) so a page
 * that crashes at once does not spin; a renderer that stays up for `stableMs` resets it.
 */
export function reloadOnCrash(
  contents: WebContents,
  options: {
    log?: (message: string) => void;
    firstDelayMs?: number;
    maxDelayMs?: number;
    stableMs?: number;
    now?: () => number;
  } = {},
): void {
  const {
    log = () => undefined,
    firstDelayMs = 1_000,
    maxDelayMs = 30_000,
    stableMs = 60_000,
    now = Date.now,
  } = options;
  let crashesInARow = 0;
  let lastCrashAt = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;

  const scheduleReload = (why: string): void => {
    if (pending) return;
    if (now() - lastCrashAt > stableMs) crashesInARow = 0;
    lastCrashAt = now();
    const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** crashesInARow);
    crashesInARow += 1;
    log(`kiosk screen ${why}; reloading in ${delay} ms`);
    pending = setTimeout(() => {
      pending = null;
      if (!contents.isDestroyed()) contents.reload();
    }, delay);
  };

  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    scheduleReload(`renderer gone (${details.reason}, exit code ${details.exitCode})`);
  });
  contents.on('unresponsive', () => scheduleReload('not responding'));
}
