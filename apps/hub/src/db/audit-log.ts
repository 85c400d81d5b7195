import type { AuditAction, AuditEntry } from '@luot/protocol';
import type { Db } from './open-database.ts';

export type AuditLog = ReturnType<typeof createAuditLog>;

/** A site's audit trail: who changed what, and when. Append-only. */
export function createAuditLog(db: Db, siteId: string) {
  const q = {
    insert: db.prepare(
      `INSERT INTO audit_log (site_id, at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    page: db.prepare(
      `SELECT id, at, actor, action, target, detail FROM audit_log
       WHERE site_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
    ),
  };
  return {
    /** Records one change; returns its id. */
    append(entry: Omit<AuditEntry, 'id'>): number {
      const info = q.insert.run(
        siteId,
        entry.at,
        entry.actor,
        entry.action,
        entry.target,
        JSON.stringify(entry.detail),
      );
      return Number(info.lastInsertRowid);
    },
    /** The newest entries first, `limit` at a time, older than `beforeId` when given. */
    list(limit: number, beforeId = Number.MAX_SAFE_INTEGER): AuditEntry[] {
      const rows = q.page.all(siteId, beforeId, limit) as (Omit<AuditEntry, 'detail' | 'action'> & {
        action: AuditAction;
        detail: string;
      })[];
      return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as AuditEntry['detail'] }));
    },
  };
}
