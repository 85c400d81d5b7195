/**
 * Slows down password guessing: after `perAccount` failed sign-ins for one username from one
 * address, or `perAddress` from one address for any usernames, within `windowMs`, that address
 * (for that username, or for all) is refused until the oldest failure leaves the window. A
 * clerk's own PC is not locked out by guesses made elsewhere. Kept in memory: a restart forgets.
 */
export interface SignInGuardOptions {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_SIGN_IN_GUARD: SignInGuardOptions = {
  perAccount: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
};

/** At most this many addresses and account keys are tracked; the stalest go first. */
const MAX_KEYS = 10_000;

export function createSignInGuard(options: SignInGuardOptions = DEFAULT_SIGN_IN_GUARD) {
  const failures = new Map<string, number[]>();
  const accountKey = (address: string, username: string) => `${address}\n${username.toLowerCase()}`;

  const recent = (key: string, now: number): number[] => {
    const times = (failures.get(key) ?? []).filter((t) => now - t < options.windowMs);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  };
  const waitFor = (times: number[], limit: number, now: number) =>
    times.length < limit ? 0 : times[times.length - limit]! + options.windowMs - now;

  return {
    /** Milliseconds until this address may try this username again; 0 when it may now. */
    waitMs(address: string, username: string, now: number): number {
      return Math.max(
        waitFor(recent(accountKey(address, username), now), options.perAccount, now),
        waitFor(recent(address, now), options.perAddress, now),
      );
    },
    failed(address: string, username: string, now: number): void {
      for (const key of [accountKey(address, username), address]) {
        const times = [...recent(key, now), now];
        failures.delete(key); // re-inserted last, so the Map's order is least recently failed first
        failures.set(key, times);
      }
      while (failures.size > MAX_KEYS) failures.delete(failures.keys().next().value!);
    },
    /** A correct password clears that username's failures from that address. */
    succeeded(address: string, username: string): void {
      failures.delete(accountKey(address, username));
    },
  };
}

export type SignInGuard = ReturnType<typeof createSignInGuard>;
