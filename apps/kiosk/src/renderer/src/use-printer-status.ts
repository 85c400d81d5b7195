import { useEffect, useState } from 'react';
import type { PrinterStatus } from '@luot/printing/types';
import type { KioskHost } from './host.ts';

/** The printer's status: read once at start, then every change the host reports. */
export function usePrinterStatus(host: KioskHost) {
  const [status, setStatus] = useState<PrinterStatus | null>(null);
  useEffect(() => {
    let live = true;
    void host.printerStatus().then((s) => live && setStatus(s));
    const off = host.onPrinterStatus((s) => live && setStatus(s));
    return () => {
      live = false;
      off();
    };
  }, [host]);
  return [status, setStatus] as const;
}
