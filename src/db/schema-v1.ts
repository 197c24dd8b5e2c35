/**
 * Version 1 of the schema. Positions are code points into a revision's normalised text.
 * Codings (next version) will point at a source and the revision they were made on, and
 * keep their quote and context, so that they can be re-anchored when a source changes.
 */
export const SCHEMA_V1 = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE case_attributes (
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) > 0),
  value TEXT NOT NULL,
  PRIMARY KEY (case_id, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  case_id INTEGER NOT NULL REFERENCES cases(id),
  wave TEXT NOT NULL CHECK (length(wave) > 0),
  path TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('txt', 'md', 'vtt', 'srt', 'docx')),
  encoding TEXT NOT NULL,
  date TEXT,
  duration_sec REAL CHECK (duration_sec IS NULL OR duration_sec >= 0),
  metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
  current_revision INTEGER NOT NULL CHECK (current_revision >= 1),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX sources_case ON sources(case_id);

CREATE TABLE revisions (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  number INTEGER NOT NULL CHECK (number >= 1),
  hash TEXT NOT NULL,
  length INTEGER NOT NULL CHECK (length >= 0),
  lines INTEGER NOT NULL CHECK (lines >= 1),
  participant_words INTEGER NOT NULL CHECK (participant_words >= 0),
  interviewer_words INTEGER NOT NULL CHECK (interviewer_words >= 0),
  ingested_at TEXT NOT NULL,
  -- The two large columns come last: SQLite reads a column stored after a large value by
  -- walking that value's overflow pages, so listing sources would otherwise read every text.
  participant_word_starts BLOB NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (source_id, number)
) STRICT;

CREATE TABLE turns (
  revision_id INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
  number INTEGER NOT NULL CHECK (number >= 1),
  speaker TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('interviewer', 'participant')),
  start INTEGER NOT NULL CHECK (start >= 0),
  talk_start INTEGER NOT NULL,
  talk_end INTEGER NOT NULL,
  line_start INTEGER NOT NULL CHECK (line_start >= 1),
  line_end INTEGER NOT NULL,
  words INTEGER NOT NULL CHECK (words >= 0),
  start_ms INTEGER,
  PRIMARY KEY (revision_id, number),
  CHECK (start <= talk_start AND talk_start <= talk_end AND line_start <= line_end)
) STRICT, WITHOUT ROWID;
`;
