import type { ChainDigest } from '@luot/protocol';
import {
  auditContent,
  chainHash,
  dayDigest,
  digestCode,
  eventContent,
  GENESIS_HASH,
  type AuditChainContent,
  type EventChainContent,
} from '../chain/chain.ts';
import type { StoredChainDigest } from '../chain/source.ts';
import type { Db } from './open-database.ts';

/** Which of a site's two chains. */
export type ChainName = 'events' | 'audit';

/** A record's link and own hash; both null when the chain is off (the bench's baseline). */
export interface ChainLink {
  prevHash: string | null;
  hash: string | null;
}

const UNCHAINED: ChainLink = { prevHash: null, hash: null };

/**
 * A site's tamper-evident log on the SQLite file (issue 17; the rule is ../chain/chain.ts): the
 * link and hash of each record being written, the day's seal, and the anchors a purge leaves.
 *
 * The chain's head is read inside the writing transaction, from the site's newest row (the
 * statement that numbers events reads it anyway): a transaction rolled back leaves nothing to
 * undo, and `luot` appending an audit record while the hub runs cannot fork the chain. A site
 * whose newest row has no hash (stored before the upgrade) starts its chain at GENESIS_HASH; one
 * whose rows a purge removed goes on from the anchor.
 */
export function createSiteChain(db: Db, siteId: string, hashChain: boolean) {
  const q = {
    eventsHead: db.prepare(
      `SELECT seq, hash FROM events WHERE site_id = ? ORDER BY seq DESC LIMIT 1`,
    ),
    auditHead: db.prepare(
      `SELECT id, hash FROM audit_log WHERE site_id = ? ORDER BY id DESC LIMIT 1`,
    ),
    anchor: db.prepare(`SELECT pos, hash FROM chain_anchors WHERE site_id = ? AND chain = ?`),
    setAnchor: db.prepare(
      `INSERT INTO chain_anchors (site_id, chain, pos, hash) VALUES (?, ?, ?, ?)
       ON CONFLICT (site_id, chain) DO UPDATE SET pos = excluded.pos, hash = excluded.hash
       WHERE excluded.pos > chain_anchors.pos`,
    ),
    lastEventOfDay: db.prepare(
      `SELECT seq, hash FROM events WHERE site_id = ? AND day = ? ORDER BY seq DESC LIMIT 1`,
    ),
    lastAuditBefore: db.prepare(
      `SELECT id, hash FROM audit_log WHERE site_id = ? AND id < ? ORDER BY id DESC LIMIT 1`,
    ),
    lastEventUpTo: db.prepare(
      `SELECT seq, hash FROM events WHERE site_id = ? AND day <= ? ORDER BY seq DESC LIMIT 1`,
    ),
    newestDay: db
      .prepare(`SELECT day FROM events WHERE site_id = ? ORDER BY seq DESC LIMIT 1`)
      .pluck(),
    digest: db.prepare(`${DIGEST_SELECT} WHERE site_id = ? AND day = ?`),
    digests: db.prepare(`${DIGEST_SELECT} WHERE site_id = ? AND day BETWEEN ? AND ? ORDER BY day`),
    insertDigest: db.prepare(
      `INSERT INTO chain_digests (site_id, day, events_seq, events_hash, audit_id, audit_hash,
         digest, code, made_at)
       VALUES (@siteId, @day, @eventsSeq, @eventsHash, @auditId, @auditHash, @digest, @code,
         @madeAt)`,
    ),
  };

  type Head = { pos: number; hash: string };
  const anchorOf = (chain: ChainName): Head | null =>
    (q.anchor.get(siteId, chain) as Head | undefined) ?? null;
  /** The chain's head: its newest row (GENESIS_HASH if unhashed), else the anchor, else genesis. */
  const head = (chain: ChainName): Head => {
    const row = (chain === 'events' ? q.eventsHead.get(siteId) : q.auditHead.get(siteId)) as
      { seq?: number; id?: number; hash: string | null } | undefined;
    if (row) return { pos: (row.seq ?? row.id)!, hash: row.hash ?? GENESIS_HASH };
    return anchorOf(chain) ?? { pos: 0, hash: GENESIS_HASH };
  };

  const seal = db.transaction((day: string, at: number): ChainDigest => {
    const kept = q.digest.get(siteId, day) as StoredDigest | undefined;
    if (kept) return publicDigest(kept);
    const newest = q.newestDay.get(siteId) as string | undefined;
    if (newest === undefined || newest <= day)
      throw new Error(`service day ${day} of ${siteId} is not closed yet: it cannot be sealed`);
    const last = q.lastEventUpTo.get(siteId, day) as
      { seq: number; hash: string | null } | undefined;
    const events = last
      ? { pos: last.seq, hash: last.hash ?? GENESIS_HASH }
      : (anchorOf('events') ?? { pos: 0, hash: GENESIS_HASH });
    const audit = head('audit');
    const digest = dayDigest({ siteId, day, eventsHash: events.hash, auditHash: audit.hash });
    const row: StoredDigest = {
      siteId,
      day,
      eventsSeq: events.pos,
      eventsHash: events.hash,
      auditId: audit.pos,
      auditHash: audit.hash,
      digest,
      code: digestCode(digest),
      madeAt: at,
    };
    q.insertDigest.run(row);
    return publicDigest(row);
  });

  return {
    /**
     * The linker of events about to be stored after the site's newest one: call it for each
     * event in order, inside the transaction that inserts them.
     */
    eventLinker(): (row: EventChainContent) => ChainLink {
      if (!hashChain) return () => UNCHAINED;
      let prev = head('events').hash;
      return (row) => {
        const hash = chainHash(prev, eventContent(row));
        const link = { prevHash: prev, hash };
        prev = hash;
        return link;
      };
    },
    /** The link of an audit record about to be stored; call inside the inserting transaction. */
    auditLink(row: AuditChainContent): ChainLink {
      if (!hashChain) return UNCHAINED;
      const prev = head('audit').hash;
      return { prevHash: prev, hash: chainHash(prev, auditContent(row)) };
    },
    /**
     * Before a purge removes the events of `day` (in its transaction): keeps where the chain
     * goes on, the last removed event's seq and hash.
     */
    anchorEventsOfDay(day: string): void {
      const last = q.lastEventOfDay.get(siteId, day) as
        { seq: number; hash: string | null } | undefined;
      if (last?.hash) q.setAnchor.run(siteId, 'events', last.seq, last.hash);
    },
    /** The same before the audit records with ids below `firstKept` go. */
    anchorAuditBefore(firstKept: number): void {
      const last = q.lastAuditBefore.get(siteId, firstKept) as
        { id: number; hash: string | null } | undefined;
      if (last?.hash) q.setAnchor.run(siteId, 'audit', last.id, last.hash);
    },
    /**
     * Seals a closed service day (its newest event is of a later day): the digest of the site's
     * last event of `day` or before, and of its audit head now. Idempotent: a day sealed before
     * answers its first seal unchanged.
     */
    sealDay: (day: string, at: number): ChainDigest => seal.immediate(day, at),
    /** The site's sealed days in [from, to], oldest first. */
    chainDigests(from: string, to: string): ChainDigest[] {
      return (q.digests.all(siteId, from, to) as StoredDigest[]).map(publicDigest);
    },
  };
}

export type SiteChain = ReturnType<typeof createSiteChain>;

/** A `chain_digests` row: the digest and what it was made of. */
type StoredDigest = StoredChainDigest;

export const DIGEST_SELECT = `SELECT site_id AS siteId, day, events_seq AS eventsSeq,
    events_hash AS eventsHash, audit_id AS auditId, audit_hash AS auditHash, digest, code,
    made_at AS madeAt
  FROM chain_digests`;

function publicDigest(row: StoredDigest): ChainDigest {
  return {
    siteId: row.siteId,
    day: row.day,
    code: row.code,
    digest: row.digest,
    eventsSeq: row.eventsSeq,
    auditId: row.auditId,
    madeAt: row.madeAt,
  };
}
