import type { IdCardStore } from '../store.ts';
import { lockNames } from './citizens.ts';
import type { PgDb } from './pool.ts';

const COUNT = `SELECT count(*)::int AS n FROM id_card_numbers
  WHERE site_id = $1 AND person_hash = $2 AND day = $3`;

/**
 * The ID card's per-person count on PostgreSQL (migration 006; see `IdCardStore`). The count and
 * the insert run in one transaction holding an advisory lock on the person's day at the site, so
 * nodes counting the same person at once are ordered there.
 */
export function createPgIdCardStore(db: PgDb): IdCardStore {
  return {
    async reserveIdCardNumber(entry, limit) {
      return db.tx(async (c) => {
        await lockNames(c, [`id-card:${entry.siteId}:${entry.personHash}:${entry.day}`]);
        const { rows } = await c.query<{ n: number }>(COUNT, [
          entry.siteId,
          entry.personHash,
          entry.day,
        ]);
        if (rows[0]!.n >= limit) return null;
        const inserted = await c.query<{ id: string }>(
          `INSERT INTO id_card_numbers (site_id, day, person_hash, at) VALUES ($1, $2, $3, $4)
           RETURNING id::text AS id`,
          [entry.siteId, entry.day, entry.personHash, entry.at],
        );
        return Number(inserted.rows[0]!.id);
      });
    },
    async settleIdCardNumber(id, ticketId) {
      if (ticketId === null) await db.query('DELETE FROM id_card_numbers WHERE id = $1', [id]);
      else
        await db.query('UPDATE id_card_numbers SET ticket_id = $2 WHERE id = $1', [id, ticketId]);
    },
    async releaseIdCardTicket(siteId, ticketId) {
      await db.query('DELETE FROM id_card_numbers WHERE site_id = $1 AND ticket_id = $2', [
        siteId,
        ticketId,
      ]);
    },
    async idCardNumbersOf(siteId, personHash, day) {
      const { rows } = await db.query(COUNT, [siteId, personHash, day]);
      return (rows[0] as { n: number }).n;
    },
    async purgeIdCards(siteId, before) {
      const result = await db.query('DELETE FROM id_card_numbers WHERE site_id = $1 AND day < $2', [
        siteId,
        before.day,
      ]);
      return result.rowCount ?? 0;
    },
  };
}
