/** Which codes are headings only (not codable), as REFI-QDA's `isCodable` says. */
import type { Db } from './open.js';

export class CodableRepo {
  private readonly notCodableStmt;
  private readonly setStmt;

  constructor(db: Db) {
    this.notCodableStmt = db.prepare<[], { id: number }>('SELECT id FROM codes WHERE codable = 0');
    this.setStmt = db.prepare<[number, number]>('UPDATE codes SET codable = ? WHERE id = ?');
  }

  /** The ids of codes that are headings only. */
  notCodable(): Set<number> {
    return new Set(this.notCodableStmt.all().map((r) => r.id));
  }

  set(id: number, codable: boolean): void {
    this.setStmt.run(codable ? 1 : 0, id);
  }
}
