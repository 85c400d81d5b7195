import { describe, expect, it } from 'vitest';
import { chainHash, dayDigest, digestCode, GENESIS_HASH, normalizeDigestCode } from './chain.ts';

describe('the chain rule', () => {
  it('links each hash to the one before it', () => {
    const a = chainHash(GENESIS_HASH, 'a');
    expect(chainHash(a, 'b')).not.toBe(chainHash(GENESIS_HASH, 'b'));
    expect(chainHash(a, 'b')).toBe(chainHash(a, 'b'));
  });

  it('gives a 12-character code a person can read back, forgiving case and look-alikes', () => {
    const digest = dayDigest({
      siteId: 'trung-tam',
      day: '2026-11-29',
      eventsHash: GENESIS_HASH,
      auditHash: GENESIS_HASH,
    });
    const code = digestCode(digest);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normalizeDigestCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizeDigestCode('ABCD-EFGH-IJK')).toBeNull();
    expect(digestCode('f'.repeat(64))).toBe('ZZZZ-ZZZZ-ZZZZ');
  });
});
