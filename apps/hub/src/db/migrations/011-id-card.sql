-- Issue 15: numbers issued to a person known by their ID card (CCCD), for the per-person daily
-- limit `citizens.numbersPerDay`. Only a keyed hash of the personal number (HMAC-SHA256 with the
-- site's `id-card-key:<site>` secret) is kept, never the number, a name or a birth date; rows go
-- with the visits' retention (the daily purge).
CREATE TABLE id_card_numbers (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id     TEXT    NOT NULL,
  day         TEXT    NOT NULL,
  person_hash TEXT    NOT NULL,
  ticket_id   TEXT,
  at          INTEGER NOT NULL
);
CREATE INDEX id_card_numbers_by_person ON id_card_numbers (site_id, person_hash, day);
CREATE INDEX id_card_numbers_by_ticket ON id_card_numbers (site_id, ticket_id);
