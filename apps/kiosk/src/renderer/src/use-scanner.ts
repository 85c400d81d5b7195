import { useEffect, useRef } from 'react';
import { createScanDetector } from './scan-detector.ts';

/**
 * A QR reader types like a keyboard, anywhere: its fast keys ending in Enter are a scan, handed
 * to `onScan` with the Enter's time. Its Enter is kept from the focused button (it would press
 * it). `listening` says, at the moment of the scan, whether this screen takes scans.
 */
export function useScanner(onScan: (text: string, at: number) => void, listening: () => boolean) {
  const latest = useRef({ onScan, listening });
  latest.current = { onScan, listening };
  useEffect(() => {
    const detector = createScanDetector();
    const onKey = (e: KeyboardEvent) => {
      const scanned = detector.key(e.key, e.timeStamp);
      if (scanned === null) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (latest.current.listening()) latest.current.onScan(scanned, e.timeStamp);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
