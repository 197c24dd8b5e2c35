/**
 * Version 2: the codebook, codings, coders, memos and the codebook history.
 * A coding points at a source and at the revision its span refers to, and keeps its
 * quote and context so that it can be re-anchored when the source is edited.
 */
export const SCHEMA_V2 = `
CREATE TABLE coders (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE codes (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) > 0),
  name_key TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES codes(id),
  description TEXT,
  include_note TEXT,
  exclude_note TEXT,
  example TEXT,
  color TEXT CHECK (color IS NULL OR (length(color) = 7 AND color GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]')),
  created_by INTEGER NOT NULL REFERENCES coders(id),
  created_at TEXT NOT NULL,
  CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX codes_parent ON codes(parent_id);

CREATE TABLE codings (
  id INTEGER PRIMARY KEY,
  code_id INTEGER NOT NULL REFERENCES codes(id),
  source_id INTEGER NOT NULL REFERENCES sources(id),
  coder_id INTEGER NOT NULL REFERENCES coders(id),
  revision INTEGER NOT NULL CHECK (revision >= 1),
  start INTEGER NOT NULL CHECK (start >= 0),
  "end" INTEGER NOT NULL,
  quote TEXT NOT NULL,
  context_before TEXT NOT NULL,
  context_after TEXT NOT NULL,
  weight INTEGER CHECK (weight IS NULL OR weight BETWEEN 0 AND 100),
  orphaned INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ("end" > start)
) STRICT;
-- Covers the lookups of tagging (same source, code and coder near a span) and the scan
-- reports make of every placed coding, without reading quotes and contexts.
CREATE INDEX codings_place ON codings(source_id, code_id, coder_id, start, "end", revision, orphaned);
CREATE INDEX codings_code ON codings(code_id);

CREATE TABLE memos (
  id INTEGER PRIMARY KEY,
  coder_id INTEGER NOT NULL REFERENCES coders(id),
  title TEXT,
  text TEXT NOT NULL,
  source_id INTEGER REFERENCES sources(id),
  code_id INTEGER REFERENCES codes(id),
  case_id INTEGER REFERENCES cases(id),
  coding_id INTEGER REFERENCES codings(id),
  turn INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE codebook_history (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  coder_id INTEGER NOT NULL REFERENCES coders(id),
  action TEXT NOT NULL CHECK (action IN ('add', 'describe', 'rename', 'move', 'merge', 'delete', 'import', 'adopt')),
  code TEXT NOT NULL,
  details TEXT NOT NULL CHECK (json_valid(details))
) STRICT;

CREATE TABLE coding_sessions (
  coder_id INTEGER NOT NULL REFERENCES coders(id),
  source_id INTEGER NOT NULL REFERENCES sources(id),
  turn INTEGER NOT NULL CHECK (turn >= 1),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (coder_id, source_id)
) STRICT, WITHOUT ROWID;
`;
