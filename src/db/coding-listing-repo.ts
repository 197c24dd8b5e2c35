/**
 * Reading codings for `qcode codings`, one source at a time, so that a listing of a million
 * codings streams instead of being held in memory.
 */
import type { Db } from './open.js';

/** [id, code id, coder id, revision, start, end, quote, weight, orphaned (0 or 1)]. */
export type ListedCoding = [id: number, codeId: number, coderId: number, revision: number, start: number, end: number, quote: string, weight: number | null, orphaned: number];

export interface ListingFilter {
  codeIds?: number[];
  sourceId?: number;
  caseName?: string;
  coderId?: number;
}

export class CodingListingRepo {
  private readonly bytesStmt;

  constructor(private readonly db: Db) {
    this.bytesStmt = db.prepare<[number, number], { bytes: Uint8Array }>('SELECT CAST(text AS BLOB) AS bytes FROM revisions WHERE source_id = ? AND number = ?');
  }

  /** The sources a listing visits, ordered by id (name) as SQLite compares text. */
  sources(f: ListingFilter): { id: number; name: string; current: number }[] {
    const where: string[] = [];
    const params: (number | string)[] = [];
    if (f.sourceId !== undefined) {
      where.push('s.id = ?');
      params.push(f.sourceId);
    }
    if (f.caseName !== undefined) {
      where.push('cs.name = ?');
      params.push(f.caseName);
    }
    return this.db.prepare<(number | string)[], { id: number; name: string; current: number }>(`
      SELECT s.id, s.name, s.current_revision AS current FROM sources s JOIN cases cs ON cs.id = s.case_id
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.name`).all(...params);
  }

  /** The UTF-8 bytes of one revision's text (empty when it does not exist), undecoded. */
  revisionBytes(sourceId: number, revision: number): Uint8Array {
    return this.bytesStmt.get(sourceId, revision)?.bytes ?? new Uint8Array(0);
  }

  /** A statement giving one source's codings that pass the filter, by start, end, id. */
  codingsOfSource(f: ListingFilter): (sourceId: number) => ListedCoding[] {
    const where = ['c.source_id = ?'];
    const params: number[] = [];
    if (f.codeIds !== undefined) {
      where.push(`c.code_id IN (${f.codeIds.map(() => '?').join(',') || 'NULL'})`);
      params.push(...f.codeIds);
    }
    if (f.coderId !== undefined) {
      where.push('c.coder_id = ?');
      params.push(f.coderId);
    }
    const stmt = this.db.prepare<number[], ListedCoding>(`
      SELECT c.id, c.code_id, c.coder_id, c.revision, c.start, c."end", c.quote, c.weight, c.orphaned
      FROM codings c WHERE ${where.join(' AND ')} ORDER BY c.start, c."end", c.id`).raw(true);
    return (sourceId) => stmt.all(sourceId, ...params) as unknown as ListedCoding[];
  }
}
