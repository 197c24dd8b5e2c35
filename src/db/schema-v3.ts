/**
 * Version 3: the report index. Reports read, per source, one blob of the placed codings on
 * its current revision — six 32-bit integers each — instead of 100,000s of coding rows that
 * also carry quotes and context (issue #12). The blob is derived data: triggers drop a
 * source's entry whenever anything that goes into it changes (its codings, its current
 * revision, its word index), whoever makes the change, and the next report rebuilds it.
 */
export const SCHEMA_V3 = `
CREATE TABLE coding_spans (
  source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  data BLOB NOT NULL
) STRICT;

CREATE TRIGGER coding_spans_on_insert AFTER INSERT ON codings BEGIN
  DELETE FROM coding_spans WHERE source_id = NEW.source_id;
END;
CREATE TRIGGER coding_spans_on_update AFTER UPDATE ON codings BEGIN
  DELETE FROM coding_spans WHERE source_id IN (OLD.source_id, NEW.source_id);
END;
CREATE TRIGGER coding_spans_on_delete AFTER DELETE ON codings BEGIN
  DELETE FROM coding_spans WHERE source_id = OLD.source_id;
END;
CREATE TRIGGER coding_spans_on_revision AFTER UPDATE OF current_revision ON sources BEGIN
  DELETE FROM coding_spans WHERE source_id = NEW.id;
END;
CREATE TRIGGER coding_spans_on_words AFTER UPDATE OF participant_word_starts ON revisions BEGIN
  DELETE FROM coding_spans WHERE source_id = NEW.source_id;
END;
`;
