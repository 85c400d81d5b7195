import { useEffect, useRef } from 'react';

/** What Tab reaches: enabled buttons, links and form controls that are on screen. */
const FOCUSABLE =
  'button:not([disabled]):not([tabindex="-1"]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.getClientRects().length > 0,
  );
}

const NEXT = new Set(['ArrowDown', 'ArrowRight']);
const PREVIOUS = new Set(['ArrowUp', 'ArrowLeft']);

/**
 * Keyboard and switch access on top of the browser's Tab / Shift+Tab and Enter / Space: the
 * arrow keys move through the controls in screen order too (Down/Right forward, Up/Left back,
 * wrapping), except inside a text field or list. When a key press changed the screen, focus
 * goes to the new screen's first control (once enabled: `armed`), so the next Enter acts there.
 */
export function useKeyboardAccess(screenKey: unknown, armed: boolean) {
  const byKeyboard = useRef(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      byKeyboard.current = true;
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const forward = NEXT.has(e.key);
      if (!forward && !PREVIOUS.has(e.key)) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, select, textarea')) return;
      const all = focusables(document);
      if (all.length === 0) return;
      e.preventDefault();
      const at = all.indexOf(document.activeElement as HTMLElement);
      const next =
        at < 0
          ? forward
            ? 0
            : all.length - 1
          : (at + (forward ? 1 : -1) + all.length) % all.length;
      all[next]!.focus();
    };
    const onPointer = () => {
      byKeyboard.current = false;
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, []);

  useEffect(() => {
    if (!byKeyboard.current) return;
    const active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return;
    const screen = document.querySelector('[data-screen]');
    const first = screen ? focusables(screen)[0] : undefined;
    first?.focus();
  }, [screenKey, armed]);
}
