-- Issue 15: the lobby board's pictures and videos, uploaded by a site's admins. The bytes are
-- kept in the file itself (a BLOB), so a backup holds them and a restore brings them back.
-- `data` is the last column: listing reads the columns before it and never the BLOB's pages.
-- A file never changes (a changed picture is a new upload, a new id), so boards cache it forever.
CREATE TABLE media (
  id          TEXT    PRIMARY KEY,
  site_id     TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  kind        TEXT    NOT NULL CHECK (kind IN ('image', 'video')),
  type        TEXT    NOT NULL,
  bytes       INTEGER NOT NULL,
  uploaded_at INTEGER NOT NULL,
  uploaded_by TEXT    NOT NULL,
  data        BLOB    NOT NULL
);
CREATE INDEX media_site ON media (site_id, uploaded_at);
