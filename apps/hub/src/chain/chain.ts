// The tamper-evident log (issue 17): the one hashing rule that both stores apply as they write,
// and `luot verify` applies as it checks. A record's hash covers its content and the hash of the
// record before it in its chain, so changing, removing, adding or moving any stored record
// breaks every hash after it; a day's digest, published outside the database (the lobby board,
// the day's report), pins the chain so that even a rewrite of every hash after a change shows.
//
// Chains: per site, one over its queue events (in `seq` order) and one over its audit records
// (in `id` order). Positions (seq, id) are not hashed: order is carried by the links alone, so
// verify can tell a record moved from a record changed.
import { createHash } from 'node:crypto';

/** The `prev_hash` of a chain's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** An event row as stored (the columns of `events` but `seq` and the hashes). */
export interface EventChainContent {
  siteId: string;
  day: string;
  at: number;
  type: string;
  ticketId: string | null;
  fieldId: string | null;
  counterId: string | null;
  clerkId: string | null;
  actor: string;
  /** The stored JSON text, byte for byte. */
  payload: string;
}

/** An audit row as stored (the columns of `audit_log` but `id` and the hashes). */
export interface AuditChainContent {
  siteId: string;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  /** The stored JSON text, byte for byte. */
  detail: string;
}

/** The canonical text of an event row: what its hash covers besides the link. */
export function eventContent(row: EventChainContent): string {
  return JSON.stringify([
    'event',
    row.siteId,
    row.day,
    row.at,
    row.type,
    row.ticketId,
    row.fieldId,
    row.counterId,
    row.clerkId,
    row.actor,
    row.payload,
  ]);
}

/** The canonical text of an audit row. */
export function auditContent(row: AuditChainContent): string {
  return JSON.stringify([
    'audit',
    row.siteId,
    row.at,
    row.actor,
    row.action,
    row.target,
    row.detail,
  ]);
}

/** A record's hash (hex SHA-256) from the previous record's hash and its own content. */
export function chainHash(prevHash: string, content: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** What a day's digest covers: the heads of both chains at the day's end. */
export interface DigestInput {
  siteId: string;
  day: string;
  /** Hash of the site's last event of the day (or before it); GENESIS_HASH when none. */
  eventsHash: string;
  /** Hash of the site's last audit record at sealing; GENESIS_HASH when none. */
  auditHash: string;
}

/** A day's digest, hex SHA-256. */
export function dayDigest(input: DigestInput): string {
  return createHash('sha256')
    .update(
      ['luot-digest-v1', input.siteId, input.day, input.eventsHash, input.auditHash].join('\n'),
    )
    .digest('hex');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The code people read from a digest: its first 60 bits in Crockford base 32 (no I, L, O, U),
 * 12 characters in groups of 4, e.g. "7KQ2-M9XD-3F0A". Forging a rewritten day with the same
 * code takes about 2^60 hashes.
 */
export function digestCode(digestHex: string): string {
  let bits = BigInt('0x' + digestHex.slice(0, 16)) >> 4n; // 64 → 60 bits
  const chars: string[] = [];
  for (let i = 0; i < 12; i++) {
    chars.unshift(CROCKFORD[Number(bits & 31n)]!);
    bits >>= 5n;
  }
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** A typed code as its canonical form (case, spaces, dashes and look-alikes forgiven), or null. */
export function normalizeDigestCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(plain)) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}
