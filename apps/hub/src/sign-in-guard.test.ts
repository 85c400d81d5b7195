import { describe, expect, it } from 'vitest';
import { createSignInGuard, type SignInAttempt, type SignInGuard } from './sign-in-guard.ts';

const MIN = 60_000;
const options = { perAccount: 3, perAddress: 5, windowMs: 15 * MIN };

/** Begins an attempt the guard must let through. */
function begin(guard: SignInGuard, address: string, username: string, at: number): SignInAttempt {
  const result = guard.begin(address, username, at);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result.attempt;
}

/** One wrong password, checked to the end. */
function fail(guard: SignInGuard, address: string, username: string, at: number): void {
  guard.failed(begin(guard, address, username, at));
}

describe('sign-in guard', () => {
  it('refuses an address a username after too many failures, until the oldest one expires', () => {
    const guard = createSignInGuard(options);
    for (const at of [0, 1, 2].map((m) => m * MIN)) {
      expect(guard.waitMs('10.0.0.5', 'cb01', at)).toBe(0);
      fail(guard, '10.0.0.5', 'cb01', at);
    }
    expect(guard.waitMs('10.0.0.5', 'CB01', 3 * MIN)).toBe(12 * MIN);
    expect(guard.begin('10.0.0.5', 'CB01', 3 * MIN)).toMatchObject({
      ok: false,
      reason: 'locked',
      scope: 'account',
      waitMs: 12 * MIN,
    });
    // The clerk's own PC and other usernames from this one are not locked out.
    expect(guard.waitMs('10.0.0.7', 'cb01', 3 * MIN)).toBe(0);
    expect(guard.waitMs('10.0.0.5', 'cb02', 3 * MIN)).toBe(0);
    expect(guard.waitMs('10.0.0.5', 'cb01', 15 * MIN)).toBe(0);
  });

  it('refuses an address trying many usernames', () => {
    const guard = createSignInGuard(options);
    ['a', 'b', 'c', 'd', 'e'].forEach((u, i) => fail(guard, '10.0.0.9', u, i * MIN));
    expect(guard.waitMs('10.0.0.9', 'f', 5 * MIN)).toBe(10 * MIN);
    expect(guard.begin('10.0.0.9', 'f', 5 * MIN)).toMatchObject({ ok: false, scope: 'address' });
    expect(guard.waitMs('10.0.0.1', 'f', 5 * MIN)).toBe(0);
  });

  it('forgets a username’s failures once its password is given', () => {
    const guard = createSignInGuard(options);
    fail(guard, '10.0.0.5', 'cb01', 0);
    fail(guard, '10.0.0.5', 'cb01', MIN);
    guard.succeeded(begin(guard, '10.0.0.5', 'cb01', MIN));
    fail(guard, '10.0.0.5', 'cb01', 2 * MIN);
    fail(guard, '10.0.0.5', 'cb01', 2 * MIN);
    expect(guard.waitMs('10.0.0.5', 'cb01', 2 * MIN)).toBe(0);
  });

  it('counts an attempt before its password is checked', () => {
    const guard = createSignInGuard(options);
    // Three guesses begun one after the other, none finished yet: each is already a failure.
    const attempts = ['cb01', 'cb02', 'cb03'].map((u) => begin(guard, '10.0.0.5', u, 0));
    fail(guard, '10.0.0.5', 'cb04', 0);
    fail(guard, '10.0.0.5', 'cb05', 0);
    expect(guard.begin('10.0.0.5', 'cb06', 0)).toMatchObject({ ok: false, reason: 'locked' });
    for (const a of attempts) guard.failed(a);
    expect(guard.waitMs('10.0.0.5', 'cb06', 0)).toBe(15 * MIN);
  });

  it('lets one attempt per address and username be checked at a time', () => {
    const guard = createSignInGuard(options);
    const first = begin(guard, '10.0.0.5', 'cb01', 0);
    expect(guard.begin('10.0.0.5', 'CB01', 0)).toEqual({ ok: false, reason: 'busy' });
    // Another username from that address, and that username from another address, may go on.
    expect(guard.begin('10.0.0.5', 'cb02', 0).ok).toBe(true);
    expect(guard.begin('10.0.0.6', 'cb01', 0).ok).toBe(true);
    guard.failed(first);
    expect(guard.begin('10.0.0.5', 'cb01', 0).ok).toBe(true);
  });

  it('does not count a successful sign-in against the address', () => {
    const guard = createSignInGuard(options);
    for (let i = 0; i < 20; i++) guard.succeeded(begin(guard, '10.0.0.5', `cb${i}`, i));
    expect(guard.waitMs('10.0.0.5', 'cb99', 20)).toBe(0);
  });

  it('does not count an attempt withdrawn before its check', () => {
    const guard = createSignInGuard(options);
    for (let i = 0; i < 10; i++) guard.withdrawn(begin(guard, '10.0.0.5', 'cb01', i));
    expect(guard.waitMs('10.0.0.5', 'cb01', 10)).toBe(0);
  });

  it('reports a lock once, and again once it has ended and locks anew', () => {
    const guard = createSignInGuard(options);
    for (let i = 0; i < 3; i++) fail(guard, '10.0.0.5', 'cb01', i * MIN);
    const refusals = Array.from({ length: 50 }, () => guard.begin('10.0.0.5', 'cb01', 3 * MIN));
    expect(refusals.filter((r) => !r.ok && r.reason === 'locked' && r.newLock)).toHaveLength(1);
    // The oldest failure leaves the window: one more guess is let through, fails, and locks again.
    const later = 15 * MIN;
    fail(guard, '10.0.0.5', 'cb01', later);
    expect(guard.begin('10.0.0.5', 'cb01', later)).toMatchObject({ ok: false, newLock: true });
    expect(guard.begin('10.0.0.5', 'cb01', later)).toMatchObject({ ok: false, newLock: false });
  });

  it('knows an address someone signed in from, and no guess makes one known', () => {
    const guard = createSignInGuard(options);
    fail(guard, '10.0.0.9', 'cb01', 0);
    expect(guard.isKnown('10.0.0.9', 0)).toBe(false);
    guard.succeeded(begin(guard, '10.0.0.5', 'cb01', 0));
    expect(guard.isKnown('10.0.0.5', MIN)).toBe(true);
    expect(guard.isKnown('10.0.0.5', 8 * 24 * 60 * MIN)).toBe(false);
  });
});
