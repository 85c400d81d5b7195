// What an attacker with the database file does, for the tamper-evident log's tests: each edit
// opens the file with better-sqlite3 directly (the hub is closed), as a person with the file
// would, and knows the hashing rule (src/chain/chain.ts) as anyone reading the code does.
import { openDatabase, type Db } from '../src/db/index.ts';
import {
  auditContent,
  chainHash,
  dayDigest,
  digestCode,
  eventContent,
  GENESIS_HASH,
} from '../src/chain/chain.ts';
import type { AuditChainRow, EventChainRow } from '../src/chain/source.ts';

export const SITE = 'trung-tam';

/** Runs `edit` on the file and closes it. */
export function tamper<T>(path: string, edit: (db: Db) => T): T {
  const db = openDatabase(path);
  try {
    return edit(db);
  } finally {
    db.close();
  }
}

const EVENT_COLUMNS = `site_id AS siteId, seq, day, at, type, ticket_id AS ticketId,
  field_id AS fieldId, counter_id AS counterId, clerk_id AS clerkId, actor, payload,
  prev_hash AS prevHash, hash`;
const AUDIT_COLUMNS = `site_id AS siteId, id, at, actor, action, target, detail,
  prev_hash AS prevHash, hash`;

export function eventRow(db: Db, seq: number): EventChainRow {
  return db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE site_id = ? AND seq = ?`)
    .get(SITE, seq) as EventChainRow;
}

export function auditRows(db: Db): AuditChainRow[] {
  return db
    .prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE site_id = ? ORDER BY id`)
    .all(SITE) as AuditChainRow[];
}

/** Moves the rows of `table` whose `col` is above `after` one place up (room for one more). */
export function shiftUp(db: Db, table: string, col: string, after: number): void {
  db.prepare(`UPDATE ${table} SET ${col} = -${col} WHERE site_id = ? AND ${col} > ?`).run(
    SITE,
    after,
  );
  db.prepare(`UPDATE ${table} SET ${col} = -${col} + 1 WHERE site_id = ? AND ${col} < 0`).run(SITE);
}

/** Swaps the positions of two rows. */
export function swap(db: Db, table: string, col: string, a: number, b: number) {
  const set = db.prepare(`UPDATE ${table} SET ${col} = ? WHERE site_id = ? AND ${col} = ?`);
  set.run(-1, SITE, a);
  set.run(a, SITE, b);
  set.run(b, SITE, -1);
}

/** Inserts a forged event after `after`, correctly linked to it and hashed (others shifted). */
export function insertForgedEvent(db: Db, after: number): void {
  const before = eventRow(db, after);
  shiftUp(db, 'events', 'seq', after);
  const payload = JSON.stringify({ type: 'ticket.recalled', at: before.at + 1, day: before.day });
  const row = { ...before, at: before.at + 1, type: 'ticket.recalled', payload };
  const hash = chainHash(before.hash!, eventContent(row));
  db.prepare(
    `INSERT INTO events (site_id, seq, day, at, type, ticket_id, field_id, counter_id, clerk_id,
       actor, payload, prev_hash, hash)
     VALUES (@siteId, @seq, @day, @at, @type, @ticketId, @fieldId, @counterId, @clerkId, @actor,
       @payload, @prevHash, @hash)`,
  ).run({ ...row, seq: after + 1, prevHash: before.hash, hash });
}

/** Recomputes every event hash from `fromSeq` on, as an attacker covering an edit would. */
export function rehashEvents(db: Db, fromSeq: number): void {
  const rows = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE site_id = ? AND seq >= ? ORDER BY seq`)
    .all(SITE, fromSeq) as EventChainRow[];
  let prev = rows[0]!.prevHash ?? GENESIS_HASH;
  const set = db.prepare(`UPDATE events SET prev_hash = ?, hash = ? WHERE site_id = ? AND seq = ?`);
  for (const r of rows) {
    const hash = chainHash(prev, eventContent(r));
    set.run(prev, hash, SITE, r.seq);
    prev = hash;
  }
}

/** Recomputes every audit hash from the record `fromId` on, the first linked to GENESIS_HASH. */
export function rehashAudit(db: Db, fromId = 0): void {
  let prev = GENESIS_HASH;
  const set = db.prepare(`UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?`);
  for (const r of auditRows(db).filter((a) => a.id >= fromId)) {
    const hash = chainHash(prev, auditContent(r));
    set.run(prev, hash, r.id);
    prev = hash;
  }
}

/** Remakes every stored digest from the (rewritten) chain, as a thorough attacker would. */
export function resealAll(db: Db): void {
  const digests = db.prepare(`SELECT day, events_seq, audit_id FROM chain_digests`).all() as {
    day: string;
    events_seq: number;
    audit_id: number;
  }[];
  for (const d of digests) {
    const eventsHash = eventRow(db, d.events_seq).hash!;
    const auditHash = auditRows(db).find((a) => a.id === d.audit_id)?.hash ?? GENESIS_HASH;
    const digest = dayDigest({ siteId: SITE, day: d.day, eventsHash, auditHash });
    db.prepare(
      `UPDATE chain_digests SET events_hash = ?, audit_hash = ?, digest = ?, code = ?
       WHERE site_id = ? AND day = ?`,
    ).run(eventsHash, auditHash, digest, digestCode(digest), SITE, d.day);
  }
}
