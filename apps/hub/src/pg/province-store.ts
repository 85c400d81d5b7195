import { siteConfigSchema } from '@luot/domain';
import type { Logger } from 'pino';
import type {
  CatalogueEntry,
  OpenSession,
  ProvinceStore,
  ReportEngine,
  SessionRow,
  SiteRow,
  Store,
  UserRow,
  UserSummary,
} from '../store.ts';
import { createPgApiKeyStore } from './api-keys.ts';
import { createPgCitizenStore } from './citizens.ts';
import { createPgIdCardStore } from './id-cards.ts';
import { createCommitListener, type CommitListener } from './commit-listener.ts';
import { createPgMediaStore } from './media.ts';
import { createPgMessageStore } from './messages.ts';
import { createPgWebhookStore } from './webhooks.ts';
import { migrate } from './migrate.ts';
import { openPool, type PgDb } from './pool.ts';
import { createPgReportEngine } from './report-engine.ts';
import { createPgSiteStore } from './site-store.ts';

/** The province store on PostgreSQL, with what only a store shared by several nodes has. */
export interface PgProvinceStore extends ProvinceStore {
  /**
   * Calls `listener(siteId, seq)` for every commit of any node (this one's included), and for
   * every site with its head after the store lost and regained the server; returns the way to
   * stop. A node catches up (`eventsAfter`) when `seq` is past what it knows.
   */
  onCommit(listener: CommitListener): () => void;
  /** Resolves once commits are being heard (again, after the server came back). */
  listening(): Promise<void>;
  /** Reports computed from this database. */
  reports: ReportEngine;
}

const SESSION_COLUMNS = `id, username, site_id AS "siteId", counter_id AS "counterId",
  created_at AS "createdAt", expires_at AS "expiresAt", ended_at AS "endedAt",
  last_seen_at AS "lastSeenAt"`;

/**
 * Opens the province's PostgreSQL database (`url`, e.g. postgres://luot@127.0.0.1/luot): applies
 * the migrations it has not seen (several nodes may start at once), then answers the store port
 * through a pool of `poolSize` connections, plus one connection that hears commits.
 */
export async function openPgProvince(options: {
  url: string;
  log: Logger;
  poolSize?: number;
}): Promise<PgProvinceStore> {
  const db = openPool({ url: options.url, log: options.log, max: options.poolSize });
  try {
    await migrate(db.pool);
  } catch (err) {
    await db.pool.end();
    throw err;
  }
  const listener = createCommitListener({
    url: options.url,
    log: options.log,
    heads: async (client) =>
      (
        await client.query<{ id: string; head: number }>(
          'SELECT id, head_seq::float8 AS head FROM sites ORDER BY position',
        )
      ).rows,
  });
  return createProvince(db, listener);
}

function createProvince(
  db: PgDb,
  listener: ReturnType<typeof createCommitListener>,
): PgProvinceStore {
  const sites = new Map<string, Store>();
  const one = async <R extends object>(text: string, values: unknown[] = []) =>
    ((await db.query(text, values)).rows[0] as R | undefined) ?? null;

  return {
    ...createPgCitizenStore(db),
    ...createPgIdCardStore(db),
    ...createPgMessageStore(db),
    ...createPgMediaStore(db),
    ...createPgApiKeyStore(db),
    ...createPgWebhookStore(db),
    async listSites(): Promise<SiteRow[]> {
      const { rows } = await db.query<{ id: string; json: string; created_at: number }>(
        'SELECT id, json, created_at FROM sites ORDER BY position',
      );
      return rows.map((r) => ({
        id: r.id,
        config: siteConfigSchema.parse(JSON.parse(r.json)),
        createdAt: r.created_at,
      }));
    },
    async createSite(id, config, at) {
      await db.query(
        'INSERT INTO sites (id, json, created_at, updated_at) VALUES ($1, $2, $3, $3)',
        [id, JSON.stringify(config), at],
      );
    },
    site(id) {
      let store = sites.get(id);
      if (!store) sites.set(id, (store = createPgSiteStore(db, id)));
      return store;
    },
    async readCatalogue() {
      const { rows } = await db.query<CatalogueEntry>(
        'SELECT code, name FROM catalogue ORDER BY position',
      );
      return rows;
    },
    async writeCatalogue(entries, at) {
      await db.tx(async (c) => {
        await c.query('DELETE FROM catalogue');
        if (entries.length > 0)
          await c.query(
            `INSERT INTO catalogue (code, name, position, updated_at)
             SELECT code, name, position, $3 FROM unnest($1::text[], $2::text[])
               WITH ORDINALITY AS e (code, name, position)`,
            [entries.map((e) => e.code), entries.map((e) => e.name), at],
          );
      });
    },

    async createUser(user, at) {
      await db.query(
        `INSERT INTO users (username, name, role, password_hash, sites, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [user.username, user.name, user.role, user.passwordHash, user.sites, at],
      );
    },
    async findUser(username) {
      return one<UserRow>(
        `SELECT username, name, role, password_hash AS "passwordHash", disabled, sites
         FROM users WHERE username = $1`,
        [username],
      );
    },
    async listUsers(siteId) {
      const { rows } = await db.query<UserSummary>(
        `SELECT username, name, role, disabled, sites FROM users
         WHERE $1::text IS NULL OR sites IS NULL OR $1 = ANY (sites)
         ORDER BY role, username`,
        [siteId],
      );
      return rows;
    },
    async setUserSites(username, userSites) {
      const r = await db.query('UPDATE users SET sites = $2 WHERE username = $1', [
        username,
        userSites,
      ]);
      return r.rowCount === 1;
    },
    async setPassword(username, passwordHash, at, keepTokenHash) {
      return db.tx(async (c) => {
        const r = await c.query('UPDATE users SET password_hash = $2 WHERE username = $1', [
          username,
          passwordHash,
        ]);
        if (r.rowCount !== 1) return false;
        await c.query(
          `UPDATE sessions SET ended_at = $2
           WHERE username = $1 AND ended_at IS NULL AND token_hash IS DISTINCT FROM $3`,
          [username, at, keepTokenHash ?? null],
        );
        return true;
      });
    },
    async setDisabled(username, disabled, at) {
      return db.tx(async (c) => {
        const r = await c.query('UPDATE users SET disabled = $2 WHERE username = $1', [
          username,
          disabled,
        ]);
        if (disabled)
          await c.query(
            'UPDATE sessions SET ended_at = $2 WHERE username = $1 AND ended_at IS NULL',
            [username, at],
          );
        return r.rowCount === 1;
      });
    },
    async createSession(s, at) {
      await db.query(
        `INSERT INTO sessions (token_hash, id, username, site_id, counter_id, created_at,
           expires_at, last_seen_at, address, user_agent)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $8, $9)`,
        [
          s.tokenHash,
          s.id,
          s.username,
          s.siteId,
          s.counterId,
          at,
          at + s.ttlMs,
          s.address,
          s.userAgent,
        ],
      );
    },
    async findSession(tokenHash) {
      return one<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE token_hash = $1`, [
        tokenHash,
      ]);
    },
    async endSession(tokenHash, at) {
      await db.query(
        'UPDATE sessions SET ended_at = $2 WHERE token_hash = $1 AND ended_at IS NULL',
        [tokenHash, at],
      );
    },
    async touchSession(tokenHash, at) {
      await db.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1', [
        tokenHash,
        at,
      ]);
    },
    async listOpenSessions(siteId, now, seenSince) {
      const { rows } = await db.query<OpenSession>(
        `SELECT s.id, s.username, s.site_id AS "siteId", u.name, u.role,
           s.counter_id AS "counterId", s.created_at AS "createdAt",
           s.last_seen_at AS "lastSeenAt", s.address, s.user_agent AS "userAgent"
         FROM sessions s JOIN users u ON u.username = s.username
         WHERE ($1::text IS NULL OR s.site_id = $1) AND s.ended_at IS NULL
           AND s.expires_at > $2 AND s.last_seen_at > $3 AND NOT u.disabled
         ORDER BY s.last_seen_at DESC, s.id`,
        [siteId, now, seenSince],
      );
      return rows;
    },
    async moveSession(tokenHash, siteId, at) {
      const r = await db.query(
        `UPDATE sessions SET site_id = $2, last_seen_at = $3
         WHERE token_hash = $1 AND ended_at IS NULL`,
        [tokenHash, siteId, at],
      );
      return r.rowCount === 1;
    },
    async endSessionById(id, at) {
      return one<{ tokenHash: string; username: string; siteId: string }>(
        `UPDATE sessions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL
         RETURNING token_hash AS "tokenHash", username, site_id AS "siteId"`,
        [id, at],
      );
    },
    async endSessionsOfUser(username, at) {
      const r = await db.query(
        'UPDATE sessions SET ended_at = $2 WHERE username = $1 AND ended_at IS NULL',
        [username, at],
      );
      return r.rowCount ?? 0;
    },
    async purgeSessions(before) {
      const r = await db.query(
        'DELETE FROM sessions WHERE LEAST(COALESCE(ended_at, expires_at), expires_at) < $1',
        [before],
      );
      return r.rowCount ?? 0;
    },
    async deviceByTokenHash(hash) {
      return one(
        `SELECT site_id AS "siteId", id, kind, name, counter_id AS "counterId", speaks,
           created_at AS "createdAt", revoked_at AS "revokedAt", last_seen_at AS "lastSeenAt"
         FROM devices WHERE token_hash = $1`,
        [hash],
      );
    },
    async ticketByTokenHash(hash) {
      return one<{ siteId: string; ticketId: string }>(
        'SELECT site_id AS "siteId", id AS "ticketId" FROM tickets WHERE token_hash = $1',
        [hash],
      );
    },
    onCommit: (l) => listener.on(l),
    listening: () => listener.listening(),
    reports: createPgReportEngine(db),
    async close() {
      await listener.close();
      await db.pool.end();
    },
  };
}
