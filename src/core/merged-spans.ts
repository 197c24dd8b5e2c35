/**
 * Merging the spans of each code's subtree per source (DESIGN.md, "Figures in reports"):
 * spans that overlap or touch, whatever code or coder they come from, become one. Works on
 * the packed codings of the report index (span-index.ts) and produces packed merged spans
 * (code-spans.ts), source by source in typed arrays, without an object per coding.
 */
import { childrenMap, type Code } from './codebook.js';
import { CODING_FIELDS, F_CODE, F_END, F_END_WORD, F_FIRST_WORD, F_START } from './span-index.js';
import { CodeSpans, CodeSpansBuilder, putSpan, SPAN_FIELDS, type WordSpan } from './code-spans.js';

/** Per code, the merged spans of the code and its descendants in every source in scope. */
export type MergedSpans = Map<number, CodeSpans>;

/** Participant-talk words inside a merged span. */
export const wordsOf = (span: WordSpan): number => span.endWord - span.firstWord;

/** The union of word spans as sorted, disjoint, non-touching spans (DESIGN's merging rule). */
export function mergeWordSpans(spans: readonly WordSpan[]): WordSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: WordSpan[] = [];
  let last: WordSpan | undefined;
  for (const s of sorted) {
    if (last !== undefined && s.start <= last.end) {
      if (s.end > last.end) {
        last.end = s.end;
        last.endWord = s.endWord;
      }
    } else out.push((last = { start: s.start, end: s.end, firstWord: s.firstWord, endWord: s.endWord }));
  }
  return out;
}

/** A scratch list of spans (a code's own codings of one source, copied out of the packed fields). */
class Gather {
  data = new Int32Array(256);
  n = 0;

  clear(): void {
    this.n = 0;
  }

  push(start: number, end: number, firstWord: number, endWord: number): void {
    this.data = putSpan(this.data, this.n++, start, end, firstWord, endWord);
  }
}

/** A sorted run of spans (four integers each) being merged: spans `at` … `end` - 1 of `data`. */
interface Run {
  data: Int32Array;
  at: number;
  end: number;
}

/**
 * Merges sorted runs of spans into `b` (DESIGN's rule) by repeatedly taking the run whose
 * next span starts first: linear in the spans for the few runs a code has (its own codings
 * and one run per child), where sorting them again would not be.
 */
function mergeRuns(b: CodeSpansBuilder, runs: Run[]): void {
  for (;;) {
    let best = -1;
    let bs = 0;
    let be = 0;
    for (let k = 0; k < runs.length; k++) {
      const r = runs[k]!;
      if (r.at >= r.end) continue;
      const o = r.at * SPAN_FIELDS;
      const st = r.data[o]!;
      const en = r.data[o + 1]!;
      if (best < 0 || st < bs || (st === bs && en < be)) {
        best = k;
        bs = st;
        be = en;
      }
    }
    if (best < 0) return;
    const r = runs[best]!;
    const o = r.at++ * SPAN_FIELDS;
    b.pushMerged(bs, be, r.data[o + 2]!, r.data[o + 3]!);
  }
}

/**
 * Merges the spans of each code's subtree per source (post-order over the tree), from the
 * packed codings of each source in scope (index = scope index). Work is done source by
 * source in typed arrays: a code's own codings are one sorted run there, its children's
 * merged spans of the source the last segment of their builders.
 */
export function mergedSpansByCode(codes: readonly Code[], packedBySource: readonly Int32Array[]): MergedSpans {
  const children = childrenMap(codes);
  const post: Code[] = [];
  const visit = (code: Code): void => {
    for (const child of children.get(code.id) ?? []) visit(child);
    post.push(code);
  };
  for (const root of children.get(null) ?? []) visit(root);
  const builders = new Map(post.map((c) => [c.id, new CodeSpansBuilder()]));
  const plan = post.map((c) => ({ id: c.id, b: builders.get(c.id)!, kids: (children.get(c.id) ?? []).map((k) => builders.get(k.id)!) }));
  const firstOf = new Map<number, number>();
  const gather = new Gather();
  const runs: Run[] = [];
  for (let s = 0; s < packedBySource.length; s++) {
    const packed = packedBySource[s]!;
    if (packed.length === 0) continue;
    firstOf.clear();
    for (let o = 0; o < packed.length; o += CODING_FIELDS) if (!firstOf.has(packed[o + F_CODE]!)) firstOf.set(packed[o + F_CODE]!, o);
    for (const { id, b, kids } of plan) {
      b.begin();
      const from = firstOf.get(id);
      let contributing = 0;
      let only: CodeSpansBuilder | undefined;
      for (const k of kids) {
        if (k.currentEnd > k.currentStart) {
          contributing++;
          only = k;
        }
      }
      if (contributing === 0 || (contributing === 1 && from === undefined)) {
        if (from !== undefined) {
          for (let o = from; o < packed.length && packed[o + F_CODE] === id; o += CODING_FIELDS) {
            b.pushMerged(packed[o + F_START]!, packed[o + F_END]!, packed[o + F_FIRST_WORD]!, packed[o + F_END_WORD]!);
          }
        } else if (only !== undefined) {
          const x = only.currentStart;
          const y = only.currentEnd;
          const d = only.buffer;
          for (let j = x; j < y; j++) b.push(d[j * SPAN_FIELDS]!, d[j * SPAN_FIELDS + 1]!, d[j * SPAN_FIELDS + 2]!, d[j * SPAN_FIELDS + 3]!);
        }
      } else {
        runs.length = 0;
        if (from !== undefined) {
          gather.clear();
          for (let o = from; o < packed.length && packed[o + F_CODE] === id; o += CODING_FIELDS) {
            gather.push(packed[o + F_START]!, packed[o + F_END]!, packed[o + F_FIRST_WORD]!, packed[o + F_END_WORD]!);
          }
          runs.push({ data: gather.data, at: 0, end: gather.n });
        }
        for (const k of kids) {
          if (k.currentEnd > k.currentStart) runs.push({ data: k.buffer, at: k.currentStart, end: k.currentEnd });
        }
        mergeRuns(b, runs);
      }
      b.end(s);
    }
  }
  return new Map(plan.map(({ id, b }) => [id, b.build()]));
}

/** The union of several codes' merged spans, merged again per source. */
export function unionOfSpans(list: readonly CodeSpans[]): CodeSpans {
  const sources = [...new Set(list.flatMap((cs) => [...cs.sourceIndices]))].sort((a, b) => a - b);
  const b = new CodeSpansBuilder();
  const runs: Run[] = [];
  for (const s of sources) {
    runs.length = 0;
    for (const cs of list) {
      const k = cs.indexOf(s);
      if (k >= 0) runs.push({ data: cs.data, at: cs.offsets[k]!, end: cs.offsets[k + 1]! });
    }
    b.begin();
    mergeRuns(b, runs);
    b.end(s);
  }
  return b.build();
}
