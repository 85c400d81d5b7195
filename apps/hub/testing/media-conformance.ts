// What every store must do with the lobby board's files (part of describeProvinceStore).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NewMedia, ProvinceStore } from '../src/store.ts';

const T0 = Date.parse('2026-11-23T02:00:00Z');

/** A file of `size` random bytes (random: nothing for a store to compress). */
function file(siteId: string, size: number, at = T0, name = 'anh.png'): NewMedia {
  return {
    id: randomBytes(16).toString('hex'),
    siteId,
    name,
    kind: 'image',
    type: 'image/png',
    bytes: size,
    uploadedAt: at,
    uploadedBy: 'admin',
    data: randomBytes(size),
  };
}

/** What the store lists of a file: all but its site and bytes. */
function listing(m: NewMedia) {
  const { id, name, kind, type, bytes, uploadedAt, uploadedBy } = m;
  return { id, name, kind, type, bytes, uploadedAt, uploadedBy };
}

export function describeMediaStore(current: () => ProvinceStore): void {
  describe('media', () => {
    it('keeps a file byte for byte, lists it newest first per site, and reads it by id', async () => {
      const store = current();
      const a = file('xa-a', 70_000, T0, 'Giới thiệu.png');
      const b = {
        ...file('xa-a', 1_000, T0 + 1),
        kind: 'video' as const,
        type: 'video/webm' as const,
      };
      const other = file('xa-b', 500);
      for (const m of [a, b, other]) expect(await store.addMedia(m, 1_000_000)).toBe(true);

      const listed = listing(a);
      expect((await store.listMedia('xa-a')).map((m) => m.id)).toEqual([b.id, a.id]);
      expect((await store.listMedia('xa-a'))[1]).toEqual(listed);
      expect(await store.mediaById(a.id)).toEqual({ ...listed, siteId: 'xa-a' });
      expect(Buffer.compare((await store.readMedia(a.id))!, Buffer.from(a.data))).toBe(0);
      expect((await store.listMedia('xa-b')).map((m) => m.id)).toEqual([other.id]);
      expect(await store.mediaBytes('xa-a')).toBe(71_000);
      expect(await store.mediaBytes('xa-c')).toBe(0);
      expect(await store.mediaById('0'.repeat(32))).toBeNull();
      expect(await store.readMedia('0'.repeat(32))).toBeNull();
    });

    it('reads a range of bytes, both ends included', async () => {
      const store = current();
      const a = file('xa-a', 40_000);
      await store.addMedia(a, 1_000_000);
      const part = await store.readMedia(a.id, { start: 1000, end: 30_999 });
      expect(part!.length).toBe(30_000);
      expect(Buffer.compare(part!, Buffer.from(a.data.subarray(1000, 31_000)))).toBe(0);
      const last = await store.readMedia(a.id, { start: 39_999, end: 39_999 });
      expect([...last!]).toEqual([a.data[39_999]]);
    });

    it("refuses a file that would take the site past its limit, counting that site's files only", async () => {
      const store = current();
      expect(await store.addMedia(file('xa-a', 600), 1000)).toBe(true);
      expect(await store.addMedia(file('xa-b', 900), 1000)).toBe(true);
      const over = file('xa-a', 401);
      expect(await store.addMedia(over, 1000)).toBe(false);
      expect(await store.mediaById(over.id)).toBeNull();
      expect(await store.addMedia(file('xa-a', 400), 1000)).toBe(true);
      expect(await store.mediaBytes('xa-a')).toBe(1000);
    });

    it('lets uploads sent at once past the limit no further than it allows', async () => {
      const store = current();
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.addMedia(file('xa-a', 300), 1000)),
      );
      expect(results.filter(Boolean)).toHaveLength(3);
      expect(await store.mediaBytes('xa-a')).toBe(900);
    });

    it('removes a file from its own site only', async () => {
      const store = current();
      const a = file('xa-a', 100);
      await store.addMedia(a, 1000);
      expect(await store.removeMedia('xa-b', a.id)).toBe(false);
      expect(await store.readMedia(a.id)).not.toBeNull();
      expect(await store.removeMedia('xa-a', a.id)).toBe(true);
      expect(await store.removeMedia('xa-a', a.id)).toBe(false);
      expect(await store.readMedia(a.id)).toBeNull();
      expect(await store.listMedia('xa-a')).toEqual([]);
      expect(await store.mediaBytes('xa-a')).toBe(0);
    });
  });
}
