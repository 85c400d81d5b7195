import type { IdCardStore, Sync } from '../store.ts';
import type { Db } from './open-database.ts';

/**
 * The ID card's per-person count in the SQLite file (migration 011; see `IdCardStore`). The count
 * and the insert run in one IMMEDIATE transaction: the write lock comes before the count.
 */
export function createIdCardStore(db: Db): Sync<IdCardStore> {
  const q = {
    count: db.prepare(
      `SELECT count(*) AS n FROM id_card_numbers WHERE site_id = ? AND person_hash = ? AND day = ?`,
    ),
    insert: db.prepare(
      `INSERT INTO id_card_numbers (site_id, day, person_hash, at) VALUES (?, ?, ?, ?)`,
    ),
    settle: db.prepare(`UPDATE id_card_numbers SET ticket_id = ? WHERE id = ?`),
    drop: db.prepare(`DELETE FROM id_card_numbers WHERE id = ?`),
    release: db.prepare(`DELETE FROM id_card_numbers WHERE site_id = ? AND ticket_id = ?`),
    purge: db.prepare(`DELETE FROM id_card_numbers WHERE site_id = ? AND day < ?`),
  };
  const count = (siteId: string, personHash: string, day: string) =>
    (q.count.get(siteId, personHash, day) as { n: number }).n;
  return {
    reserveIdCardNumber(entry, limit) {
      return db
        .transaction(() => {
          if (count(entry.siteId, entry.personHash, entry.day) >= limit) return null;
          const row = q.insert.run(entry.siteId, entry.day, entry.personHash, entry.at);
          return Number(row.lastInsertRowid);
        })
        .immediate();
    },
    settleIdCardNumber(id, ticketId) {
      if (ticketId === null) q.drop.run(id);
      else q.settle.run(ticketId, id);
    },
    releaseIdCardTicket(siteId, ticketId) {
      q.release.run(siteId, ticketId);
    },
    idCardNumbersOf: count,
    purgeIdCards: (siteId, before) => q.purge.run(siteId, before.day).changes,
  };
}
