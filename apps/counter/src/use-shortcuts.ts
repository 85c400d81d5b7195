import { useEffect, useRef } from 'react';
import { actionForKey, type Action } from './counter-view.ts';

/** Whether a key press belongs to a field where the clerk is typing. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
  return false;
}

/**
 * Runs an action when its shortcut key is pressed anywhere on the page, except while the
 * clerk types in a text field or `active` is false (a dialog is open). The browser's own
 * meaning of the key (F1 help, F5 reload…) is suppressed. A held key fires once.
 */
export function useShortcuts(active: boolean, run: (action: Action) => void): void {
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
      const action = actionForKey(e.key);
      if (!action || isTyping(e.target)) return;
      e.preventDefault();
      if (!e.repeat) runRef.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}
