import { siteConfigSchema, type SiteConfig } from '@luot/domain';
import {
  asyncPort,
  asyncStore,
  type CatalogueEntry,
  type DeviceRow,
  type NewUser,
  type ProvinceStore,
  type NewSession,
  type SiteRow,
  type Store,
  type Sync,
  type SyncStore,
  type UserRow,
  type UserSummary,
} from '../store.ts';
import { createApiKeyStore } from './api-keys.ts';
import { createCitizenStore } from './citizens.ts';
import { createIdCardStore } from './id-cards.ts';
import { createMediaStore } from './media.ts';
import { createMessageStore } from './messages.ts';
import { createWebhookStore } from './webhooks.ts';
import { createSessions } from './sessions.ts';
import type { Db } from './open-database.ts';
import {
  createSiteStore,
  deviceSelect,
  toDevice,
  type SqliteSite,
  type SqliteStoreOptions,
} from './site-store.ts';

export type { ServiceRow, SqliteSite, SqliteStoreOptions } from './site-store.ts';

/** The SQLite file's province store, answering at once; `asyncProvince` makes it the port. */
export type SqliteProvince = ReturnType<typeof createProvinceStore>;

/**
 * The province store port (`../store.ts`) on one SQLite file, answering at once: every site of
 * the deployment in the same file, each row carrying its `site_id`, people and sessions shared.
 * `site(id)` is one site's store (made on first use, then kept). One node writes the file, so
 * there is no `turn`: the hub's queue of each site is the only writer of its log.
 */
export function createProvinceStore(db: Db, options: SqliteStoreOptions = {}) {
  const q = {
    listSites: db.prepare(`SELECT id, json, created_at AS createdAt FROM sites ORDER BY rowid`),
    insertSite: db.prepare(
      `INSERT INTO sites (id, json, created_at, updated_at) VALUES (?, ?, ?, ?)`,
    ),
    catalogue: db.prepare(`SELECT code, name FROM catalogue ORDER BY position, code`),
    clearCatalogue: db.prepare(`DELETE FROM catalogue`),
    insertCatalogue: db.prepare(`INSERT INTO catalogue (code, name, position) VALUES (?, ?, ?)`),
    insertUser: db.prepare(
      `INSERT INTO users (username, name, role, password_hash, sites, created_at)
       VALUES (@username, @name, @role, @passwordHash, @sites, @createdAt)`,
    ),
    findUser: db.prepare(
      `SELECT username, name, role, password_hash AS passwordHash, disabled, sites
       FROM users WHERE username = ?`,
    ),
    setPassword: db.prepare(`UPDATE users SET password_hash = ? WHERE username = ?`),
    setDisabled: db.prepare(`UPDATE users SET disabled = ? WHERE username = ?`),
    setSites: db.prepare(`UPDATE users SET sites = ? WHERE username = ?`),
    listUsers: db.prepare(
      `SELECT username, name, role, disabled, sites FROM users ORDER BY role, username`,
    ),
    listUsersAt: db.prepare(
      `SELECT username, name, role, disabled, sites FROM users
       WHERE sites IS NULL OR EXISTS (SELECT 1 FROM json_each(users.sites) WHERE value = ?)
       ORDER BY role, username`,
    ),
    deviceByToken: db.prepare(`${deviceSelect()} WHERE token_hash = ?`),
    ticketByToken: db.prepare(
      `SELECT site_id AS siteId, id AS ticketId FROM tickets WHERE token_hash = ?`,
    ),
  };
  const sessions = createSessions(db);
  const sites = new Map<string, SqliteSite>();

  const province = {
    ...createCitizenStore(db),
    ...createIdCardStore(db),
    ...createMessageStore(db),
    ...createMediaStore(db),
    ...createApiKeyStore(db),
    ...createWebhookStore(db),
    listSites(): SiteRow[] {
      return (q.listSites.all() as { id: string; json: string; createdAt: number }[]).map((r) => ({
        id: r.id,
        config: siteConfigSchema.parse(JSON.parse(r.json)),
        createdAt: r.createdAt,
      }));
    },
    /** Adds a site; throws (SQLITE_CONSTRAINT) for an id in use. */
    createSite(id: string, config: SiteConfig, at: number): void {
      q.insertSite.run(id, JSON.stringify(config), at, at);
    },
    /** One site's store (a site that does not exist reads as empty). */
    site(id: string): SqliteSite {
      let site = sites.get(id);
      if (!site) sites.set(id, (site = createSiteStore(db, id, sessions.countPurgeable, options)));
      return site;
    },
    readCatalogue(): CatalogueEntry[] {
      return q.catalogue.all() as CatalogueEntry[];
    },
    /** Replaces the catalogue, keeping the order given. */
    writeCatalogue(entries: readonly CatalogueEntry[], _at: number): void {
      db.transaction(() => {
        q.clearCatalogue.run();
        entries.forEach((e, i) => q.insertCatalogue.run(e.code, e.name, i));
      })();
    },
    createUser(user: NewUser, at: number): void {
      q.insertUser.run({ ...user, sites: sitesJson(user.sites), createdAt: at });
    },
    findUser(username: string): UserRow | null {
      const row = q.findUser.get(username) as (UserRecord & { passwordHash: string }) | undefined;
      return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
    },
    listUsers(siteId: string | null): UserSummary[] {
      const rows = siteId === null ? q.listUsers.all() : q.listUsersAt.all(siteId);
      return (rows as UserRecord[]).map(toUser);
    },
    setUserSites(username: string, userSites: string[] | null, _at: number): boolean {
      return q.setSites.run(sitesJson(userSites), username).changes === 1;
    },
    setPassword(
      username: string,
      passwordHash: string,
      at: number,
      keepTokenHash?: string,
    ): boolean {
      return db.transaction(() => {
        if (q.setPassword.run(passwordHash, username).changes !== 1) return false;
        sessions.endOfUser(username, at, keepTokenHash);
        return true;
      })();
    },
    setDisabled(username: string, disabled: boolean, at: number): boolean {
      return db.transaction(() => {
        const changed = q.setDisabled.run(disabled ? 1 : 0, username).changes === 1;
        if (disabled) sessions.endOfUser(username, at);
        return changed;
      })();
    },
    createSession: (session: NewSession, at: number) => sessions.create(session, at),
    findSession: (tokenHash: string) => sessions.find(tokenHash),
    endSession: (tokenHash: string, at: number) => sessions.end(tokenHash, at),
    touchSession: (tokenHash: string, at: number) => sessions.touch(tokenHash, at),
    listOpenSessions: (siteId: string | null, now: number, seenSince: number) =>
      sessions.listOpen(siteId, now, seenSince),
    moveSession: (tokenHash: string, siteId: string, at: number) =>
      sessions.move(tokenHash, siteId, at),
    endSessionById: (id: string, at: number) => sessions.endById(id, at),
    endSessionsOfUser: (username: string, at: number) => sessions.endOfUser(username, at),
    purgeSessions: (before: number) => sessions.purge(before),
    deviceByTokenHash(hash: string): DeviceRow | null {
      return toDevice(q.deviceByToken.get(hash));
    },
    ticketByTokenHash(hash: string): { siteId: string; ticketId: string } | null {
      return (
        (q.ticketByToken.get(hash) as { siteId: string; ticketId: string } | undefined) ?? null
      );
    },
    close(): void {
      db.close();
    },
    /** The database file, for a reader on another thread (null for an in-memory database). */
    path: db.memory ? null : db.name,
    /** The connection, for backups and digests (`backupDatabase`, `tableDigest`). */
    db,
  };
  // The port's members, answered at once; the rest are SQLite's own.
  province satisfies Omit<Sync<ProvinceStore>, 'site'> & { site(id: string): SyncStore };
  return province;
}

/**
 * The province port over the SQLite file: every call answers with a settled promise, and
 * `site(id)` is the site's store as a port (made once per site).
 */
export function asyncProvince(sqlite: SqliteProvince): ProvinceStore {
  const sites = new Map<string, Store>();
  const port = asyncPort<ProvinceStore>(sqlite as unknown as Sync<ProvinceStore>, ['site']);
  return {
    ...port,
    site(id: string): Store {
      let site = sites.get(id);
      if (!site) sites.set(id, (site = asyncStore(sqlite.site(id))));
      return site;
    },
  };
}

interface UserRecord {
  username: string;
  name: string;
  role: UserRow['role'];
  disabled: number;
  sites: string | null;
}

function toUser(row: UserRecord): UserSummary {
  return {
    username: row.username,
    name: row.name,
    role: row.role,
    disabled: row.disabled === 1,
    sites: row.sites === null ? null : (JSON.parse(row.sites) as string[]),
  };
}

function sitesJson(sites: readonly string[] | null): string | null {
  return sites === null ? null : JSON.stringify(sites);
}
