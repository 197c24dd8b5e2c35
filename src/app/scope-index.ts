/**
 * What a report scope reads from the report index, each part on first use: the packed
 * codings of its sources, their merged spans per code (with or without the spans themselves),
 * the union of every code, the overlap counts of every pair of codes, and which coders have
 * codings in it. All but the packed codings come from the merged-spans cache (schema v8) when
 * an earlier report made them for the same scope at the index's current generation: a report
 * that needs only those then reads neither the codings nor their index entries.
 */
import type { Code } from '../core/codebook.js';
import { decodeMerged, encodeMerged, mergeKey } from '../core/merged-spans-blob.js';
import { CodeSpans } from '../core/code-spans.js';
import { mergedSpansByCode, unionOfSpans, type MergedSpans } from '../core/merged-spans.js';
import { overlapCounts, type OverlapCounts } from '../core/overlap-places.js';
import { CODING_FIELDS, F_CODER, filterCoders } from '../core/span-index.js';
import type { Project } from './project.js';
import { indexGeneration, keepMerge, keepOverlaps, packedCodings, type IndexedCodings } from './report-index.js';

/** The overlap counts of every pair of codes, and the codes (ascending ids) they are counted over. */
export interface CodeOverlaps {
  codeIds: number[];
  counts: OverlapCounts;
}

/** Above this many codes, overlap counts are not kept (two squares of 4 MB at 1,024). */
const MAX_OVERLAP_CODES = 1024;

interface Made {
  merged: MergedSpans;
  everyCode: CodeSpans;
}

/** Where a kept merge holds everyCode: no code has id 0. */
const EVERY_CODE = 0;

export class ScopeIndex {
  /** The index's generation when the scope was read (null: the index lacked entries then). */
  private readonly generation: number | null;
  private index?: IndexedCodings;
  private packedCodings?: Int32Array[];
  /** The merge with its spans, once read or made; a kept merge's figures only, once read. */
  private whole?: Made;
  private figuresOnly?: Made;
  /** The index generation the merged spans are of (null: made from entries built in memory). */
  private madeAt: number | null = null;
  private overlaps?: CodeOverlaps | null;
  private present?: number[];
  /** The row of the cache kept for this scope: undefined until looked for, null if none. */
  private cached?: number | null;

  constructor(
    private readonly p: Project,
    /** Row ids of the sources in scope, in scope order. */
    private readonly rowIds: readonly number[],
    /** The coders whose codings count; null: every coder. */
    private readonly coderIds: ReadonlySet<number> | null,
    private readonly codes: readonly Code[],
    /** Every coder of the project. */
    private readonly allCoderIds: readonly number[],
  ) {
    this.generation = indexGeneration(p);
  }

  /** Per source in scope, its placed codings by the coders in scope, packed. */
  get packed(): Int32Array[] {
    if (this.packedCodings === undefined) {
      const index = (this.index = packedCodings(this.p));
      const coderIds = this.coderIds;
      this.packedCodings = this.rowIds.map((id) => {
        const data = index.bySource.get(id) ?? new Int32Array();
        return coderIds === null ? data : filterCoders(data, (c) => coderIds.has(c));
      });
    }
    return this.packedCodings;
  }

  /** Per code, the merged spans of its subtree. */
  get merged(): MergedSpans {
    return this.made(true).merged;
  }

  /**
   * `merged` for a report that reads only counts (sources, offsets, words per source): from a
   * kept merge, without its spans, whose `data` then throws.
   */
  get mergedFigures(): MergedSpans {
    return this.made(false).merged;
  }

  /** The union of every code's merged spans (those of the codes without a parent, merged again), figures only if so read. */
  get everyCode(): CodeSpans {
    return this.made(false).everyCode;
  }

  /**
   * The overlap counts of every pair of codes (core/overlap-places.ts), codes by ascending id;
   * kept with the merge once made. Null for a codebook of more than MAX_OVERLAP_CODES codes:
   * their square would be too large to keep, and a report sweeps the codes it shows instead.
   */
  get codeOverlaps(): CodeOverlaps | null {
    if (this.overlaps === undefined) {
      if (this.codes.length > MAX_OVERLAP_CODES) return (this.overlaps = null);
      const codeIds = this.codes.map((c) => c.id).sort((a, b) => a - b);
      const m = codeIds.length;
      const row = this.cacheRow();
      const kept = row === null ? undefined : this.p.mergedCache.overlaps(row);
      if (kept !== undefined && kept.length === 1 + 2 * m * m && kept[0] === m) {
        this.overlaps = { codeIds, counts: { m, pairs: kept.subarray(1, 1 + m * m), over: kept.subarray(1 + m * m) } };
      } else {
        const { merged } = this.made(true);
        const counts = overlapCounts(codeIds.map((id) => merged.get(id) ?? CodeSpans.EMPTY), this.rowIds.length);
        this.overlaps = { codeIds, counts };
        if (this.madeAt !== null) {
          const data = new Int32Array(1 + 2 * m * m);
          data[0] = m;
          data.set(counts.pairs, 1);
          data.set(counts.over, 1 + m * m);
          keepOverlaps(this.p, this.key(), this.madeAt, data);
        }
      }
    }
    return this.overlaps;
  }

  /**
   * The merge, from the kept one if there is one (its spans read only `withSpans`, in the
   * same statement as its figures), else made now from the packed codings and kept.
   */
  private made(withSpans: boolean): Made {
    if (this.whole !== undefined) return this.whole;
    if (!withSpans && this.figuresOnly !== undefined) return this.figuresOnly;
    const row = this.cacheRow();
    const kept = row === null ? undefined : withSpans
      ? wholeOrUndefined(() => { const w = this.p.mergedCache.whole(row); return decodeMerged(w.figures, w.spans); })
      : wholeOrUndefined(() => decodeMerged(this.p.mergedCache.figures(row), null));
    if (kept !== undefined && kept.has(EVERY_CODE)) {
      const everyCode = kept.get(EVERY_CODE)!;
      kept.delete(EVERY_CODE);
      this.madeAt = this.generation;
      if (!withSpans) return (this.figuresOnly = { merged: kept, everyCode });
      return (this.whole = { merged: kept, everyCode });
    }
    const merged = mergedSpansByCode(this.codes, this.packed);
    const everyCode = unionOfSpans(this.codes.filter((c) => c.parentId === null).map((c) => merged.get(c.id) ?? CodeSpans.EMPTY));
    if (this.index!.generation !== null) {
      const data = encodeMerged(new Map([...merged, [EVERY_CODE, everyCode]]));
      keepMerge(this.p, this.key(), this.index!.generation, data, Int32Array.from(this.codersPresent()));
    }
    this.madeAt = this.index!.generation;
    return (this.whole = { merged, everyCode });
  }

  /** The ids of the coders with a coding in scope, ascending. */
  codersPresent(): number[] {
    if (this.present === undefined) {
      const row = this.packedCodings === undefined ? this.cacheRow() : null;
      // The kept row may be gone since it was found (another report kept a newer merge).
      const kept = row === null ? undefined : this.p.mergedCache.coders(row);
      this.present = kept !== undefined ? [...kept] : codersIn(this.packed, this.allCoderIds);
    }
    return this.present;
  }

  private key(): Int32Array {
    return mergeKey(this.rowIds, this.coderIds, this.codes);
  }

  private cacheRow(): number | null {
    if (this.cached === undefined) this.cached = this.generation === null ? null : (this.p.mergedCache.find(this.key(), this.generation) ?? null);
    return this.cached;
  }
}

/**
 * A kept merge, or undefined when it is not whole (written by hand, cut short) or its row is
 * gone since it was found (another report kept a newer one): it is then made anew.
 */
function wholeOrUndefined(decode: () => MergedSpans): MergedSpans | undefined {
  try {
    return decode();
  } catch {
    return undefined;
  }
}

/** The ids of the coders with a coding in `packed`, by one mark per coder id (stops once every coder is seen). */
function codersIn(packed: readonly Int32Array[], coderIds: readonly number[]): number[] {
  const seen = new Uint8Array(Math.max(0, ...coderIds) + 1);
  let found = 0;
  for (const data of packed) {
    found += markCoders(data, seen);
    if (found === coderIds.length) break;
  }
  const out: number[] = [];
  seen.forEach((v, id) => {
    if (v === 1) out.push(id);
  });
  return out;
}

/** Marks the coders of one source's packed codings in `seen`; returns how many were new. */
function markCoders(data: Int32Array, seen: Uint8Array): number {
  let added = 0;
  for (let o = F_CODER; o < data.length; o += CODING_FIELDS) {
    if (seen[data[o]!] === 0) {
      seen[data[o]!] = 1;
      added++;
    }
  }
  return added;
}
