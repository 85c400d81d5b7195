-- Sessions a person can see and end (issue 11, item 4): a public id for listing and revoking
-- (random, never the token's hash), when the session was last used (for the idle timeout;
-- written at most once a minute), and the address and browser it was started from.
ALTER TABLE sessions ADD COLUMN id TEXT;
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
ALTER TABLE sessions ADD COLUMN address TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
UPDATE sessions SET id = lower(hex(randomblob(12))), last_seen_at = created_at;
CREATE UNIQUE INDEX sessions_id ON sessions (id);
CREATE INDEX sessions_open_by_user ON sessions (username) WHERE ended_at IS NULL;
