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
 * source in one scratch array: a code's own codings (one sorted run of the source's packed
 * codings) are merged into a run there, then its run and its children's are merged into its
 * spans of the source — or, with one run alone, that run is its spans. Each code's spans of
 * the source are then appended to its builder. No object per coding, span or run.
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
  // Code id → post-order slot; children of each slot as a slice of `kids`.
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
  const m = new SourceMerger(n, slot, kidsFrom, Int32Array.from(kidList));
  for (let s = 0; s < packedBySource.length; s++) if (packedBySource[s]!.length > 0) m.source(s, packedBySource[s]!);
  return new Map(post.map((c, k) => [c.id, m.builders[k]!.build()]));
}

/**
 * The per-source work of mergedSpansByCode, in small methods: V8 optimises a short hot
 * function within a few calls, where one long loop waits for an on-stack replacement whose
 * compile takes tens of milliseconds (most of a report's run).
 */
class SourceMerger {
  readonly builders: CodeSpansBuilder[];
  private readonly ownFrom: Int32Array;
  private readonly ownTo: Int32Array;
  /** Each slot's spans of the current source: spans segFrom … segTo - 1 of the scratch array. */
  private readonly segFrom: Int32Array;
  private readonly segTo: Int32Array;
  private readonly runAt: Int32Array;
  private readonly runEnd: Int32Array;
  private scratch = new Int32Array(4096);

  constructor(
    private readonly n: number,
    /** Code id → post-order slot (-1: not in the tree). */
    private readonly slot: Int32Array,
    /** Children of slot k: kids[kidsFrom[k]] … kids[kidsFrom[k + 1] - 1]. */
    private readonly kidsFrom: Int32Array,
    private readonly kids: Int32Array,
  ) {
    this.builders = Array.from({ length: n }, () => new CodeSpansBuilder());
    this.ownFrom = new Int32Array(n);
    this.ownTo = new Int32Array(n);
    this.segFrom = new Int32Array(n);
    this.segTo = new Int32Array(n);
    this.runAt = new Int32Array(n + 1);
    this.runEnd = new Int32Array(n + 1);
  }

  source(s: number, packed: Int32Array): void {
    // Room for every code's own run and each merge: each coding is in at most depth + 1 of them.
    this.room(2 * (packed.length / CODING_FIELDS));
    let used = mergeOwnRuns(packed, this.slot, this.scratch, this.ownFrom, this.ownTo);
    for (let k = 0; k < this.n; k++) used = this.code(k, used);
    for (let k = 0; k < this.n; k++) {
      if (this.segTo[k]! <= this.segFrom[k]!) continue;
      const b = this.builders[k]!;
      b.begin();
      b.pushRun(this.scratch, this.segFrom[k]!, this.segTo[k]!);
      b.end(s);
    }
  }

  /** Merges slot k's own run and its children's spans of the source from span `used` on; returns the new end. */
  private code(k: number, used: number): number {
    const { runAt, runEnd, segFrom, segTo } = this;
    let runs = 0;
    let need = 0;
    if (this.ownTo[k]! > this.ownFrom[k]!) {
      runAt[runs] = this.ownFrom[k]!;
      runEnd[runs++] = this.ownTo[k]!;
      need += this.ownTo[k]! - this.ownFrom[k]!;
    }
    for (let x = this.kidsFrom[k]!; x < this.kidsFrom[k + 1]!; x++) {
      const kid = this.kids[x]!;
      if (segTo[kid]! > segFrom[kid]!) {
        runAt[runs] = segFrom[kid]!;
        runEnd[runs++] = segTo[kid]!;
        need += segTo[kid]! - segFrom[kid]!;
      }
    }
    if (runs <= 1) {
      segFrom[k] = runs === 0 ? 0 : runAt[0]!;
      segTo[k] = runs === 0 ? 0 : runEnd[0]!;
      return used;
    }
    this.room(used + need);
    segFrom[k] = used;
    used = mergeRunsInto(this.scratch, runAt, runEnd, runs, used);
    segTo[k] = used;
    return used;
  }

  /** Makes room for `spans` spans in the scratch array. */
  private room(spans: number): void {
    if (spans * SPAN_FIELDS > this.scratch.length) this.scratch = grow(this.scratch, spans * SPAN_FIELDS);
  }
}

/**
 * One pass over a source's packed codings (sorted by code, start, end): each code's own
 * codings merged by DESIGN's rule into `d` from span 0, slot k's run being spans
 * ownFrom[k] … ownTo[k] - 1 (empty for codes without codings or outside the tree). Returns
 * the end. `d` must have room for every coding.
 */
function mergeOwnRuns(packed: Int32Array, slot: Int32Array, d: Int32Array, ownFrom: Int32Array, ownTo: Int32Array): number {
  ownFrom.fill(0);
  ownTo.fill(0);
  let w = 0;
  let first = 0;
  let k = -1;
  let id = -1;
  for (let o = 0; o < packed.length; o += CODING_FIELDS) {
    if (packed[o + F_CODE] !== id) {
      if (k >= 0) {
        ownFrom[k] = first;
        ownTo[k] = w;
      }
      id = packed[o + F_CODE]!;
      k = id < slot.length ? slot[id]! : -1;
      first = w;
    }
    if (k < 0) continue;
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
  if (k >= 0) {
    ownFrom[k] = first;
    ownTo[k] = w;
  }
  return w;
}

function grow(data: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(Math.max(length, data.length * 2));
  out.set(data);
  return out;
}

/**
 * Merges sorted runs of spans of `d` (runs r = 0 … runs - 1, spans runAt[r] … runEnd[r] - 1)
 * into spans written from span `w` on, which must be after every run and have room; returns
 * the end. Repeatedly takes the run whose next span starts first, merging by DESIGN's rule:
 * linear in the spans for the few runs a code has.
 */
function mergeRunsInto(d: Int32Array, runAt: Int32Array, runEnd: Int32Array, runs: number, w: number): number {
  const first = w;
  for (;;) {
    let best = -1;
    let bs = 0;
    for (let r = 0; r < runs; r++) {
      if (runAt[r]! >= runEnd[r]!) continue;
      const st = d[runAt[r]! * SPAN_FIELDS]!;
      if (best < 0 || st < bs) {
        best = r;
        bs = st;
      }
    }
    if (best < 0) return w;
    const o = runAt[best]!++ * SPAN_FIELDS;
    const en = d[o + 1]!;
    const last = (w - 1) * SPAN_FIELDS;
    if (w > first && bs <= d[last + 1]!) {
      if (en > d[last + 1]!) {
        d[last + 1] = en;
        d[last + 3] = d[o + 3]!;
      }
    } else {
      const x = w++ * SPAN_FIELDS;
      d[x] = bs;
      d[x + 1] = en;
      d[x + 2] = d[o + 2]!;
      d[x + 3] = d[o + 3]!;
    }
  }
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
