/** Cases (participants) and their attributes. */
import type { CaseRecord } from '../core/model.js';
import type { Db } from './open.js';

export class CaseRepo {
  private readonly findStmt;
  private readonly insertStmt;
  private readonly setAttrStmt;
  private readonly listStmt;
  private readonly attrsStmt;
  private readonly attrsOfStmt;

  constructor(db: Db) {
    this.findStmt = db.prepare<[string], { id: number }>('SELECT id FROM cases WHERE name = ?');
    this.insertStmt = db.prepare<[string, string]>('INSERT INTO cases (name, created_at) VALUES (?, ?)');
    this.setAttrStmt = db.prepare<[number, string, string]>(
      'INSERT INTO case_attributes (case_id, name, value) VALUES (?, ?, ?) ON CONFLICT (case_id, name) DO UPDATE SET value = excluded.value',
    );
    this.listStmt = db.prepare<[], { id: number; name: string; sources: number }>(
      'SELECT c.id, c.name, (SELECT count(*) FROM sources s WHERE s.case_id = c.id) AS sources FROM cases c',
    );
    this.attrsStmt = db.prepare<[], { case_id: number; name: string; value: string }>(
      'SELECT case_id, name, value FROM case_attributes',
    );
    this.attrsOfStmt = db.prepare<[number], { name: string; value: string }>('SELECT name, value FROM case_attributes WHERE case_id = ?');
  }

  /** The row id of a case, creating it when new; `created` tells which. */
  ensure(name: string, now: string): { id: number; created: boolean } {
    const row = this.findStmt.get(name);
    if (row !== undefined) return { id: row.id, created: false };
    const info = this.insertStmt.run(name, now);
    return { id: Number(info.lastInsertRowid), created: true };
  }

  find(name: string): number | undefined {
    return this.findStmt.get(name)?.id;
  }

  /** Sets attributes; returns how many values were new or different. */
  setAttributes(caseId: number, attributes: Record<string, string>): number {
    const current = new Map(this.attrsOfStmt.all(caseId).map((r) => [r.name, r.value]));
    let changed = 0;
    for (const [name, value] of Object.entries(attributes)) {
      if (current.get(name) === value) continue;
      this.setAttrStmt.run(caseId, name, value);
      changed++;
    }
    return changed;
  }

  /** Every case with its number of sources and attributes (unsorted). */
  list(): CaseRecord[] {
    const attrs = new Map<number, Record<string, string>>();
    for (const a of this.attrsStmt.all()) {
      let rec = attrs.get(a.case_id);
      if (rec === undefined) attrs.set(a.case_id, (rec = {}));
      rec[a.name] = a.value;
    }
    return this.listStmt.all().map((r) => ({ case: r.name, sources: r.sources, attributes: attrs.get(r.id) ?? {} }));
  }
}
