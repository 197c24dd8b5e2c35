import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../src/db/migrations.js';

const NOW = '2026-01-01T00:00:00Z';

/** A version-7 project with one source, one coding and its report index entry. */
function version7(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((x) => x.version <= 7)) {
    if (typeof m.sql === 'string') db.exec(m.sql);
    else m.sql(db);
  }
  db.pragma('user_version = 7');
  db.exec(`INSERT INTO cases (id, name, created_at) VALUES (1, 'P01', '${NOW}');
    INSERT INTO sources (id, name, case_id, wave, path, format, encoding, current_revision, created_at, updated_at) VALUES (7, 'P01_T1', 1, '1', 'p.txt', 'txt', 'utf-8', 1, '${NOW}', '${NOW}');
    INSERT INTO revisions (source_id, number, hash, text, length, lines, participant_words, interviewer_words, participant_word_starts, ingested_at) VALUES (7, 1, 'h', 'hello', 5, 1, 1, 0, x'', '${NOW}');
    INSERT INTO coders (id, name, created_at) VALUES (1, 'ana', '${NOW}');
    INSERT INTO codes (id, name, name_key, created_by, created_at) VALUES (1, 'Greeting', 'greeting', 1, '${NOW}');
    INSERT INTO coding_spans (source_id, revision, data) VALUES (7, 1, x'00');`);
  return db;
}

describe('schema version 8: the merged-spans cache', () => {
  it('starts a version-7 project at generation 0, its index kept, and counts every entry written to the index', () => {
    const db = version7();
    expect(migrate(db)).toEqual([8]);
    const generation = () => db.prepare('SELECT n FROM report_generation').pluck().get();
    expect(generation()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM coding_spans').pluck().get()).toBe(1);
    // A coding added drops the source's entry (schema v3's trigger); the entry written again counts.
    db.exec(`INSERT INTO codings (code_id, source_id, coder_id, revision, start, "end", quote, context_before, context_after, created_at, updated_at) VALUES (1, 7, 1, 1, 0, 5, 'hello', '', '', '${NOW}', '${NOW}')`);
    expect(db.prepare('SELECT count(*) FROM coding_spans').pluck().get()).toBe(0);
    db.exec(`INSERT INTO coding_spans (source_id, revision, data) VALUES (7, 1, x'01')`);
    expect(generation()).toBe(1);
    // An entry replaced, and one changed in place by another tool.
    db.exec(`INSERT OR REPLACE INTO coding_spans (source_id, revision, data) VALUES (7, 1, x'02')`);
    expect(generation()).toBe(2);
    db.exec(`UPDATE coding_spans SET data = x'03'`);
    expect(generation()).toBe(3);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('leaves deleting from the index one pass: no trigger on DELETE', () => {
    const db = version7();
    migrate(db);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'coding_spans' ORDER BY name").pluck().all()).toEqual(['report_generation_on_insert', 'report_generation_on_update']);
  });
});
