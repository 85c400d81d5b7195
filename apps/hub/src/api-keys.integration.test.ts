// API keys on a real SQLite file: a key's secret resolves to its site and permissions, and only
// its hash is stored; unknown, malformed and revoked keys are refused; uses are recorded at most
// once a minute; `mayUseKey` is the one rule of site and permission.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey, mayUseKey, resolveApiKey, type ApiKeyDeps } from './api-keys.ts';
import { createFakeClock } from './clock.ts';
import { openDatabase } from './db/open-database.ts';
import { asyncProvince, createProvinceStore } from './db/store.ts';
import type { ProvinceStore } from './store.ts';

const T0 = Date.parse('2026-11-23T02:00:00Z');
let open: ProvinceStore[] = [];

function setUp() {
  const file = join(mkdtempSync(join(tmpdir(), 'luot-keys-')), 'luot.db');
  const province = asyncProvince(createProvinceStore(openDatabase(file)));
  open.push(province);
  const clock = createFakeClock(T0);
  const deps: ApiKeyDeps = { province, clock };
  return { file, province, clock, deps };
}

afterEach(async () => {
  for (const p of open) await p.close();
  open = [];
});

describe('API keys', () => {
  it('resolves a fresh key to its site and permissions; the file holds only its hash', async () => {
    const { file, deps, province } = setUp();
    const created = await createApiKey(
      deps,
      { name: 'Một cửa tỉnh', siteId: 'xa-a', permissions: ['counters:act', 'queue:read'] },
      'admin',
    );
    expect(created.secret).toMatch(/^luot_k_[A-Za-z0-9_-]{43}$/);
    expect(created.secret.startsWith(created.prefix)).toBe(true);
    expect(created.prefix).toHaveLength(11);
    // Permissions kept once each, in the protocol's order.
    expect(created.permissions).toEqual(['queue:read', 'counters:act']);
    const resolved = await resolveApiKey(deps, `Bearer ${created.secret}`);
    expect(resolved).toEqual({
      ok: true,
      key: {
        keyId: created.id,
        name: 'Một cửa tỉnh',
        siteId: 'xa-a',
        permissions: ['queue:read', 'counters:act'],
      },
    });
    await province.close();
    open = [];
    const bytes = readFileSync(file).toString('latin1');
    expect(bytes).not.toContain(created.secret.slice(7));
    expect(bytes).toContain(created.prefix);
  });

  it('refuses a missing header, another scheme, a wrong secret and a revoked key', async () => {
    const { deps, province, clock } = setUp();
    const { id, secret } = await createApiKey(
      deps,
      { name: 'Khóa', siteId: null, permissions: ['queue:read'] },
      'admin',
    );
    const reason = async (header: string | undefined) => {
      const r = await resolveApiKey(deps, header);
      return r.ok ? 'ok' : r.reason;
    };
    expect(await reason(undefined)).toBe('missing');
    expect(await reason('')).toBe('missing');
    expect(await reason(`Basic ${secret}`)).toBe('missing');
    expect(await reason('Bearer ses_abcdefghijklmnop')).toBe('missing');
    expect(await reason(`bearer ${secret}`)).toBe('ok');
    expect(await reason(`Bearer ${secret}x`)).toBe('unknown');
    const other = `luot_k_${'A'.repeat(43)}`;
    expect(await reason(`Bearer ${other}`)).toBe('unknown');
    expect(await province.revokeApiKey(id, 'admin', clock.now())).toBe(true);
    expect(await reason(`Bearer ${secret}`)).toBe('revoked');
  });

  it('records the last use at most once a minute, however busy the key', async () => {
    const { deps, province, clock } = setUp();
    const { id, secret } = await createApiKey(
      deps,
      { name: 'Khóa', siteId: 'xa-a', permissions: ['queue:read'] },
      'admin',
    );
    const lastUsed = async () => (await province.apiKeyById(id))!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    clock.advance(5_000);
    await resolveApiKey(deps, `Bearer ${secret}`);
    expect(await lastUsed()).toBe(T0 + 5_000);
    for (let i = 0; i < 50; i++) {
      clock.advance(1_000);
      await resolveApiKey(deps, `Bearer ${secret}`);
    }
    expect(await lastUsed()).toBe(T0 + 5_000);
    clock.advance(10_000);
    await resolveApiKey(deps, `Bearer ${secret}`);
    expect(await lastUsed()).toBe(T0 + 65_000);
  });

  it('lets a site key act only at its site, an every-site key anywhere, each only as granted', () => {
    const siteKey = { siteId: 'xa-a', permissions: ['queue:read', 'tickets:issue'] as const };
    const allKey = { siteId: null, permissions: ['reports:read'] as const };
    const table: [typeof siteKey | typeof allKey, string, string, boolean][] = [
      [siteKey, 'xa-a', 'queue:read', true],
      [siteKey, 'xa-a', 'tickets:issue', true],
      [siteKey, 'xa-a', 'counters:act', false],
      [siteKey, 'xa-b', 'queue:read', false],
      [allKey, 'xa-a', 'reports:read', true],
      [allKey, 'xa-b', 'reports:read', true],
      [allKey, 'xa-b', 'queue:read', false],
    ];
    for (const [key, site, permission, allowed] of table)
      expect(
        mayUseKey(
          { siteId: key.siteId, permissions: [...key.permissions] },
          site,
          permission as never,
        ),
        `${key.siteId} ${site} ${permission}`,
      ).toBe(allowed);
  });
});
