import type pg from 'pg';
import type {
  BookingRow,
  CitizenSessionRow,
  BookOutcome,
  CitizenStore,
  NewBooking,
} from '../store.ts';
import type { PgDb } from './pool.ts';

const BOOKING_COLUMNS = `id, site_id AS "siteId", field_id AS "fieldId", day, start,
  slot_at AS "slotAt", code, status, ticket_id AS "ticketId", created_at AS "createdAt", kind,
  phone_hash AS "phoneHash", ticket_token_hash AS "ticketTokenHash", updated_at AS "updatedAt"`;

/** An attempt counted for limits is kept this long (the longest window counted is an hour). */
const ATTEMPT_KEEP_MS = 86_400_000;

/**
 * Transaction-scoped advisory locks on these names, in a fixed order (so two transactions never
 * wait on each other in a circle): whoever counts and inserts under a name does so alone, on
 * every node.
 */
export async function lockNames(client: pg.PoolClient, names: readonly string[]): Promise<void> {
  for (const name of [...names].sort())
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [name]);
}

async function countOf(
  client: { query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> },
  text: string,
  values: unknown[],
): Promise<number> {
  return ((await client.query(text, values)).rows[0] as { n: number }).n;
}

const SLOT_TAKEN = `SELECT count(*)::int AS n FROM bookings WHERE site_id = $1 AND field_id = $2
  AND day = $3 AND start = $4 AND kind = 'slot' AND status IN ('booked', 'checked_in')`;
const OPEN_OF = `SELECT count(*)::int AS n FROM bookings
  WHERE phone_hash = $1 AND kind = 'slot' AND status = 'booked'`;
const CODE_USED = `SELECT count(*)::int AS n FROM bookings WHERE site_id = $1 AND day = $2 AND code = $3`;
const NUMBERS = `SELECT count(*)::int AS n FROM citizen_numbers WHERE phone_hash = $1 AND day = $2`;

async function insertBooking(
  client: pg.PoolClient,
  b: NewBooking,
  ticketId: string | null,
): Promise<void> {
  await client.query(
    `INSERT INTO bookings (id, site_id, field_id, day, start, slot_at, code, token_hash,
       ticket_token_hash, phone_hash, kind, status, ticket_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'booked', $12, $13, $13)`,
    [
      b.id,
      b.siteId,
      b.fieldId,
      b.day,
      b.start,
      b.slotAt,
      b.code,
      b.tokenHash,
      b.ticketTokenHash,
      b.phoneHash,
      b.kind,
      ticketId,
      b.createdAt,
    ],
  );
}

/**
 * The citizens' part of the PostgreSQL store (see `CitizenStore`). A limit's count and its
 * insert run in one transaction holding advisory locks on what is counted (the slot, the phone,
 * the day's codes): several nodes booking the last place at once are ordered there, and exactly
 * the places left are given.
 */
export function createPgCitizenStore(db: PgDb): CitizenStore {
  const one = async <R>(text: string, values: unknown[]): Promise<R | null> =>
    ((await db.query(text, values)).rows[0] as R | undefined) ?? null;
  return {
    async book(b, limits) {
      return db.tx(async (c): Promise<BookOutcome> => {
        await lockNames(c, [
          `slot:${b.siteId}:${b.fieldId}:${b.day}:${b.start}`,
          `phone:${b.phoneHash}`,
          `code:${b.siteId}:${b.day}:${b.code}`,
        ]);
        if (
          (await countOf(c, SLOT_TAKEN, [b.siteId, b.fieldId, b.day, b.start])) >= limits.capacity
        )
          return { ok: false, code: 'SLOT_FULL' };
        if ((await countOf(c, OPEN_OF, [b.phoneHash])) >= limits.openBookings)
          return { ok: false, code: 'LIMIT_REACHED' };
        if ((await countOf(c, CODE_USED, [b.siteId, b.day, b.code])) > 0)
          return { ok: false, code: 'CODE_TAKEN' };
        await insertBooking(c, b, null);
        return { ok: true };
      });
    },
    async addRemoteBooking(b) {
      return db.tx(async (c) => {
        await lockNames(c, [`code:${b.siteId}:${b.day}:${b.code}`]);
        if ((await countOf(c, CODE_USED, [b.siteId, b.day, b.code])) > 0) return false;
        await insertBooking(c, b, b.ticketId);
        return true;
      });
    },
    bookingByCode: (siteId, day, code) =>
      one<BookingRow>(
        `SELECT ${BOOKING_COLUMNS} FROM bookings WHERE site_id = $1 AND day = $2 AND code = $3`,
        [siteId, day, code],
      ),
    bookingByTokenHash: (tokenHash) =>
      one<BookingRow>(`SELECT ${BOOKING_COLUMNS} FROM bookings WHERE token_hash = $1`, [tokenHash]),
    async moveBooking(id, from, to, at, ticketId) {
      const r = await db.query(
        `UPDATE bookings SET status = $3, updated_at = $4, ticket_id = COALESCE($5, ticket_id)
         WHERE id = $1 AND status = $2`,
        [id, from, to, at, ticketId ?? null],
      );
      return r.rowCount === 1;
    },
    async slotTakings(siteId, fieldId, day) {
      const { rows } = await db.query<{ start: string; n: number }>(
        `SELECT start, count(*)::int AS n FROM bookings WHERE site_id = $1 AND field_id = $2
           AND day = $3 AND kind = 'slot' AND status IN ('booked', 'checked_in') GROUP BY start`,
        [siteId, fieldId, day],
      );
      return Object.fromEntries(rows.map((r) => [r.start, r.n]));
    },
    openBookingsOf: (phoneHash) => countOf(db, OPEN_OF, [phoneHash]),
    async bookingsBegunBefore(siteId, slotBefore) {
      const { rows } = await db.query<BookingRow>(
        `SELECT ${BOOKING_COLUMNS} FROM bookings
         WHERE site_id = $1 AND kind = 'slot' AND status = 'booked' AND slot_at < $2
         ORDER BY slot_at`,
        [siteId, slotBefore],
      );
      return rows;
    },
    async reserveNumber(entry, limit) {
      return db.tx(async (c) => {
        await lockNames(c, [`numbers:${entry.phoneHash}:${entry.day}`]);
        if ((await countOf(c, NUMBERS, [entry.phoneHash, entry.day])) >= limit) return null;
        const { rows } = await c.query<{ id: number }>(
          `INSERT INTO citizen_numbers (phone_hash, day, site_id, at) VALUES ($1, $2, $3, $4)
           RETURNING id`,
          [entry.phoneHash, entry.day, entry.siteId, entry.at],
        );
        return rows[0]!.id;
      });
    },
    async settleNumber(id, ticketId) {
      if (ticketId === null) await db.query('DELETE FROM citizen_numbers WHERE id = $1', [id]);
      else
        await db.query('UPDATE citizen_numbers SET ticket_id = $2 WHERE id = $1', [id, ticketId]);
    },
    numbersOf: (phoneHash, day) => countOf(db, NUMBERS, [phoneHash, day]),
    async putCode(c) {
      await db.query(
        `INSERT INTO citizen_codes (phone_hash, code_hash, created_at, expires_at, tries)
         VALUES ($1, $2, $3, $4, 0)
         ON CONFLICT (phone_hash) DO UPDATE SET code_hash = excluded.code_hash,
           created_at = excluded.created_at, expires_at = excluded.expires_at, tries = 0`,
        [c.phoneHash, c.codeHash, c.at, c.expiresAt],
      );
    },
    async codeMadeAt(phoneHash) {
      const row = await one<{ at: number }>(
        'SELECT created_at AS at FROM citizen_codes WHERE phone_hash = $1',
        [phoneHash],
      );
      return row?.at ?? null;
    },
    async useCode(phoneHash, codeHash, now, maxTries) {
      return db.tx(async (c): Promise<'ok' | 'wrong'> => {
        const code = (
          await c.query<{ codeHash: string; expiresAt: number; tries: number }>(
            `SELECT code_hash AS "codeHash", expires_at AS "expiresAt", tries
             FROM citizen_codes WHERE phone_hash = $1 FOR UPDATE`,
            [phoneHash],
          )
        ).rows[0];
        if (!code || code.expiresAt <= now || code.tries >= maxTries) return 'wrong';
        if (code.codeHash === codeHash) {
          await c.query('DELETE FROM citizen_codes WHERE phone_hash = $1', [phoneHash]);
          return 'ok';
        }
        await c.query('UPDATE citizen_codes SET tries = tries + 1 WHERE phone_hash = $1', [
          phoneHash,
        ]);
        return 'wrong';
      });
    },
    async attempt(keys, since, limit, at) {
      return db.tx(async (c) => {
        await lockNames(
          c,
          keys.map((k) => `attempt:${k}`),
        );
        for (const key of keys)
          if (
            (await countOf(
              c,
              'SELECT count(*)::int AS n FROM citizen_attempts WHERE key = $1 AND at >= $2',
              [key, since],
            )) >= limit
          )
            return null;
        const ids: number[] = [];
        for (const key of keys)
          ids.push(
            (
              await c.query<{ id: number }>(
                'INSERT INTO citizen_attempts (key, at) VALUES ($1, $2) RETURNING id',
                [key, at],
              )
            ).rows[0]!.id,
          );
        return ids;
      });
    },
    async forgetAttempts(ids) {
      if (ids.length > 0)
        await db.query('DELETE FROM citizen_attempts WHERE id = ANY ($1::bigint[])', [ids]);
    },
    async oldestAttempt(key, since) {
      const row = await one<{ at: number | null }>(
        'SELECT min(at) AS at FROM citizen_attempts WHERE key = $1 AND at >= $2',
        [key, since],
      );
      return row?.at ?? null;
    },
    async createCitizenSession(s) {
      await db.query(
        `INSERT INTO citizen_sessions (token_hash, phone_hash, phone_sealed, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [s.tokenHash, s.phoneHash, s.phoneSealed, s.at, s.expiresAt],
      );
    },
    citizenSession: (tokenHash, now) =>
      one<CitizenSessionRow>(
        `SELECT phone_hash AS "phoneHash", phone_sealed AS "phoneSealed", expires_at AS "expiresAt" FROM citizen_sessions
         WHERE token_hash = $1 AND expires_at > $2`,
        [tokenHash, now],
      ),
    async purgeCitizens(siteId, before, now) {
      return db.tx(async (c) => {
        let n = 0;
        const run = async (text: string, values: unknown[]) =>
          (n += (await c.query(text, values)).rowCount ?? 0);
        await run('DELETE FROM bookings WHERE site_id = $1 AND day < $2', [siteId, before.day]);
        await run('DELETE FROM citizen_numbers WHERE day < $1', [before.day]);
        await run('DELETE FROM citizen_codes WHERE expires_at <= $1', [now]);
        await run('DELETE FROM citizen_sessions WHERE expires_at <= $1', [now]);
        await run('DELETE FROM citizen_attempts WHERE at < $1', [now - ATTEMPT_KEEP_MS]);
        return n;
      });
    },
  };
}
