import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Runs `fn` while another connection holds the project's write lock (as another qcode writing would). */
export function whileWriterBusy<T>(dir: string, fn: () => T, before?: (db: Database.Database) => void): T {
  const db = new Database(join(dir, 'qcode.db'));
  try {
    before?.(db);
    db.exec('BEGIN IMMEDIATE');
    try {
      return fn();
    } finally {
      db.exec('ROLLBACK');
    }
  } finally {
    db.close();
  }
}
