-- Issue 14: where a ticket came from, for reports split by origin. NULL: a walk-in at the
-- kiosk (every ticket before this migration); 'remote': taken from a phone; 'booking': a
-- booked slot checked in at the kiosk. A visit carries its ticket's origin, so the reports
-- read it without a join.
ALTER TABLE tickets ADD COLUMN origin TEXT CHECK (origin IN ('remote', 'booking'));
ALTER TABLE services ADD COLUMN origin TEXT CHECK (origin IN ('remote', 'booking'));
