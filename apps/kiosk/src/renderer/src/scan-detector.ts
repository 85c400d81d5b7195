/**
 * A QR reader plugged in as a keyboard types what it read, a character every few milliseconds,
 * and ends with Enter. A person types a character every 100 ms or more. So a run of keys that
 * each follow the last within `maxGapMs`, at least `minLength` long and ended by Enter just as
 * fast, is a scan; anything slower is typing.
 */
export interface ScanDetectorOptions {
  /** The longest pause between two keys of one scan (ms). */
  maxGapMs: number;
  /** The shortest scan (a check-in code is 6 characters). */
  minLength: number;
}

export const SCAN_DEFAULTS: ScanDetectorOptions = { maxGapMs: 50, minLength: 6 };

/** Keys a reader sends around characters (Shift for capitals) that neither add nor break a run. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock']);

export interface ScanDetector {
  /**
   * Feeds one key press (`KeyboardEvent.key`, at `KeyboardEvent.timeStamp`). Returns the text
   * read when this key is the Enter that ends a scan, else null.
   */
  key(key: string, at: number): string | null;
  /** Forgets a run in progress (the screen changed). */
  reset(): void;
}

/** Tells a QR reader's typing from a person's by its speed. */
export function createScanDetector(options: ScanDetectorOptions = SCAN_DEFAULTS): ScanDetector {
  let run = '';
  let last = Number.NEGATIVE_INFINITY;
  const reset = () => {
    run = '';
    last = Number.NEGATIVE_INFINITY;
  };
  return {
    key(key, at) {
      if (MODIFIERS.has(key)) return null;
      const fast = at - last <= options.maxGapMs;
      if (key === 'Enter') {
        const text = run;
        reset();
        return fast && text.length >= options.minLength ? text : null;
      }
      if (key.length !== 1) {
        // Arrows, Tab, Backspace…: a person at the keyboard.
        reset();
        return null;
      }
      run = fast ? run + key : key;
      last = at;
      return null;
    },
    reset,
  };
}
