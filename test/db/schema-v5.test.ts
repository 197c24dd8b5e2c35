import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { MIGRATIONS, migrate } from '../../src/db/migrations.js';

describe('schema v5: untag in the codebook history', () => {
  it('keeps every history row of a version-2 project and then accepts untag records', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((x) => x.version <= 2)) db.exec(m.sql as string);
    db.pragma('user_version = 2');
    db.prepare("INSERT INTO coders (name, created_at) VALUES ('ana', 'n')").run();
    const insert = db.prepare("INSERT INTO codebook_history (at, coder_id, action, code, details) VALUES ('t', 1, ?, 'A', '{}')");
    insert.run('add');
    insert.run('rename');
    expect(() => insert.run('untag')).toThrow(/CHECK/);
    expect(migrate(db)).toEqual(MIGRATIONS.filter((x) => x.version > 2).map((x) => x.version));
    expect(db.prepare('SELECT id, action FROM codebook_history ORDER BY id').all()).toEqual([{ id: 1, action: 'add' }, { id: 2, action: 'rename' }]);
    db.prepare("INSERT INTO codebook_history (at, coder_id, action, code, details) VALUES ('t', 1, 'untag', 'A', '{}')").run();
    expect(() => db.prepare("INSERT INTO codebook_history (at, coder_id, action, code, details) VALUES ('t', 1, 'erase', 'A', '{}')").run()).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
