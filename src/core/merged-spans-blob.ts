/**
 * Merged spans (merged-spans.ts) as two arrays of 32-bit integers, for the merged-spans cache
 * (schema v8), and the key that says which merge it is. The figures part is all that reports
 * of counts read (matrix, trajectory); the spans, ten times larger, are read with it by the
 * reports that need them (themes' quotes, cooccurrence's sweep, framework, the codebook).
 *
 * Figures: the number of codes c; then per code its id, how many sources have spans and how
 * many integers of spans there are; then per code with spans, in the same order, its source
 * indices, its offsets (one more than sources) and its participant words in each of those
 * sources. Spans: per code with spans, in the same order, its spans. Decoding makes views,
 * not copies.
 */
import type { Code } from './codebook.js';
import { CodeSpans, SPAN_FIELDS } from './code-spans.js';
import type { MergedSpans } from './merged-spans.js';

const HEAD = 3;

export interface EncodedMerge {
  figures: Int32Array;
  spans: Int32Array;
}

export function encodeMerged(merged: MergedSpans): EncodedMerge {
  let size = 1;
  let ints = 0;
  for (const cs of merged.values()) {
    size += HEAD + (cs.size === 0 ? 0 : cs.sourceIndices.length * 3 + 1);
    ints += cs.data.length;
  }
  const figures = new Int32Array(size);
  const spans = new Int32Array(ints);
  figures[0] = merged.size;
  let h = 1;
  let at = 1 + merged.size * HEAD;
  let sp = 0;
  for (const [id, cs] of merged) {
    figures[h++] = id;
    figures[h++] = cs.sourceIndices.length;
    figures[h++] = cs.data.length;
    if (cs.size === 0) continue;
    figures.set(cs.sourceIndices, at);
    at += cs.sourceIndices.length;
    figures.set(cs.offsets, at);
    at += cs.offsets.length;
    figures.set(cs.wordsBySource, at);
    at += cs.sourceIndices.length;
    spans.set(cs.data, sp);
    sp += cs.data.length;
  }
  return { figures, spans };
}

/**
 * The merged spans of `encodeMerged`'s output, as views; with `spans` null, figures only (a
 * code's `data` then throws). Throws if `figures` is not one whole or `spans` does not fit it.
 */
export function decodeMerged(figures: Int32Array, spans: Int32Array | null): MergedSpans {
  const out: MergedSpans = new Map();
  const n = figures[0] ?? -1;
  const head = 1 + n * HEAD;
  if (n < 0 || head > figures.length) throw notWhole(figures, head);
  let at = head;
  let sp = 0;
  for (let h = 1; h < head; h += HEAD) {
    const sources = figures[h + 1]!;
    const ints = figures[h + 2]!;
    if (sources === 0 && ints === 0) {
      out.set(figures[h]!, CodeSpans.EMPTY);
      continue;
    }
    const end = at + sources * 3 + 1;
    if (sources <= 0 || ints <= 0 || end > figures.length) throw notWhole(figures, end);
    const sourceIndices = figures.subarray(at, (at += sources));
    const offsets = figures.subarray(at, (at += sources + 1));
    const words = figures.subarray(at, (at += sources));
    if (offsets[sources]! * SPAN_FIELDS !== ints) throw notWhole(figures, at);
    out.set(figures[h]!, new CodeSpans(sourceIndices, offsets, spans === null ? null : spans.subarray(sp, sp + ints), words));
    sp += ints;
  }
  if (at !== figures.length) throw notWhole(figures, at);
  if (spans !== null && sp !== spans.length) throw notWhole(spans, sp);
  return out;
}

function notWhole(data: Int32Array, expected: number): Error {
  return new Error(`merged spans: ${data.length} integers, ${expected} expected`);
}

/**
 * What a merge depends on besides the report index: the sources in scope in scope order (row
 * ids), the coders whose codings count (null: all) and the code tree (id and parent of every
 * code, by id). Two merges with equal keys made at the same index generation are equal.
 */
export function mergeKey(sourceRowIds: readonly number[], coderIds: ReadonlySet<number> | null, codes: readonly Code[]): Int32Array {
  const coders = coderIds === null ? [] : [...coderIds].sort((a, b) => a - b);
  const tree = [...codes].sort((a, b) => a.id - b.id);
  const out = new Int32Array(3 + sourceRowIds.length + coders.length + tree.length * 2);
  let at = 0;
  out[at++] = sourceRowIds.length;
  for (const id of sourceRowIds) out[at++] = id;
  out[at++] = coderIds === null ? -1 : coders.length;
  for (const id of coders) out[at++] = id;
  out[at++] = tree.length;
  for (const c of tree) {
    out[at++] = c.id;
    out[at++] = c.parentId ?? 0;
  }
  return out;
}
