import Database from 'better-sqlite3';
import { DIGEST_SELECT } from './chain.ts';
import type {
  AuditChainRow,
  ChainAnchor,
  ChainSource,
  EventChainRow,
  StoredChainDigest,
} from '../chain/source.ts';

/**
 * The tamper-evident log of an SQLite file, read as stored: opened read-only, nothing migrated
 * or repaired (a file from before the chain reads as records before it). A running hub may
 * keep writing meanwhile: each chain is read in one snapshot.
 */
export function openSqliteChainSource(path: string): ChainSource {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${path} is damaged: ${String(check)}`);
  } catch (err) {
    db.close();
    throw err;
  }
  const tables = new Set(
    (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]
    ).map((t) => t.name),
  );
  if (!tables.has('events') || !tables.has('audit_log')) {
    db.close();
    throw new Error(`${path} is not a Lượt database`);
  }
  const hashed = (table: string) =>
    (db.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === 'hash');
  const links = (table: string) =>
    hashed(table) ? 'prev_hash AS prevHash, hash' : 'NULL AS prevHash, NULL AS hash';
  const chained = tables.has('chain_digests') && tables.has('chain_anchors');
  const q = {
    events: db.prepare(
      `SELECT site_id AS siteId, seq, day, at, type, ticket_id AS ticketId, field_id AS fieldId,
         counter_id AS counterId, clerk_id AS clerkId, actor, payload, ${links('events')}
       FROM events WHERE site_id = ? ORDER BY seq`,
    ),
    audit: db.prepare(
      `SELECT site_id AS siteId, id, at, actor, action, target, detail, ${links('audit_log')}
       FROM audit_log WHERE site_id = ? ORDER BY id`,
    ),
    sites: db
      .prepare(
        `SELECT site_id FROM events UNION SELECT site_id FROM audit_log
         ${chained ? 'UNION SELECT site_id FROM chain_digests UNION SELECT site_id FROM chain_anchors' : ''}
         ORDER BY 1`,
      )
      .pluck(),
    digests: chained ? db.prepare(`${DIGEST_SELECT} WHERE site_id = ? ORDER BY day`) : null,
    anchors: chained
      ? db.prepare(`SELECT chain, pos, hash FROM chain_anchors WHERE site_id = ?`)
      : null,
  };

  /** Rows one at a time, in one read transaction (a snapshot, however long the walk). */
  async function* rows<T>(statement: Database.Statement, siteId: string): AsyncIterable<T> {
    db.exec('BEGIN');
    try {
      let n = 0;
      for (const row of statement.iterate(siteId)) {
        yield row as T;
        // Lets the event loop breathe on a long chain (a year is over a million events).
        if (++n % 10_000 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      db.exec('COMMIT');
    }
  }

  return {
    name: path,
    sites: async () => q.sites.all() as string[],
    events: (siteId) => rows<EventChainRow>(q.events, siteId),
    audit: (siteId) => rows<AuditChainRow>(q.audit, siteId),
    digests: async (siteId) => (q.digests?.all(siteId) ?? []) as StoredChainDigest[],
    async anchors(siteId) {
      const found = (q.anchors?.all(siteId) ?? []) as ({ chain: string } & ChainAnchor)[];
      const of = (chain: string) => {
        const a = found.find((r) => r.chain === chain);
        return a ? { pos: a.pos, hash: a.hash } : null;
      };
      return { events: of('events'), audit: of('audit') };
    },
    close: async () => void db.close(),
  };
}
