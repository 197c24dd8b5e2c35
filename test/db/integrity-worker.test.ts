import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startIntegrityCheck } from '../../src/db/integrity-worker.js';
import { tempDir } from '../support/project.js';

describe('startIntegrityCheck', () => {
  it("answers from its worker with SQLite's own rows, problems included", () => {
    const file = join(tempDir(), 'x.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (a INTEGER, b INTEGER); CREATE INDEX t_a ON t (a); INSERT INTO t VALUES (1, 5), (2, 6);');
    expect(startIntegrityCheck(file)()).toEqual(['ok']);
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = 'CREATE INDEX t_a ON t (b)' WHERE name = 't_a'").run();
    db.close();
    const rows = startIntegrityCheck(file)();
    expect(rows).toEqual((new Database(file, { readonly: true }).pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check));
    expect(rows).toContain('row 1 missing from index t_a');
  });

  it('answers undefined when the worker cannot open the file', () => {
    expect(startIntegrityCheck(join(tempDir(), 'missing.db'))()).toBeUndefined();
  });
});
