// `luot migrate`'s part for the REST API's keys (see migrate-to-postgres.ts).
import type pg from 'pg';
import type { SiteExport } from './db/site-export.ts';

/**
 * The REST API's keys go on working: the site's own, and the centre's keys of every site, which
 * in a province become keys of this site only (never of every site of the province). A key of
 * every site goes with the first site of the file migrated; its hash is then taken.
 */
export async function copyApiKeys(
  client: pg.Client,
  source: SiteExport,
  as: string,
): Promise<number> {
  let copied = 0;
  for (const key of source.apiKeys()) {
    const inserted = await client.query(
      `INSERT INTO api_keys (id, name, site_id, permissions, secret_hash, prefix, created_at,
         created_by, last_used_at, revoked_at, revoked_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ${key.siteId === null ? 'ON CONFLICT DO NOTHING' : ''}`,
      [
        key.id,
        key.name,
        as,
        key.permissions,
        key.secretHash,
        key.prefix,
        key.createdAt,
        key.createdBy,
        key.lastUsedAt,
        key.revokedAt,
        key.revokedBy,
      ],
    );
    copied += inserted.rowCount ?? 0;
  }
  return copied;
}
