// The lobby board's files over real HTTP: a hub on a SQLite file, admins uploading the fixtures
// (a real PNG, JPEG, WebP, MP4 and WebM), boards fetching them with Range, roles, limits, audit.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteConfig } from '@luot/domain';
import type { AuditEntry, MediaItem, MediaList } from '@luot/protocol';
import { staffApi, startTestHub, type TestHub } from '../../testing/index.ts';
import type { MediaLimits } from './routes.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../testing/fixtures/${name}`, import.meta.url));

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

async function setUp(limits?: MediaLimits) {
  t = await startTestHub({ counters: 1, ...(limits && { hub: { mediaLimits: limits } }) });
  return (await t.login('admin')).token;
}

async function upload(
  token: string,
  data: Uint8Array,
  name = 'tệp',
  type = 'application/octet-stream',
) {
  const res = await fetch(`${t.url}/api/admin/media`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': type,
      'x-file-name': encodeURIComponent(name),
    },
    body: data,
  });
  return {
    status: res.status,
    body: (await res.json()) as
      { ok: true; data: MediaItem } | { ok: false; error: { code: string; message: string } },
  };
}

async function uploaded(token: string, file: string) {
  const res = await upload(token, fixture(file), file);
  if (!res.body.ok) throw new Error(`${file}: ${res.body.error.message}`);
  return res.body.data;
}

const list = async (token: string) =>
  (await staffApi<MediaList>(t.url, token, 'GET', '/api/admin/media')).body;

describe('uploads', () => {
  it('takes each picture and video type by its bytes, lists them newest first, and serves them back byte for byte', async () => {
    const admin = await setUp();
    const files = [
      ['slide.png', 'image/png', 'image'],
      ['slide.jpg', 'image/jpeg', 'image'],
      ['slide.webp', 'image/webp', 'image'],
      ['clip.mp4', 'video/mp4', 'video'],
      ['clip.webm', 'video/webm', 'video'],
    ] as const;
    const items: MediaItem[] = [];
    for (const [file, type, kind] of files) {
      t.clock.advance(1000);
      // The browser's Content-Type is not believed: every file is sent as a PNG.
      const res = await upload(admin, fixture(file), file, 'image/png');
      expect(res.status).toBe(200);
      if (!res.body.ok) throw new Error(res.body.error.message);
      expect(res.body.data).toMatchObject({ name: file, type, kind, uploadedBy: 'admin' });
      expect(res.body.data.id).toMatch(/^[0-9a-f]{32}$/);
      items.push(res.body.data);
    }
    const listed = await list(admin);
    if (!listed.ok) throw new Error('no list');
    expect(listed.data.items.map((m) => m.name)).toEqual(files.map(([f]) => f).reverse());
    expect(listed.data.usedBytes).toBe(files.reduce((n, [f]) => n + fixture(f).length, 0));

    for (const [i, [file, type]] of files.entries()) {
      const res = await fetch(`${t.url}/media/${items[i]!.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('etag')).toBe(`"${items[i]!.id}"`);
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), fixture(file))).toBe(0);
    }
  });

  it('refuses a text file named .png, and an empty one, in Vietnamese, storing nothing', async () => {
    const admin = await setUp();
    const text = Buffer.from('Đây là một tệp văn bản, không phải ảnh.\n');
    const res = await upload(admin, text, 'anh-gia.png', 'image/png');
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    if (res.body.ok) return;
    expect(res.body.error.message).toContain('không phải ảnh (PNG, JPEG, WebP) hay video');
    expect((await upload(admin, new Uint8Array(0))).status).toBe(415);
    const listed = await list(admin);
    expect(listed.ok && listed.data.items).toEqual([]);
  });

  it("refuses a file over the size limit before reading it, and one that would fill the site's store", async () => {
    const admin = await setUp({ fileBytes: 20_000, siteBytes: 30_000 });
    const png = fixture('slide.png');
    const padded = (size: number) => Buffer.concat([png, Buffer.alloc(size - png.length)]);
    const big = await upload(admin, padded(20_001), 'lon.png');
    expect(big.status).toBe(413);
    expect(!big.body.ok && big.body.error.message).toBe(
      'Tệp lớn hơn 20 KB, không tải lên được; hãy thu nhỏ hoặc cắt ngắn rồi thử lại.',
    );
    expect((await upload(admin, padded(20_000), 'vua.png')).status).toBe(200);
    const full = await upload(admin, padded(10_001), 'day.png');
    expect(full.status).toBe(413);
    expect(!full.body.ok && full.body.error.message).toContain('Kho nội dung của điểm đã dùng');
    expect((await upload(admin, padded(10_000), 'con-cho.png')).status).toBe(200);
    const listed = await list(admin);
    expect(listed.ok && listed.data.items.map((m) => m.name)).toEqual(['con-cho.png', 'vua.png']);
    expect(listed.ok && listed.data.usedBytes).toBe(30_000);
  });

  it('keeps the name readable and harmless', async () => {
    const admin = await setUp();
    const res = await upload(admin, fixture('slide.png'), '../../Giới thiệu\u202e dịch vụ.png');
    expect(res.body.ok && res.body.data.name).toBe('Giới thiệu dịch vụ.png');
  });
});

describe('who may do what', () => {
  it('lets supervisors list but only admins upload and delete; no session, no access', async () => {
    const admin = await setUp();
    const item = await uploaded(admin, 'slide.png');
    const supervisor = (await t.login('giamsat')).token;
    const clerk = (await t.login('cb1', 'c1')).token;
    expect((await upload(supervisor, fixture('slide.png'))).status).toBe(403);
    expect((await upload(clerk, fixture('slide.png'))).status).toBe(403);
    expect((await upload('ses_khong-co', fixture('slide.png'))).status).toBe(401);
    const listed = await list(supervisor);
    expect(listed.ok && listed.data.items.map((m) => m.id)).toEqual([item.id]);
    expect((await staffApi(t.url, clerk, 'GET', '/api/admin/media')).status).toBe(403);
    expect(
      (await staffApi(t.url, supervisor, 'DELETE', `/api/admin/media/${item.id}`)).status,
    ).toBe(403);
    // A board needs no sign-in to fetch a file.
    expect((await fetch(`${t.url}/media/${item.id}`)).status).toBe(200);
  });
});

describe('serving', () => {
  it('answers a Range with 206 and those bytes (a video seeks), 416 past the end, 304 for a known ETag, 404 for an unknown id', async () => {
    const admin = await setUp();
    const video = await uploaded(admin, 'clip.webm');
    const bytes = fixture('clip.webm');
    const url = `${t.url}/media/${video.id}`;

    const part = await fetch(url, { headers: { range: 'bytes=100-1099' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-1099/${bytes.length}`);
    expect(part.headers.get('content-type')).toBe('video/webm');
    expect(Buffer.compare(Buffer.from(await part.arrayBuffer()), bytes.subarray(100, 1100))).toBe(
      0,
    );

    const tail = await fetch(url, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(Buffer.compare(Buffer.from(await tail.arrayBuffer()), bytes.subarray(-10))).toBe(0);

    const past = await fetch(url, { headers: { range: `bytes=${bytes.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);

    const cached = await fetch(url, { headers: { 'if-none-match': `"${video.id}"` } });
    expect(cached.status).toBe(304);

    expect((await fetch(`${t.url}/media/${'0'.repeat(32)}`)).status).toBe(404);
    expect((await fetch(`${t.url}/media/..%2Fluot.db`)).status).toBe(404);
  });
});

describe('deleting', () => {
  it("refuses a file the board's playlist uses, deletes it once it is taken out, and audits both", async () => {
    const admin = await setUp();
    const item = await uploaded(admin, 'slide.png');
    const call = <T>(method: string, path: string, body?: unknown) =>
      staffApi<T>(t.url, admin, method, path, body);
    const saveBoard = async (board: SiteConfig['board']) => {
      const cur = await call<{ config: SiteConfig; version: string }>('GET', '/api/admin/config');
      if (!cur.body.ok) throw new Error('no config');
      const res = await call('PUT', '/api/admin/config', {
        config: { ...cur.body.data.config, board },
        baseVersion: cur.body.data.version,
      });
      expect(res.status).toBe(200);
    };
    await saveBoard({
      layout: 'side',
      playlist: [{ mediaId: item.id, kind: 'image', name: item.name, seconds: 8 }],
    });

    const refused = await call('DELETE', `/api/admin/media/${item.id}`);
    expect(refused.status).toBe(409);
    expect(!refused.body.ok && refused.body.error.message).toBe(
      'Tệp "slide.png" đang có trong danh sách phát của màn hình; hãy bỏ khỏi danh sách phát và lưu trước khi xoá.',
    );
    expect((await fetch(`${t.url}/media/${item.id}`)).status).toBe(200);

    await saveBoard({ layout: 'side', playlist: [] });
    expect((await call('DELETE', `/api/admin/media/${item.id}`)).status).toBe(200);
    expect((await fetch(`${t.url}/media/${item.id}`)).status).toBe(404);
    expect((await call('DELETE', `/api/admin/media/${item.id}`)).status).toBe(404);

    const audit = await call<AuditEntry[]>('GET', '/api/admin/audit');
    if (!audit.body.ok) throw new Error('no audit');
    const mine = audit.body.data.filter((e) => e.action.startsWith('media.'));
    expect(mine.map((e) => [e.action, e.actor, e.target, e.detail.name])).toEqual([
      ['media.delete', 'admin', item.id, 'slide.png'],
      ['media.upload', 'admin', item.id, 'slide.png'],
    ]);
    expect(mine[1]!.detail).toMatchObject({ mediaType: 'image/png', bytes: item.bytes });
  });
});
