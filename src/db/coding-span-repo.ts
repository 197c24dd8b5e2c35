/** The report index (schema v3): per source, its placed codings packed for reports. */
import type { Db } from './open.js';
import { wordStartsFromBlob } from './source-repo.js';

export interface StaleSource {
  sourceId: number;
  revision: number;
}

/** An Int32Array over a blob's bytes (copied when SQLite's buffer is not 4-byte aligned). */
export function int32Of(blob: Buffer): Int32Array {
  if (blob.byteOffset % 4 === 0) return new Int32Array(blob.buffer, blob.byteOffset, blob.length / 4);
  const out = new Int32Array(blob.length / 4);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

export class CodingSpanRepo {
  private readonly staleStmt;
  private readonly placedStmt;
  private readonly startsStmt;
  private readonly storeStmt;
  private readonly allStmt;
  private readonly wholeStmt;

  constructor(db: Db) {
    this.staleStmt = db.prepare<[], StaleSource>(`
      SELECT s.id AS sourceId, s.current_revision AS revision FROM sources s
      LEFT JOIN coding_spans x ON x.source_id = s.id
      WHERE x.source_id IS NULL OR x.revision <> s.current_revision ORDER BY s.id`);
    // Served by the covering index codings_place: no quote or context is read.
    this.placedStmt = db.prepare<[number, number]>(`
      SELECT code_id, coder_id, start, "end" FROM codings
      WHERE source_id = ? AND revision = ? AND orphaned = 0`).raw(true);
    this.startsStmt = db.prepare<[number, number], { starts: Buffer }>(
      'SELECT participant_word_starts AS starts FROM revisions WHERE source_id = ? AND number = ?',
    );
    this.storeStmt = db.prepare<[number, number, Buffer]>('INSERT OR REPLACE INTO coding_spans (source_id, revision, data) VALUES (?, ?, ?)');
    // Served by coding_spans_revision (schema v8): no entry is read.
    this.wholeStmt = db.prepare<[], number>(`
      SELECT (SELECT count(*) FROM sources) = (SELECT count(*) FROM coding_spans x JOIN sources s ON s.id = x.source_id AND x.revision = s.current_revision)`).pluck();
    this.allStmt = db.prepare<[]>(`
      SELECT x.source_id, x.data FROM coding_spans x JOIN sources s ON s.id = x.source_id
      WHERE x.revision = s.current_revision`).raw(true);
  }

  /** Sources whose entry is missing or made for another revision. */
  stale(): StaleSource[] {
    return this.staleStmt.all();
  }

  /** A source's placed codings on `revision`: rows of [code id, coder id, start, end]. */
  placedIn(sourceId: number, revision: number): number[][] {
    return this.placedStmt.all(sourceId, revision) as number[][];
  }

  /** The participant-word starts of a revision. */
  wordStarts(sourceId: number, revision: number): Uint32Array {
    const row = this.startsStmt.get(sourceId, revision);
    return row === undefined ? new Uint32Array() : wordStartsFromBlob(row.starts);
  }

  store(sourceId: number, revision: number, packed: Int32Array): void {
    this.storeStmt.run(sourceId, revision, Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength));
  }

  /** Whether every source has an entry made for its current revision. */
  isWhole(): boolean {
    return this.wholeStmt.get() === 1;
  }

  /** Every current entry, by source row id. */
  all(): Map<number, Int32Array> {
    const out = new Map<number, Int32Array>();
    for (const [id, data] of this.allStmt.iterate() as IterableIterator<[number, Buffer]>) out.set(id, int32Of(data));
    return out;
  }
}
