-- Issue 14: where a ticket came from, for reports split by origin (as SQLite's
-- 009-ticket-origin.sql). NULL: a walk-in; 'remote': taken from a phone; 'booking': a booked
-- slot checked in at the kiosk. A visit carries its ticket's origin.
ALTER TABLE tickets ADD COLUMN origin text CHECK (origin IN ('remote', 'booking'));
ALTER TABLE services ADD COLUMN origin text CHECK (origin IN ('remote', 'booking'));
