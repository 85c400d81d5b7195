import type { ApiKeyRow, ApiKeyStore } from '../store-api-keys.ts';
import { API_KEY_TOUCH_MS } from '../store-api-keys.ts';
import type { PgDb } from './pool.ts';

const COLUMNS = `id, name, site_id AS "siteId", permissions, prefix, created_at AS "createdAt",
  created_by AS "createdBy", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt",
  revoked_by AS "revokedBy"`;

/** The REST API's keys on PostgreSQL (migration 008; see `ApiKeyStore`). */
export function createPgApiKeyStore(db: PgDb): ApiKeyStore {
  const one = async (where: string, value: string) =>
    (await db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE ${where} = $1`, [value]))
      .rows[0] ?? null;
  return {
    async createApiKey(key, at) {
      await db.query(
        `INSERT INTO api_keys (id, name, site_id, permissions, secret_hash, prefix, created_at,
           created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          key.id,
          key.name,
          key.siteId,
          key.permissions,
          key.secretHash,
          key.prefix,
          at,
          key.createdBy,
        ],
      );
    },
    async listApiKeys(sites) {
      const { rows } =
        sites === null
          ? await db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`)
          : await db.query<ApiKeyRow>(
              `SELECT ${COLUMNS} FROM api_keys WHERE site_id = ANY($1::text[])
               ORDER BY created_at, id`,
              [sites],
            );
      return rows;
    },
    apiKeyById: (id) => one('id', id),
    apiKeyByHash: (hash) => one('secret_hash', hash),
    async revokeApiKey(id, by, at) {
      const result = await db.query(
        `UPDATE api_keys SET revoked_at = $3, revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL`,
        [id, by, at],
      );
      return result.rowCount === 1;
    },
    async touchApiKey(id, at) {
      await db.query(
        `UPDATE api_keys SET last_used_at = $2
         WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`,
        [id, at, at - API_KEY_TOUCH_MS],
      );
    },
  };
}
