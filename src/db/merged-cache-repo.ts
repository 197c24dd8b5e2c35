/** The merged-spans cache (schema v8): a few merges of reports, each with its key and generation. */
import type { EncodedMerge } from '../core/merged-spans-blob.js';
import type { Db } from './open.js';
import { int32Of } from './coding-span-repo.js';

/** How many merges are kept: a project's usual scopes (all of it, one coder, a wave or two). */
export const KEPT_MERGES = 4;

export class MergedCacheRepo {
  private readonly generationStmt;
  private readonly keysStmt;
  private readonly figuresStmt;
  private readonly wholeStmt;
  private readonly codersStmt;
  private readonly overlapsStmt;

  constructor(private readonly db: Db) {
    this.generationStmt = db.prepare<[], number>('SELECT n FROM report_generation WHERE id = 1').pluck();
    this.keysStmt = db.prepare<[number]>('SELECT id, key FROM merged_spans_cache WHERE generation = ? ORDER BY id').raw(true);
    this.codersStmt = db.prepare<[number], Buffer>('SELECT coders FROM merged_spans_cache WHERE id = ?').pluck();
    this.figuresStmt = db.prepare<[number], Buffer>('SELECT figures FROM merged_spans_cache WHERE id = ?').pluck();
    this.wholeStmt = db.prepare<[number], { figures: Buffer; spans: Buffer }>('SELECT figures, spans FROM merged_spans_cache WHERE id = ?');
    this.overlapsStmt = db.prepare<[number], Buffer | null>('SELECT overlaps FROM merged_spans_cache WHERE id = ?').pluck();
  }

  /** The report index's generation: it grows with every entry written to the index. */
  generation(): number {
    return this.generationStmt.get()!;
  }

  /** The row of the merge kept under `key` at `generation`, if there is one. */
  find(key: Int32Array, generation: number): number | undefined {
    const wanted = bytesOf(key);
    for (const [id, k] of this.keysStmt.iterate(generation) as IterableIterator<[number, Buffer]>) {
      if (wanted.equals(k)) return id;
    }
    return undefined;
  }

  /** The figures part of a kept merge (core/merged-spans-blob.ts). */
  figures(row: number): Int32Array {
    return int32Of(this.figuresStmt.get(row)!);
  }

  /** Both parts of a kept merge, read together. */
  whole(row: number): EncodedMerge {
    const r = this.wholeStmt.get(row)!;
    return { figures: int32Of(r.figures), spans: int32Of(r.spans) };
  }

  /** The ids of the coders with codings in the scope of a kept merge. */
  coders(row: number): Int32Array | undefined {
    const blob = this.codersStmt.get(row);
    return blob === undefined ? undefined : int32Of(blob);
  }

  /** The overlap counts kept with a merge, if any. */
  overlaps(row: number): Int32Array | undefined {
    const blob = this.overlapsStmt.get(row);
    return blob === undefined || blob === null ? undefined : int32Of(blob);
  }

  /** Adds overlap counts to the merge kept under `key` at `generation`, if that is still the index's (within a write transaction). */
  storeOverlaps(key: Int32Array, generation: number, overlaps: Int32Array): boolean {
    if (this.generation() !== generation) return false;
    return this.db.prepare('UPDATE merged_spans_cache SET overlaps = ? WHERE key = ? AND generation = ?').run(bytesOf(overlaps), bytesOf(key), generation).changes > 0;
  }

  /**
   * Keeps a merge made at `generation`, if that is still the index's generation (call within
   * a write transaction); drops stale merges and all but the newest KEPT_MERGES. Returns
   * whether it was kept.
   */
  store(key: Int32Array, generation: number, merge: EncodedMerge, coders: Int32Array): boolean {
    if (this.generation() !== generation) return false;
    const k = bytesOf(key);
    this.db.prepare('DELETE FROM merged_spans_cache WHERE generation <> ? OR key = ?').run(generation, k);
    this.db.prepare('INSERT INTO merged_spans_cache (generation, key, coders, figures, spans) VALUES (?, ?, ?, ?, ?)')
      .run(generation, k, bytesOf(coders), bytesOf(merge.figures), bytesOf(merge.spans));
    this.db.prepare(`DELETE FROM merged_spans_cache WHERE id NOT IN (SELECT id FROM merged_spans_cache ORDER BY id DESC LIMIT ${KEPT_MERGES})`).run();
    return true;
  }
}

function bytesOf(a: Int32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}
