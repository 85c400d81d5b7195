-- Citizens outside the lobby (issue 14): bookings, one-time codes, citizen sign-ins, numbers
-- taken from phones and counted attempts. A citizen is known only by a keyed hash of their
-- phone (HMAC-SHA256 with the province's key in `secrets`), never the phone itself; addresses
-- are keyed hashes too. Bookings are province-wide rows with the site they belong to.

-- Secrets the province makes once (the key of the keyed hashes).
CREATE TABLE secrets (
  name       text    PRIMARY KEY,
  value      text    NOT NULL,
  created_at bigint NOT NULL
);

-- A booked time slot (`slot`) or a remote number that must check in at the kiosk (`remote`).
CREATE TABLE bookings (
  id                text    PRIMARY KEY,
  site_id           text    NOT NULL,
  field_id          text    NOT NULL,
  day               text    NOT NULL,
  start             text    NOT NULL,
  slot_at           bigint NOT NULL,
  code              text    NOT NULL,
  -- The booking page's secret (/b/<token>), hashed; none for a remote number.
  token_hash        text    UNIQUE,
  -- The phone page's secret the ticket gets at check-in, hashed (derived from the page's secret).
  ticket_token_hash text,
  phone_hash        text    NOT NULL,
  kind              text    NOT NULL CHECK (kind IN ('slot', 'remote')),
  status            text    NOT NULL CHECK (status IN ('booked', 'checked_in', 'released', 'cancelled')),
  ticket_id         text,
  created_at        bigint NOT NULL,
  updated_at        bigint NOT NULL,
  UNIQUE (site_id, day, code)
);
CREATE INDEX bookings_by_slot ON bookings (site_id, field_id, day, start)
  WHERE kind = 'slot' AND status IN ('booked', 'checked_in');
CREATE INDEX bookings_open_by_phone ON bookings (phone_hash)
  WHERE kind = 'slot' AND status = 'booked';
CREATE INDEX bookings_due ON bookings (site_id, slot_at) WHERE kind = 'slot' AND status = 'booked';
CREATE INDEX bookings_by_day ON bookings (site_id, day);

-- Numbers taken from a phone, per day, for `citizens.numbersPerDay` across the province.
CREATE TABLE citizen_numbers (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  phone_hash text    NOT NULL,
  day        text    NOT NULL,
  site_id    text    NOT NULL,
  ticket_id  text,
  at         bigint NOT NULL
);
CREATE INDEX citizen_numbers_by_phone ON citizen_numbers (phone_hash, day);

-- The one-time code a phone was sent (hashed), until used, replaced or expired.
CREATE TABLE citizen_codes (
  phone_hash text    PRIMARY KEY,
  code_hash  text    NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  tries      integer NOT NULL DEFAULT 0
);

-- Attempts counted for limits: wrong codes per phone and per address, codes sent per address.
CREATE TABLE citizen_attempts (
  id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key text    NOT NULL,
  at  bigint NOT NULL
);
CREATE INDEX citizen_attempts_by_key ON citizen_attempts (key, at);

-- A citizen's sign-in (the token's SHA-256), for two hours. The phone, to hand to the messages
-- part while signed in, only sealed with a key derived from the token (AES-256-GCM), which the
-- hub does not keep: the row alone does not give the phone back.
CREATE TABLE citizen_sessions (
  token_hash text    PRIMARY KEY,
  phone_sealed text  NOT NULL,
  phone_hash text    NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
