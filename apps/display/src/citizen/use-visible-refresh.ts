import { useEffect, useRef } from 'react';

/** How often the page's figures refresh while the citizen looks at them. */
export const REFRESH_MS = 20_000;

/**
 * Calls `refresh` every `intervalMs` while the page is visible, and at once when it becomes
 * visible again (a phone unlocked, a tab brought back); never while hidden.
 */
export function useVisibleRefresh(refresh: () => void, intervalMs = REFRESH_MS, enabled = true) {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer === null) timer = setInterval(() => latest.current(), intervalMs);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        latest.current();
        start();
      } else stop();
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs, enabled]);
}
