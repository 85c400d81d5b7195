import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SiteConfig } from '@luot/domain';
import type { AuditEntry } from '@luot/protocol';
import { startTestHub, type TestHub } from '../../testing/test-hub.ts';
import { staffApi } from '../../testing/staff-api.ts';

// The dashboard's alarm setting (`alerts.calledNotStartedMinutes`) is part of the site
// configuration: existing configurations get the default, the admin pages change it, the audit
// trail records it, and a value outside 1–120 minutes is refused in Vietnamese.

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

it('is 5 minutes by default, refused out of range, changed alone and audited', async () => {
  const got = await call<{ config: SiteConfig; version: string }>('GET', '/api/admin/config');
  if (!got.body.ok) throw new Error('no config');
  const { config, version } = got.body.data;
  expect(config.alerts).toEqual({ calledNotStartedMinutes: 5 });

  const zero = structuredClone(config);
  zero.alerts.calledNotStartedMinutes = 0;
  const refused = await call('PUT', '/api/admin/config', { config: zero, baseVersion: version });
  expect(refused.status).toBe(400);
  expect(refused.body.issues![0]!.message).toMatch(
    /^Cảnh báo trên màn hình theo dõi › Số phút đã gọi chưa bắt đầu phục vụ/,
  );
  expect(t.hub.queue.live.config.alerts.calledNotStartedMinutes).toBe(5);

  const next = structuredClone(config);
  next.alerts.calledNotStartedMinutes = 8;
  const res = await call('PUT', '/api/admin/config', { config: next, baseVersion: version });
  expect(res.status).toBe(200);
  expect(t.store.readConfig()!.alerts).toEqual({ calledNotStartedMinutes: 8 });
  const audit = await call<AuditEntry[]>('GET', '/api/admin/audit');
  expect(audit.body.ok && audit.body.data[0]).toMatchObject({
    action: 'config.update',
    detail: {
      changes: [
        {
          section: 'other',
          item: 'alerts.calledNotStartedMinutes',
          change: 'changed',
          keys: ['calledNotStartedMinutes'],
        },
      ],
    },
  });
});
