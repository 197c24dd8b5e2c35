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
 * packed codings of each source in scope (index = scope index). Source by source, each
 * code's own codings (one run of the packed codings, sorted by start) are merged, then
 * merged again with its children's spans of the source, run by run. Each code's spans go
 * straight into its own array, sized beforehand (its subtree's codings bound them): no
 * object per coding or span, no array grown or copied. The work is in short functions: V8
 * optimises those within a few calls, where one long loop waits for an on-stack
 * replacement whose compile takes tens of milliseconds.
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
  const kidsFrom = new Int32Array(n + 1);
  const kidList: number[] = [];
  post.forEach((c, k) => {
    kidsFrom[k] = kidList.length;
    for (const child of children.get(c.id) ?? []) kidList.push(slot[child.id]!);
  });
  kidsFrom[n] = kidList.length;
  // Each slot's own codings in each source (s · n + k), found once; a code's spans are at
  // most its subtree's codings (children come before parents in post-order).
  const S = packedBySource.length;
  const ownFrom = new Int32Array(S * n);
  const ownTo = new Int32Array(S * n);
  const bound = new Float64Array(n);
  for (let s = 0; s < S; s++) findOwn(packedBySource[s]!, slot, ownFrom, ownTo, s * n, bound);
  for (let k = 0; k < n; k++) for (let x = kidsFrom[k]!; x < kidsFrom[k + 1]!; x++) bound[k]! += bound[kidList[x]!]!;
  const m = new SourceMerger(S, bound, kidsFrom, Int32Array.from(kidList), ownFrom, ownTo);
  for (let s = 0; s < S; s++) if (packedBySource[s]!.length > 0) m.source(s, packedBySource[s]!);
  return new Map(post.map((c, k) => [c.id, m.result(k)]));
}

/** The per-source work of mergedSpansByCode, with each code's spans so far. */
class SourceMerger {
  private readonly data: Int32Array[];
  /** Spans written per slot; where the current source's began. */
  private readonly used: Int32Array;
  private readonly open: Int32Array;
  /** Per slot: the sources with spans and where their spans begin (sources ascending). */
  private readonly sources: Int32Array[];
  private readonly offsets: Int32Array[];
  private readonly count: Int32Array;
  /** The runs being merged. */
  private readonly runData: Int32Array[] = [];
  private readonly runAt: Int32Array;
  private readonly runEnd: Int32Array;
  private scratch = new Int32Array(1024);
  /** Slots without children, and the others in post-order. */
  private readonly leaves: Int32Array;
  private readonly parents: Int32Array;

  constructor(
    sourceCount: number,
    bound: Float64Array,
    private readonly kidsFrom: Int32Array,
    private readonly kids: Int32Array,
    /** Slot k's own codings in source s: codings ownFrom[s · n + k] … ownTo[s · n + k] - 1. */
    private readonly ownFrom: Int32Array,
    private readonly ownTo: Int32Array,
  ) {
    const n = bound.length;
    this.data = Array.from(bound, (b) => new Int32Array(b * SPAN_FIELDS));
    this.sources = Array.from(bound, (b) => new Int32Array(b === 0 ? 0 : Math.min(sourceCount, b)));
    this.offsets = Array.from(bound, (b) => new Int32Array(b === 0 ? 1 : Math.min(sourceCount, b) + 1));
    this.used = new Int32Array(n);
    this.open = new Int32Array(n);
    this.count = new Int32Array(n);
    this.runAt = new Int32Array(n + 1);
    this.runEnd = new Int32Array(n + 1);
    const slots = Array.from(bound, (_, k) => k);
    this.leaves = Int32Array.from(slots.filter((k) => kidsFrom[k + 1] === kidsFrom[k]));
    this.parents = Int32Array.from(slots.filter((k) => kidsFrom[k + 1]! > kidsFrom[k]!));
  }

  source(s: number, packed: Int32Array): void {
    const used = this.used;
    const at = s * used.length;
    this.open.set(used);
    // Codes without sub-codes first: their spans are their own codings merged.
    for (let x = 0; x < this.leaves.length; x++) {
      const k = this.leaves[x]!;
      if (this.ownTo[at + k]! === this.ownFrom[at + k]!) continue;
      used[k] = mergeOwn(packed, this.ownFrom[at + k]!, this.ownTo[at + k]!, this.data[k]!, used[k]!);
      this.record(k, s);
    }
    // Then the others in post-order: a code's sub-codes are done before it.
    for (let x = 0; x < this.parents.length; x++) {
      const k = this.parents[x]!;
      this.byRuns(k, packed, at + k);
      if (used[k]! > this.open[k]!) this.record(k, s);
    }
  }

  /** Slot k has spans in source s: from open[k] to used[k]. */
  private record(k: number, s: number): void {
    const c = this.count[k]!;
    this.sources[k]![c] = s;
    this.offsets[k]![c] = this.open[k]!;
    this.offsets[k]![c + 1] = this.used[k]!;
    this.count[k] = c + 1;
  }

  /** Slot k's spans of the source (its children's done): from its own run and its children's spans there. */
  private byRuns(k: number, packed: Int32Array, at: number): void {
    const { runData, runAt, runEnd, used, open, data } = this;
    const from = this.ownFrom[at]!;
    const to = this.ownTo[at]!;
    let runs = 0;
    for (let x = this.kidsFrom[k]!; x < this.kidsFrom[k + 1]!; x++) {
      const kid = this.kids[x]!;
      if (used[kid]! > open[kid]!) {
        runData[runs] = data[kid]!;
        runAt[runs] = open[kid]!;
        runEnd[runs++] = used[kid]!;
      }
    }
    if (runs === 0) {
      if (to > from) used[k] = mergeOwn(packed, from, to, data[k]!, used[k]!);
      return;
    }
    if (to > from) {
      if ((to - from) * SPAN_FIELDS > this.scratch.length) this.scratch = new Int32Array(Math.max(this.scratch.length * 2, (to - from) * SPAN_FIELDS));
      runData[runs] = this.scratch;
      runAt[runs] = 0;
      runEnd[runs++] = mergeOwn(packed, from, to, this.scratch, 0);
    }
    used[k] = runs === 1 ? copySpans(runData[0]!, runAt[0]!, runEnd[0]!, data[k]!, used[k]!) : mergeRunsInto(runData, runAt, runEnd, runs, data[k]!, used[k]!);
  }

  result(k: number): CodeSpans {
    const c = this.count[k]!;
    if (c === 0) return CodeSpans.EMPTY;
    return new CodeSpans(this.sources[k]!.subarray(0, c), this.offsets[k]!.subarray(0, c + 1), this.data[k]!.subarray(0, this.used[k]! * SPAN_FIELDS));
  }
}

/**
 * Slot k's own codings in `packed` (sorted by code): codings ownFrom[at + k] …
 * ownTo[at + k] - 1 (none: both 0); each slot's count added to `count`.
 */
function findOwn(packed: Int32Array, slot: Int32Array, ownFrom: Int32Array, ownTo: Int32Array, at: number, count: Float64Array): void {
  let k = -1;
  let id = -1;
  for (let o = 0, c = 0; o < packed.length; o += CODING_FIELDS, c++) {
    if (packed[o + F_CODE] === id) continue;
    if (k >= 0) ownTo[at + k] = c;
    id = packed[o + F_CODE]!;
    k = id < slot.length ? slot[id]! : -1;
    if (k >= 0) ownFrom[at + k] = c;
  }
  if (k >= 0) ownTo[at + k] = packed.length / CODING_FIELDS;
  for (let j = 0; j < count.length; j++) count[j]! += ownTo[at + j]! - ownFrom[at + j]!;
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

/** Intermediate results of mergeRunsInto (grown as needed). */
let tmpA = new Int32Array(1024);
let tmpB = new Int32Array(1024);
const NONE = new Int32Array(0);

/**
 * Merges sorted runs of spans (run r: spans runAt[r] … runEnd[r] - 1 of runData[r]) into
 * `out` from span w; returns the end. Up to four runs at a time — the first four, then the
 * result with the next three, and so on — each a linear pass (the result stays short
 * where spans overlap); the merging rule (DESIGN) gives the same spans whatever the order
 * of merging.
 */
function mergeRunsInto(runData: Int32Array[], runAt: Int32Array, runEnd: Int32Array, runs: number, out: Int32Array, w: number): number {
  if (runs === 2) return merge2(runData[0]!, runAt[0]!, runEnd[0]!, runData[1]!, runAt[1]!, runEnd[1]!, out, w);
  if (runs <= 4) return merge4(runData, runAt, runEnd, 0, runs, NONE, 0, 0, out, w);
  let total = 0;
  for (let r = 0; r < runs; r++) total += runEnd[r]! - runAt[r]!;
  if (total * SPAN_FIELDS > tmpA.length) {
    tmpA = new Int32Array(total * SPAN_FIELDS * 2);
    tmpB = new Int32Array(total * SPAN_FIELDS * 2);
  }
  let acc: Int32Array = tmpA;
  let accTo = merge4(runData, runAt, runEnd, 0, 4, NONE, 0, 0, acc, 0);
  for (let r = 4; r < runs; r += 3) {
    const last = r + 3 >= runs;
    const target = last ? out : acc === tmpA ? tmpB : tmpA;
    const base = last ? w : 0;
    accTo = merge4(runData, runAt, runEnd, r, Math.min(runs, r + 3), acc, 0, accTo, target, base);
    acc = target;
  }
  return accTo;
}

/**
 * Runs `from` … `to` - 1 (at most four with `extra`, spans extraAt … extraEnd - 1 of
 * `extra`, put first) merged by DESIGN's rule into `out` from span w; returns the end.
 */
function merge4(runData: Int32Array[], runAt: Int32Array, runEnd: Int32Array, from: number, to: number, extra: Int32Array, extraAt: number, extraEnd: number, out: Int32Array, w: number): number {
  let a0 = extra;
  let i0 = extraAt;
  let e0 = extraEnd;
  let r = from;
  if (extraEnd <= extraAt) {
    a0 = runData[r]!;
    i0 = runAt[r]!;
    e0 = runEnd[r++]!;
  }
  const a1 = r < to ? runData[r]! : NONE;
  let i1 = r < to ? runAt[r]! : 0;
  const e1 = r < to ? runEnd[r++]! : 0;
  const a2 = r < to ? runData[r]! : NONE;
  let i2 = r < to ? runAt[r]! : 0;
  const e2 = r < to ? runEnd[r++]! : 0;
  const a3 = r < to ? runData[r]! : NONE;
  let i3 = r < to ? runAt[r]! : 0;
  const e3 = r < to ? runEnd[r++]! : 0;
  // The next start of each run; past its end, above any start.
  let s0 = i0 < e0 ? a0[i0 * SPAN_FIELDS]! : END;
  let s1 = i1 < e1 ? a1[i1 * SPAN_FIELDS]! : END;
  let s2 = i2 < e2 ? a2[i2 * SPAN_FIELDS]! : END;
  let s3 = i3 < e3 ? a3[i3 * SPAN_FIELDS]! : END;
  const first = w;
  for (;;) {
    let d: Int32Array;
    let o: number;
    if (s0 <= s1 && s0 <= s2 && s0 <= s3) {
      if (s0 === END) return w;
      d = a0;
      o = i0++ * SPAN_FIELDS;
      s0 = i0 < e0 ? a0[i0 * SPAN_FIELDS]! : END;
    } else if (s1 <= s2 && s1 <= s3) {
      d = a1;
      o = i1++ * SPAN_FIELDS;
      s1 = i1 < e1 ? a1[i1 * SPAN_FIELDS]! : END;
    } else if (s2 <= s3) {
      d = a2;
      o = i2++ * SPAN_FIELDS;
      s2 = i2 < e2 ? a2[i2 * SPAN_FIELDS]! : END;
    } else {
      d = a3;
      o = i3++ * SPAN_FIELDS;
      s3 = i3 < e3 ? a3[i3 * SPAN_FIELDS]! : END;
    }
    const st = d[o]!;
    const en = d[o + 1]!;
    const last = (w - 1) * SPAN_FIELDS;
    if (w > first && st <= out[last + 1]!) {
      if (en > out[last + 1]!) {
        out[last + 1] = en;
        out[last + 3] = d[o + 3]!;
      }
    } else {
      const x = w++ * SPAN_FIELDS;
      out[x] = st;
      out[x + 1] = en;
      out[x + 2] = d[o + 2]!;
      out[x + 3] = d[o + 3]!;
    }
  }
}

/** Above every start (starts are code points, below 2^31). */
const END = 2 ** 31;

/** Spans i … iEnd - 1 of `a` and j … jEnd - 1 of `b` (each sorted by start) merged by DESIGN's rule into `out` from span w; returns the end. */
function merge2(a: Int32Array, i: number, iEnd: number, b: Int32Array, j: number, jEnd: number, out: Int32Array, w: number): number {
  const first = w;
  while (i < iEnd || j < jEnd) {
    let d: Int32Array;
    let o: number;
    if (j >= jEnd || (i < iEnd && a[i * SPAN_FIELDS]! <= b[j * SPAN_FIELDS]!)) {
      d = a;
      o = i++ * SPAN_FIELDS;
    } else {
      d = b;
      o = j++ * SPAN_FIELDS;
    }
    const st = d[o]!;
    const en = d[o + 1]!;
    const last = (w - 1) * SPAN_FIELDS;
    if (w > first && st <= out[last + 1]!) {
      if (en > out[last + 1]!) {
        out[last + 1] = en;
        out[last + 3] = d[o + 3]!;
      }
    } else {
      const x = w++ * SPAN_FIELDS;
      out[x] = st;
      out[x + 1] = en;
      out[x + 2] = d[o + 2]!;
      out[x + 3] = d[o + 3]!;
    }
  }
  return w;
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
