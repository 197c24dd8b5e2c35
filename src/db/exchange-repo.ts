/** The reads a REFI-QDA export needs, lean: 100,000 codings without their quotes and contexts. */
import type { Db } from './open.js';

export interface ExportCoding {
  id: number;
  codeId: number;
  sourceId: number;
  coder: string;
  start: number;
  end: number;
  revision: number;
  orphaned: boolean;
  weighted: boolean;
  createdAt: string;
}

export class ExchangeRepo {
  private readonly codingsInStmt;
  private readonly codingStmt;
  private readonly codersStmt;

  constructor(db: Db) {
    const fields = 'c.id, c.code_id, c.source_id, d.name, c.start, c."end", c.revision, c.orphaned, c.weight IS NOT NULL, c.created_at';
    this.codingsInStmt = db.prepare<[number], Row>(`SELECT ${fields} FROM codings c JOIN coders d ON d.id = c.coder_id WHERE c.source_id = ? ORDER BY c.start, c."end", c.id`).raw(true);
    this.codingStmt = db.prepare<[number], Row>(`SELECT ${fields} FROM codings c JOIN coders d ON d.id = c.coder_id WHERE c.id = ?`).raw(true);
    // Served by codings_place (source, code, coder, …, revision, orphaned): no coding row is read.
    this.codersStmt = db.prepare<[], { sourceId: number; coder: string }>(`
      SELECT DISTINCT c.source_id AS sourceId, d.name AS coder FROM codings c JOIN coders d ON d.id = c.coder_id
      JOIN sources s ON s.id = c.source_id WHERE c.orphaned = 0 AND c.revision = s.current_revision`);
  }

  /** The codings of one source, by position. */
  codingsIn(sourceId: number): ExportCoding[] {
    return this.codingsInStmt.all(sourceId).map(toCoding);
  }

  coding(id: number): ExportCoding | undefined {
    const row = this.codingStmt.get(id);
    return row === undefined ? undefined : toCoding(row);
  }

  /** Each source with the coders of its codings placed on its current revision. */
  placedCoders(): { sourceId: number; coder: string }[] {
    return this.codersStmt.all();
  }
}

type Row = [number, number, number, string, number, number, number, number, number, string];

function toCoding([id, codeId, sourceId, coder, start, end, revision, orphaned, weighted, createdAt]: Row): ExportCoding {
  return { id, codeId, sourceId, coder, start, end, revision, orphaned: orphaned === 1, weighted: weighted === 1, createdAt };
}
