/**
 * Version 8: the merged-spans cache (issue #12). Every report but agreement and saturation
 * starts by merging each code's spans per source, which at 100,000 codings is a third of a
 * report's time. The merge depends only on the report index (coding_spans), the sources and
 * coders in scope and the code tree, so the last few merges are kept, each under a key that
 * holds the rest of what it depends on (core/merged-spans-blob.ts), with the coders who have
 * codings in its scope and, once a co-occurrence report has counted them, the overlaps of every
 * pair of codes (core/overlap-places.ts).
 *
 * `report_generation.n` grows by one with every entry written to the report index, whoever
 * writes it (triggers). A kept merge is used only while the generation it was made at is still
 * the project's, and only when every source has its entry: a change to any coding, revision or
 * word index drops an entry, which must be written again (a new generation) before any kept
 * merge is read. Dropping an entry does not count by itself: a trigger on DELETE would make
 * SQLite delete in two passes through a temporary file, and `tag --from`'s 100,000 inserts each
 * run a DELETE here (schema v3), which then took twice as long. `coding_spans_revision` lets a
 * report see whether every source has its entry without reading the entries.
 * Derived data only: integers, no text.
 */
export const SCHEMA_V8 = `
CREATE TABLE report_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
) STRICT;
INSERT INTO report_generation (id, n) VALUES (1, 0);

CREATE TRIGGER report_generation_on_insert AFTER INSERT ON coding_spans BEGIN
  UPDATE report_generation SET n = n + 1;
END;
CREATE TRIGGER report_generation_on_update AFTER UPDATE ON coding_spans BEGIN
  UPDATE report_generation SET n = n + 1;
END;

CREATE TABLE merged_spans_cache (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  generation INTEGER NOT NULL,
  key BLOB NOT NULL,
  coders BLOB NOT NULL,
  figures BLOB NOT NULL,
  spans BLOB NOT NULL,
  overlaps BLOB
) STRICT;

CREATE INDEX coding_spans_revision ON coding_spans(source_id, revision);
`;
