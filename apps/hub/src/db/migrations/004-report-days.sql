-- A closed service day's report material, packed once so that a year's report reads 250 rows
-- instead of 1.5 million (layout in db/report-days.ts). Rebuilt whenever that day changes.
CREATE TABLE report_days (
  day     TEXT    PRIMARY KEY,
  -- JSON: the day's fields, statuses, counters and clerks that the packed columns index,
  -- and the (field, visit count) runs of `visits`.
  keys    TEXT    NOT NULL,
  -- Int32 quadruples (field, status, quarter-hour of issue, count), little-endian.
  tickets BLOB    NOT NULL,
  -- Int32 quadruples per visit, ordered by field, little-endian.
  visits  BLOB    NOT NULL,
  built_at INTEGER NOT NULL
);
