import type { UserRole } from '@luot/protocol';
import type { Db } from './open-database.ts';

/** The tables whose rows belong to one site, and the order their rows are read in. */
const TABLE_ORDER = {
  events: 'seq',
  tickets: 'rowid',
  services: 'id',
  devices: 'rowid',
  audit_log: 'id',
  report_days: 'day',
  media: 'rowid',
  // The tamper-evident log's sealed days and anchors (issue 17).
  chain_digests: 'day',
  chain_anchors: 'chain',
} as const;

export type ExportedTable = keyof typeof TABLE_ORDER;

/** A person who belongs to the exported site (or to every site of the file). */
export interface ExportedUser {
  username: string;
  name: string;
  role: UserRole;
  passwordHash: string;
  disabled: boolean;
  createdAt: number;
}

/** A session still open at the exported site, as stored. */
export interface ExportedSession {
  tokenHash: string;
  id: string;
  username: string;
  counterId: string | null;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  address: string | null;
  userAgent: string | null;
}

/** A REST API key as stored (its secret's hash, never the secret); site null: every site. */
export interface ExportedApiKey {
  id: string;
  name: string;
  siteId: string | null;
  permissions: string[];
  secretHash: string;
  prefix: string;
  createdAt: number;
  createdBy: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
  revokedBy: string | null;
}

export type SiteExport = ReturnType<typeof createSiteExport>;

/**
 * Reads everything one site owns in the SQLite file, for copying it into another store
 * (`luot migrate`): its row, its tables' rows in their stored order (as arrays, a batch at a
 * time through an iterator: a year of tickets never sits in memory at once), its people and
 * their open sessions. Read only; the caller holds the file (`openDatabase(path, {exclusive})`).
 */
export function createSiteExport(db: Db, siteId: string) {
  const columnsOf = (table: ExportedTable) =>
    new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name));
  return {
    /** The site's row, or null when the file has no such site. */
    site(): { json: string; createdAt: number; updatedAt: number } | null {
      return (
        (db
          .prepare(
            'SELECT json, created_at AS createdAt, updated_at AS updatedAt FROM sites WHERE id = ?',
          )
          .get(siteId) as { json: string; createdAt: number; updatedAt: number } | undefined) ??
        null
      );
    },
    /** The sequence number of the site's newest event (0 for none). */
    lastSeq(): number {
      return db
        .prepare('SELECT COALESCE(MAX(seq), 0) FROM events WHERE site_id = ?')
        .pluck()
        .get(siteId) as number;
    },
    count(table: ExportedTable): number {
      return db
        .prepare(`SELECT COUNT(*) FROM ${table} WHERE site_id = ?`)
        .pluck()
        .get(siteId) as number;
    },
    /**
     * The site's rows of `table`, each an array of `columns` in that order, in stored order.
     * Only one iterator may be open at a time (one connection).
     */
    rows(table: ExportedTable, columns: readonly string[]): IterableIterator<unknown[]> {
      const known = columnsOf(table);
      const unknown = columns.find((column) => !known.has(column));
      if (unknown !== undefined) throw new Error(`${table} has no column ${unknown}`);
      return db
        .prepare(
          `SELECT ${columns.join(', ')} FROM ${table} WHERE site_id = ? ORDER BY ${TABLE_ORDER[table]}`,
        )
        .raw()
        .iterate(siteId) as IterableIterator<unknown[]>;
    },
    /** The people of the site: those whose sites name it, and those of every site (null). */
    users(): ExportedUser[] {
      const rows = db
        .prepare(
          `SELECT username, name, role, password_hash AS passwordHash, disabled,
             created_at AS createdAt
           FROM users
           WHERE sites IS NULL OR EXISTS (SELECT 1 FROM json_each(users.sites) WHERE value = ?)
           ORDER BY username`,
        )
        .all(siteId) as (Omit<ExportedUser, 'disabled'> & { disabled: number })[];
      return rows.map((row) => ({ ...row, disabled: row.disabled === 1 }));
    },
    /** The REST API's keys that act at the site: its own, and the file's keys of every site. */
    apiKeys(): ExportedApiKey[] {
      const rows = db
        .prepare(
          `SELECT id, name, site_id AS siteId, permissions, secret_hash AS secretHash, prefix,
             created_at AS createdAt, created_by AS createdBy, last_used_at AS lastUsedAt,
             revoked_at AS revokedAt, revoked_by AS revokedBy
           FROM api_keys WHERE site_id = ? OR site_id IS NULL ORDER BY created_at, rowid`,
        )
        .all(siteId) as (Omit<ExportedApiKey, 'permissions'> & { permissions: string })[];
      return rows.map((row) => ({ ...row, permissions: JSON.parse(row.permissions) as string[] }));
    },
    /** Sessions signed in at the site, not ended and not expired at `now`, of people not disabled. */
    openSessions(now: number): ExportedSession[] {
      return db
        .prepare(
          `SELECT s.token_hash AS tokenHash, s.id, s.username, s.counter_id AS counterId,
             s.created_at AS createdAt, s.expires_at AS expiresAt, s.last_seen_at AS lastSeenAt,
             s.address, s.user_agent AS userAgent
           FROM sessions s JOIN users u ON u.username = s.username
           WHERE s.site_id = ? AND s.ended_at IS NULL AND s.expires_at > ? AND u.disabled = 0
           ORDER BY s.rowid`,
        )
        .all(siteId, now) as ExportedSession[];
    },
  };
}
