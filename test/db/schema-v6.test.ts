import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrations.js';
import { SCHEMA_V1 } from '../../src/db/schema-v1.js';
import { SCHEMA_V2 } from '../../src/db/schema-v2.js';

describe('schema version 6 on a project made by version 2', () => {
  it('keeps every row and reference, allows PDF, ODT and RTF sources, and marks every code codable', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec(SCHEMA_V1);
    db.exec(SCHEMA_V2);
    db.pragma('user_version = 2');
    const now = '2026-01-01T00:00:00Z';
    db.exec(`INSERT INTO cases (id, name, created_at) VALUES (1, 'P01', '${now}');
      INSERT INTO sources (id, name, case_id, wave, path, format, encoding, current_revision, created_at, updated_at) VALUES (7, 'P01_T1', 1, '1', 'p.txt', 'txt', 'utf-8', 1, '${now}', '${now}');
      INSERT INTO revisions (source_id, number, hash, text, length, lines, participant_words, interviewer_words, participant_word_starts, ingested_at) VALUES (7, 1, 'h', 'hello', 5, 1, 1, 0, x'', '${now}');
      INSERT INTO coders (id, name, created_at) VALUES (1, 'ana', '${now}');
      INSERT INTO codes (id, name, name_key, created_by, created_at) VALUES (1, 'Greeting', 'greeting', 1, '${now}');
      INSERT INTO codings (code_id, source_id, coder_id, revision, start, "end", quote, context_before, context_after, created_at, updated_at) VALUES (1, 7, 1, 1, 0, 5, 'hello', '', '', '${now}', '${now}');`);
    // What a later version might have added: a view and a trigger that name the table.
    db.exec(`CREATE VIEW source_names AS SELECT name FROM sources;
      CREATE TRIGGER sources_touch AFTER UPDATE OF wave ON sources BEGIN UPDATE sources SET updated_at = 'touched' WHERE id = NEW.id; END;`);
    migrate(db);
    expect(db.prepare('SELECT name FROM source_names').all()).toEqual([{ name: 'P01_T1' }]);
    db.exec("UPDATE sources SET wave = '9' WHERE id = 7");
    expect(db.prepare('SELECT updated_at FROM sources WHERE id = 7').get()).toEqual({ updated_at: 'touched' });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT s.name, c.quote FROM codings c JOIN sources s ON s.id = c.source_id').all()).toEqual([{ name: 'P01_T1', quote: 'hello' }]);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'sources' AND sql IS NOT NULL").all()).toEqual([{ name: 'sources_case' }]);
    expect(db.prepare('SELECT codable FROM codes').all()).toEqual([{ codable: 1 }]);
    db.exec(`INSERT INTO sources (name, case_id, wave, path, format, encoding, current_revision, created_at, updated_at) VALUES ('P01_T2', 1, '2', 'p.pdf', 'pdf', 'pdf', 1, '${now}', '${now}')`);
    expect(() => db.exec(`INSERT INTO sources (name, case_id, wave, path, format, encoding, current_revision, created_at, updated_at) VALUES ('P01_T3', 1, '3', 'p.xls', 'xls', 'x', 1, '${now}', '${now}')`)).toThrow(/CHECK/);
    // References still hold: a coding cannot point at a missing source.
    expect(() => db.exec(`INSERT INTO codings (code_id, source_id, coder_id, revision, start, "end", quote, context_before, context_after, created_at, updated_at) VALUES (1, 99, 1, 1, 0, 5, 'x', '', '', '${now}', '${now}')`)).toThrow(/FOREIGN KEY/);
  });
});
