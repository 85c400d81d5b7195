-- Webhooks (issue 16): subscriptions, the cursors that follow each site's event log, and the
-- durable outbox of deliveries.
--
-- A subscription's signing secret must be usable to sign, so it cannot be only hashed: it is
-- sealed with AES-256-GCM under a deployment secret (`webhooks.secret-key` in `secrets`, see
-- webhooks/webhooks.ts). `site_id` NULL: every site. A deleted subscription keeps its row
-- (`deleted_at`) and its deliveries until they are purged.
CREATE TABLE webhook_subscriptions (
  id          TEXT    PRIMARY KEY,
  url         TEXT    NOT NULL,
  events      TEXT    NOT NULL,
  site_id     TEXT,
  description TEXT    NOT NULL DEFAULT '',
  secret      TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  created_by  TEXT    NOT NULL,
  deleted_at  INTEGER
);

-- How far each live subscription has followed a site's log: moved in the same transaction that
-- stores the deliveries up to it, only from where the filler read it.
CREATE TABLE webhook_cursors (
  subscription_id TEXT    NOT NULL REFERENCES webhook_subscriptions (id),
  site_id         TEXT    NOT NULL,
  seq             INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, site_id)
);

-- One stored event for one subscription. `order_key` (`webhookOrderKey`): `ticket:<id>`,
-- `counter:<id>` for a counter's own events, or `site`; a delivery is not sent while an earlier one with the same subscription, site and
-- order_key is pending or sending. While `sending`, `next_at` is the claim's lease.
-- `window_from`: when its 24-hour retry window began (created, or "send again"). `n` orders the
-- log (newest first) and pages it.
CREATE TABLE webhook_deliveries (
  n               INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT    NOT NULL UNIQUE,
  subscription_id TEXT    NOT NULL REFERENCES webhook_subscriptions (id),
  site_id         TEXT    NOT NULL,
  seq             INTEGER NOT NULL,
  type            TEXT    NOT NULL,
  ticket_id       TEXT,
  ticket_label    TEXT,
  order_key       TEXT    NOT NULL,
  idempotency_key TEXT    NOT NULL UNIQUE,
  body            TEXT    NOT NULL,
  state           TEXT    NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_status     INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  window_from     INTEGER NOT NULL,
  next_at         INTEGER,
  delivered_at    INTEGER
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_at);
CREATE INDEX webhook_deliveries_order
  ON webhook_deliveries (subscription_id, site_id, order_key, seq);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, state, n);
CREATE INDEX webhook_deliveries_age ON webhook_deliveries (created_at);
