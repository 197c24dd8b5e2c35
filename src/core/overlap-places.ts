/**
 * Places where the merged spans of two codes overlap (`report cooccurrence --within overlap`,
 * DESIGN.md), for every pair of codes in one sweep per source.
 */
import { SPAN_FIELDS, type CodeSpans } from './code-spans.js';

/**
 * Places (see app/reports/cooccurrence.ts) of every pair of codes at once, from their merged spans
 * (`spans[c]` for code c): returns, for codes a and b, what a sweep over the spans of a and
 * b alone would count. One sweep per source over every code's spans in start order finds
 * each overlapping pair of spans once; the rest is counting. A code's merged spans neither
 * overlap nor touch, so the spans of two codes joined by overlaps form a forest (a cycle
 * would need two spans of one code both reaching across the gap between two of the
 * other's): the places holding both codes are the spans that overlap the other code less
 * the overlapping pairs, and every other span is a place of its own.
 */
export function overlapPlaces(spans: readonly CodeSpans[], sourceCount: number): (a: number, b: number) => PairPlaces {
  return placesOf(overlapCounts(spans, sourceCount), spans, (a) => a);
}

/** Places of the codes a and b (indices into `spans`), and of each, in the pair. */
export interface PairPlaces {
  count: number;
  countA: number;
  countB: number;
}

/**
 * What the sweep counts for every ordered pair of codes (m = spans.length), m × m each:
 * pairs[a·m + b] + pairs[b·m + a] overlapping pairs of an a span and a b span; over[a·m + b]
 * a spans overlapping at least one b span. Kept with a merge (app/scope-index.ts).
 */
export interface OverlapCounts {
  m: number;
  pairs: Int32Array;
  over: Int32Array;
}

export function overlapCounts(spans: readonly CodeSpans[], sourceCount: number): OverlapCounts {
  const m = spans.length;
  const sweep = new OverlapSweep(m);
  const cursor = new Int32Array(m);
  for (let s = 0; s < sourceCount; s++) sweep.source(s, spans, cursor);
  return { m, pairs: sweep.pairs, over: sweep.over };
}

/**
 * The places of codes a and b from counts made over a list of codes of which `spans` may be
 * a part: at(a) is where spans[a]'s code is in that list.
 */
export function placesOf(counts: OverlapCounts, spans: readonly CodeSpans[], at: (a: number) => number): (a: number, b: number) => PairPlaces {
  const m = counts.m;
  return (a, b) => {
    const x = at(a);
    const y = at(b);
    const pairs = counts.pairs[x * m + y]! + counts.pairs[y * m + x]!;
    const overA = counts.over[x * m + y]!;
    const overB = counts.over[y * m + x]!;
    const count = overA + overB - pairs;
    return { count, countA: spans[a]!.spanCount - overA + count, countB: spans[b]!.spanCount - overB + count };
  };
}

/** The per-source sweep of overlapPlaces, with its counts over every source swept. */
class OverlapSweep {
  /** pairs[a·m + b] + pairs[b·m + a]: overlapping pairs of an a span and a b span. */
  readonly pairs: Int32Array;
  /** over[a·m + b]: a spans overlapping at least one b span. */
  readonly over: Int32Array;
  /** The last a span counted in over[a·m + b] (ids are unique over the run). */
  private readonly counted: Int32Array;
  private readonly activeEnd: Int32Array;
  private readonly activeId: Int32Array;
  private readonly active: Int32Array;
  /**
   * Spans of the current source, one sorted run per code (codes ascending): their starts,
   * ends and codes side by side; merged two runs at a time into the other three arrays.
   */
  private starts: Int32Array = new Int32Array(1024);
  private ends: Int32Array = new Int32Array(1024);
  private codes: Int32Array = new Int32Array(1024);
  private starts2: Int32Array = new Int32Array(1024);
  private ends2: Int32Array = new Int32Array(1024);
  private codes2: Int32Array = new Int32Array(1024);
  private n = 0;
  /** Where each run begins (runs + 1 entries), and the bounds of the next round of merging. */
  private bounds: Int32Array;
  private bounds2: Int32Array;
  private runs = 0;
  private id = 0;

  constructor(private readonly m: number) {
    this.pairs = new Int32Array(m * m);
    this.over = new Int32Array(m * m);
    this.counted = new Int32Array(m * m).fill(-1);
    this.activeEnd = new Int32Array(m);
    this.activeId = new Int32Array(m);
    this.active = new Int32Array(m);
    this.bounds = new Int32Array(m + 1);
    this.bounds2 = new Int32Array(m + 1);
  }

  /** Source s: the spans of every code there (cursor[c]: the next source of code c's), swept. */
  source(s: number, spans: readonly CodeSpans[], cursor: Int32Array): void {
    this.n = 0;
    this.runs = 0;
    for (let c = 0; c < this.m; c++) {
      const cs = spans[c]!;
      const k = cursor[c]!;
      if (k < cs.sourceIndices.length && cs.sourceIndices[k] === s) {
        this.add(c, cs.data, cs.offsets[k]!, cs.offsets[k + 1]!);
        cursor[c] = k + 1;
      }
    }
    if (this.n > 0) this.run();
  }

  /** Code c's spans `from` … `to` - 1 of `data` in the current source. */
  private add(c: number, data: Int32Array, from: number, to: number): void {
    if (this.n + to - from > this.starts.length) this.grow(this.n + to - from);
    const { starts, ends, codes } = this;
    let n = this.n;
    for (let j = from; j < to; j++, n++) {
      starts[n] = data[j * SPAN_FIELDS]!;
      ends[n] = data[j * SPAN_FIELDS + 1]!;
      codes[n] = c;
    }
    this.bounds[this.runs++] = this.n;
    this.n = n;
  }

  private grow(size: number): void {
    const length = Math.max(this.starts.length * 2, size);
    const more = (a: Int32Array): Int32Array => {
      const b = new Int32Array(length);
      b.set(a);
      return b;
    };
    this.starts = more(this.starts);
    this.ends = more(this.ends);
    this.codes = more(this.codes);
    this.starts2 = new Int32Array(length);
    this.ends2 = new Int32Array(length);
    this.codes2 = new Int32Array(length);
  }

  private run(): void {
    this.sort();
    const { starts, ends, codes } = this;
    let live = 0;
    for (let e = 0; e < this.n; e++) live = this.open(codes[e]!, starts[e]!, ends[e]!, live);
  }

  /**
   * The spans in order of start, then code: the runs (each code's spans, in order) merged
   * two by two until one is left — a few linear passes, where a general sort would compare
   * far more; on equal starts the left run's span (the lower code) goes first.
   */
  private sort(): void {
    let runs = this.runs;
    this.bounds[runs] = this.n;
    while (runs > 1) {
      let next = 0;
      for (let r = 0; r < runs; r += 2) {
        const end = r + 2 <= runs ? this.bounds[r + 2]! : this.bounds[r + 1]!;
        this.mergeRuns(this.bounds[r]!, this.bounds[r + 1]!, end);
        this.bounds2[next++] = this.bounds[r]!;
      }
      this.bounds2[next] = this.n;
      this.swap();
      runs = next;
    }
  }

  /** The merged arrays become the current ones. */
  private swap(): void {
    const { bounds, starts, ends, codes } = this;
    this.bounds = this.bounds2;
    this.starts = this.starts2;
    this.ends = this.ends2;
    this.codes = this.codes2;
    this.bounds2 = bounds;
    this.starts2 = starts;
    this.ends2 = ends;
    this.codes2 = codes;
  }

  /** Spans a … mid - 1 and mid … end - 1 (each in order) merged into the other arrays at a. */
  private mergeRuns(a: number, mid: number, end: number): void {
    const { starts, ends, codes, starts2, ends2, codes2 } = this;
    let i = a;
    let j = mid;
    let w = a;
    while (i < mid && j < end) {
      const x = starts[i]! <= starts[j]! ? i++ : j++;
      starts2[w] = starts[x]!;
      ends2[w] = ends[x]!;
      codes2[w++] = codes[x]!;
    }
    for (; i < mid; i++, w++) {
      starts2[w] = starts[i]!;
      ends2[w] = ends[i]!;
      codes2[w] = codes[i]!;
    }
    for (; j < end; j++, w++) {
      starts2[w] = starts[j]!;
      ends2[w] = ends[j]!;
      codes2[w] = codes[j]!;
    }
  }

  /**
   * A span of code c from `start` to `end`: pairs it with the spans still open, which
   * share a code point with it — one per code, so it meets each code once here; an open
   * span may meet a code again later, hence `counted`. Returns the spans open.
   */
  private open(c: number, start: number, end: number, live: number): number {
    const { m, activeEnd, activeId, active, pairs, over, counted } = this;
    const id = this.id++;
    let kept = 0;
    const row = c * m;
    for (let x = 0; x < live; x++) {
      const d = active[x]!;
      if (activeEnd[d]! <= start) continue;
      active[kept++] = d;
      pairs[row + d]!++;
      over[row + d]!++;
      counted[row + d] = id;
      const back = d * m + c;
      if (counted[back] !== activeId[d]) {
        counted[back] = activeId[d]!;
        over[back]!++;
      }
    }
    active[kept++] = c;
    activeEnd[c] = end;
    activeId[c] = id;
    return kept;
  }
}

