-- rollup dirty marks without a key, so that ingest transactions can commit side by side
-- Several writers append at once. Two uncommitted inserts of one primary key fail the second COMMIT
-- in DuckDB, even with ON CONFLICT DO NOTHING, and every append marks its day: with a key, two
-- writers on the same day would fail each other. A mark is now one row per commit that touched the
-- day; readers take the distinct days. A recount deletes only the marks in its snapshot, so a mark
-- committed during the recount (rows it did not count) survives and the day stays dirty.
CREATE TABLE rollup_dirty_marks (
  day BIGINT NOT NULL
);
INSERT INTO rollup_dirty_marks SELECT day FROM rollup_dirty;
DROP TABLE rollup_dirty;
ALTER TABLE rollup_dirty_marks RENAME TO rollup_dirty;
