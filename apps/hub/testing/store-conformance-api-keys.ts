// The REST API keys' part of the store port (issue 16), run by `describeProvinceStore` on both stores.
import { describe, expect, it } from 'vitest';
import type { NewApiKey, ProvinceStore } from '../src/store.ts';

const T0 = Date.parse('2026-11-23T02:00:00Z');

function key(id: string, siteId: string | null, extra: Partial<NewApiKey> = {}): NewApiKey {
  return {
    id,
    name: `Khóa ${id}`,
    siteId,
    permissions: ['queue:read', 'counters:act'],
    secretHash: `hash-of-${id}`,
    prefix: 'luot_k_ab12',
    createdBy: 'admin',
    ...extra,
  };
}

/** Keys: created with their hash only, listed per site, found by hash, revoked, touched. */
export function describeApiKeyStore(current: () => ProvinceStore): void {
  describe('API keys', () => {
    it('lists keys per site, every key (every-site ones too) only for null', async () => {
      const store = current();
      await store.createApiKey(key('key_a', 'xa-a'), T0);
      await store.createApiKey(key('key_all', null), T0 + 1);
      await store.createApiKey(key('key_b', 'xa-b'), T0 + 2);
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
      expect(ids(await store.listApiKeys(['xa-a']))).toEqual(['key_a']);
      expect(ids(await store.listApiKeys(['xa-a', 'xa-b']))).toEqual(['key_a', 'key_b']);
      expect(ids(await store.listApiKeys([]))).toEqual([]);
      expect(ids(await store.listApiKeys(null))).toEqual(['key_a', 'key_all', 'key_b']);
      expect(await store.apiKeyById('key_all')).toEqual({
        id: 'key_all',
        name: 'Khóa key_all',
        siteId: null,
        permissions: ['queue:read', 'counters:act'],
        prefix: 'luot_k_ab12',
        createdAt: T0 + 1,
        createdBy: 'admin',
        lastUsedAt: null,
        revokedAt: null,
        revokedBy: null,
      });
      // No row carries the hash back out.
      expect(JSON.stringify(await store.listApiKeys(null))).not.toContain('hash-of-');
    });

    it('finds a key by its hash only, and refuses a second key with the same hash or id', async () => {
      const store = current();
      await store.createApiKey(key('key_a', 'xa-a'), T0);
      expect((await store.apiKeyByHash('hash-of-key_a'))?.id).toBe('key_a');
      expect(await store.apiKeyByHash('hash-of-key_b')).toBeNull();
      expect(await store.apiKeyById('key_b')).toBeNull();
      await expect(
        store.createApiKey(key('key_b', 'xa-a', { secretHash: 'hash-of-key_a' }), T0),
      ).rejects.toThrow();
      await expect(
        store.createApiKey(key('key_a', 'xa-b', { secretHash: 'other' }), T0),
      ).rejects.toThrow();
      expect(await store.listApiKeys(null)).toHaveLength(1);
    });

    it('revokes a key once, and keeps it listed with who and when', async () => {
      const store = current();
      await store.createApiKey(key('key_a', 'xa-a'), T0);
      expect(await store.revokeApiKey('key_a', 'admin-xa', T0 + 5)).toBe(true);
      expect(await store.revokeApiKey('key_a', 'someone-else', T0 + 9)).toBe(false);
      expect(await store.revokeApiKey('key_none', 'admin-xa', T0 + 9)).toBe(false);
      const row = await store.apiKeyByHash('hash-of-key_a');
      expect(row).toMatchObject({ revokedAt: T0 + 5, revokedBy: 'admin-xa' });
      expect(await store.listApiKeys(['xa-a'])).toHaveLength(1);
    });

    it('records a use at most once a minute', async () => {
      const store = current();
      await store.createApiKey(key('key_a', 'xa-a'), T0);
      await store.touchApiKey('key_a', T0 + 1_000);
      expect((await store.apiKeyById('key_a'))!.lastUsedAt).toBe(T0 + 1_000);
      await store.touchApiKey('key_a', T0 + 30_000);
      expect((await store.apiKeyById('key_a'))!.lastUsedAt).toBe(T0 + 1_000);
      await store.touchApiKey('key_a', T0 + 61_000);
      expect((await store.apiKeyById('key_a'))!.lastUsedAt).toBe(T0 + 61_000);
      // An older use arriving late (another node) never moves it back.
      await store.touchApiKey('key_a', T0 + 2_000);
      expect((await store.apiKeyById('key_a'))!.lastUsedAt).toBe(T0 + 61_000);
    });
  });
}
