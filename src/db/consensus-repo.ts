/** The consensus coder: the target of `qcode adopt`, as its history records say. */
import type { Db } from './open.js';

export class ConsensusRepo {
  private readonly latestStmt;

  constructor(db: Db) {
    // The most recent adopt target that still has codings; the history is the one record
    // of adopt, so projects adopted before this rule existed are covered too.
    this.latestStmt = db.prepare<[], { name: string }>(`
      SELECT k.name FROM codebook_history h
      JOIN coders k ON k.name = json_extract(h.details, '$.to')
      WHERE h.action = 'adopt' AND EXISTS (SELECT 1 FROM codings c WHERE c.coder_id = k.id)
      ORDER BY h.id DESC LIMIT 1`);
  }

  /** The consensus coder's name, or null when no adopt target has codings. */
  coder(): string | null {
    return this.latestStmt.get()?.name ?? null;
  }
}
