import type {
  ClaimedMessage,
  ContactRow,
  MessageCounts,
  MessageRow,
  MessageStore,
  NewMessage,
} from '../store.ts';
import type { PgDb } from './pool.ts';

const MESSAGE_ROW = `id, kind, channel, masked, status, attempts, last_error AS "lastError",
  created_at AS "createdAt", sent_at AS "sentAt", next_at AS "nextAt"`;
const CONTACT_ROW = `site_id AS "siteId", subject, channel, recipient, masked, slot_at AS "slotAt"`;

/**
 * The outbox and its contacts, settings and secrets on PostgreSQL (migration 003). Several
 * nodes send: a claim takes due rows `FOR UPDATE SKIP LOCKED`, so two nodes never claim the same
 * message, and marks them `sending` with a lease in the same statement.
 */
export function createPgMessageStore(db: PgDb): MessageStore {
  /** Stores a chunk of messages in one statement; resolves how many were new. */
  async function insertMessages(messages: readonly NewMessage[]): Promise<number> {
    const columns = 11;
    const values = messages.flatMap((m) => [
      m.id,
      m.key,
      m.siteId,
      m.kind,
      m.channel,
      m.recipient,
      m.masked,
      m.text,
      JSON.stringify(m.data),
      m.notBefore ?? m.at,
      m.at,
    ]);
    const rows = messages.map((_, r) => {
      const $ = (k: number) => `$${r * columns + k}`;
      return `(${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}, ${$(7)}, ${$(8)}, ${$(9)}, 'pending', 0, ${$(10)}, ${$(11)})`;
    });
    // One statement: one commit for the whole batch.
    const { rowCount } = await db.query(
      `INSERT INTO messages (id, key, site_id, kind, channel, recipient, masked, text, data,
         status, attempts, next_at, created_at)
       VALUES ${rows.join(', ')}
       ON CONFLICT (key) DO NOTHING`,
      values,
    );
    return rowCount ?? 0;
  }

  return {
    async enqueueMessages(messages) {
      let stored = 0;
      // One statement (one commit) per 1,000 messages: well under PostgreSQL's 65,535 parameters.
      for (let i = 0; i < messages.length; i += 1000)
        stored += await insertMessages(messages.slice(i, i + 1000));
      return stored;
    },

    async claimMessages(now, limit, leaseMs) {
      const { rows } = await db.query<Omit<ClaimedMessage, 'data'> & { data: string }>(
        `UPDATE messages m SET status = 'sending', attempts = m.attempts + 1, next_at = $2
         FROM (SELECT id FROM messages
               WHERE status IN ('pending', 'sending') AND next_at <= $1
               ORDER BY next_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
         WHERE m.id = due.id
         RETURNING m.id, m.site_id AS "siteId", m.kind, m.channel, m.recipient, m.text, m.data,
           m.attempts, m.created_at AS "createdAt"`,
        [now, now + leaseMs, limit],
      );
      return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, string> }));
    },
    async finishMessages(ids, outcome) {
      if (ids.length === 0) return;
      await db.query(
        `UPDATE messages SET status = $1, sent_at = $2, last_error = COALESCE($3, last_error),
           recipient = NULL WHERE id = ANY($4::text[])`,
        [outcome.status, outcome.at, outcome.error ?? null, [...ids]],
      );
    },
    async retryMessage(id, nextAt, error) {
      await db.query(
        `UPDATE messages SET status = 'pending', next_at = $1, last_error = $2 WHERE id = $3`,
        [nextAt, error, id],
      );
    },
    async listMessages(siteId, limit) {
      const { rows } = await db.query<MessageRow>(
        `SELECT ${MESSAGE_ROW} FROM messages WHERE site_id = $1
         ORDER BY created_at DESC, id DESC LIMIT $2`,
        [siteId, limit],
      );
      return rows;
    },
    async countMessages(siteId) {
      const counts: MessageCounts = { pending: 0, sending: 0, sent: 0, failed: 0 };
      const { rows } = await db.query<{ status: keyof MessageCounts; n: number }>(
        `SELECT status, COUNT(*)::int AS n FROM messages WHERE site_id = $1 GROUP BY status`,
        [siteId],
      );
      for (const row of rows) counts[row.status] = row.n;
      return counts;
    },
    async purgeMessages(siteId, before) {
      return db.tx(async (c) => {
        await c.query(
          `DELETE FROM message_contacts WHERE site_id = $1 AND COALESCE(slot_at, created_at) < $2`,
          [siteId, before],
        );
        const { rowCount } = await c.query(
          `DELETE FROM messages WHERE site_id = $1 AND created_at < $2`,
          [siteId, before],
        );
        return rowCount ?? 0;
      });
    },
    async saveContact(contact: ContactRow, at) {
      await db.query(
        `INSERT INTO message_contacts (site_id, subject, channel, recipient, masked, slot_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (site_id, subject, channel) DO UPDATE SET recipient = excluded.recipient,
           masked = excluded.masked, slot_at = excluded.slot_at`,
        [
          contact.siteId,
          contact.subject,
          contact.channel,
          contact.recipient,
          contact.masked,
          contact.slotAt,
          at,
        ],
      );
    },
    async contactsOf(siteId, subjects) {
      if (subjects.length === 0) return [];
      const { rows } = await db.query<ContactRow>(
        `SELECT ${CONTACT_ROW} FROM message_contacts
         WHERE site_id = $1 AND subject = ANY ($2::text[]) ORDER BY subject, channel`,
        [siteId, subjects],
      );
      return rows;
    },
    async contactsWithSlotIn(siteId, from, to) {
      const { rows } = await db.query<ContactRow>(
        `SELECT ${CONTACT_ROW} FROM message_contacts
         WHERE site_id = $1 AND slot_at >= $2 AND slot_at < $3 ORDER BY slot_at, subject, channel`,
        [siteId, from, to],
      );
      return rows;
    },
    async moveContacts(siteId, from, to) {
      await db.tx(async (c) => {
        await c.query(
          `DELETE FROM message_contacts WHERE site_id = $1 AND subject = $2
             AND channel IN (SELECT channel FROM message_contacts WHERE site_id = $1 AND subject = $3)`,
          [siteId, to, from],
        );
        await c.query(
          `UPDATE message_contacts SET subject = $1, slot_at = NULL WHERE site_id = $2 AND subject = $3`,
          [to, siteId, from],
        );
      });
    },
    async deleteContacts(siteId, subject) {
      const { rowCount } = await db.query(
        `DELETE FROM message_contacts WHERE site_id = $1 AND subject = $2`,
        [siteId, subject],
      );
      return rowCount ?? 0;
    },
    async readMessageSettings(siteId) {
      const { rows } = await db.query<{ json: string }>(
        `SELECT json FROM message_settings WHERE site_id = $1`,
        [siteId],
      );
      return rows[0] ? (JSON.parse(rows[0].json) as unknown) : null;
    },
    async writeMessageSettings(siteId, settings, at) {
      await db.query(
        `INSERT INTO message_settings (site_id, json, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (site_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
        [siteId, JSON.stringify(settings), at],
      );
    },
    async secret(name, make, at) {
      const found = await db.query<{ value: string }>(`SELECT value FROM secrets WHERE name = $1`, [
        name,
      ]);
      if (found.rows[0]) return found.rows[0].value;
      await db.query(
        `INSERT INTO secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
        [name, make(), at],
      );
      const { rows } = await db.query<{ value: string }>(
        `SELECT value FROM secrets WHERE name = $1`,
        [name],
      );
      return rows[0]!.value;
    },
  };
}
