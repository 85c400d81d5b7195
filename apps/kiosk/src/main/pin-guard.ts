/**
 * Slows down guessing the settings PIN: after `maxAttempts` wrong PINs in a row, every PIN
 * is refused for `lockMs`. A right PIN resets the count.
 */
export function createPinGuard(
  options: { maxAttempts?: number; lockMs?: number; now?: () => number } = {},
) {
  const { maxAttempts = 5, lockMs = 5 * 60_000, now = Date.now } = options;
  let failures = 0;
  let lockedUntil = 0;
  return {
    /** 'ok', 'wrong-pin', or 'locked' (the check was not even made). */
    attempt(check: () => boolean): 'ok' | 'wrong-pin' | 'locked' {
      if (now() < lockedUntil) return 'locked';
      if (check()) {
        failures = 0;
        return 'ok';
      }
      failures += 1;
      if (failures >= maxAttempts) {
        failures = 0;
        lockedUntil = now() + lockMs;
      }
      return 'wrong-pin';
    },
  };
}
