// What every sign-in guard does, the in-memory one and the one shared through Redis: one table
// of behaviour, run against each (sign-in-guard.test.ts, shared-state/sign-in-guard.integration.test.ts).
import { expect, it } from 'vitest';
import type { SignInAttempt, SignInGuard, SignInGuardOptions } from '../src/sign-in-guard.ts';

const MIN = 60_000;
const options = { perAccount: 3, perAddress: 5, windowMs: 15 * MIN };

/** Begins an attempt the guard must let through. */
async function begin(
  guard: SignInGuard,
  address: string,
  username: string,
  at: number,
): Promise<SignInAttempt> {
  const result = await guard.begin(address, username, at);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result.attempt;
}

/** One wrong password, checked to the end. */
async function fail(
  guard: SignInGuard,
  address: string,
  username: string,
  at: number,
): Promise<void> {
  await guard.failed(await begin(guard, address, username, at));
}

/** Defines the guard's behaviour as tests; `make` gives a fresh guard with nothing counted. */
export function signInGuardContract(make: (options: SignInGuardOptions) => SignInGuard): void {
  it('refuses an address a username after too many failures, until the oldest one expires', async () => {
    const guard = make(options);
    for (const at of [0, 1, 2].map((m) => m * MIN)) {
      expect(await guard.waitMs('10.0.0.5', 'cb01', at)).toBe(0);
      await fail(guard, '10.0.0.5', 'cb01', at);
    }
    expect(await guard.waitMs('10.0.0.5', 'CB01', 3 * MIN)).toBe(12 * MIN);
    expect(await guard.begin('10.0.0.5', 'CB01', 3 * MIN)).toMatchObject({
      ok: false,
      reason: 'locked',
      scope: 'account',
      waitMs: 12 * MIN,
    });
    // The clerk's own PC and other usernames from this one are not locked out.
    expect(await guard.waitMs('10.0.0.7', 'cb01', 3 * MIN)).toBe(0);
    expect(await guard.waitMs('10.0.0.5', 'cb02', 3 * MIN)).toBe(0);
    expect(await guard.waitMs('10.0.0.5', 'cb01', 15 * MIN)).toBe(0);
  });

  it('refuses an address trying many usernames', async () => {
    const guard = make(options);
    for (const [i, u] of ['a', 'b', 'c', 'd', 'e'].entries())
      await fail(guard, '10.0.0.9', u, i * MIN);
    expect(await guard.waitMs('10.0.0.9', 'f', 5 * MIN)).toBe(10 * MIN);
    expect(await guard.begin('10.0.0.9', 'f', 5 * MIN)).toMatchObject({
      ok: false,
      scope: 'address',
    });
    expect(await guard.waitMs('10.0.0.1', 'f', 5 * MIN)).toBe(0);
  });

  it('forgets a username’s failures once its password is given', async () => {
    const guard = make(options);
    await fail(guard, '10.0.0.5', 'cb01', 0);
    await fail(guard, '10.0.0.5', 'cb01', MIN);
    await guard.succeeded(await begin(guard, '10.0.0.5', 'cb01', MIN));
    await fail(guard, '10.0.0.5', 'cb01', 2 * MIN);
    await fail(guard, '10.0.0.5', 'cb01', 2 * MIN);
    expect(await guard.waitMs('10.0.0.5', 'cb01', 2 * MIN)).toBe(0);
  });

  it('counts an attempt before its password is checked', async () => {
    const guard = make(options);
    // Three guesses begun one after the other, none finished yet: each is already a failure.
    const attempts = [];
    for (const u of ['cb01', 'cb02', 'cb03']) attempts.push(await begin(guard, '10.0.0.5', u, 0));
    await fail(guard, '10.0.0.5', 'cb04', 0);
    await fail(guard, '10.0.0.5', 'cb05', 0);
    expect(await guard.begin('10.0.0.5', 'cb06', 0)).toMatchObject({ ok: false, reason: 'locked' });
    for (const a of attempts) await guard.failed(a);
    expect(await guard.waitMs('10.0.0.5', 'cb06', 0)).toBe(15 * MIN);
  });

  it('lets one attempt per address and username be checked at a time', async () => {
    const guard = make(options);
    const first = await begin(guard, '10.0.0.5', 'cb01', 0);
    expect(await guard.begin('10.0.0.5', 'CB01', 0)).toEqual({ ok: false, reason: 'busy' });
    // Another username from that address, and that username from another address, may go on.
    expect((await guard.begin('10.0.0.5', 'cb02', 0)).ok).toBe(true);
    expect((await guard.begin('10.0.0.6', 'cb01', 0)).ok).toBe(true);
    await guard.failed(first);
    expect((await guard.begin('10.0.0.5', 'cb01', 0)).ok).toBe(true);
  });

  it('does not count a successful sign-in against the address', async () => {
    const guard = make(options);
    for (let i = 0; i < 20; i++) await guard.succeeded(await begin(guard, '10.0.0.5', `cb${i}`, i));
    expect(await guard.waitMs('10.0.0.5', 'cb99', 20)).toBe(0);
  });

  it('does not count an attempt withdrawn before its check', async () => {
    const guard = make(options);
    for (let i = 0; i < 10; i++) await guard.withdrawn(await begin(guard, '10.0.0.5', 'cb01', i));
    expect(await guard.waitMs('10.0.0.5', 'cb01', 10)).toBe(0);
  });

  it('reports a lock once, and again once it has ended and locks anew', async () => {
    const guard = make(options);
    for (let i = 0; i < 3; i++) await fail(guard, '10.0.0.5', 'cb01', i * MIN);
    // Asked all at once: exactly one of them is the lock's first refusal.
    const refusals = await Promise.all(
      Array.from({ length: 50 }, () => guard.begin('10.0.0.5', 'cb01', 3 * MIN)),
    );
    expect(refusals.filter((r) => !r.ok && r.reason === 'locked' && r.newLock)).toHaveLength(1);
    // The oldest failure leaves the window: one more guess is let through, fails, and locks again.
    const later = 15 * MIN;
    await fail(guard, '10.0.0.5', 'cb01', later);
    expect(await guard.begin('10.0.0.5', 'cb01', later)).toMatchObject({
      ok: false,
      newLock: true,
    });
    expect(await guard.begin('10.0.0.5', 'cb01', later)).toMatchObject({
      ok: false,
      newLock: false,
    });
  });

  it('knows an address someone signed in from, and no guess makes one known', async () => {
    const guard = make(options);
    await fail(guard, '10.0.0.9', 'cb01', 0);
    expect(await guard.isKnown('10.0.0.9', 0)).toBe(false);
    await guard.succeeded(await begin(guard, '10.0.0.5', 'cb01', 0));
    expect(await guard.isKnown('10.0.0.5', MIN)).toBe(true);
    expect(await guard.isKnown('10.0.0.5', 8 * 24 * 60 * MIN)).toBe(false);
  });
}
