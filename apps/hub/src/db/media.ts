import type { MediaItem } from '@luot/protocol';
import type { ByteRange, MediaStore, NewMedia, StoredMedia, Sync } from '../store.ts';
import type { Db } from './open-database.ts';

const ITEM = `id, name, kind, type, bytes, uploaded_at AS uploadedAt, uploaded_by AS uploadedBy`;

/**
 * The lobby board's files in the SQLite file (migration 010), bytes as BLOBs. One process writes
 * the file, so the site's total and the insert in one transaction keep the limit.
 */
export function createMediaStore(db: Db): Sync<MediaStore> {
  const q = {
    total: db.prepare(`SELECT COALESCE(SUM(bytes), 0) AS n FROM media WHERE site_id = ?`),
    insert: db.prepare(
      `INSERT INTO media (id, site_id, name, kind, type, bytes, uploaded_at, uploaded_by, data)
       VALUES (@id, @siteId, @name, @kind, @type, @bytes, @uploadedAt, @uploadedBy, @data)`,
    ),
    list: db.prepare(
      `SELECT ${ITEM} FROM media WHERE site_id = ? ORDER BY uploaded_at DESC, rowid DESC`,
    ),
    byId: db.prepare(`SELECT ${ITEM}, site_id AS siteId FROM media WHERE id = ?`),
    data: db.prepare(`SELECT data FROM media WHERE id = ?`),
    // substr() counts bytes on a BLOB, from 1.
    slice: db.prepare(`SELECT substr(data, ?, ?) AS data FROM media WHERE id = ?`),
    remove: db.prepare(`DELETE FROM media WHERE site_id = ? AND id = ?`),
  };
  const total = (siteId: string) => (q.total.get(siteId) as { n: number }).n;
  return {
    addMedia(media: NewMedia, siteLimit: number): boolean {
      return db
        .transaction(() => {
          if (total(media.siteId) + media.bytes > siteLimit) return false;
          q.insert.run({ ...media, data: Buffer.from(media.data) });
          return true;
        })
        .immediate();
    },
    listMedia(siteId: string): MediaItem[] {
      return q.list.all(siteId) as MediaItem[];
    },
    mediaById(id: string): StoredMedia | null {
      return (q.byId.get(id) as StoredMedia | undefined) ?? null;
    },
    readMedia(id: string, range?: ByteRange): Buffer | null {
      const row = (
        range ? q.slice.get(range.start + 1, range.end - range.start + 1, id) : q.data.get(id)
      ) as { data: Buffer } | undefined;
      return row ? row.data : null;
    },
    removeMedia(siteId: string, id: string): boolean {
      return q.remove.run(siteId, id).changes === 1;
    },
    mediaBytes: total,
  };
}
