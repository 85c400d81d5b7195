import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PASSWORD_HASH_LIMIT,
  hashPassword,
  PasswordHashingBusy,
  passwordHashesInFlight,
  setPasswordHashLimit,
  verifyPassword,
} from './auth.ts';

// A hash stored before passwords moved to their own thread (scrypt N=16384, r=8, p=1).
const STORED =
  'scrypt$16384$8$1$MDEyMzQ1Njc4OWFiY2RlZg$BFuGLdmAKwQbAfOgXA-PDXRZX7i12lQaBxMvxVSXrLg';

describe('passwords', () => {
  it('verifies hashes stored by earlier versions', async () => {
    expect(await verifyPassword('luot2026', STORED)).toBe(true);
    expect(await verifyPassword('luot2027', STORED)).toBe(false);
  });

  it('hashes with the same parameters, and verifies many sign-ins at once', async () => {
    const hash = await hashPassword('mật khẩu');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    const results = await Promise.all(
      ['mật khẩu', 'mat khau', 'mật khẩu', ''].map((p) => verifyPassword(p, hash)),
    );
    expect(results).toEqual([true, false, true, false]);
  });

  it('refuses a hash it does not know', async () => {
    expect(await verifyPassword('luot2026', 'bcrypt$whatever')).toBe(false);
    await expect(verifyPassword('x', 'scrypt$3$8$1$MDEy$AAAA')).rejects.toThrow();
  });

  it('refuses a hash at once, queueing nothing, while the cap is full', async () => {
    setPasswordHashLimit(2);
    try {
      const held = [hashPassword('một'), hashPassword('hai')];
      await expect(verifyPassword('ba', STORED)).rejects.toBeInstanceOf(PasswordHashingBusy);
      await expect(hashPassword('bốn')).rejects.toBeInstanceOf(PasswordHashingBusy);
      expect(passwordHashesInFlight()).toBe(2);
      await Promise.all(held);
      expect(passwordHashesInFlight()).toBe(0);
      expect(await verifyPassword('luot2026', STORED)).toBe(true);
    } finally {
      setPasswordHashLimit(DEFAULT_PASSWORD_HASH_LIMIT);
    }
  });

  it('keeps slots beyond the cap for priority hashes, and runs them first', async () => {
    setPasswordHashLimit(2);
    try {
      const done: string[] = [];
      const held = ['một', 'hai'].map((p) => hashPassword(p).then(() => done.push(p)));
      await expect(verifyPassword('ba', STORED)).rejects.toBeInstanceOf(PasswordHashingBusy);
      const priority = verifyPassword('luot2026', STORED, { priority: true }).then((ok) => {
        done.push('ưu tiên');
        return ok;
      });
      expect(await priority).toBe(true);
      await Promise.all(held);
      // It ran right after the hash already running, before the other one waiting.
      expect(done).toEqual(['một', 'ưu tiên', 'hai']);
    } finally {
      setPasswordHashLimit(DEFAULT_PASSWORD_HASH_LIMIT);
    }
  });
});
