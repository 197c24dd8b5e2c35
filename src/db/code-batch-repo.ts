/**
 * New codes and codebook history written many rows a statement: a codebook import of 20,000
 * codes makes 40,000 rows, and one `INSERT … VALUES (…), (…), …` of 100 rows costs SQLite
 * and better-sqlite3 about a fifth less than 100 single-row statements (issue #12).
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';

type Value = string | number | null;

/** Rows a statement (codes take 11 values a row, history 5: well under SQLite's 32,766). */
export const BATCH_ROWS = 100;

/** One INSERT of `head` for each number of rows, prepared when first needed. */
class BatchInsert {
  private readonly stmts = new Map<number, Statement<[Value[]]>>();

  constructor(private readonly db: Db, private readonly head: string, private readonly width: number) {}

  /** Inserts the rows of `values` (`width` values a row, in order). */
  run(values: Value[]): void {
    const rows = values.length / this.width;
    for (let at = 0; at < rows; at += BATCH_ROWS) {
      const n = Math.min(BATCH_ROWS, rows - at);
      this.stmt(n).run(n === rows ? values : values.slice(at * this.width, (at + n) * this.width));
    }
  }

  private stmt(rows: number): Statement<[Value[]]> {
    let s = this.stmts.get(rows);
    if (s === undefined) {
      const row = `(${Array(this.width).fill('?').join(', ')})`;
      this.stmts.set(rows, (s = this.db.prepare<[Value[]]>(`${this.head} VALUES ${Array(rows).fill(row).join(', ')}`)));
    }
    return s;
  }
}

export class CodeBatchRepo {
  private readonly codes: BatchInsert;
  private readonly history: BatchInsert;
  private readonly maxIdStmt;

  constructor(db: Db) {
    this.codes = new BatchInsert(db, `INSERT INTO codes
      (id, name, name_key, parent_id, description, include_note, exclude_note, example, color, created_by, created_at)`, CODE_VALUES);
    this.history = new BatchInsert(db, 'INSERT INTO codebook_history (at, coder_id, action, code, details)', HISTORY_VALUES);
    this.maxIdStmt = db.prepare<[], { id: number }>('SELECT coalesce(max(id), 0) AS id FROM codes');
  }

  /**
   * The id SQLite would give the next code: one more than the largest (SQLite's rowid rule
   * for a table without AUTOINCREMENT, while the largest is below 2^63 − 1).
   */
  nextCodeId(): number {
    return this.maxIdStmt.get()!.id + 1;
  }

  /** Codes as rows of CODE_VALUES values: id, name, name_key, parent_id, the five fields, created_by, created_at. */
  insertCodes(values: Value[]): void {
    this.codes.run(values);
  }

  /** History entries as rows of HISTORY_VALUES values: at, coder_id, action, code, details (JSON). */
  insertHistory(values: Value[]): void {
    this.history.run(values);
  }
}

export const CODE_VALUES = 11;
export const HISTORY_VALUES = 5;
