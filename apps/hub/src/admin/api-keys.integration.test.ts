// The administration of API keys on a real hub with two sites: who sees and makes which keys,
// the secret answered once, revocation (a revoked key is refused at its next request), the
// audit trail, and refusals that change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiKeyCreated, ApiKeySummary, AuditEntry } from '@luot/protocol';
import { startApiKeyProbe } from '../../testing/api-key-probe.ts';
import { staffApi } from '../../testing/staff-api.ts';
import { startTestHub, type TestHub } from '../../testing/test-hub.ts';

const A = 'xa-a';
const B = 'xa-b';
let t: TestHub;
let probe: Awaited<ReturnType<typeof startApiKeyProbe>>;
const tokens: Record<string, string> = {};

beforeEach(async () => {
  t = await startTestHub({ sites: [A, B], counters: 1 });
  probe = await startApiKeyProbe(t.province, t.clock);
  tokens.adminA = (await t.login('admin')).token;
  tokens.adminB = (await t.login(`${B}.admin`)).token;
  tokens.province = (await t.login('tinh', undefined, A)).token;
  tokens.supervisor = (await t.login('giamsat')).token;
});
afterEach(async () => {
  await probe.close();
  await t.close();
});

const call = <T>(who: string, method: string, path: string, body?: unknown) =>
  staffApi<T>(t.url, tokens[who]!, method, path, body);
const create = (who: string, body: unknown) =>
  call<ApiKeyCreated>(who, 'POST', '/api/admin/api-keys', body);
const list = async (who: string) => {
  const res = await call<ApiKeySummary[]>(who, 'GET', '/api/admin/api-keys');
  if (!res.body.ok) throw new Error(JSON.stringify(res.body));
  return res.body.data;
};
const useKey = async (secret: string, site = A, permission = 'queue:read') => {
  const res = await fetch(`${probe.url}/probe/${site}/${permission}`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  return res.status;
};

describe('API keys in the administration', () => {
  it('creates a key whose secret is answered once, works at its site, and is refused once revoked', async () => {
    const res = await create('adminA', {
      name: 'Hệ thống một cửa',
      siteId: A,
      permissions: ['queue:read', 'counters:act'],
    });
    expect(res.status).toBe(200);
    if (!res.body.ok) throw new Error('not created');
    const key = res.body.data;
    expect(key).toMatchObject({
      name: 'Hệ thống một cửa',
      siteId: A,
      permissions: ['queue:read', 'counters:act'],
      createdBy: 'admin',
      createdAt: t.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(key.secret).toMatch(/^luot_k_/);
    // The list never shows the secret again, only its prefix.
    const [listed] = await list('adminA');
    expect(listed).toEqual({ ...key, secret: undefined });
    expect(JSON.stringify(await list('adminA'))).not.toContain(key.secret);

    expect(await useKey(key.secret)).toBe(200);
    expect(await useKey(key.secret, B)).toBe(403);
    expect(await useKey(key.secret, A, 'reports:read')).toBe(403);
    expect((await list('adminA'))[0]!.lastUsedAt).toBe(t.clock.now());

    t.clock.advance(60_000);
    const revoked = await call<ApiKeySummary>(
      'adminA',
      'POST',
      `/api/admin/api-keys/${key.id}/revoke`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.ok && revoked.body.data.revokedAt).toBe(t.clock.now());
    expect(await useKey(key.secret)).toBe(401);
    const again = await call('adminA', 'POST', `/api/admin/api-keys/${key.id}/revoke`);
    expect(again.status).toBe(409);

    const audit = await call<AuditEntry[]>('adminA', 'GET', '/api/admin/audit');
    if (!audit.body.ok) throw new Error('no audit');
    expect(audit.body.data.slice(0, 2)).toMatchObject([
      { action: 'api-key.revoke', actor: 'admin', target: key.id },
      {
        action: 'api-key.create',
        actor: 'admin',
        target: key.id,
        detail: {
          name: 'Hệ thống một cửa',
          siteId: A,
          permissions: ['queue:read', 'counters:act'],
        },
      },
    ]);
    expect(JSON.stringify(audit.body.data)).not.toContain(key.secret);
  });

  it("keeps a site's administrator to their site's keys; a province administrator sees every key", async () => {
    const forbidden = [
      await create('adminA', { name: 'Mọi điểm', siteId: null, permissions: ['queue:read'] }),
      await create('adminA', { name: 'Điểm khác', siteId: B, permissions: ['queue:read'] }),
    ];
    expect(forbidden.map((r) => r.status)).toEqual([403, 403]);
    expect(forbidden[0]!.body.ok || forbidden[0]!.body.error.message).toMatch(/mọi điểm/);

    const a = await create('adminA', { name: 'Khóa A', siteId: A, permissions: ['queue:read'] });
    const b = await create('adminB', { name: 'Khóa B', siteId: B, permissions: ['queue:read'] });
    const all = await create('province', {
      name: 'Khóa tỉnh',
      siteId: null,
      permissions: ['reports:read'],
    });
    if (!a.body.ok || !b.body.ok || !all.body.ok) throw new Error('not created');
    expect((await list('adminA')).map((k) => k.name)).toEqual(['Khóa A']);
    expect((await list('adminB')).map((k) => k.name)).toEqual(['Khóa B']);
    expect((await list('province')).map((k) => k.name)).toEqual(['Khóa A', 'Khóa B', 'Khóa tỉnh']);
    // The province's key acts at every site.
    expect(await useKey(all.body.data.secret, A, 'reports:read')).toBe(200);
    expect(await useKey(all.body.data.secret, B, 'reports:read')).toBe(200);

    // Another site's key, or the province's, is not there for a site's administrator.
    for (const id of [b.body.data.id, all.body.data.id]) {
      const res = await call('adminA', 'POST', `/api/admin/api-keys/${id}/revoke`);
      expect(res.status).toBe(404);
    }
    expect(await useKey(b.body.data.secret, B)).toBe(200);
    const byProvince = await call(
      'province',
      'POST',
      `/api/admin/api-keys/${b.body.data.id}/revoke`,
    );
    expect(byProvince.status).toBe(200);
    expect(await useKey(b.body.data.secret, B)).toBe(401);
  });

  it('refuses other roles, no session, and bad input, changing nothing', async () => {
    expect((await call('supervisor', 'GET', '/api/admin/api-keys')).status).toBe(403);
    expect(
      (await create('supervisor', { name: 'x', siteId: A, permissions: ['queue:read'] })).status,
    ).toBe(403);
    const anonymous = await fetch(`${t.url}/api/admin/api-keys`);
    expect(anonymous.status).toBe(401);
    const bad = [
      { name: '', siteId: A, permissions: ['queue:read'] },
      { name: 'x', siteId: A, permissions: [] },
      { name: 'x', siteId: A, permissions: ['everything'] },
      { name: 'x', siteId: 'KHÔNG HỢP LỆ', permissions: ['queue:read'] },
      { name: 'x', siteId: A, permissions: ['queue:read'], secret: 'chosen' },
      { name: 'x'.repeat(81), siteId: A, permissions: ['queue:read'] },
    ];
    for (const body of bad) {
      const res = await create('adminA', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.ok || res.body.error.code).toBe('BAD_REQUEST');
    }
    const unknownSite = await create('province', {
      name: 'x',
      siteId: 'xa-khong-co',
      permissions: ['queue:read'],
    });
    expect(unknownSite.status).toBe(404);
    expect(
      (await call('adminA', 'POST', '/api/admin/api-keys/key_khong-co-dau/revoke')).status,
    ).toBe(404);
    expect((await call('adminA', 'POST', '/api/admin/api-keys/x/revoke')).status).toBe(400);
    // A foreign page cannot make a key with an administrator's cookie.
    const foreign = await fetch(`${t.url}/api/admin/api-keys`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.adminA}`,
        origin: 'https://evil.example',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'x', siteId: A, permissions: ['queue:read'] }),
    });
    expect(foreign.status).toBe(403);
    expect(await list('province')).toEqual([]);
  });
});
