import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProjectDb, memoryDb, openProjectDb, APPLICATION_ID, MMAP_BYTES } from '../../src/db/open.js';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../src/db/migrations.js';
import { ProjectError } from '../../src/core/errors.js';
import { tempDir } from '../support/project.js';

describe('schema and migrations', () => {
  it('creates a project at the current version with foreign keys on', () => {
    const db = memoryDb();
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const strict = db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' AND strict = 0").all();
    expect(strict).toEqual([]);
  });

  it('uses WAL and a busy timeout on files', () => {
    const dir = tempDir();
    const db = createProjectDb(join(dir, 'qcode.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('migrates an older project forward, each step with its version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
  });

  it('refuses a database written by a newer qcode', () => {
    const dir = tempDir();
    const file = join(dir, 'qcode.db');
    createProjectDb(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openProjectDb(file)).toThrow(ProjectError);
    expect(() => openProjectDb(file)).toThrow(/newer qcode \(schema \d+; this qcode knows up to \d+\)/);
  });

  it('maps the file for reads only when a read-only connection asks for it', () => {
    const file = join(tempDir(), 'qcode.db');
    createProjectDb(file).close();
    const mmap = (options: Parameters<typeof openProjectDb>[1]): number => {
      const db = openProjectDb(file, options);
      try {
        return db.pragma('mmap_size', { simple: true }) as number;
      } finally {
        db.close();
      }
    };
    expect(mmap({ readonly: true, mapped: true })).toBe(MMAP_BYTES);
    expect(mmap({ readonly: true })).toBe(0);
    // A connection that writes never maps (check and codings --json keep their memory bounded, too).
    expect(mmap({ mapped: true })).toBe(0);
    expect(mmap({})).toBe(0);
  });

  it('refuses files that are not qcode projects', () => {
    const dir = tempDir();
    const other = join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE t (x)');
    expect(() => openProjectDb(other)).toThrow(/is not a qcode project/);
    writeFileSync(join(dir, 'junk.db'), 'not sqlite at all, just text that is long enough to be a header of a file');
    expect(() => openProjectDb(join(dir, 'junk.db'))).toThrow(ProjectError);
  });

  it('enforces the offsets and roles with CHECK constraints', () => {
    const db = memoryDb();
    db.prepare("INSERT INTO cases (name, created_at) VALUES ('c', 'now')").run();
    db.prepare("INSERT INTO sources (name, case_id, wave, path, format, encoding, current_revision, created_at, updated_at) VALUES ('s', 1, '1', 'p', 'txt', 'utf-8', 1, 'n', 'n')").run();
    db.prepare("INSERT INTO revisions (source_id, number, hash, text, length, lines, participant_words, interviewer_words, participant_word_starts, ingested_at) VALUES (1, 1, 'h', 't', 1, 1, 0, 0, x'', 'n')").run();
    const turn = db.prepare('INSERT INTO turns (revision_id, number, speaker, role, start, talk_start, talk_end, line_start, line_end, words) VALUES (1, 1, ?, ?, ?, ?, ?, 1, 1, 0)');
    expect(() => turn.run('P', 'observer', 0, 0, 0)).toThrow(/CHECK/);
    expect(() => turn.run('P', 'participant', 5, 3, 4)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO sources (name, case_id, wave, path, format, encoding, current_revision, created_at, updated_at) VALUES ('t', 99, '1', 'p', 'txt', 'utf-8', 1, 'n', 'n')").run()).toThrow(/FOREIGN KEY/);
  });
});
