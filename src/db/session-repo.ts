/** Where each coder left off in each source's interactive coding session. */
import type { Db } from './open.js';

export class SessionRepo {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[number, number], { turn: number }>('SELECT turn FROM coding_sessions WHERE coder_id = ? AND source_id = ?');
    this.setStmt = db.prepare<[number, number, number, string]>(`
      INSERT INTO coding_sessions (coder_id, source_id, turn, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (coder_id, source_id) DO UPDATE SET turn = excluded.turn, updated_at = excluded.updated_at`);
  }

  lastTurn(coderId: number, sourceId: number): number | undefined {
    return this.getStmt.get(coderId, sourceId)?.turn;
  }

  setTurn(coderId: number, sourceId: number, turn: number, now: string): void {
    this.setStmt.run(coderId, sourceId, turn, now);
  }
}
