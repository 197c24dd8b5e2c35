/** Memos: dated text by a coder, linked to a source, code, case, coding, or nothing. */
import type { Db } from './open.js';

export interface MemoLinks {
  sourceId?: number | null;
  codeId?: number | null;
  caseId?: number | null;
  codingId?: number | null;
  turn?: number | null;
}

export interface MemoView {
  id: number;
  title: string | null;
  text: string;
  coder: string;
  source: string | null;
  code: string | null;
  case: string | null;
  coding: number | null;
  turn: number | null;
  createdAt: string;
  updatedAt: string;
}

interface RawMemo {
  id: number; title: string | null; text: string; coder: string; source: string | null; code: string | null;
  case: string | null; coding_id: number | null; turn: number | null; created_at: string; updated_at: string;
  source_id: number | null; code_id: number | null; case_id: number | null;
}

export interface MemoFilter {
  sourceId?: number;
  codeId?: number;
  caseId?: number;
  codingId?: number;
  coderId?: number;
}

export class MemoRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly insertDatedStmt;
  private readonly linksStmt;
  private readonly deleteStmt;
  private readonly relinkCodeStmt;
  private readonly relinkCodingStmt;
  private readonly unlinkCodeStmt;
  private readonly viewSql = `
    SELECT m.id, m.title, m.text, k.name AS coder, s.name AS source, c.name AS code, cs.name AS "case", m.coding_id,
           m.turn, m.created_at, m.updated_at, m.source_id, m.code_id, m.case_id
    FROM memos m JOIN coders k ON k.id = m.coder_id LEFT JOIN sources s ON s.id = m.source_id
    LEFT JOIN codes c ON c.id = m.code_id LEFT JOIN cases cs ON cs.id = m.case_id`;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO memos (coder_id, title, text, source_id, code_id, case_id, coding_id, turn, created_at, updated_at)
      VALUES (@coderId, @title, @text, @sourceId, @codeId, @caseId, @codingId, @turn, @now, @now)`);
    this.insertDatedStmt = db.prepare(`
      INSERT INTO memos (coder_id, title, text, source_id, code_id, case_id, coding_id, turn, created_at, updated_at)
      VALUES (@coderId, @title, @text, @sourceId, @codeId, @caseId, @codingId, @turn, @createdAt, @updatedAt)`);
    this.linksStmt = db.prepare<[number], { sourceId: number | null; codingId: number | null }>('SELECT source_id AS sourceId, coding_id AS codingId FROM memos WHERE id = ?');
    this.updateStmt = db.prepare('UPDATE memos SET title = @title, text = @text, updated_at = @now WHERE id = @id');
    this.deleteStmt = db.prepare<[number]>('DELETE FROM memos WHERE id = ?');
    this.relinkCodeStmt = db.prepare<[number, number]>('UPDATE memos SET code_id = ? WHERE code_id = ?');
    this.unlinkCodeStmt = db.prepare<[number]>('UPDATE memos SET code_id = NULL WHERE code_id = ?');
    this.relinkCodingStmt = db.prepare<[number | null, number]>('UPDATE memos SET coding_id = ? WHERE coding_id = ?');
  }

  insert(coderId: number, title: string | null, text: string, links: MemoLinks, now: string): number {
    return Number(this.insertStmt.run({
      coderId, title, text, sourceId: null, codeId: null, caseId: null, codingId: null, turn: null, ...links, now,
    }).lastInsertRowid);
  }

  /** Inserts a memo keeping its own dates (merging another copy of the project). */
  insertAs(coderId: number, title: string | null, text: string, links: MemoLinks, createdAt: string, updatedAt: string): number {
    return Number(this.insertDatedStmt.run({
      coderId, title, text, sourceId: null, codeId: null, caseId: null, codingId: null, turn: null, ...links, createdAt, updatedAt,
    }).lastInsertRowid);
  }

  /** The raw link ids of a memo. */
  links(id: number): { sourceId: number | null; codingId: number | null } | undefined {
    return this.linksStmt.get(id);
  }

  update(id: number, title: string | null, text: string, now: string): void {
    this.updateStmt.run({ id, title, text, now });
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  /** Re-links memos of a code merged into another. */
  relinkCode(fromCodeId: number, toCodeId: number): number {
    return this.relinkCodeStmt.run(toCodeId, fromCodeId).changes;
  }

  /** Unlinks memos from a deleted code; the memos themselves are kept. */
  unlinkCode(codeId: number): number {
    return this.unlinkCodeStmt.run(codeId).changes;
  }

  /** Re-links memos of a coding absorbed into another (or unlinks them with null). */
  relinkCoding(fromCodingId: number, toCodingId: number | null): number {
    return this.relinkCodingStmt.run(toCodingId, fromCodingId).changes;
  }

  get(id: number): MemoView | undefined {
    const r = this.db.prepare<[number], RawMemo>(`${this.viewSql} WHERE m.id = ?`).get(id);
    return r === undefined ? undefined : toView(r);
  }

  list(filter: MemoFilter = {}): MemoView[] {
    const where: string[] = [];
    const params: number[] = [];
    const add = (sql: string, v: number | undefined): void => {
      if (v === undefined) return;
      where.push(sql);
      params.push(v);
    };
    add('m.source_id = ?', filter.sourceId);
    add('m.code_id = ?', filter.codeId);
    add('m.case_id = ?', filter.caseId);
    add('m.coding_id = ?', filter.codingId);
    add('m.coder_id = ?', filter.coderId);
    const sql = `${this.viewSql}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY m.created_at, m.id`;
    return this.db.prepare<number[], RawMemo>(sql).all(...params).map(toView);
  }
}

function toView(r: RawMemo): MemoView {
  return {
    id: r.id, title: r.title, text: r.text, coder: r.coder, source: r.source, code: r.code, case: r.case,
    coding: r.coding_id, turn: r.turn, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
