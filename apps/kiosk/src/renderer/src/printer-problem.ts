import type { PrinterStatus } from '@luot/printing/types';

export type PrinterProblem = 'paper-out' | 'cover-open' | 'offline' | 'error';

/**
 * Why the printer cannot print a ticket now, or null when it can. Paper near its end still
 * prints (the kiosk reports it to the hub), so it is not a problem here.
 */
export function printerProblem(status: PrinterStatus | null): PrinterProblem | null {
  if (!status) return 'offline';
  if (status.paper === 'out') return 'paper-out';
  if (status.coverOpen) return 'cover-open';
  if (!status.online) return 'offline';
  if (status.error) return 'error';
  return null;
}
