import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SiteConfig } from '@luot/domain';
import { connectHub } from '@luot/hub-client';
import type { AdminUser, AuditEntry, PairedDevice, SequencedEvent } from '@luot/protocol';
import { request, startTestHub, type TestHub } from '../../testing/test-hub.ts';
import { staffApi } from '../../testing/staff-api.ts';

let t: TestHub;
let admin = '';

beforeEach(async () => {
  t = await startTestHub({ counters: 2 });
  admin = (await t.login('admin')).token;
});
afterEach(async () => {
  await t.close();
});

function call<T>(method: string, path: string, body?: unknown, token = admin) {
  return staffApi<T>(t.url, token, method, path, body);
}

async function currentConfig(): Promise<{ config: SiteConfig; version: string }> {
  const res = await call<{ config: SiteConfig; version: string }>('GET', '/api/admin/config');
  if (!res.body.ok) throw new Error('no config');
  return res.body.data;
}

describe('configuration', () => {
  it('applies a valid change live: every socket gets config.updated, and the audit log records it', async () => {
    const { socket: display } = await t.connectReady(t.tokens.display!);
    const seen: SequencedEvent[] = [];
    display.on('event', (e) => seen.push(e));
    const { config, version } = await currentConfig();
    const next = structuredClone(config);
    next.fields[0]!.targetWaitMinutes = 12;
    next.texts.ticketFooter = 'Cảm ơn!';
    const res = await call<{ version: string }>('PUT', '/api/admin/config', {
      config: next,
      baseVersion: version,
    });
    expect(res.status).toBe(200);
    expect(t.hub.queue.live.config.fields[0]!.targetWaitMinutes).toBe(12);
    await expect.poll(() => seen.map((e) => e.event.type)).toContain('config.updated');
    expect(t.store.readConfig()!.texts.ticketFooter).toBe('Cảm ơn!');

    const audit = await call<AuditEntry[]>('GET', '/api/admin/audit');
    expect(audit.body.ok && audit.body.data[0]).toMatchObject({
      actor: 'admin',
      action: 'config.update',
      detail: {
        changes: [
          { section: 'fields', item: 'ho-tich', change: 'changed', keys: ['targetWaitMinutes'] },
          { section: 'texts', item: 'ticketFooter', change: 'changed' },
        ],
      },
    });
  });

  it('refuses an invalid configuration with Vietnamese reasons and changes nothing', async () => {
    const { config, version } = await currentConfig();
    const bad = structuredClone(config);
    // A field no counter serves, overlapping sessions, and a format that cannot hold the limit.
    bad.fields.push({ ...structuredClone(bad.fields[1]!), id: 'xay-dung', name: 'Xây dựng' });
    bad.fields[2]!.numbering.prefix = 'X';
    bad.fields[0]!.sessions = [
      { from: '07:30', to: '11:30' },
      { from: '11:00', to: '12:00' },
    ];
    bad.fields[1]!.dailyLimit = 1500;
    const res = await call('PUT', '/api/admin/config', { config: bad, baseVersion: version });
    expect(res.status).toBe(400);
    expect(res.body.ok).toBe(false);
    const messages = res.body.issues!.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Lĩnh vực "Xây dựng" chưa có quầy nào phục vụ.',
        'Lĩnh vực "Tư pháp – Hộ tịch" có các buổi lấy số chồng lên nhau.',
        'Lĩnh vực "Đất đai": 3 chữ số bắt đầu từ 1 không đủ cho giới hạn 1500 số mỗi ngày.',
      ]),
    );
    expect(t.hub.queue.live.config).toEqual(config);
    const audit = await call<AuditEntry[]>('GET', '/api/admin/audit');
    // Only the admin's own sign-in: the refused change left no entry.
    expect(audit.body.ok && audit.body.data.map((e) => e.action)).toEqual(['auth.sign-in']);
  });

  it('locates field-level problems, and refuses an edit made on a stale version', async () => {
    const { config, version } = await currentConfig();
    const bad = structuredClone(config) as unknown as { fields: { name: string }[] };
    bad.fields[1]!.name = '';
    const res = await call('PUT', '/api/admin/config', { config: bad, baseVersion: version });
    expect(res.body.issues![0]!.message).toBe('Lĩnh vực thứ 2 › Tên: không được để trống.');

    const stale = await call('PUT', '/api/admin/config', { config, baseVersion: 'cu' });
    expect(stale.status).toBe(409);
    expect(!stale.body.ok && stale.body.error.message).toMatch(/người khác thay đổi/);
  });

  it('refuses removing an open counter, in Vietnamese', async () => {
    await t.login('cb2', 'c2');
    const { config, version } = await currentConfig();
    const next = structuredClone(config);
    next.counters = next.counters.filter((c) => c.id !== 'c2');
    const res = await call('PUT', '/api/admin/config', { config: next, baseVersion: version });
    expect(res.status).toBe(409);
    expect(!res.body.ok && res.body.error.message).toBe(
      'Quầy "c2" đang mở; hãy đóng quầy trước khi xóa.',
    );
  });

  it('is for the admin only: a supervisor is refused by the hub', async () => {
    const supervisor = (await t.login('giamsat')).token;
    for (const [method, path] of [
      ['GET', '/api/admin/config'],
      ['PUT', '/api/admin/config'],
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/devices'],
      ['POST', '/api/admin/devices/kiosk/revoke'],
      ['GET', '/api/admin/audit'],
    ] as const) {
      const res = await call(method, path, method === 'GET' ? undefined : {}, supervisor);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await call('GET', '/api/admin/users', undefined, 'ses_khong-co-123456')).status).toBe(
      401,
    );
  });
});

describe('people and devices', () => {
  it('creates a clerk who can sign in, resets the password, disables the account', async () => {
    const created = await call<AdminUser>('POST', '/api/admin/users', {
      username: 'cb9',
      name: 'Phạm Thị Chín',
      role: 'clerk',
      password: 'mat-khau-moi-1',
    });
    expect(created.status).toBe(200);
    const login = async (password: string) =>
      fetch(`${t.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'cb9', password, counterId: 'c1' }),
      });
    expect((await login('mat-khau-moi-1')).status).toBe(200);
    expect(
      (await call('POST', '/api/admin/users/cb9/password', { password: 'mat-khau-moi-2' })).status,
    ).toBe(200);
    expect((await login('mat-khau-moi-1')).status).toBe(401);
    expect((await call('POST', '/api/admin/users/cb9/disabled', { disabled: true })).status).toBe(
      200,
    );
    // Disabling closed the idle counter the clerk held.
    expect(t.hub.queue.live.counters.c1!.status).toBe('closed');
    expect((await login('mat-khau-moi-2')).status).toBe(401);
    const self = await call('POST', '/api/admin/users/admin/disabled', { disabled: true });
    expect(self.status).toBe(409);
    const audit = await call<AuditEntry[]>('GET', '/api/admin/audit');
    expect(audit.body.ok && audit.body.data.map((e) => [e.action, e.target])).toEqual([
      ['auth.sign-in-failed', 'cb9'],
      ['user.disable', 'cb9'],
      ['auth.sign-in-failed', 'cb9'],
      ['user.password', 'cb9'],
      ['auth.sign-in', 'cb9'],
      ['user.create', 'cb9'],
      ['auth.sign-in', 'admin'],
    ]);
  });

  it('pairs a device whose token connects, then revokes it: its socket drops at once and is refused', async () => {
    const paired = await call<PairedDevice>('POST', '/api/admin/devices', {
      id: 'sanh-2',
      kind: 'display',
      name: 'Màn hình sảnh 2',
    });
    if (!paired.body.ok) throw new Error(JSON.stringify(paired.body));
    expect(paired.body.data.setupPath).toBe(
      `/display/lobby?token=${encodeURIComponent(paired.body.data.token)}`,
    );
    const { socket } = await t.connectReady(paired.body.data.token);
    expect((await request(socket, 'sync:snapshot', {})).ok).toBe(true);

    const revoked = await call('POST', '/api/admin/devices/sanh-2/revoke', {});
    expect(revoked.status).toBe(200);
    await expect.poll(() => socket.connected).toBe(false);
    const retry = connectHub(t.url, paired.body.data.token);
    const err = await new Promise<Error & { data?: { code: string } }>((resolve) =>
      retry.once('connect_error', resolve),
    );
    retry.disconnect();
    expect(err.data?.code).toBe('UNAUTHENTICATED');
    expect((await call('POST', '/api/admin/devices/sanh-2/revoke', {})).status).toBe(404);

    const rating = await call('POST', '/api/admin/devices', {
      id: 'pad-x',
      kind: 'rating',
      name: 'Máy đánh giá',
    });
    expect(rating.status).toBe(400);
  });
});
