import type { AuditAction, AuditEntry } from '@luot/protocol';
import type { SiteChain } from './chain.ts';
import type { Db } from './open-database.ts';

export type AuditLog = ReturnType<typeof createAuditLog>;

/**
 * A site's audit trail: who changed what, and when. Append-only, each record linked into the
 * site's audit chain in the transaction that stores it (chain.ts).
 */
export function createAuditLog(db: Db, siteId: string, chain: SiteChain) {
  const q = {
    insert: db.prepare(
      `INSERT INTO audit_log (site_id, at, actor, action, target, detail, prev_hash, hash)
       VALUES (@siteId, @at, @actor, @action, @target, @detail, @prevHash, @hash)`,
    ),
    page: db.prepare(
      `SELECT id, at, actor, action, target, detail FROM audit_log
       WHERE site_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
    ),
  };
  // Immediate: `luot` may append beside a running hub; the head is read under the write lock.
  const append = db.transaction((entry: Omit<AuditEntry, 'id'>): number => {
    const row = {
      siteId,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      detail: JSON.stringify(entry.detail),
    };
    return Number(q.insert.run({ ...row, ...chain.auditLink(row) }).lastInsertRowid);
  });
  return {
    /** Records one change; returns its id. */
    append: (entry: Omit<AuditEntry, 'id'>): number => append.immediate(entry),
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
