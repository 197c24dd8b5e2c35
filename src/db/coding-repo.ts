/** Codings: a code applied by a coder to a span of a source. */
import type { Db } from './open.js';

export interface CodingRow {
  id: number;
  codeId: number;
  sourceId: number;
  coderId: number;
  revision: number;
  start: number;
  end: number;
  quote: string;
  before: string;
  after: string;
  weight: number | null;
  orphaned: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A coding with the names users know it by. */
export interface CodingView extends CodingRow {
  code: string;
  source: string;
  case: string;
  wave: string;
  coder: string;
}

export interface CodingFilter {
  codeIds?: number[];
  sourceId?: number;
  caseName?: string;
  coderId?: number;
}

interface RawRow {
  id: number; code_id: number; source_id: number; coder_id: number; revision: number; start: number; end: number;
  quote: string; context_before: string; context_after: string; weight: number | null; orphaned: number;
  created_at: string; updated_at: string;
}

const COLS = `c.id, c.code_id, c.source_id, c.coder_id, c.revision, c.start, c."end", c.quote, c.context_before,
  c.context_after, c.weight, c.orphaned, c.created_at, c.updated_at`;

const toRow = (r: RawRow): CodingRow => ({
  id: r.id, codeId: r.code_id, sourceId: r.source_id, coderId: r.coder_id, revision: r.revision, start: r.start,
  end: r.end, quote: r.quote, before: r.context_before, after: r.context_after, weight: r.weight,
  orphaned: r.orphaned === 1, createdAt: r.created_at, updatedAt: r.updated_at,
});

export class CodingRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly moveStmt;
  private readonly restoreStmt;
  private readonly deleteStmt;
  private readonly getStmt;
  private readonly meetingStmt;
  private readonly forSourceStmt;
  private readonly placedOfCoderStmt;
  private readonly recodeStmt;
  private readonly placedStmt;
  private readonly viewSql: string;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare<[number, number, number, number, number, number, string, string, string, number | null, number, string, string]>(`
      INSERT INTO codings (code_id, source_id, coder_id, revision, start, "end", quote, context_before, context_after, weight, orphaned, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.updateStmt = db.prepare<[number, number, number, number, string, string, string, number | null, number, string, number]>(`
      UPDATE codings SET code_id = ?, revision = ?, start = ?, "end" = ?, quote = ?,
        context_before = ?, context_after = ?, weight = ?, orphaned = ?, updated_at = ?
      WHERE id = ?`);
    this.moveStmt = db.prepare<[number, number, number, string, number]>(`
      UPDATE codings SET revision = ?, start = ?, "end" = ?, orphaned = 0, updated_at = ? WHERE id = ?`);
    this.restoreStmt = db.prepare(`
      INSERT INTO codings (id, code_id, source_id, coder_id, revision, start, "end", quote, context_before, context_after, weight, orphaned, created_at, updated_at)
      VALUES (@id, @codeId, @sourceId, @coderId, @revision, @start, @end, @quote, @before, @after, @weight, @orphaned, @createdAt, @updatedAt)`);
    this.deleteStmt = db.prepare<[number]>('DELETE FROM codings WHERE id = ?');
    this.getStmt = db.prepare<[number], RawRow>(`SELECT ${COLS} FROM codings c WHERE c.id = ?`);
    this.meetingStmt = db.prepare<[number, number, number, number, number], RawRow>(`
      SELECT ${COLS} FROM codings c
      WHERE c.source_id = ? AND c.code_id = ? AND c.coder_id = ? AND c.orphaned = 0 AND c.start <= ? AND c."end" >= ?
      ORDER BY c.start, c.id`);
    this.forSourceStmt = db.prepare<[number], RawRow>(`SELECT ${COLS} FROM codings c WHERE c.source_id = ? ORDER BY c.start, c.id`);
    this.placedOfCoderStmt = db.prepare<[number, number], RawRow>(`SELECT ${COLS} FROM codings c WHERE c.source_id = ? AND c.coder_id = ? AND c.orphaned = 0`);
    this.placedStmt = db.prepare(`
      SELECT c.code_id, c.source_id, c.coder_id, c.start, c."end"
      FROM codings c JOIN sources s ON s.id = c.source_id
      WHERE c.orphaned = 0 AND c.revision = s.current_revision`);
    this.recodeStmt = db.prepare<[number, string, number]>('UPDATE codings SET code_id = ?, updated_at = ? WHERE code_id = ?');
    this.viewSql = `
      SELECT ${COLS}, k.name AS code, s.name AS source, cs.name AS "case", s.wave, d.name AS coder
      FROM codings c JOIN codes k ON k.id = c.code_id JOIN sources s ON s.id = c.source_id
      JOIN cases cs ON cs.id = s.case_id JOIN coders d ON d.id = c.coder_id`;
  }

  insert(row: Omit<CodingRow, 'id'>): number {
    // Positional parameters: binding a copy of the row by names costs `tag --from` ~2 µs a row.
    return Number(this.insertStmt.run(
      row.codeId, row.sourceId, row.coderId, row.revision, row.start, row.end, row.quote, row.before, row.after,
      row.weight, row.orphaned ? 1 : 0, row.createdAt, row.updatedAt,
    ).lastInsertRowid);
  }

  /** Re-inserts a deleted coding under its old id (undo). */
  restore(row: CodingRow): void {
    this.restoreStmt.run({ ...row, orphaned: row.orphaned ? 1 : 0 });
  }

  update(row: CodingRow): void {
    this.updateStmt.run(row.codeId, row.revision, row.start, row.end, row.quote, row.before, row.after, row.weight, row.orphaned ? 1 : 0, row.updatedAt, row.id);
  }

  /** Places a coding at a span of another revision whose text there is its quote and context still. */
  move(id: number, revision: number, start: number, end: number, now: string): void {
    this.moveStmt.run(revision, start, end, now, id);
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  get(id: number): CodingRow | undefined {
    const r = this.getStmt.get(id);
    return r === undefined ? undefined : toRow(r);
  }

  /** Placed codings of one code by one coder in one source that overlap or touch [start, end). */
  meeting(sourceId: number, codeId: number, coderId: number, start: number, end: number): CodingRow[] {
    return this.meetingStmt.all(sourceId, codeId, coderId, end, start).map(toRow);
  }

  /** Placed codings of one coder in one source, every code (a batch's copy: app/coding-index.ts). */
  placedOfCoder(sourceId: number, coderId: number): CodingRow[] {
    return this.placedOfCoderStmt.all(sourceId, coderId).map(toRow);
  }

  forSource(sourceId: number): CodingRow[] {
    return this.forSourceStmt.all(sourceId).map(toRow);
  }

  /**
   * Every placed coding on its source's current revision, for reports: rows of
   * [code id, source row id, coder id, start, end] (raw arrays: 100,000 objects would
   * cost more than the query).
   */
  placed(): [number, number, number, number, number][] {
    return this.placedStmt.raw(true).all() as [number, number, number, number, number][];
  }

  /** Moves every coding of one code to another (codebook merge). */
  recode(fromCodeId: number, toCodeId: number, now: string): number {
    return this.recodeStmt.run(toCodeId, now, fromCodeId).changes;
  }

  /** The names of the coders with at least one coding (from the covering index codings_place: no coding row is read). */
  coderNames(): string[] {
    return this.db.prepare<[], string>('SELECT d.name FROM coders d WHERE d.id IN (SELECT DISTINCT coder_id FROM codings) ORDER BY d.name').pluck().all();
  }

  /** Codings with names, filtered, in source/start order. */
  list(filter: CodingFilter = {}): CodingView[] {
    const { where, params } = whereOf(filter);
    const sql = `${this.viewSql}${where} ORDER BY s.name, c.start, c."end", c.id`;
    return this.db
      .prepare<(number | string)[], RawRow & { code: string; source: string; case: string; wave: string; coder: string }>(sql)
      .all(...params)
      .map((r) => ({ ...toRow(r), code: r.code, source: r.source, case: r.case, wave: r.wave, coder: r.coder }));
  }

  /** The row ids of the sources with codings that `filter` lists, in list()'s order (by source name). */
  sourceIdsOf(filter: CodingFilter = {}): number[] {
    const { where, params } = whereOf(filter);
    return this.db.prepare<(number | string)[], number>(`
      SELECT s.id FROM sources s WHERE s.id IN (SELECT c.source_id FROM codings c JOIN sources s ON s.id = c.source_id
      JOIN cases cs ON cs.id = s.case_id${where}) ORDER BY s.name`).pluck().all(...params);
  }

  /** Per code: number of codings, sources and cases. */
  countsByCode(): Map<number, { codings: number; sources: number; cases: number }> {
    const rows = this.db.prepare<[], { code_id: number; codings: number; sources: number; cases: number }>(`
      SELECT c.code_id, count(*) AS codings, count(DISTINCT c.source_id) AS sources, count(DISTINCT s.case_id) AS cases
      FROM codings c JOIN sources s ON s.id = c.source_id GROUP BY c.code_id`).all();
    return new Map(rows.map((r) => [r.code_id, { codings: r.codings, sources: r.sources, cases: r.cases }]));
  }
}

/** The WHERE clause (with its leading space, or empty) and parameters of a coding filter over `c`, `s` and `cs`. */
function whereOf(filter: CodingFilter): { where: string; params: (number | string)[] } {
  const where: string[] = [];
  const params: (number | string)[] = [];
  if (filter.codeIds !== undefined) {
    where.push(`c.code_id IN (${filter.codeIds.map(() => '?').join(',') || 'NULL'})`);
    params.push(...filter.codeIds);
  }
  if (filter.sourceId !== undefined) {
    where.push('c.source_id = ?');
    params.push(filter.sourceId);
  }
  if (filter.caseName !== undefined) {
    where.push('cs.name = ?');
    params.push(filter.caseName);
  }
  if (filter.coderId !== undefined) {
    where.push('c.coder_id = ?');
    params.push(filter.coderId);
  }
  return { where: where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '', params };
}
