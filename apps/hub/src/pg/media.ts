import type { MediaItem } from '@luot/protocol';
import type { MediaStore, StoredMedia } from '../store.ts';
import type { PgDb } from './pool.ts';

const ITEM = `id, name, kind, type, bytes, uploaded_at AS "uploadedAt", uploaded_by AS "uploadedBy"`;

/** The advisory lock of a site's files (the key's hash; any 64-bit number would do). */
const MEDIA_LOCK = `hashtextextended('media:' || $1, 0)`;

/**
 * The lobby board's files on PostgreSQL (migration 005), bytes as bytea. Nodes upload at once:
 * the site's sum and the insert run under the site's advisory lock, so the limit holds.
 */
export function createPgMediaStore(db: PgDb): MediaStore {
  return {
    async addMedia(media, siteLimit) {
      return db.tx(async (c) => {
        await c.query(`SELECT pg_advisory_xact_lock(${MEDIA_LOCK})`, [media.siteId]);
        const { rows } = await c.query<{ n: number }>(
          `SELECT COALESCE(SUM(bytes), 0)::bigint AS n FROM media WHERE site_id = $1`,
          [media.siteId],
        );
        if (rows[0]!.n + media.bytes > siteLimit) return false;
        await c.query(
          `INSERT INTO media (id, site_id, name, kind, type, bytes, uploaded_at, uploaded_by, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            media.id,
            media.siteId,
            media.name,
            media.kind,
            media.type,
            media.bytes,
            media.uploadedAt,
            media.uploadedBy,
            Buffer.from(media.data.buffer, media.data.byteOffset, media.data.byteLength),
          ],
        );
        return true;
      });
    },
    async listMedia(siteId) {
      const { rows } = await db.query<MediaItem>(
        `SELECT ${ITEM} FROM media WHERE site_id = $1 ORDER BY uploaded_at DESC, id DESC`,
        [siteId],
      );
      return rows;
    },
    async mediaById(id) {
      const { rows } = await db.query<StoredMedia>(
        `SELECT ${ITEM}, site_id AS "siteId" FROM media WHERE id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },
    async readMedia(id, range) {
      const { rows } = range
        ? await db.query<{ data: Buffer }>(
            `SELECT substring(data FROM $2 FOR $3) AS data FROM media WHERE id = $1`,
            [id, range.start + 1, range.end - range.start + 1],
          )
        : await db.query<{ data: Buffer }>(`SELECT data FROM media WHERE id = $1`, [id]);
      return rows[0]?.data ?? null;
    },
    async removeMedia(siteId, id) {
      const { rowCount } = await db.query(`DELETE FROM media WHERE site_id = $1 AND id = $2`, [
        siteId,
        id,
      ]);
      return rowCount === 1;
    },
    async mediaBytes(siteId) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT COALESCE(SUM(bytes), 0)::bigint AS n FROM media WHERE site_id = $1`,
        [siteId],
      );
      return rows[0]!.n;
    },
  };
}
