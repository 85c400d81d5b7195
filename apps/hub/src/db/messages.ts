import type {
  ClaimedMessage,
  ContactRow,
  MessageCounts,
  MessageRow,
  MessageStore,
  NewMessage,
  Sync,
} from '../store.ts';
import type { Db } from './open-database.ts';

const MESSAGE_ROW = `id, kind, channel, masked, status, attempts, last_error AS lastError,
  created_at AS createdAt, sent_at AS sentAt, next_at AS nextAt`;
const CONTACT_ROW = `site_id AS siteId, subject, channel, recipient, masked, slot_at AS slotAt`;

/**
 * The outbox and its contacts, settings and secrets in the SQLite file (migration 008). One
 * process writes the file, so a claim is a plain transaction: select the due rows, mark them.
 */
export function createMessageStore(db: Db): Sync<MessageStore> {
  const q = {
    enqueue: db.prepare(
      `INSERT INTO messages (id, key, site_id, kind, channel, recipient, masked, text, data,
         status, attempts, next_at, created_at)
       VALUES (@id, @key, @siteId, @kind, @channel, @recipient, @masked, @text, @data,
         'pending', 0, @nextAt, @at)
       ON CONFLICT (key) DO NOTHING`,
    ),
    due: db.prepare(
      `SELECT id, site_id AS siteId, kind, channel, recipient, text, data, attempts,
         created_at AS createdAt
       FROM messages WHERE status IN ('pending', 'sending') AND next_at <= ?
       ORDER BY next_at, rowid LIMIT ?`,
    ),
    claim: db.prepare(
      `UPDATE messages SET status = 'sending', attempts = attempts + 1, next_at = ? WHERE id = ?`,
    ),
    finish: db.prepare(
      `UPDATE messages SET status = ?, sent_at = ?, last_error = COALESCE(?, last_error),
         recipient = NULL WHERE id = ?`,
    ),
    retry: db.prepare(
      `UPDATE messages SET status = 'pending', next_at = ?, last_error = ? WHERE id = ?`,
    ),
    list: db.prepare(
      `SELECT ${MESSAGE_ROW} FROM messages WHERE site_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ),
    count: db.prepare(
      `SELECT status, COUNT(*) AS n FROM messages WHERE site_id = ? GROUP BY status`,
    ),
    purge: db.prepare(`DELETE FROM messages WHERE site_id = ? AND created_at < ?`),
    purgeContacts: db.prepare(
      `DELETE FROM message_contacts WHERE site_id = ? AND COALESCE(slot_at, created_at) < ?`,
    ),
    saveContact: db.prepare(
      `INSERT INTO message_contacts (site_id, subject, channel, recipient, masked, slot_at, created_at)
       VALUES (@siteId, @subject, @channel, @recipient, @masked, @slotAt, @at)
       ON CONFLICT (site_id, subject, channel) DO UPDATE SET recipient = excluded.recipient,
         masked = excluded.masked, slot_at = excluded.slot_at`,
    ),
    contactsOf: db.prepare(
      `SELECT ${CONTACT_ROW} FROM message_contacts
       WHERE site_id = ? AND subject IN (SELECT value FROM json_each(?)) ORDER BY subject, channel`,
    ),
    slotIn: db.prepare(
      `SELECT ${CONTACT_ROW} FROM message_contacts
       WHERE site_id = ? AND slot_at >= ? AND slot_at < ? ORDER BY slot_at, subject, channel`,
    ),
    dropMoved: db.prepare(
      `DELETE FROM message_contacts WHERE site_id = ? AND subject = ?
         AND channel IN (SELECT channel FROM message_contacts WHERE site_id = ? AND subject = ?)`,
    ),
    move: db.prepare(
      `UPDATE message_contacts SET subject = ?, slot_at = NULL WHERE site_id = ? AND subject = ?`,
    ),
    deleteContacts: db.prepare(`DELETE FROM message_contacts WHERE site_id = ? AND subject = ?`),
    readSettings: db.prepare(`SELECT json FROM message_settings WHERE site_id = ?`),
    writeSettings: db.prepare(
      `INSERT INTO message_settings (site_id, json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (site_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    ),
    insertSecret: db.prepare(
      `INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING`,
    ),
    secret: db.prepare(`SELECT value FROM secrets WHERE name = ?`),
  };

  const claim = db.transaction((now: number, limit: number, leaseMs: number) => {
    const rows = q.due.all(now, limit) as (Omit<ClaimedMessage, 'data'> & { data: string })[];
    return rows.map((row) => {
      q.claim.run(now + leaseMs, row.id);
      return {
        ...row,
        data: JSON.parse(row.data) as Record<string, string>,
        attempts: row.attempts + 1,
      };
    });
  });
  const enqueue = db.transaction((messages: readonly NewMessage[]) => {
    let stored = 0;
    for (const m of messages) {
      const { notBefore, data, ...rest } = m;
      const row = { ...rest, data: JSON.stringify(data), nextAt: notBefore ?? m.at };
      stored += q.enqueue.run(row).changes;
    }
    return stored;
  });
  const finish = db.transaction(
    (ids: readonly string[], o: { status: string; at: number; error?: string }) => {
      for (const id of ids) q.finish.run(o.status, o.at, o.error ?? null, id);
    },
  );
  const move = db.transaction((siteId: string, from: string, to: string) => {
    q.dropMoved.run(siteId, to, siteId, from);
    q.move.run(to, siteId, from);
  });

  return {
    enqueueMessages: (messages: readonly NewMessage[]): number => enqueue(messages),
    claimMessages: (now, limit, leaseMs) => claim(now, limit, leaseMs),
    finishMessages(ids, outcome): void {
      finish(ids, outcome);
    },
    retryMessage(id, nextAt, error): void {
      q.retry.run(nextAt, error, id);
    },
    listMessages: (siteId, limit) => q.list.all(siteId, limit) as MessageRow[],
    countMessages(siteId): MessageCounts {
      const counts: MessageCounts = { pending: 0, sending: 0, sent: 0, failed: 0 };
      for (const row of q.count.all(siteId) as { status: keyof MessageCounts; n: number }[])
        counts[row.status] = row.n;
      return counts;
    },
    purgeMessages(siteId, before): number {
      q.purgeContacts.run(siteId, before);
      return q.purge.run(siteId, before).changes;
    },
    saveContact(contact: ContactRow, at: number): void {
      q.saveContact.run({ ...contact, at });
    },
    contactsOf: (siteId, subjects) =>
      q.contactsOf.all(siteId, JSON.stringify(subjects)) as ContactRow[],
    contactsWithSlotIn: (siteId, from, to) => q.slotIn.all(siteId, from, to) as ContactRow[],
    moveContacts: (siteId, from, to) => move(siteId, from, to),
    deleteContacts: (siteId, subject) => q.deleteContacts.run(siteId, subject).changes,
    readMessageSettings(siteId): unknown {
      const row = q.readSettings.get(siteId) as { json: string } | undefined;
      return row ? (JSON.parse(row.json) as unknown) : null;
    },
    writeMessageSettings(siteId, settings, at): void {
      q.writeSettings.run(siteId, JSON.stringify(settings), at);
    },
    secret(name, make, at): string {
      if (!q.secret.get(name)) q.insertSecret.run(name, make(), at);
      return (q.secret.get(name) as { value: string }).value;
    },
  };
}
