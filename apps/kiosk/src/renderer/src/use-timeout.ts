import { useEffect, useRef } from 'react';

/** Calls `onTimeout` after `ms` unless `key` changes first (null: no timer). */
export function useTimeout(ms: number | null, onTimeout: () => void, key: unknown = null) {
  const callback = useRef(onTimeout);
  callback.current = onTimeout;
  useEffect(() => {
    if (ms === null) return;
    const id = setTimeout(() => callback.current(), ms);
    return () => clearTimeout(id);
  }, [ms, key]);
}

/** Calls `onIdle` when nobody touched the screen or pressed a key for `ms` while `active`. */
export function useIdle(ms: number, active: boolean, onIdle: () => void) {
  const callback = useRef(onIdle);
  callback.current = onIdle;
  useEffect(() => {
    if (!active) return;
    let id = setTimeout(() => callback.current(), ms);
    const reset = () => {
      clearTimeout(id);
      id = setTimeout(() => callback.current(), ms);
    };
    window.addEventListener('pointerdown', reset);
    window.addEventListener('keydown', reset);
    return () => {
      clearTimeout(id);
      window.removeEventListener('pointerdown', reset);
      window.removeEventListener('keydown', reset);
    };
  }, [ms, active]);
}
