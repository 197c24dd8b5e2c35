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
  private readonly codingsStmt;

  constructor(db: Db) {
    this.codingsStmt = db.prepare<[], [number, number, number, string, number, number, number, number, number, string]>(`
      SELECT c.id, c.code_id, c.source_id, d.name, c.start, c."end", c.revision, c.orphaned, c.weight IS NOT NULL, c.created_at
      FROM codings c JOIN coders d ON d.id = c.coder_id ORDER BY c.source_id, c.start, c."end", c.id`).raw(true);
  }

  /** Every coding, by source and position. */
  codings(): ExportCoding[] {
    return this.codingsStmt.all().map(([id, codeId, sourceId, coder, start, end, revision, orphaned, weighted, createdAt]) => ({
      id, codeId, sourceId, coder, start, end, revision, orphaned: orphaned === 1, weighted: weighted === 1, createdAt,
    }));
  }
}
