-- Issue 15: numbers issued to a person known by their ID card (as SQLite's 011-id-card.sql).
-- Only a keyed hash of the personal number is kept; rows go with the visits' retention.
CREATE TABLE id_card_numbers (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id     text   NOT NULL,
  day         text   NOT NULL,
  person_hash text   NOT NULL,
  ticket_id   text,
  at          bigint NOT NULL
);
CREATE INDEX id_card_numbers_by_person ON id_card_numbers (site_id, person_hash, day);
CREATE INDEX id_card_numbers_by_ticket ON id_card_numbers (site_id, ticket_id);
