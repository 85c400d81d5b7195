import { describe, expect, it } from 'vitest';
import { createSignInGuard } from './sign-in-guard.ts';

const MIN = 60_000;
const options = { perAccount: 3, perAddress: 5, windowMs: 15 * MIN };

describe('sign-in guard', () => {
  it('refuses an address a username after too many failures, until the oldest one expires', () => {
    const guard = createSignInGuard(options);
    for (const at of [0, 1, 2].map((m) => m * MIN)) {
      expect(guard.waitMs('10.0.0.5', 'cb01', at)).toBe(0);
      guard.failed('10.0.0.5', 'cb01', at);
    }
    expect(guard.waitMs('10.0.0.5', 'CB01', 3 * MIN)).toBe(12 * MIN);
    // The clerk's own PC and other usernames from this one are not locked out.
    expect(guard.waitMs('10.0.0.7', 'cb01', 3 * MIN)).toBe(0);
    expect(guard.waitMs('10.0.0.5', 'cb02', 3 * MIN)).toBe(0);
    expect(guard.waitMs('10.0.0.5', 'cb01', 15 * MIN)).toBe(0);
  });

  it('refuses an address trying many usernames', () => {
    const guard = createSignInGuard(options);
    ['a', 'b', 'c', 'd', 'e'].forEach((u, i) => guard.failed('10.0.0.9', u, i * MIN));
    expect(guard.waitMs('10.0.0.9', 'f', 5 * MIN)).toBe(10 * MIN);
    expect(guard.waitMs('10.0.0.1', 'f', 5 * MIN)).toBe(0);
  });

  it('forgets a username’s failures once its password is given', () => {
    const guard = createSignInGuard(options);
    guard.failed('10.0.0.5', 'cb01', 0);
    guard.failed('10.0.0.5', 'cb01', MIN);
    guard.succeeded('10.0.0.5', 'cb01');
    guard.failed('10.0.0.5', 'cb01', 2 * MIN);
    guard.failed('10.0.0.5', 'cb01', 2 * MIN);
    expect(guard.waitMs('10.0.0.5', 'cb01', 2 * MIN)).toBe(0);
  });
});
