-- Issue 15: the lobby board's pictures and videos (the SQLite file: db/migrations/010-media.sql).
-- One table for every node of the province, so whichever node a board reaches serves the file.
-- The bytes are already compressed (PNG, JPEG, WebP, MP4, WebM): stored out of line and NOT
-- compressed again (STORAGE EXTERNAL), which also lets substring() read a Range's pages only.
CREATE TABLE media (
  id          text    PRIMARY KEY,
  site_id     text    NOT NULL,
  name        text    NOT NULL,
  kind        text    NOT NULL CHECK (kind IN ('image', 'video')),
  type        text    NOT NULL,
  bytes       bigint  NOT NULL,
  uploaded_at bigint  NOT NULL,
  uploaded_by text    NOT NULL,
  data        bytea   NOT NULL
);
ALTER TABLE media ALTER COLUMN data SET STORAGE EXTERNAL;
CREATE INDEX media_site ON media (site_id, uploaded_at);
