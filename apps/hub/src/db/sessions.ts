import type { NewSession, OpenSession, SessionRow } from '../store.ts';
import type { Db } from './open-database.ts';

export type Sessions = ReturnType<typeof createSessions>;

/**
 * People's sessions, across the deployment: stored by the hash of their token, with a public id
 * for the list of open sessions, the site the person signed in at, and when each was last used
 * (the idle timeout; written at most once a minute by the caller).
 */
export function createSessions(db: Db) {
  const openColumns = `SELECT s.id, s.username, s.site_id AS siteId, u.name, u.role,
         s.counter_id AS counterId, s.created_at AS createdAt, s.last_seen_at AS lastSeenAt,
         s.address, s.user_agent AS userAgent
       FROM sessions s JOIN users u ON u.username = s.username`;
  const openWhere = `s.ended_at IS NULL AND s.expires_at > @now AND s.last_seen_at > @seenSince
         AND u.disabled = 0`;
  const purgeable = `min(COALESCE(ended_at, expires_at), expires_at) < ?`;
  const q = {
    insert: db.prepare(
      `INSERT INTO sessions (token_hash, id, username, site_id, counter_id, created_at, expires_at,
         last_seen_at, address, user_agent)
       VALUES (@tokenHash, @id, @username, @siteId, @counterId, @at, @expiresAt, @at, @address,
         @userAgent)`,
    ),
    find: db.prepare(
      `SELECT id, username, site_id AS siteId, counter_id AS counterId, created_at AS createdAt,
         expires_at AS expiresAt, ended_at AS endedAt, last_seen_at AS lastSeenAt
       FROM sessions WHERE token_hash = ?`,
    ),
    touch: db.prepare(`UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`),
    listOpen: db.prepare(`${openColumns} WHERE ${openWhere} ORDER BY s.last_seen_at DESC, s.id`),
    listOpenAt: db.prepare(
      `${openColumns} WHERE s.site_id = @siteId AND ${openWhere}
       ORDER BY s.last_seen_at DESC, s.id`,
    ),
    openById: db.prepare(
      `SELECT token_hash AS tokenHash, username, site_id AS siteId FROM sessions
       WHERE id = ? AND ended_at IS NULL`,
    ),
    endOfUser: db.prepare(
      `UPDATE sessions SET ended_at = ?
       WHERE username = ? AND ended_at IS NULL AND token_hash IS NOT ?`,
    ),
    end: db.prepare(`UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL`),
    move: db.prepare(
      `UPDATE sessions SET site_id = ?, last_seen_at = ? WHERE token_hash = ? AND ended_at IS NULL`,
    ),
    purge: db.prepare(`DELETE FROM sessions WHERE ${purgeable}`),
    countPurgeable: db.prepare(`SELECT COUNT(*) FROM sessions WHERE ${purgeable}`).pluck(),
  };
  return {
    create(session: NewSession, at: number): void {
      const { ttlMs, ...row } = session;
      q.insert.run({ ...row, at, expiresAt: at + ttlMs });
    },
    find(tokenHash: string): SessionRow | null {
      return (q.find.get(tokenHash) as SessionRow | undefined) ?? null;
    },
    end(tokenHash: string, at: number): void {
      q.end.run(at, tokenHash);
    },
    /**
     * Ends every open session of a person, but the one whose token hashes to `keepTokenHash`;
     * answers how many it ended.
     */
    endOfUser(username: string, at: number, keepTokenHash?: string): number {
      return q.endOfUser.run(at, username, keepTokenHash ?? null).changes;
    },
    /** Moves an open session to another site (counting as a use); false when none is open. */
    move(tokenHash: string, siteId: string, at: number): boolean {
      return q.move.run(siteId, at, tokenHash).changes === 1;
    },
    touch(tokenHash: string, at: number): void {
      q.touch.run(at, tokenHash);
    },
    /** Open sessions at a site, or at every site for null. */
    listOpen(siteId: string | null, now: number, seenSince: number): OpenSession[] {
      return (
        siteId === null
          ? q.listOpen.all({ now, seenSince })
          : q.listOpenAt.all({ siteId, now, seenSince })
      ) as OpenSession[];
    },
    /** Ends the open session with this public id; answers whose it was, or null. */
    endById(
      id: string,
      at: number,
    ): { tokenHash: string; username: string; siteId: string } | null {
      return db.transaction(() => {
        const open = q.openById.get(id) as
          { tokenHash: string; username: string; siteId: string } | undefined;
        if (!open) return null;
        q.end.run(at, open.tokenHash);
        return open;
      })();
    },
    /** Removes sessions that ended or expired before `before`; answers how many. */
    purge(before: number): number {
      return q.purge.run(before).changes;
    },
    /** How many sessions `purge(before)` would remove. */
    countPurgeable(before: number): number {
      return q.countPurgeable.get(before) as number;
    },
  };
}
