import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openProject } from '../../src/app/project.js';
import { ProjectError } from '../../src/core/errors.js';
import { explainSqliteError } from '../../src/db/sqlite-errors.js';
import { newProject } from '../support/project.js';

describe('SQLite failures a user can act on', () => {
  it('turns a write blocked by another writer into a one-line project error', () => {
    const { dir, ctx } = newProject();
    const other = new Database(join(dir, 'qcode.db'));
    other.exec('BEGIN IMMEDIATE');
    const p = openProject(ctx);
    try {
      p.db.pragma('busy_timeout = 0');
      let thrown: unknown;
      try {
        p.write(() => p.settings.set('x', 1));
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ProjectError);
      expect((thrown as ProjectError).message).toBe(`${join(dir, 'qcode.db')}: the project is busy: another qcode is writing to it`);
    } finally {
      p.close();
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('explains a full disk and I/O errors, and leaves other failures alone', () => {
    expect(explainSqliteError({ code: 'SQLITE_FULL' }, 'q.db')?.message).toBe('q.db: the disk is full; nothing was written');
    expect(explainSqliteError({ code: 'SQLITE_IOERR_WRITE' }, 'q.db')?.hint).toBe('check the disk and run the command again');
    expect(explainSqliteError({ code: 'SQLITE_CONSTRAINT_CHECK' }, 'q.db')).toBeNull();
    expect(explainSqliteError(new Error('x'), 'q.db')).toBeNull();
  });
});
