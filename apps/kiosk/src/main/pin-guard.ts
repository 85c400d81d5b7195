import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const stateSchema = z.strictObject({
  failures: z.number().int().min(0),
  lockedUntil: z.number().int().min(0),
});
type GuardState = z.infer<typeof stateSchema>;

/**
 * Slows down guessing the settings PIN: after `maxAttempts` wrong PINs in a row, every PIN
 * is refused for `lockMs`. A right PIN resets the count.
 *
 * With `file` (in the user-data folder) the count and the lock-out survive a restart, so
 * pulling the plug does not buy five more guesses. A file that cannot be read counts as a
 * lock-out starting now (never as a clean slate), and a lock-out further away than `lockMs`
 * (the clock was set back) is shortened to `lockMs`.
 */
export function createPinGuard(
  options: {
    maxAttempts?: number;
    lockMs?: number;
    now?: () => number;
    file?: string;
    log?: (message: string) => void;
  } = {},
) {
  const { maxAttempts = 5, lockMs = 5 * 60_000, now = Date.now, file } = options;
  const log = options.log ?? (() => undefined);
  let state: GuardState = { failures: 0, lockedUntil: 0 };

  const persist = () => {
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
    renameSync(tmp, file);
  };

  if (file) {
    let raw: string | null = null;
    try {
      raw = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') raw = '';
    }
    if (raw !== null) {
      const parsed = stateSchema.safeParse(safeJson(raw));
      if (parsed.success) state = parsed.data;
      else {
        log(`PIN lock-out file ${file} is unreadable; the settings are locked for now`);
        state = { failures: 0, lockedUntil: now() + lockMs };
      }
      const latest = now() + lockMs;
      if (state.lockedUntil > latest) {
        state.lockedUntil = latest;
        persist();
      } else if (!parsed.success) persist();
    }
  }

  return {
    /** 'ok', 'wrong-pin', or 'locked' (the check was not even made). */
    attempt(check: () => boolean): 'ok' | 'wrong-pin' | 'locked' {
      if (now() < state.lockedUntil) return 'locked';
      if (check()) {
        if (state.failures !== 0 || state.lockedUntil !== 0) {
          state = { failures: 0, lockedUntil: 0 };
          persist();
        }
        return 'ok';
      }
      state.failures += 1;
      if (state.failures >= maxAttempts) state = { failures: 0, lockedUntil: now() + lockMs };
      // Written before the answer goes out: a restart right after cannot forget this try.
      persist();
      return 'wrong-pin';
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
