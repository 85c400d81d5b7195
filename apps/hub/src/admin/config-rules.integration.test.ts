import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SiteConfig } from '@luot/domain';
import type { AuditEntry } from '@luot/protocol';
import { request, startTestHub, type TestHub } from '../../testing/test-hub.ts';
import { staffApi } from '../../testing/staff-api.ts';

// Issue 12, item 6: configuration changes refused while today is under way, and the audit log's
// old → new values.

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

async function current(): Promise<{ config: SiteConfig; version: string }> {
  const res = await call<{ config: SiteConfig; version: string }>('GET', '/api/admin/config');
  if (!res.body.ok) throw new Error('no config');
  return res.body.data;
}

async function issue(fieldId: string, n: number, priorityClassId?: string) {
  const { socket } = await t.connectReady(t.tokens.kiosk!);
  for (let i = 0; i < n; i++) {
    const res = await request(socket, 'ticket:issue', { fieldId, priorityClassId });
    if (!res.ok) throw new Error(res.error.message);
  }
  socket.disconnect();
}

describe('a configuration change that would print a number already issued today', () => {
  it('is refused with the reason in Vietnamese and changes nothing; a start past them is taken', async () => {
    await issue('ho-tich', 15); // 1001–1015
    const { config, version } = await current();
    const next = structuredClone(config);
    // Đất đai gives up its "A" and starts at 1011, inside Hộ tịch's numbers of this morning.
    const datDai = next.fields.find((f) => f.id === 'dat-dai')!;
    datDai.numbering = { prefix: '', start: 1011, digits: 4 };
    datDai.dailyLimit = 100;
    next.fields.find((f) => f.id === 'ho-tich')!.numbering.start = 2001;
    const res = await call('PUT', '/api/admin/config', { config: next, baseVersion: version });
    expect(res.status).toBe(409);
    expect(!res.body.ok && res.body.error.message).toMatch(
      /^Lĩnh vực «Đất đai» sẽ in lại số 1011 đã cấp hôm nay/,
    );
    expect(t.hub.queue.live.config).toEqual(config);

    datDai.numbering.start = 1016;
    const ok = await call('PUT', '/api/admin/config', { config: next, baseVersion: version });
    expect(ok.status).toBe(200);
    await issue('dat-dai', 1);
    const labels = Object.values(t.hub.queue.live.tickets).map((x) => x.label);
    expect(labels.filter((l) => l === '1016')).toHaveLength(1);
  });

  it('refuses removing a priority class a waiting ticket carries', async () => {
    await issue('ho-tich', 1, 'cao-tuoi');
    const { config, version } = await current();
    const next = structuredClone(config);
    next.priorityClasses = [];
    const res = await call('PUT', '/api/admin/config', { config: next, baseVersion: version });
    expect(res.status).toBe(409);
    expect(!res.body.ok && res.body.error.message).toMatch(
      /^Đối tượng ưu tiên «Người cao tuổi» đang có số chờ trong hôm nay; chưa thể xóa/,
    );
  });

  it('refuses a time zone that would move the service day, saying from which day to which', async () => {
    // 23:30 in Hà Nội: already Tuesday in Tokyo.
    t.clock.set(Date.parse('2026-11-23T16:30:00Z'));
    admin = (await t.login('admin')).token; // the morning's session timed out meanwhile
    const { config, version } = await current();
    const next = structuredClone(config);
    next.site.timeZone = 'Asia/Tokyo';
    const res = await call('PUT', '/api/admin/config', { config: next, baseVersion: version });
    expect(res.status).toBe(409);
    expect(!res.body.ok && res.body.error.message).toMatch(
      /^Đổi sang múi giờ Asia\/Tokyo lúc này sẽ chuyển ngày làm việc từ 23\/11\/2026 sang 24\/11\/2026/,
    );
  });

  it('refuses a site address with a path or credentials, located in Vietnamese', async () => {
    const { config, version } = await current();
    const next = structuredClone(config) as unknown as {
      site: { addresses: { hub: string; public: string } };
    };
    next.site.addresses = { hub: 'http://admin:pw@10.0.0.2:8080', public: 'https://x.vn/t/' };
    const res = await call('PUT', '/api/admin/config', { config: next, baseVersion: version });
    expect(res.status).toBe(400);
    expect(res.body.issues!.map((i) => i.message)).toEqual([
      'Thông tin trung tâm › Địa chỉ máy chủ › Địa chỉ trong trung tâm: phải là địa chỉ http:// hoặc https:// gồm tên máy (và cổng), không có đường dẫn, tên đăng nhập hay mật khẩu, ví dụ http://192.168.1.10:8080.',
      'Thông tin trung tâm › Địa chỉ máy chủ › Địa chỉ cho điện thoại: phải là địa chỉ http:// hoặc https:// gồm tên máy (và cổng), không có đường dẫn, tên đăng nhập hay mật khẩu, ví dụ http://192.168.1.10:8080.',
    ]);
  });
});

describe('the audit log of a configuration change', () => {
  it('records the old and new value of each changed key, a counter’s fields by name', async () => {
    const { config, version } = await current();
    const next = structuredClone(config);
    next.fields.find((f) => f.id === 'ho-tich')!.sessions[0]!.to = '11:00';
    next.counters.find((c) => c.id === 'c2')!.fieldIds = ['dat-dai'];
    next.priorityMaxStreak = 2;
    next.site.addresses = { hub: 'http://192.168.1.10:8080', public: null };
    const res = await call('PUT', '/api/admin/config', { config: next, baseVersion: version });
    expect(res.status).toBe(200);
    const audit = await call<AuditEntry[]>('GET', '/api/admin/audit');
    const entry = audit.body.ok ? audit.body.data[0]! : null;
    expect(entry?.detail.changes).toEqual([
      {
        section: 'site',
        item: 'addresses',
        name: 'addresses',
        change: 'changed',
        keys: ['addresses'],
        values: {
          addresses: {
            before: { hub: null, public: null },
            after: { hub: 'http://192.168.1.10:8080', public: null },
          },
        },
      },
      {
        section: 'fields',
        item: 'ho-tich',
        name: 'Tư pháp – Hộ tịch',
        change: 'changed',
        keys: ['sessions'],
        values: {
          sessions: {
            before: [
              { from: '07:30', to: '11:30' },
              { from: '13:30', to: '17:00' },
            ],
            after: [
              { from: '07:30', to: '11:00' },
              { from: '13:30', to: '17:00' },
            ],
          },
        },
      },
      {
        section: 'counters',
        item: 'c2',
        name: 'Quầy 2',
        change: 'changed',
        keys: ['fieldIds'],
        values: { fieldIds: { before: ['Tư pháp – Hộ tịch', 'Đất đai'], after: ['Đất đai'] } },
      },
      {
        section: 'other',
        item: 'priorityMaxStreak',
        name: 'priorityMaxStreak',
        change: 'changed',
        keys: ['priorityMaxStreak'],
        values: { priorityMaxStreak: { before: 3, after: 2 } },
      },
    ]);
  });
});
