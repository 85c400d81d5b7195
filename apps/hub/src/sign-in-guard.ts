import { randomBytes } from 'node:crypto';
import { asyncPort, type Sync } from './store.ts';

/**
 * Slows down password guessing: after `perAccount` failed sign-ins for one username from one
 * address, or `perAddress` from one address for any usernames, within `windowMs`, that address
 * (for that username, or for all) is refused until the oldest failure leaves the window. A
 * clerk's own PC is not locked out by guesses made elsewhere. Kept in memory: a restart forgets.
 *
 * An attempt counts before its password is checked: `begin` reserves it as a failure at once,
 * so guesses sent together are counted one by one however long each hash takes, and only one
 * attempt per address and username may be checked at a time. `succeeded` then takes the
 * reservation back (and forgets that username's failures from that address); `failed` keeps it;
 * `withdrawn` takes it back for an attempt that was not checked after all.
 *
 * The guard answers with promises: one node keeps its counts in memory (`createSignInGuard`),
 * several nodes share them in Redis (`shared-state/sign-in-guard.ts`), so a lock-out earned on
 * one node holds on all of them.
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

/** An attempt the guard let through; hand it back to `succeeded` or `failed`. */
export interface SignInAttempt {
  readonly address: string;
  readonly username: string;
  readonly at: number;
  /** Tells this attempt's reservation from others made at the same instant. */
  readonly id: string;
}

/**
 * Why an attempt is refused: `locked` (too many failures; `waitMs` until the next may be tried;
 * `scope` says whether the username or the whole address is locked; `newLock` is true for the
 * first refusal of this lock, so it is reported once) or `busy` (another attempt for this
 * username from this address is being checked).
 */
export type SignInRefusal =
  | { reason: 'locked'; waitMs: number; scope: 'account' | 'address'; newLock: boolean }
  | { reason: 'busy' };

export type SignInBegin = { ok: true; attempt: SignInAttempt } | ({ ok: false } & SignInRefusal);

/** The guard's calls; each answers with a promise and never rejects. */
export interface SignInGuard {
  /** Milliseconds until this address may try this username again; 0 when it may now. */
  waitMs(address: string, username: string, now: number): Promise<number>;
  /**
   * Lets an attempt be checked, counting it as a failure now; or refuses it, when this
   * address is locked out (for this username or for all) or is already trying this username.
   */
  begin(address: string, username: string, now: number): Promise<SignInBegin>;
  /** The attempt's password was wrong: its failure, counted by `begin`, stays. */
  failed(attempt: SignInAttempt): Promise<void>;
  /**
   * Whether someone signed in from this address within `KNOWN_FOR_MS`: its sign-ins may use
   * the hashing slots kept for priority (see auth.ts), so a flood from other addresses does
   * not keep a clerk at their usual PC out. Guessing cannot make an address known.
   */
  isKnown(address: string, now: number): Promise<boolean>;
  /** A correct password clears that username's failures from that address. */
  succeeded(attempt: SignInAttempt): Promise<void>;
  /** The attempt was not checked after all (no capacity to hash it): it does not count. */
  withdrawn(attempt: SignInAttempt): Promise<void>;
}

/** At most this many addresses and account keys are tracked; the stalest go first. */
const MAX_KEYS = 10_000;

/** How long an address someone signed in from stays known (see `isKnown`). */
export const KNOWN_FOR_MS = 7 * 24 * 60 * 60_000;

/** A random id for an attempt (see `SignInAttempt.id`). */
export function attemptId(): string {
  return randomBytes(6).toString('hex');
}

/** The guard of one node, its counts in memory: a restart forgets them. */
export function createSignInGuard(
  options: SignInGuardOptions = DEFAULT_SIGN_IN_GUARD,
): SignInGuard {
  return asyncPort<SignInGuard>(createMemorySignInGuard(options));
}

/** The in-memory guard answered at once (the Redis guard falls back to it while Redis is down). */
export function createMemorySignInGuard(
  options: SignInGuardOptions = DEFAULT_SIGN_IN_GUARD,
): Sync<SignInGuard> {
  const failures = new Map<string, number[]>();
  /** Keys being refused, with when the lock reported last ends: a lock is reported once. */
  const reportedLocks = new Map<string, number>();
  /** Addresses someone signed in from, with when last (least recent first). */
  const known = new Map<string, number>();
  /** Account keys with an attempt being checked. */
  const inFlight = new Set<string>();
  const accountKey = (address: string, username: string) => `${address}\n${username.toLowerCase()}`;

  const recent = (key: string, now: number): number[] => {
    const times = (failures.get(key) ?? []).filter((t) => now - t < options.windowMs);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  };
  const waitFor = (times: number[], limit: number, now: number) =>
    times.length < limit ? 0 : times[times.length - limit]! + options.windowMs - now;
  const record = (key: string, now: number) => {
    const times = [...recent(key, now), now];
    failures.delete(key); // re-inserted last, so the Map's order is least recently failed first
    failures.set(key, times);
  };
  const trim = () => {
    while (failures.size > MAX_KEYS) failures.delete(failures.keys().next().value!);
    while (reportedLocks.size > MAX_KEYS) reportedLocks.delete(reportedLocks.keys().next().value!);
  };
  const unreserve = (key: string, at: number) => {
    const times = failures.get(key);
    const i = times?.indexOf(at) ?? -1;
    if (!times || i < 0) return;
    times.splice(i, 1);
    if (times.length === 0) failures.delete(key);
  };
  /** Whether this refusal starts a lock not reported yet (and notes it as reported). */
  const isNewLock = (key: string, now: number, waitMs: number): boolean => {
    const until = reportedLocks.get(key);
    const fresh = until === undefined || until <= now;
    reportedLocks.delete(key);
    reportedLocks.set(key, Math.max(until ?? 0, now + waitMs));
    trim();
    return fresh;
  };

  return {
    /** Milliseconds until this address may try this username again; 0 when it may now. */
    waitMs(address: string, username: string, now: number): number {
      return Math.max(
        waitFor(recent(accountKey(address, username), now), options.perAccount, now),
        waitFor(recent(address, now), options.perAddress, now),
      );
    },
    /**
     * Lets an attempt be checked, counting it as a failure now; or refuses it, when this
     * address is locked out (for this username or for all) or is already trying this username.
     */
    begin(address: string, username: string, now: number): SignInBegin {
      const key = accountKey(address, username);
      const accountWait = waitFor(recent(key, now), options.perAccount, now);
      const addressWait = waitFor(recent(address, now), options.perAddress, now);
      if (accountWait > 0 || addressWait > 0) {
        const scope = addressWait >= accountWait ? 'address' : 'account';
        const waitMs = Math.max(accountWait, addressWait);
        return {
          ok: false,
          reason: 'locked',
          waitMs,
          scope,
          newLock: isNewLock(scope === 'address' ? address : key, now, waitMs),
        };
      }
      if (inFlight.has(key)) return { ok: false, reason: 'busy' };
      inFlight.add(key);
      record(key, now);
      record(address, now);
      trim();
      return { ok: true, attempt: { address, username, at: now, id: attemptId() } };
    },
    /** The attempt's password was wrong: its failure, counted by `begin`, stays. */
    failed(attempt: SignInAttempt): void {
      inFlight.delete(accountKey(attempt.address, attempt.username));
    },
    /**
     * Whether someone signed in from this address within `KNOWN_FOR_MS`: its sign-ins may use
     * the hashing slots kept for priority (see auth.ts), so a flood from other addresses does
     * not keep a clerk at their usual PC out. Guessing cannot make an address known.
     */
    isKnown(address: string, now: number): boolean {
      const at = known.get(address);
      return at !== undefined && now - at < KNOWN_FOR_MS;
    },
    /** A correct password clears that username's failures from that address. */
    succeeded(attempt: SignInAttempt): void {
      known.delete(attempt.address);
      known.set(attempt.address, attempt.at);
      while (known.size > MAX_KEYS) known.delete(known.keys().next().value!);
      const key = accountKey(attempt.address, attempt.username);
      inFlight.delete(key);
      failures.delete(key);
      reportedLocks.delete(key);
      // Signing in is not a failure of the address: take this attempt's reservation back.
      unreserve(attempt.address, attempt.at);
    },
    /** The attempt was not checked after all (no capacity to hash it): it does not count. */
    withdrawn(attempt: SignInAttempt): void {
      const key = accountKey(attempt.address, attempt.username);
      inFlight.delete(key);
      unreserve(key, attempt.at);
      unreserve(attempt.address, attempt.at);
    },
  };
}
