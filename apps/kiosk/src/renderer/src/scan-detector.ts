/**
 * A QR reader plugged in as a keyboard types what it read, a character every few milliseconds,
 * and ends with Enter. A person types a character every 100 ms or more, even a fast typist's
 * median being above 80 ms. So a run of keys, ended by Enter, at least `minLength` long, whose
 * median pause is at most `medianGapMs`, is a scan; anything slower is typing. The median, not
 * the longest pause, so a reader's run survives a pause of a busy machine (a garbage
 * collection, another window); a pause over `maxGapMs` ends a run all the same.
 */
export interface ScanDetectorOptions {
  /** A pause longer than this starts a new run (ms). */
  maxGapMs: number;
  /** The longest median pause between the keys of a scan, its Enter included (ms). */
  medianGapMs: number;
  /** The shortest scan (a check-in code is 6 characters). */
  minLength: number;
}

export const SCAN_DEFAULTS: ScanDetectorOptions = { maxGapMs: 120, medianGapMs: 35, minLength: 6 };

/** Keys a reader sends around characters (Shift for capitals) that neither add nor break a run. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock']);

export interface ScanDetector {
  /**
   * Feeds one key press (`KeyboardEvent.key`, at `KeyboardEvent.timeStamp`). Returns the text
   * read when this key is the Enter that ends a scan, else null.
   */
  key(key: string, at: number): string | null;
  /** Forgets a run in progress. */
  reset(): void;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Tells a QR reader's typing from a person's by its speed. */
export function createScanDetector(options: ScanDetectorOptions = SCAN_DEFAULTS): ScanDetector {
  let run = '';
  let gaps: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  const reset = () => {
    run = '';
    gaps = [];
    last = Number.NEGATIVE_INFINITY;
  };
  return {
    key(key, at) {
      if (MODIFIERS.has(key)) return null;
      const gap = at - last;
      const inRun = gap <= options.maxGapMs;
      if (key === 'Enter') {
        const text = run;
        const all = [...gaps, gap];
        reset();
        return inRun && text.length >= options.minLength && median(all) <= options.medianGapMs
          ? text
          : null;
      }
      if (key.length !== 1) {
        // Arrows, Tab, Backspace…: a person at the keyboard.
        reset();
        return null;
      }
      if (inRun) {
        run += key;
        gaps.push(gap);
      } else {
        run = key;
        gaps = [];
      }
      last = at;
      return null;
    },
    reset,
  };
}
