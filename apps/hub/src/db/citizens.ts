import type { BookingStatus } from '@luot/domain';
import type {
  BookingRow,
  CitizenSessionRow,
  BookOutcome,
  CitizenStore,
  NewBooking,
  Sync,
} from '../store.ts';
import type { Db } from './open-database.ts';

const BOOKING_COLUMNS = `id, site_id AS siteId, field_id AS fieldId, day, start, slot_at AS slotAt,
  code, status, ticket_id AS ticketId, created_at AS createdAt, kind, phone_hash AS phoneHash,
  ticket_token_hash AS ticketTokenHash, updated_at AS updatedAt`;

/** An attempt counted for limits is kept this long (the longest window counted is an hour). */
export const ATTEMPT_KEEP_MS = 86_400_000;

/**
 * The citizens' part of the SQLite store (see `CitizenStore`). A limit's count and its insert
 * run in one IMMEDIATE transaction: the write lock is taken before the count, so no other
 * connection (a `luot` command) counts between them; within the hub's one process every call
 * runs to its end before the next.
 */
export function createCitizenStore(db: Db): Sync<CitizenStore> {
  const q = {
    slotTaken: db.prepare(
      `SELECT count(*) AS n FROM bookings WHERE site_id = ? AND field_id = ? AND day = ?
         AND start = ? AND kind = 'slot' AND status IN ('booked', 'checked_in')`,
    ),
    openOf: db.prepare(
      `SELECT count(*) AS n FROM bookings WHERE phone_hash = ? AND kind = 'slot' AND status = 'booked'`,
    ),
    codeUsed: db.prepare(`SELECT 1 FROM bookings WHERE site_id = ? AND day = ? AND code = ?`),
    insertBooking: db.prepare(
      `INSERT INTO bookings (id, site_id, field_id, day, start, slot_at, code, token_hash,
         ticket_token_hash, phone_hash, kind, status, ticket_id, created_at, updated_at)
       VALUES (@id, @siteId, @fieldId, @day, @start, @slotAt, @code, @tokenHash, @ticketTokenHash,
         @phoneHash, @kind, @status, @ticketId, @createdAt, @createdAt)`,
    ),
    byCode: db.prepare(
      `SELECT ${BOOKING_COLUMNS} FROM bookings WHERE site_id = ? AND day = ? AND code = ?`,
    ),
    byToken: db.prepare(`SELECT ${BOOKING_COLUMNS} FROM bookings WHERE token_hash = ?`),
    move: db.prepare(
      `UPDATE bookings SET status = @to, updated_at = @at, ticket_id = COALESCE(@ticketId, ticket_id)
       WHERE id = @id AND status = @from`,
    ),
    takings: db.prepare(
      `SELECT start, count(*) AS n FROM bookings WHERE site_id = ? AND field_id = ? AND day = ?
         AND kind = 'slot' AND status IN ('booked', 'checked_in') GROUP BY start`,
    ),
    begun: db.prepare(
      `SELECT ${BOOKING_COLUMNS} FROM bookings
       WHERE site_id = ? AND kind = 'slot' AND status = 'booked' AND slot_at < ? ORDER BY slot_at`,
    ),
    numbers: db.prepare(
      `SELECT count(*) AS n FROM citizen_numbers WHERE phone_hash = ? AND day = ?`,
    ),
    insertNumber: db.prepare(
      `INSERT INTO citizen_numbers (phone_hash, day, site_id, at) VALUES (?, ?, ?, ?)`,
    ),
    settleNumber: db.prepare(`UPDATE citizen_numbers SET ticket_id = ? WHERE id = ?`),
    dropNumber: db.prepare(`DELETE FROM citizen_numbers WHERE id = ?`),
    putCode: db.prepare(
      `INSERT INTO citizen_codes (phone_hash, code_hash, created_at, expires_at, tries)
       VALUES (?, ?, ?, ?, 0)
       ON CONFLICT (phone_hash) DO UPDATE SET code_hash = excluded.code_hash,
         created_at = excluded.created_at, expires_at = excluded.expires_at, tries = 0`,
    ),
    code: db.prepare(
      `SELECT code_hash AS codeHash, created_at AS createdAt, expires_at AS expiresAt, tries
       FROM citizen_codes WHERE phone_hash = ?`,
    ),
    tryCode: db.prepare(`UPDATE citizen_codes SET tries = tries + 1 WHERE phone_hash = ?`),
    dropCode: db.prepare(`DELETE FROM citizen_codes WHERE phone_hash = ?`),
    attempts: db.prepare(`SELECT count(*) AS n FROM citizen_attempts WHERE key = ? AND at >= ?`),
    oldest: db.prepare(`SELECT min(at) AS at FROM citizen_attempts WHERE key = ? AND at >= ?`),
    insertAttempt: db.prepare(`INSERT INTO citizen_attempts (key, at) VALUES (?, ?)`),
    dropAttempt: db.prepare(`DELETE FROM citizen_attempts WHERE id = ?`),
    insertSession: db.prepare(
      `INSERT INTO citizen_sessions (token_hash, phone_hash, phone_sealed, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    session: db.prepare(
      `SELECT phone_hash AS phoneHash, phone_sealed AS phoneSealed, expires_at AS expiresAt
       FROM citizen_sessions
       WHERE token_hash = ? AND expires_at > ?`,
    ),
    purgeBookings: db.prepare(`DELETE FROM bookings WHERE site_id = ? AND day < ?`),
    purgeNumbers: db.prepare(`DELETE FROM citizen_numbers WHERE day < ?`),
    purgeCodes: db.prepare(`DELETE FROM citizen_codes WHERE expires_at <= ?`),
    purgeSessions: db.prepare(`DELETE FROM citizen_sessions WHERE expires_at <= ?`),
    purgeAttempts: db.prepare(`DELETE FROM citizen_attempts WHERE at < ?`),
  };
  const count = (statement: { get(...a: unknown[]): unknown }, ...args: unknown[]) =>
    (statement.get(...args) as { n: number }).n;
  const insert = (b: NewBooking, status: BookingStatus, ticketId: string | null) =>
    q.insertBooking.run({ ...b, status, ticketId });

  return {
    book(b, limits): BookOutcome {
      return db
        .transaction((): BookOutcome => {
          if (count(q.slotTaken, b.siteId, b.fieldId, b.day, b.start) >= limits.capacity)
            return { ok: false, code: 'SLOT_FULL' };
          if (count(q.openOf, b.phoneHash) >= limits.openBookings)
            return { ok: false, code: 'LIMIT_REACHED' };
          if (q.codeUsed.get(b.siteId, b.day, b.code)) return { ok: false, code: 'CODE_TAKEN' };
          insert(b, 'booked', null);
          return { ok: true };
        })
        .immediate();
    },
    addRemoteBooking(b): boolean {
      return db
        .transaction(() => {
          if (q.codeUsed.get(b.siteId, b.day, b.code)) return false;
          insert(b, 'booked', b.ticketId);
          return true;
        })
        .immediate();
    },
    bookingByCode: (siteId, day, code) =>
      (q.byCode.get(siteId, day, code) as BookingRow | undefined) ?? null,
    bookingByTokenHash: (tokenHash) => (q.byToken.get(tokenHash) as BookingRow | undefined) ?? null,
    moveBooking: (id, from, to, at, ticketId) =>
      q.move.run({ id, from, to, at, ticketId: ticketId ?? null }).changes === 1,
    slotTakings(siteId, fieldId, day) {
      const rows = q.takings.all(siteId, fieldId, day) as { start: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.start, r.n]));
    },
    openBookingsOf: (phoneHash) => count(q.openOf, phoneHash),
    bookingsBegunBefore: (siteId, slotBefore) => q.begun.all(siteId, slotBefore) as BookingRow[],
    reserveNumber(entry, limit) {
      return db
        .transaction(() => {
          if (count(q.numbers, entry.phoneHash, entry.day) >= limit) return null;
          return Number(
            q.insertNumber.run(entry.phoneHash, entry.day, entry.siteId, entry.at).lastInsertRowid,
          );
        })
        .immediate();
    },
    settleNumber(id, ticketId) {
      if (ticketId === null) q.dropNumber.run(id);
      else q.settleNumber.run(ticketId, id);
    },
    numbersOf: (phoneHash, day) => count(q.numbers, phoneHash, day),
    putCode(c) {
      q.putCode.run(c.phoneHash, c.codeHash, c.at, c.expiresAt);
    },
    codeMadeAt: (phoneHash) =>
      (q.code.get(phoneHash) as { createdAt: number } | undefined)?.createdAt ?? null,
    useCode(phoneHash, codeHash, now, maxTries) {
      return db
        .transaction((): 'ok' | 'wrong' => {
          const code = q.code.get(phoneHash) as
            { codeHash: string; expiresAt: number; tries: number } | undefined;
          if (!code || code.expiresAt <= now || code.tries >= maxTries) return 'wrong';
          if (code.codeHash === codeHash) {
            q.dropCode.run(phoneHash);
            return 'ok';
          }
          q.tryCode.run(phoneHash);
          return 'wrong';
        })
        .immediate();
    },
    attempt(keys, since, limit, at) {
      return db
        .transaction(() => {
          if (keys.some((key) => count(q.attempts, key, since) >= limit)) return null;
          return keys.map((key) => Number(q.insertAttempt.run(key, at).lastInsertRowid));
        })
        .immediate();
    },
    forgetAttempts(ids) {
      for (const id of ids) q.dropAttempt.run(id);
    },
    oldestAttempt: (key, since) => (q.oldest.get(key, since) as { at: number | null }).at ?? null,
    createCitizenSession(s) {
      q.insertSession.run(s.tokenHash, s.phoneHash, s.phoneSealed, s.at, s.expiresAt);
    },
    citizenSession: (tokenHash, now) =>
      (q.session.get(tokenHash, now) as CitizenSessionRow | undefined) ?? null,
    purgeCitizens(siteId, before, now) {
      return db.transaction(
        () =>
          q.purgeBookings.run(siteId, before.day).changes +
          q.purgeNumbers.run(before.day).changes +
          q.purgeCodes.run(now).changes +
          q.purgeSessions.run(now).changes +
          q.purgeAttempts.run(now - ATTEMPT_KEEP_MS).changes,
      )();
    },
  };
}
