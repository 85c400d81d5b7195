-- Webhooks (issue 16; the SQLite file: db/migrations/014-webhooks.sql, which explains each
-- column). One outbox for every node of the province: a cursor moves only from where its filler
-- read it, so one node fills a given event; senders claim rows FOR UPDATE SKIP LOCKED, so one
-- node sends a given delivery at a time.
CREATE TABLE webhook_subscriptions (
  id          text    PRIMARY KEY,
  position    bigint  GENERATED ALWAYS AS IDENTITY UNIQUE,
  url         text    NOT NULL,
  events      text    NOT NULL,
  site_id     text,
  description text    NOT NULL DEFAULT '',
  secret      text    NOT NULL,
  created_at  bigint  NOT NULL,
  created_by  text    NOT NULL,
  deleted_at  bigint
);

CREATE TABLE webhook_cursors (
  subscription_id text   NOT NULL REFERENCES webhook_subscriptions (id),
  site_id         text   NOT NULL,
  seq             bigint NOT NULL,
  PRIMARY KEY (subscription_id, site_id)
);

CREATE TABLE webhook_deliveries (
  n               bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id              text    NOT NULL UNIQUE,
  subscription_id text    NOT NULL REFERENCES webhook_subscriptions (id),
  site_id         text    NOT NULL,
  seq             bigint  NOT NULL,
  type            text    NOT NULL,
  ticket_id       text,
  ticket_label    text,
  order_key       text    NOT NULL,
  idempotency_key text    NOT NULL UNIQUE,
  body            text    NOT NULL,
  state           text    NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'dead')),
  attempts        integer NOT NULL DEFAULT 0,
  last_status     integer,
  last_error      text,
  created_at      bigint  NOT NULL,
  window_from     bigint  NOT NULL,
  next_at         bigint,
  delivered_at    bigint
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_at);
CREATE INDEX webhook_deliveries_order
  ON webhook_deliveries (subscription_id, site_id, order_key, seq);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, state, n);
CREATE INDEX webhook_deliveries_age ON webhook_deliveries (created_at);
