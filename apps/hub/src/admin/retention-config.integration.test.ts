import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SiteConfig } from '@luot/domain';
import type { AuditEntry } from '@luot/protocol';
import { startTestHub, type TestHub } from '../../testing/test-hub.ts';
import { staffApi } from '../../testing/staff-api.ts';

// The retention period is part of the site configuration: the admin pages change it, the
// audit trail records it, and a period outside 1–3650 days is refused in Vietnamese.

let t: TestHub;
let admin = '';
beforeEach(async () => {
  t = await startTestHub({ counters: 2 });
  admin = (await t.login('admin')).token;
});
afterEach(async () => {
  await t.close();
});

function call<T>(method: string, path: string, body?: unknown) {
  return staffApi<T>(t.url, admin, method, path, body);
}

it('is 180 days of visits and 730 of audit by default, changed alone and audited', async () => {
  const got = await call<{ config: SiteConfig; version: string }>('GET', '/api/admin/config');
  if (!got.body.ok) throw new Error('no config');
  const { config, version } = got.body.data;
  expect(config.retention).toEqual({ visitDays: 180, auditDays: 730 });

  const tooLong = structuredClone(config);
  tooLong.retention.visitDays = 5000;
  const refused = await call('PUT', '/api/admin/config', { config: tooLong, baseVersion: version });
  expect(refused.status).toBe(400);
  expect(refused.body.issues![0]!.message).toMatch(
    /^Thời hạn lưu giữ dữ liệu › Số ngày giữ dữ liệu lượt phục vụ/,
  );
  expect(t.hub.queue.live.config.retention.visitDays).toBe(180);

  const next = structuredClone(config);
  next.retention.visitDays = 365;
  const res = await call('PUT', '/api/admin/config', { config: next, baseVersion: version });
  expect(res.status).toBe(200);
  expect(t.store.readConfig()!.retention).toEqual({ visitDays: 365, auditDays: 730 });
  const audit = await call<AuditEntry[]>('GET', '/api/admin/audit');
  expect(audit.body.ok && audit.body.data[0]).toMatchObject({
    action: 'config.update',
    detail: {
      changes: [
        { section: 'other', item: 'retention.visitDays', change: 'changed', keys: ['visitDays'] },
      ],
    },
  });
});
