import type { NewSession, OpenSession, SessionRow } from '../store.ts';
import type { Db } from './open-database.ts';

export type Sessions = ReturnType<typeof createSessions>;

/**
 * People's sessions: stored by the hash of their token, with a public id for the list of open
 * sessions, and when each was last used (the idle timeout; written at most once a minute by
 * the caller).
 */
export function createSessions(db: Db) {
  const q = {
    insert: db.prepare(
      `INSERT INTO sessions (token_hash, id, username, counter_id, created_at, expires_at,
         last_seen_at, address, user_agent)
       VALUES (@tokenHash, @id, @username, @counterId, @at, @expiresAt, @at, @address, @userAgent)`,
    ),
    find: db.prepare(
      `SELECT id, username, counter_id AS counterId, created_at AS createdAt,
         expires_at AS expiresAt, ended_at AS endedAt, last_seen_at AS lastSeenAt
       FROM sessions WHERE token_hash = ?`,
    ),
    touch: db.prepare(`UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`),
    listOpen: db.prepare(
      `SELECT s.id, s.username, u.name, u.role, s.counter_id AS counterId,
         s.created_at AS createdAt, s.last_seen_at AS lastSeenAt, s.address,
         s.user_agent AS userAgent
       FROM sessions s JOIN users u ON u.username = s.username
       WHERE s.ended_at IS NULL AND s.expires_at > ? AND s.last_seen_at > ? AND u.disabled = 0
       ORDER BY s.last_seen_at DESC, s.id`,
    ),
    openById: db.prepare(
      `SELECT token_hash AS tokenHash, username FROM sessions WHERE id = ? AND ended_at IS NULL`,
    ),
    endOfUser: db.prepare(
      `UPDATE sessions SET ended_at = ?
       WHERE username = ? AND ended_at IS NULL AND token_hash IS NOT ?`,
    ),
    end: db.prepare(`UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL`),
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
    touch(tokenHash: string, at: number): void {
      q.touch.run(at, tokenHash);
    },
    listOpen(now: number, seenSince: number): OpenSession[] {
      return q.listOpen.all(now, seenSince) as OpenSession[];
    },
    /** Ends the open session with this public id; answers whose it was, or null. */
    endById(id: string, at: number): { tokenHash: string; username: string } | null {
      return db.transaction(() => {
        const open = q.openById.get(id) as { tokenHash: string; username: string } | undefined;
        if (!open) return null;
        q.end.run(at, open.tokenHash);
        return open;
      })();
    },
  };
}
