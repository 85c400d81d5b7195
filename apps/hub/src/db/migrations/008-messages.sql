-- Messages to citizens (issue 14): the durable outbox, who follows a ticket or a booking, each
-- site's message settings; the deployment's generated secrets (the key that encrypts
-- recipients, the Web Push VAPID keys) live in `secrets`, made by 007.
--
-- The outbox: one row per message, unique by `key` (e.g. "<site>/<ticket>/near"), so every node
-- that hears the same batch enqueues it once. `recipient` is encrypted (AES-256-GCM, see
-- messages/recipient-crypto.ts) and cleared once the message is sent or failed; `masked`
-- ("*******678") stays for the delivery list. While `sending`, `next_at` is the claim's lease:
-- a sender that died mid-send leaves it, and it is claimed again once the lease is past.
CREATE TABLE messages (
  id         TEXT    PRIMARY KEY,
  key        TEXT    NOT NULL UNIQUE,
  site_id    TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  channel    TEXT    NOT NULL,
  recipient  TEXT,
  masked     TEXT    NOT NULL,
  text       TEXT    NOT NULL,
  data       TEXT    NOT NULL DEFAULT '{}',
  status     TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  next_at    INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at    INTEGER
);
CREATE INDEX messages_due ON messages (status, next_at);
CREATE INDEX messages_site ON messages (site_id, created_at);

-- Who to tell about a ticket or a booking (`subject`: "ticket:<id>" or "booking:<id>"), by
-- `channel` ('phone' or 'push'); `recipient` encrypted. Deleted when the ticket is over or the
-- booking cancelled or released; `slot_at` finds tomorrow's bookings for their reminder.
CREATE TABLE message_contacts (
  site_id    TEXT    NOT NULL,
  subject    TEXT    NOT NULL,
  channel    TEXT    NOT NULL,
  recipient  TEXT    NOT NULL,
  masked     TEXT    NOT NULL,
  slot_at    INTEGER,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, subject, channel)
);
CREATE INDEX message_contacts_slot ON message_contacts (site_id, slot_at);

-- A site's message settings (channels, provider keys, which messages): NOT in the site's
-- configuration, which devices receive.
CREATE TABLE message_settings (
  site_id    TEXT    PRIMARY KEY,
  json       TEXT    NOT NULL,
  updated_at INTEGER NOT NULL
);

