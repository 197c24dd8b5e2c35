/**
 * Merged spans (merged-spans.ts) as one array of 32-bit integers, for the merged-spans cache
 * (schema v8), and the key that says which merge it is.
 *
 * Layout: the number of codes c; then per code its id, how many sources have spans and how
 * many integers of spans there are; then per code with spans, in the same order, its source
 * indices, its offsets (one more than sources), its participant words in each of those
 * sources and its spans. Decoding makes views, not copies.
 */
import type { Code } from './codebook.js';
import { CodeSpans } from './code-spans.js';
import type { MergedSpans } from './merged-spans.js';

const HEAD = 3;

export function encodeMerged(merged: MergedSpans): Int32Array {
  let size = 1;
  for (const cs of merged.values()) size += HEAD + (cs.size === 0 ? 0 : cs.sourceIndices.length * 3 + 1 + cs.data.length);
  const out = new Int32Array(size);
  out[0] = merged.size;
  let h = 1;
  let at = 1 + merged.size * HEAD;
  for (const [id, cs] of merged) {
    out[h++] = id;
    out[h++] = cs.sourceIndices.length;
    out[h++] = cs.data.length;
    if (cs.size === 0) continue;
    out.set(cs.sourceIndices, at);
    at += cs.sourceIndices.length;
    out.set(cs.offsets, at);
    at += cs.offsets.length;
    out.set(cs.wordsBySource, at);
    at += cs.sourceIndices.length;
    out.set(cs.data, at);
    at += cs.data.length;
  }
  return out;
}

/** The merged spans of `encodeMerged`'s output, as views of `data`; throws if `data` is not one whole. */
export function decodeMerged(data: Int32Array): MergedSpans {
  const out: MergedSpans = new Map();
  const n = data[0] ?? -1;
  const head = 1 + n * HEAD;
  if (n < 0 || head > data.length) throw notWhole(data, head);
  let at = head;
  for (let h = 1; h < head; h += HEAD) {
    const sources = data[h + 1]!;
    const ints = data[h + 2]!;
    if (sources === 0 && ints === 0) {
      out.set(data[h]!, CodeSpans.EMPTY);
      continue;
    }
    const end = at + sources * 3 + 1 + ints;
    if (sources <= 0 || ints <= 0 || end > data.length) throw notWhole(data, end);
    const sourceIndices = data.subarray(at, (at += sources));
    const offsets = data.subarray(at, (at += sources + 1));
    const words = data.subarray(at, (at += sources));
    out.set(data[h]!, new CodeSpans(sourceIndices, offsets, data.subarray(at, (at += ints)), words));
  }
  if (at !== data.length) throw notWhole(data, at);
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
