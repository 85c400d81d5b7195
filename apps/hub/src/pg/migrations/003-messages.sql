-- Messages to citizens (issue 14; the SQLite file: db/migrations/008-messages.sql): the durable outbox, who follows a ticket or a booking, each
-- site's message settings; the deployment's generated secrets (the key that encrypts
-- recipients, the Web Push VAPID keys) live in `secrets`, made by 002.
--
-- The outbox: one row per message, unique by `key` (e.g. "<site>/<ticket>/near"), so every node
-- that hears the same batch enqueues it once. `recipient` is encrypted (AES-256-GCM, see
-- messages/recipient-crypto.ts) and cleared once the message is sent or failed; `masked`
-- ("*******678") stays for the delivery list. While `sending`, `next_at` is the claim's lease:
-- a sender that died mid-send leaves it, and it is claimed again once the lease is past.
CREATE TABLE messages (
  id         text    PRIMARY KEY,
  key        text    NOT NULL UNIQUE,
  site_id    text    NOT NULL,
  kind       text    NOT NULL,
  channel    text    NOT NULL,
  recipient  text,
  masked     text    NOT NULL,
  text       text    NOT NULL,
  data       text    NOT NULL DEFAULT '{}',
  status     text    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts   integer NOT NULL DEFAULT 0,
  next_at    bigint NOT NULL,
  last_error text,
  created_at bigint NOT NULL,
  sent_at    bigint
);
CREATE INDEX messages_due ON messages (status, next_at);
CREATE INDEX messages_site ON messages (site_id, created_at);

-- Who to tell about a ticket or a booking (`subject`: "ticket:<id>" or "booking:<id>"), by
-- `channel` ('phone' or 'push'); `recipient` encrypted. Deleted when the ticket is over or the
-- booking cancelled or released; `slot_at` finds tomorrow's bookings for their reminder.
CREATE TABLE message_contacts (
  site_id    text    NOT NULL,
  subject    text    NOT NULL,
  channel    text    NOT NULL,
  recipient  text    NOT NULL,
  masked     text    NOT NULL,
  slot_at    bigint,
  created_at bigint NOT NULL,
  PRIMARY KEY (site_id, subject, channel)
);
CREATE INDEX message_contacts_slot ON message_contacts (site_id, slot_at);

-- A site's message settings (channels, provider keys, which messages): NOT in the site's
-- configuration, which devices receive.
CREATE TABLE message_settings (
  site_id    text    PRIMARY KEY,
  json       text    NOT NULL,
  updated_at bigint NOT NULL
);

