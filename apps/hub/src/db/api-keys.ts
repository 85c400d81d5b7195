import type { ApiPermission } from '@luot/protocol';
import { API_KEY_TOUCH_MS, type ApiKeyRow, type ApiKeyStore } from '../store-api-keys.ts';
import type { Sync } from '../store.ts';
import type { Db } from './open-database.ts';

const COLUMNS = `id, name, site_id AS siteId, permissions, prefix, created_at AS createdAt,
  created_by AS createdBy, last_used_at AS lastUsedAt, revoked_at AS revokedAt,
  revoked_by AS revokedBy`;

type Record_ = Omit<ApiKeyRow, 'permissions'> & { permissions: string };

const toRow = (r: Record_): ApiKeyRow => ({
  ...r,
  permissions: JSON.parse(r.permissions) as ApiPermission[],
});

/** The REST API's keys in the SQLite file (migration 013; see `ApiKeyStore`). */
export function createApiKeyStore(db: Db): Sync<ApiKeyStore> {
  const q = {
    insert: db.prepare(
      `INSERT INTO api_keys (id, name, site_id, permissions, secret_hash, prefix, created_at,
         created_by)
       VALUES (@id, @name, @siteId, @permissions, @secretHash, @prefix, @at, @createdBy)`,
    ),
    all: db.prepare(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, rowid`),
    ofSites: db.prepare(
      `SELECT ${COLUMNS} FROM api_keys
       WHERE site_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, rowid`,
    ),
    byId: db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`),
    byHash: db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE secret_hash = ?`),
    revoke: db.prepare(
      `UPDATE api_keys SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL`,
    ),
    touch: db.prepare(
      `UPDATE api_keys SET last_used_at = ?
       WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)`,
    ),
  };
  const one = (r: unknown) => (r ? toRow(r as Record_) : null);
  return {
    createApiKey(key, at) {
      q.insert.run({ ...key, permissions: JSON.stringify(key.permissions), at });
    },
    listApiKeys(sites) {
      const rows = sites === null ? q.all.all() : q.ofSites.all(JSON.stringify(sites));
      return (rows as Record_[]).map(toRow);
    },
    apiKeyById: (id) => one(q.byId.get(id)),
    apiKeyByHash: (hash) => one(q.byHash.get(hash)),
    revokeApiKey: (id, by, at) => q.revoke.run(at, by, id).changes === 1,
    touchApiKey(id, at) {
      q.touch.run(at, id, at - API_KEY_TOUCH_MS);
    },
  };
}
