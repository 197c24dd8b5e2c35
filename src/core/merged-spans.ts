/**
 * Merging the spans of each code's subtree per source (DESIGN.md, "Figures in reports"):
 * spans that overlap or touch, whatever code or coder they come from, become one. Works on
 * the packed codings of the report index (span-index.ts) and produces packed merged spans
 * (code-spans.ts), source by source in typed arrays, without an object per coding.
 */
import { childrenMap, type Code } from './codebook.js';
import { CODING_FIELDS, F_CODE, F_END, F_END_WORD, F_FIRST_WORD, F_START } from './span-index.js';
import { CodeSpans, SPAN_FIELDS, type WordSpan } from './code-spans.js';

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

/**
 * Merges the spans of each code's subtree per source (post-order over the tree), from the
 * packed codings of each source in scope (index = scope index). One pass finds each code's
 * own codings in each source (one sorted run of its packed codings); then code by code, in
 * post-order, its spans of each source are merged from that run and its children's spans
 * of the source, straight into the code's own array, sized beforehand (its codings plus its
 * children's spans bound it). No object per coding, span or run; no array grown or copied.
 * The work is in short functions: V8 optimises those within a few calls, where one long
 * loop waits for an on-stack replacement whose compile takes tens of milliseconds.
 */
export function mergedSpansByCode(codes: readonly Code[], packedBySource: readonly Int32Array[]): MergedSpans {
  const children = childrenMap(codes);
  const post: Code[] = [];
  const visit = (code: Code): void => {
    for (const child of children.get(code.id) ?? []) visit(child);
    post.push(code);
  };
  for (const root of children.get(null) ?? []) visit(root);
  const n = post.length;
  let maxId = 0;
  for (const c of post) maxId = Math.max(maxId, c.id);
  const slot = new Int32Array(maxId + 1).fill(-1);
  post.forEach((c, k) => (slot[c.id] = k));
  // Own codings of slot k in source s: codings own[2(s·n + k)] … own[2(s·n + k) + 1] - 1.
  const S = packedBySource.length;
  const own = new Int32Array(2 * S * n);
  const ownCount = new Float64Array(n);
  for (let s = 0; s < S; s++) findOwn(packedBySource[s]!, slot, own, 2 * s * n, ownCount);
  const merged: CodeSpans[] = new Array<CodeSpans>(n);
  const m = new CodeMerger(packedBySource, own, n);
  post.forEach((c, k) => {
    merged[k] = m.code(k, ownCount[k]!, (children.get(c.id) ?? []).map((child) => merged[slot[child.id]!]!));
  });
  return new Map(post.map((c, k) => [c.id, merged[k]!]));
}

/** Records where each slot's own codings lie in one source's packed codings (sorted by code); counts them. */
function findOwn(packed: Int32Array, slot: Int32Array, own: Int32Array, at: number, ownCount: Float64Array): void {
  let k = -1;
  let id = -1;
  for (let o = 0, c = 0; o < packed.length; o += CODING_FIELDS, c++) {
    if (packed[o + F_CODE] === id) continue;
    if (k >= 0) own[at + 2 * k + 1] = c;
    id = packed[o + F_CODE]!;
    k = id < slot.length ? slot[id]! : -1;
    if (k >= 0) own[at + 2 * k] = c;
  }
  if (k >= 0) own[at + 2 * k + 1] = packed.length / CODING_FIELDS;
  for (let j = 0; j < ownCount.length; j++) ownCount[j]! += own[at + 2 * j + 1]! - own[at + 2 * j]!;
}

/** The per-code work of mergedSpansByCode. */
class CodeMerger {
  /** A code's own codings of one source merged, when they must be merged again with its children's. */
  private scratch = new Int32Array(1024);
  private runData: Int32Array[] = [];
  private runAt = new Int32Array(8);
  private runEnd = new Int32Array(8);

  constructor(
    private readonly packed: readonly Int32Array[],
    private readonly own: Int32Array,
    private readonly n: number,
  ) {}

  /** Slot k's merged spans in every source, from its `owned` codings and its children's merged spans. */
  code(k: number, owned: number, kids: CodeSpans[]): CodeSpans {
    let bound = owned;
    for (const kid of kids) bound += kid.spanCount;
    if (bound === 0) return CodeSpans.EMPTY;
    const S = this.packed.length;
    const data = new Int32Array(bound * SPAN_FIELDS);
    const sources = new Int32Array(S);
    const offsets = new Int32Array(S + 1);
    const cursor = new Int32Array(kids.length);
    if (this.runAt.length < kids.length + 1) {
      this.runAt = new Int32Array(kids.length + 1);
      this.runEnd = new Int32Array(kids.length + 1);
    }
    let w = 0;
    let m = 0;
    for (let s = 0; s < S; s++) {
      const at = 2 * (s * this.n + k);
      const from = this.own[at]!;
      const to = this.own[at + 1]!;
      const start = w;
      if (kids.length === 0) {
        if (to > from) w = mergeOwn(this.packed[s]!, from, to, data, w);
      } else {
        w = this.withKids(s, from, to, kids, cursor, data, w);
      }
      if (w > start) {
        sources[m] = s;
        offsets[m] = start;
        offsets[++m] = w;
      }
    }
    return new CodeSpans(sources.slice(0, m), offsets.slice(0, m + 1), data.subarray(0, w * SPAN_FIELDS));
  }

  /** Source s of a code with children: its own codings `from` … `to` - 1 and its children's spans there, merged into `out` from span w. */
  private withKids(s: number, from: number, to: number, kids: CodeSpans[], cursor: Int32Array, out: Int32Array, w: number): number {
    const runData = this.runData;
    const runAt = this.runAt;
    const runEnd = this.runEnd;
    let runs = 0;
    if (to > from) {
      if ((to - from) * SPAN_FIELDS > this.scratch.length) this.scratch = new Int32Array(Math.max(this.scratch.length * 2, (to - from) * SPAN_FIELDS));
      runData[runs] = this.scratch;
      runAt[runs] = 0;
      runEnd[runs++] = mergeOwn(this.packed[s]!, from, to, this.scratch, 0);
    }
    for (let x = 0; x < kids.length; x++) {
      const kid = kids[x]!;
      const c = cursor[x]!;
      if (c < kid.sourceIndices.length && kid.sourceIndices[c] === s) {
        runData[runs] = kid.data;
        runAt[runs] = kid.offsets[c]!;
        runEnd[runs++] = kid.offsets[c + 1]!;
        cursor[x] = c + 1;
      }
    }
    if (runs === 0) return w;
    if (runs === 1) return copySpans(runData[0]!, runAt[0]!, runEnd[0]!, out, w);
    return mergeRunsInto(runData, runAt, runEnd, runs, out, w);
  }
}

/** Codings `from` … `to` - 1 of `packed` (sorted by start, then end) merged into `d` from span `w`; returns the end. */
function mergeOwn(packed: Int32Array, from: number, to: number, d: Int32Array, w: number): number {
  const first = w;
  for (let o = from * CODING_FIELDS; o < to * CODING_FIELDS; o += CODING_FIELDS) {
    const st = packed[o + F_START]!;
    const en = packed[o + F_END]!;
    const last = (w - 1) * SPAN_FIELDS;
    if (w > first && st <= d[last + 1]!) {
      if (en > d[last + 1]!) {
        d[last + 1] = en;
        d[last + 3] = packed[o + F_END_WORD]!;
      }
    } else {
      const x = w++ * SPAN_FIELDS;
      d[x] = st;
      d[x + 1] = en;
      d[x + 2] = packed[o + F_FIRST_WORD]!;
      d[x + 3] = packed[o + F_END_WORD]!;
    }
  }
  return w;
}

/** Spans `from` … `to` - 1 of `src` copied into `out` from span w; returns the end. */
function copySpans(src: Int32Array, from: number, to: number, out: Int32Array, w: number): number {
  for (let i = from * SPAN_FIELDS, o = w * SPAN_FIELDS; i < to * SPAN_FIELDS; i++, o++) out[o] = src[i]!;
  return w + to - from;
}

/**
 * Merges sorted runs of spans (run r: spans runAt[r] … runEnd[r] - 1 of runData[r]) into
 * `out` from span w; returns the end. Repeatedly takes the run whose next span starts
 * first, merging by DESIGN's rule: linear in the spans for the few runs a code has.
 */
function mergeRunsInto(runData: Int32Array[], runAt: Int32Array, runEnd: Int32Array, runs: number, out: Int32Array, w: number): number {
  const first = w;
  for (;;) {
    let best = -1;
    let bs = 0;
    for (let r = 0; r < runs; r++) {
      if (runAt[r]! >= runEnd[r]!) continue;
      const st = runData[r]![runAt[r]! * SPAN_FIELDS]!;
      if (best < 0 || st < bs) {
        best = r;
        bs = st;
      }
    }
    if (best < 0) return w;
    const d = runData[best]!;
    const o = runAt[best]!++ * SPAN_FIELDS;
    const en = d[o + 1]!;
    const last = (w - 1) * SPAN_FIELDS;
    if (w > first && bs <= out[last + 1]!) {
      if (en > out[last + 1]!) {
        out[last + 1] = en;
        out[last + 3] = d[o + 3]!;
      }
    } else {
      const x = w++ * SPAN_FIELDS;
      out[x] = bs;
      out[x + 1] = en;
      out[x + 2] = d[o + 2]!;
      out[x + 3] = d[o + 3]!;
    }
  }
}

/** The union of several codes' merged spans, merged again per source. */
export function unionOfSpans(list: readonly CodeSpans[]): CodeSpans {
  let bound = 0;
  let sourceBound = 0;
  for (const cs of list) {
    bound += cs.spanCount;
    sourceBound += cs.size;
  }
  if (bound === 0) return CodeSpans.EMPTY;
  const data = new Int32Array(bound * SPAN_FIELDS);
  const sources = new Int32Array(sourceBound);
  const offsets = new Int32Array(sourceBound + 1);
  const cursor = new Int32Array(list.length);
  const runData: Int32Array[] = [];
  const runAt = new Int32Array(list.length);
  const runEnd = new Int32Array(list.length);
  let w = 0;
  let m = 0;
  for (;;) {
    // The next source (ascending) where any of the codes has spans.
    let s = -1;
    for (let x = 0; x < list.length; x++) {
      const cs = list[x]!;
      if (cursor[x]! < cs.size && (s < 0 || cs.sourceIndices[cursor[x]!]! < s)) s = cs.sourceIndices[cursor[x]!]!;
    }
    if (s < 0) break;
    let runs = 0;
    for (let x = 0; x < list.length; x++) {
      const cs = list[x]!;
      const c = cursor[x]!;
      if (c < cs.size && cs.sourceIndices[c] === s) {
        runData[runs] = cs.data;
        runAt[runs] = cs.offsets[c]!;
        runEnd[runs++] = cs.offsets[c + 1]!;
        cursor[x] = c + 1;
      }
    }
    const start = w;
    w = runs === 1 ? copySpans(runData[0]!, runAt[0]!, runEnd[0]!, data, w) : mergeRunsInto(runData, runAt, runEnd, runs, data, w);
    sources[m] = s;
    offsets[m] = start;
    offsets[++m] = w;
  }
  return new CodeSpans(sources.slice(0, m), offsets.slice(0, m + 1), data.subarray(0, w * SPAN_FIELDS));
}
