/**
 * The packed codings reports read (issue #12): per source, one Int32Array holding for each
 * placed coding six integers — code id, coder id, start, end, and the word indices of start
 * and end (participant-talk words before each). Words inside a span are then a
 * subtraction, and since a merged span starts at one coding's start and ends at another's
 * end, the words of merged spans need no word index either. Codings are sorted by code,
 * start, end and coder, so a code's own codings are one sorted run.
 */
import { countBelow } from './code-points.js';

export const CODING_FIELDS = 6;
export const F_CODE = 0;
export const F_CODER = 1;
export const F_START = 2;
export const F_END = 3;
export const F_FIRST_WORD = 4;
export const F_END_WORD = 5;

/**
 * Packs the codings of one source, each `[code id, coder id, start, end]`, with the
 * participant-word starts of its revision (ascending code points).
 */
export function packCodings(rows: readonly (readonly number[])[], wordStarts: ArrayLike<number>): Int32Array {
  const sorted = [...rows].sort((a, b) => a[0]! - b[0]! || a[2]! - b[2]! || a[3]! - b[3]! || a[1]! - b[1]!);
  const out = new Int32Array(sorted.length * CODING_FIELDS);
  sorted.forEach((r, k) => {
    const o = k * CODING_FIELDS;
    out[o + F_CODE] = r[0]!;
    out[o + F_CODER] = r[1]!;
    out[o + F_START] = r[2]!;
    out[o + F_END] = r[3]!;
    out[o + F_FIRST_WORD] = countBelow(wordStarts, r[2]!);
    out[o + F_END_WORD] = countBelow(wordStarts, r[3]!);
  });
  return out;
}

/** The codings of `packed` whose coder passes `keep` (the same array when all do). */
export function filterCoders(packed: Int32Array, keep: (coderId: number) => boolean): Int32Array {
  let n = 0;
  for (let o = 0; o < packed.length; o += CODING_FIELDS) if (keep(packed[o + F_CODER]!)) n++;
  if (n * CODING_FIELDS === packed.length) return packed;
  const out = new Int32Array(n * CODING_FIELDS);
  let w = 0;
  for (let o = 0; o < packed.length; o += CODING_FIELDS) {
    if (!keep(packed[o + F_CODER]!)) continue;
    out.set(packed.subarray(o, o + CODING_FIELDS), w);
    w += CODING_FIELDS;
  }
  return out;
}
