/** Coders: the people (or scripts) who write codings, memos and codebook changes. */
import type { Db } from './open.js';

export class CoderRepo {
  private readonly findStmt;
  private readonly insertStmt;
  private readonly listStmt;

  constructor(db: Db) {
    this.findStmt = db.prepare<[string], { id: number }>('SELECT id FROM coders WHERE name = ?');
    this.insertStmt = db.prepare<[string, string]>('INSERT INTO coders (name, created_at) VALUES (?, ?)');
    this.listStmt = db.prepare<[], { id: number; name: string }>('SELECT id, name FROM coders ORDER BY name');
  }

  /** The id of a coder, created on first use. */
  ensure(name: string, now: string): number {
    const row = this.findStmt.get(name);
    if (row !== undefined) return row.id;
    return Number(this.insertStmt.run(name, now).lastInsertRowid);
  }

  find(name: string): number | undefined {
    return this.findStmt.get(name)?.id;
  }

  list(): { id: number; name: string }[] {
    return this.listStmt.all();
  }
}
