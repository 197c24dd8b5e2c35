/** Database-level integrity checks. */
import type { Db } from './open.js';

export class IntegrityRepo {
  constructor(private readonly db: Db) {}

  /** SQLite's own quick check: 'ok' or the problems found. */
  quickCheck(): string[] {
    return (this.db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).filter((r) => r !== 'ok');
  }

  /** Rows whose foreign keys point nowhere. */
  foreignKeyProblems(): { table: string; rowid: number; parent: string }[] {
    return this.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  }

  /** Every coding with the text of the revision it refers to (or null when that revision is missing). */
  codingsWithText(): { id: number; source: string; code: string; coder: string; revision: number; current: number; start: number; end: number; quote: string; orphaned: number; text: string | null }[] {
    return this.db.prepare(`
      SELECT c.id, s.name AS source, k.name AS code, d.name AS coder, c.revision, s.current_revision AS current,
             c.start, c."end" AS "end", c.quote, c.orphaned, r.text
      FROM codings c JOIN sources s ON s.id = c.source_id JOIN codes k ON k.id = c.code_id JOIN coders d ON d.id = c.coder_id
      LEFT JOIN revisions r ON r.source_id = c.source_id AND r.number = c.revision
      ORDER BY c.id`).all() as never;
  }
}
