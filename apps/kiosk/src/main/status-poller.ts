import type { PrinterStatus } from '@luot/printing';

export interface StatusPoller {
  /** The last status read, or null before the first. */
  readonly latest: PrinterStatus | null;
  /** Reads now (joining a read already under way) and reports a change. */
  refresh(): Promise<PrinterStatus>;
  start(): void;
  stop(): void;
}

const same = (a: PrinterStatus | null, b: PrinterStatus): boolean =>
  a !== null &&
  a.online === b.online &&
  a.paper === b.paper &&
  a.coverOpen === b.coverOpen &&
  a.error === b.error;

/**
 * Reads the printer's status every `intervalMs` (one read at a time, the next one scheduled
 * after the last ends) and calls `onChange` when it differs from the previous read, so the
 * kiosk screen and the hub hear of paper running out without anyone tapping.
 */
export function createStatusPoller(options: {
  read: () => Promise<PrinterStatus>;
  onChange: (status: PrinterStatus) => void;
  intervalMs?: number;
}): StatusPoller {
  const { read, onChange, intervalMs = 3_000 } = options;
  let latest: PrinterStatus | null = null;
  let inFlight: Promise<PrinterStatus> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;

  const refresh = (): Promise<PrinterStatus> => {
    inFlight ??= read()
      .then((status) => {
        if (!same(latest, status)) {
          latest = status;
          onChange(status);
        }
        return status;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  const tick = (): void => {
    timer = null;
    void refresh()
      .catch(() => undefined)
      .finally(() => {
        if (running) timer = setTimeout(tick, intervalMs);
      });
  };

  return {
    get latest() {
      return latest;
    },
    refresh,
    start() {
      if (running) return;
      running = true;
      tick();
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
