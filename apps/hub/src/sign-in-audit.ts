import type { Logger } from 'pino';
import type { AuditAction, AuditEntry } from '@luot/protocol';
import type { Clock } from './clock.ts';
import type { Store } from './store.ts';

/**
 * At most this many entries of one action are written to the audit trail in a minute; the
 * rest are counted and the next entry written says how many were left out (`suppressed`).
 * A flood of guesses from many addresses cannot fill the database, and an administrator still
 * sees that it happened. A lock-out is reported once per lock (see sign-in-guard.ts).
 */
const PER_MINUTE: Partial<Record<AuditAction, number>> = {
  'auth.sign-in-failed': 60,
  'auth.locked-out': 60,
  'auth.hash-busy': 1,
};

type Detail = AuditEntry['detail'];

/**
 * Sign-ins, failures, lock-outs, refusals for lack of hashing capacity and sign-outs, in the
 * log (pino, with username and address; never a password) and in the audit trail. The actor is
 * the username when the person is known (a correct password, a session), otherwise
 * `address:<ip>`. A username that names no account is neither logged nor stored: people type
 * their password into the username box, and that must not end up in a log.
 */
export function createSignInAudit(deps: { store: Store; log: Logger; clock: Clock }) {
  const { store, log, clock } = deps;
  const windows = new Map<AuditAction, { start: number; written: number; suppressed: number }>();

  /** Writes one entry unless this action's budget for the minute is spent; false if left out. */
  const write = async (
    action: AuditAction,
    actor: string,
    target: string | null,
    detail: Detail,
  ): Promise<boolean> => {
    const at = clock.now();
    const limit = PER_MINUTE[action];
    let suppressed = 0;
    if (limit !== undefined) {
      let w = windows.get(action);
      if (!w || at - w.start >= 60_000 || at < w.start) {
        w = { start: at, written: 0, suppressed: w?.suppressed ?? 0 };
        windows.set(action, w);
      }
      if (w.written >= limit) {
        w.suppressed++;
        return false;
      }
      w.written++;
      suppressed = w.suppressed;
      w.suppressed = 0;
    }
    try {
      await store.appendAudit({
        at,
        actor,
        action,
        target,
        detail: suppressed > 0 ? { ...detail, suppressed } : detail,
      });
    } catch (err) {
      log.error({ err, action }, 'could not write a sign-in to the audit trail');
    }
    return true;
  };

  return {
    async signedIn(username: string, address: string): Promise<void> {
      log.info({ username, address }, 'signed in');
      await write('auth.sign-in', username, username, { address });
    },
    /** A wrong password, an unknown username or a disabled account: `username` only if it exists. */
    async failed(username: string | null, address: string): Promise<void> {
      log.warn({ username, address }, 'sign-in failed');
      await write('auth.sign-in-failed', `address:${address}`, username, { address });
    },
    /** The guard's first refusal of a lock: `username` only if it exists (and the lock is on it). */
    async lockedOut(
      username: string | null,
      address: string,
      scope: 'account' | 'address',
      waitMs: number,
    ): Promise<void> {
      const minutes = Math.ceil(waitMs / 60_000);
      log.warn({ username, address, scope, minutes }, 'sign-in locked out');
      await write('auth.locked-out', `address:${address}`, username, { address, scope, minutes });
    },
    /** A sign-in refused because the password hashing was at its cap. */
    async hashBusy(address: string): Promise<void> {
      if (await write('auth.hash-busy', `address:${address}`, null, { address }))
        log.warn({ address }, 'sign-in refused: password hashing at its cap');
      else log.debug({ address }, 'sign-in refused: password hashing at its cap');
    },
    async signedOut(username: string, address: string): Promise<void> {
      log.info({ username, address }, 'signed out');
      await write('auth.sign-out', username, username, { address });
    },
  };
}

export type SignInAudit = ReturnType<typeof createSignInAudit>;
