-- Issue 17: the wait promised when the ticket was issued, in minutes (`Ticket.estimatedWaitMinutes`,
-- what the ticket printed and the phone page first said). NULL: nothing was promised (no counter
-- open, a remote number awaiting its check-in) or the ticket is older than this migration.
-- Reports measure it against the actual wait, first_called_at - issued_at.
ALTER TABLE tickets ADD COLUMN estimated_wait_minutes double precision;
-- A packed day's estimate errors per field of issue and UTC quarter-hour of issue (Float64
-- sextuples, db/report-estimates.ts). NULL: packed before this migration, so no data.
ALTER TABLE report_days ADD COLUMN estimates bytea;
