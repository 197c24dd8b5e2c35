/**
 * `qcode report cooccurrence`: code × code, how often two codes meet — in the same
 * passage (overlap), in the same turn, or in the same source — with a Jaccard coefficient
 * (Jaccard 1912: |A ∩ B| ÷ |A ∪ B| over the units where either code occurs).
 */
import { countBelow } from '../../core/code-points.js';
import { codePath, descendantIds, treeOrder } from '../../core/codebook.js';
import { UsageError } from '../../core/errors.js';
import { CodeSpans, SPAN_FIELDS } from '../../core/code-spans.js';
import type { Span } from '../../core/spans.js';
import type { ReportFormat, ReportView } from '../../format/report.js';
import { roundFixed, type Column } from '../../format/table-shape.js';
import type { ReportScope } from '../report-scope.js';

export const COOCCURRENCE_UNITS = ['overlap', 'turn', 'source'] as const;
export type CooccurrenceWithin = (typeof COOCCURRENCE_UNITS)[number];

export interface CooccurrencePair {
  a: string;
  b: string;
  /** Units where both codes occur; null for a code and its own ancestor or descendant. */
  count: number | null;
  /** Units where a (b) occurs, as the coefficient counts them. */
  countA: number | null;
  countB: number | null;
  /** count ÷ (countA + countB − count); null when neither occurs, or for nested codes. */
  jaccard: number | null;
}

export interface CooccurrenceReport {
  within: CooccurrenceWithin;
  codes: { code: string; path: string[]; depth: number }[];
  /** Every pair of shown codes, a before b in tree order. */
  pairs: CooccurrencePair[];
}

/**
 * Co-occurrence of every pair of shown codes. Each code's spans are its merged spans (its
 * sub-codes included, all coders in scope merged, as for the figures). The unit counted:
 *
 * - overlap: a *place* is a stretch of one source made of A's and B's merged spans chained
 *   by sharing at least one code point (spans that only touch do not chain). count = places
 *   holding both A and B (an A passage overlapping two B passages is one place); countA =
 *   places holding A; so the coefficient is count ÷ all places of A or B.
 * - turn: a turn (participant or interviewer) of a source in scope, its span running from
 *   its label to the end of its talk; a code occurs in it when one of its spans shares a
 *   code point with that span. A source without speaker labels is one unit; text before
 *   the first label (the header) is in no turn.
 * - source: a source in scope; a code occurs in it when it has a coding there.
 *
 * A code is not compared with its own ancestors or descendants (their overlap is trivial):
 * count, countA, countB and jaccard are null there.
 */
export function cooccurrenceReport(scope: ReportScope, o: { within?: CooccurrenceWithin } = {}): CooccurrenceReport {
  const within = o.within ?? 'overlap';
  if (!(COOCCURRENCE_UNITS as readonly string[]).includes(within)) {
    throw new UsageError(`--within ${String(within)}: expected one of ${COOCCURRENCE_UNITS.join(', ')}`);
  }
  const merged = scope.merged;
  const shown = treeOrder(scope.codes).filter(({ code }) => scope.shown.has(code.id));
  const spansOf = (id: number): CodeSpans => merged.get(id) ?? CodeSpans.EMPTY;
  const units = within === 'overlap' ? null : new Map(shown.map(({ code }) => [code.id, unitsOf(scope, spansOf(code.id), within)]));
  const family = new Map(shown.map(({ code }) => [code.id, descendantIds(scope.codes, code.id)]));
  const overlap = units === null ? overlapPlaces(shown.map(({ code }) => spansOf(code.id)), scope.sources.length) : null;
  const pairs: CooccurrencePair[] = [];
  for (let i = 0; i < shown.length; i++) {
    const a = shown[i]!.code;
    for (let j = i + 1; j < shown.length; j++) {
      const b = shown[j]!.code;
      const nested = family.get(a.id)!.has(b.id) || family.get(b.id)!.has(a.id);
      let n: { count: number; countA: number; countB: number } | null = null;
      if (!nested) n = overlap === null ? shared(units!.get(a.id)!, units!.get(b.id)!) : overlap(i, j);
      const union = n === null ? 0 : n.countA + n.countB - n.count;
      pairs.push({
        a: a.name, b: b.name, count: n?.count ?? null, countA: n?.countA ?? null, countB: n?.countB ?? null,
        jaccard: n === null || union === 0 ? null : n.count / union,
      });
    }
  }
  return { within, codes: shown.map(({ code, depth }) => ({ code: code.name, path: codePath(scope.codes, code.id), depth })), pairs };
}

function shared(a: Set<string>, b: Set<string>): { count: number; countA: number; countB: number } {
  let count = 0;
  for (const u of a) if (b.has(u)) count++;
  return { count, countA: a.size, countB: b.size };
}

/** The turns (or sources) where a code occurs, as `source:turn` keys. */
function unitsOf(scope: ReportScope, spans: ReadonlyMap<number, readonly Span[]>, within: 'turn' | 'source'): Set<string> {
  const out = new Set<string>();
  for (const [s, list] of spans) {
    if (list.length === 0) continue;
    if (within === 'source') {
      out.add(`${s}`);
      continue;
    }
    const turns = scope.text(s).turns;
    if (turns.length === 0) {
      out.add(`${s}:0`);
      continue;
    }
    const talkEnds = turns.map((t) => t.talkEnd);
    for (const span of list) {
      // Turns are in text order, so their ends ascend: skip those ending at or before the span.
      for (let k = countBelow(talkEnds, span.start + 1); k < turns.length && turns[k]!.start < span.end; k++) out.add(`${s}:${turns[k]!.number}`);
    }
  }
  return out;
}

/**
 * Places (see cooccurrenceReport) of every pair of codes at once, from their merged spans
 * (`spans[c]` for code c): returns, for codes a and b, what a sweep over the spans of a and
 * b alone would count. One sweep per source over every code's spans in start order finds
 * each overlapping pair of spans once; the rest is counting. A code's merged spans neither
 * overlap nor touch, so the spans of two codes joined by overlaps form a forest (a cycle
 * would need two spans of one code both reaching across the gap between two of the
 * other's): the places holding both codes are the spans that overlap the other code less
 * the overlapping pairs, and every other span is a place of its own.
 */
export function overlapPlaces(spans: readonly CodeSpans[], sourceCount: number): (a: number, b: number) => { count: number; countA: number; countB: number } {
  const m = spans.length;
  const sweep = new OverlapSweep(m);
  const cursor = new Int32Array(m);
  for (let s = 0; s < sourceCount; s++) sweep.source(s, spans, cursor);
  return (a, b) => {
    const pairs = sweep.pairs[a * m + b]! + sweep.pairs[b * m + a]!;
    const overA = sweep.over[a * m + b]!;
    const overB = sweep.over[b * m + a]!;
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

const UNIT_TEXT: Record<CooccurrenceWithin, string> = {
  overlap: 'places where the two codes’ passages overlap (share at least one character); a place is a chain of overlapping passages of either code',
  turn: 'turns (interviewer or participant) in which both codes have a coding',
  source: 'sources in which both codes have a coding',
};

/**
 * A square table (upper triangle, `count (jaccard)`; codes numbered, columns 2…n) for
 * table, md, tex and html; CSV gets one row per pair with raw numbers.
 */
export function cooccurrenceView(r: CooccurrenceReport, format: ReportFormat): ReportView {
  const title = `Code co-occurrence (${r.within})`;
  const paragraphs = [`Counts: ${UNIT_TEXT[r.within]}. In brackets the Jaccard coefficient: count ÷ (units with the row code + units with the column code − count). — : a code and its own theme or sub-code, not compared.`];
  if (format === 'csv') {
    const columns: Column[] = [
      { key: 'a', header: 'code a' }, { key: 'b', header: 'code b' }, { key: 'count', header: 'count', align: 'right' },
      { key: 'countA', header: 'units a', align: 'right' }, { key: 'countB', header: 'units b', align: 'right' },
      { key: 'jaccard', header: 'jaccard', align: 'right', decimals: 2 },
    ];
    return { title, data: r, tables: [{ table: { columns, rows: r.pairs.map((p) => ({ ...p })) } }], paragraphs };
  }
  const n = r.codes.length;
  const at = new Map(r.pairs.map((p) => [`${p.a}\u0000${p.b}`, p]));
  const columns: Column[] = [
    { key: 'code', header: 'code' },
    { key: 'n', header: '#', align: 'right' },
    // Column 1 would be empty (upper triangle): columns 2…n.
    // html and svg head the columns with the code names (a wide table scrolls there); the rest number them.
    ...r.codes.slice(1).map((c, k) => ({ key: `c${k + 1}`, header: format === 'html' || format === 'svg' ? c.code : String(k + 2), align: 'right' as const })),
  ];
  const rows = r.codes.map((c, i) => {
    const row: Record<string, string | number> = { code: c.code, depth: c.depth, n: i + 1 };
    for (let j = 1; j < n; j++) {
      const p = j > i ? at.get(`${c.code}\u0000${r.codes[j]!.code}`) : undefined;
      row[`c${j}`] = p === undefined ? '' : p.count === null ? '—' : p.jaccard === null ? String(p.count) : `${p.count} (${roundFixed(p.jaccard, 2)})`;
    }
    return row;
  });
  return { title, data: r, tables: [{ table: { columns, rows }, indentKey: 'depth', heat: columns.slice(2).map((c) => c.key) }], paragraphs };
}
