import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startCheck } from '../../src/db/integrity-worker.js';
import { tempDir } from '../support/project.js';

describe('startCheck', () => {
  it("answers from its worker with SQLite's own rows, problems included", () => {
    const file = join(tempDir(), 'x.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (a INTEGER, b INTEGER); CREATE INDEX t_a ON t (a); INSERT INTO t VALUES (1, 5), (2, 6);');
    expect(startCheck(file, 'integrity_check')()).toEqual([{ integrity_check: 'ok' }]);
    expect(startCheck(file, 'foreign_key_check')()).toEqual([]);
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = 'CREATE INDEX t_a ON t (b)' WHERE name = 't_a'").run();
    db.close();
    const rows = startCheck(file, 'integrity_check')();
    expect(rows).toEqual(new Database(file, { readonly: true }).pragma('integrity_check'));
    expect(rows).toContainEqual({ integrity_check: 'row 1 missing from index t_a' });
  });

  it('answers the foreign key check as SQLite does', () => {
    const file = join(tempDir(), 'fk.db');
    const db = new Database(file);
    db.pragma('foreign_keys = OFF');
    db.exec('CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, p INTEGER REFERENCES p(id)); INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1), (2, 7), (3, 9);');
    db.close();
    const rows = startCheck(file, 'foreign_key_check')();
    expect(rows).toEqual(new Database(file, { readonly: true }).pragma('foreign_key_check'));
    expect(rows).toHaveLength(2);
  });

  it('answers undefined when the worker cannot open the file', () => {
    expect(startCheck(join(tempDir(), 'missing.db'), 'integrity_check')()).toBeUndefined();
  });
});
