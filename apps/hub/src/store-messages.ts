// The outbox of messages to citizens (issue 14): part of the store port (`ProvinceStore` extends it).

/** A message's kind: what it tells the citizen. */
export type MessageKind = 'code' | 'near' | 'called' | 'not-served' | 'reminder';
/** The provider a message goes through. */
export type MessageChannel = 'sms' | 'zns' | 'push';
export type MessageStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** A message handed to the outbox. */
export interface NewMessage {
  /** The provider's idempotency key too (RequestId, tracking_id). */
  id: string;
  /** Unique: the same key enqueued twice stores one message (e.g. "xa-a/t1/near"). */
  key: string;
  siteId: string;
  kind: MessageKind;
  channel: MessageChannel;
  /** Encrypted (messages/recipient-crypto.ts); the store never sees a phone in clear. */
  recipient: string;
  /** For the delivery list: "*******678", "Web Push". */
  masked: string;
  text: string;
  /** The template's values (ZNS), no personal data. */
  data: Record<string, string>;
  at: number;
  /** When it may first be sent (default `at`). */
  notBefore?: number;
}

/** A message claimed by a sender: its recipient still encrypted. */
export interface ClaimedMessage {
  id: string;
  siteId: string;
  kind: MessageKind;
  channel: MessageChannel;
  recipient: string;
  text: string;
  data: Record<string, string>;
  /** This claim included. */
  attempts: number;
  createdAt: number;
}

/** A message as the delivery list shows it (no recipient, no text). */
export interface MessageRow {
  id: string;
  kind: MessageKind;
  channel: MessageChannel;
  masked: string;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
  nextAt: number;
}

export type MessageCounts = Record<MessageStatus, number>;

/** Who to tell about a ticket ("ticket:<id>") or a booking ("booking:<id>"). */
export interface ContactRow {
  siteId: string;
  subject: string;
  channel: 'phone' | 'push';
  /** Encrypted. */
  recipient: string;
  masked: string;
  /** A booking's slot (its reminder is sent the day before). */
  slotAt: number | null;
}

/**
 * The durable outbox of messages to citizens and what it needs: contacts per ticket or booking,
 * each site's message settings, the deployment's generated secrets. A sender claims due
 * messages (on PostgreSQL with SKIP LOCKED, so several nodes share the work), sends them with
 * the message id as the provider's idempotency key, then marks them sent, due again, or failed.
 */
export interface MessageStore {
  /**
   * Stores pending messages in ONE transaction (one disk sync for a whole batch's messages),
   * each only if its key is not stored yet; resolves with how many were stored.
   */
  enqueueMessages(messages: readonly NewMessage[]): Promise<number>;
  /**
   * Claims up to `limit` due messages: pending ones whose time has come, and ones left
   * `sending` past their lease (a sender that died). Each becomes `sending` until
   * `now + leaseMs`, its attempts counted.
   */
  claimMessages(now: number, limit: number, leaseMs: number): Promise<ClaimedMessage[]>;
  /** The provider took them (or they failed for good), in ONE transaction: recipients cleared. */
  finishMessages(
    ids: readonly string[],
    outcome: { status: 'sent' | 'failed'; at: number; error?: string },
  ): Promise<void>;
  /** Sending failed: due again at `nextAt`. */
  retryMessage(id: string, nextAt: number, error: string): Promise<void>;
  /** A site's messages, newest first. */
  listMessages(siteId: string, limit: number): Promise<MessageRow[]>;
  countMessages(siteId: string): Promise<MessageCounts>;
  /** Removes a site's messages created before `before`, and contacts left since; resolves how many messages. */
  purgeMessages(siteId: string, before: number): Promise<number>;

  /** Adds or replaces a subject's contact on its channel. */
  saveContact(contact: ContactRow, at: number): Promise<void>;
  contactsOf(siteId: string, subjects: readonly string[]): Promise<ContactRow[]>;
  /** Booking contacts whose slot is in [from, to). */
  contactsWithSlotIn(siteId: string, from: number, to: number): Promise<ContactRow[]>;
  /** A booking checked in: its contacts now belong to its ticket. */
  moveContacts(siteId: string, from: string, to: string): Promise<void>;
  /** Resolves how many went. */
  deleteContacts(siteId: string, subject: string): Promise<number>;

  /** A site's message settings as stored (parsed by messages/settings.ts), or null. */
  readMessageSettings(siteId: string): Promise<unknown>;
  writeMessageSettings(siteId: string, settings: unknown, at: number): Promise<void>;
  /** A deployment secret by name; made with `make` and stored the first time (once, on any node). */
  secret(name: string, make: () => string, at: number): Promise<string>;
}
