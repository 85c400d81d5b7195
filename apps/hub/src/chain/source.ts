// What `luot verify` reads (verify.ts): a store's chains as they are stored, one record at a
// time. The SQLite file has one (../db/chain-source.ts); the PostgreSQL part brings its own.
import type { ChainDigest } from '@luot/protocol';
import type { AuditChainContent, EventChainContent } from './chain.ts';

/** A record's stored link: both null on a record stored before the chain began. */
export interface StoredLink {
  prevHash: string | null;
  hash: string | null;
}

/** An `events` row as stored, with its seq and hashes. */
export interface EventChainRow extends EventChainContent, StoredLink {
  seq: number;
}

/** An `audit_log` row as stored, with its id and hashes. */
export interface AuditChainRow extends AuditChainContent, StoredLink {
  id: number;
}

/** A sealed day as stored: its digest and the chain heads it was made from. */
export interface StoredChainDigest extends ChainDigest {
  eventsHash: string;
  auditHash: string;
}

/** Where a chain goes on after a purge: the position and hash of the last record removed. */
export interface ChainAnchor {
  pos: number;
  hash: string;
}

/**
 * A store's tamper-evident log, read as stored. Iterables yield in chain order (events by seq,
 * audit records by id), every row of the site, hashed or not; nothing is filtered or repaired.
 * A source that cannot read throws (`luot verify` exits 2).
 */
export interface ChainSource {
  /** Where the records come from, for the output ("/srv/luot/luot.db"). */
  readonly name: string;
  /** Every site id with stored events, audit records, digests or anchors, sorted. */
  sites(): Promise<string[]>;
  events(siteId: string): AsyncIterable<EventChainRow>;
  audit(siteId: string): AsyncIterable<AuditChainRow>;
  /** The site's stored digests, oldest day first. */
  digests(siteId: string): Promise<StoredChainDigest[]>;
  /** The site's anchors (null: no hashed record of that chain was ever purged). */
  anchors(siteId: string): Promise<{ events: ChainAnchor | null; audit: ChainAnchor | null }>;
  close(): Promise<void>;
}
