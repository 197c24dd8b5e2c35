/**
 * The merged spans of one code in every source of a scope, packed: for each source with at
 * least one span (ascending scope index), its spans as four integers each — start, end,
 * first word, end word — so that a report over 100,000s of spans allocates no object per
 * span (issue #12). It reads as a ReadonlyMap from source index to spans, building the
 * span objects of a source only when asked.
 */
import type { Span } from './spans.js';

/** A merged span with the word indices of its ends: `endWord - firstWord` participant words lie inside. */
export interface WordSpan extends Span {
  firstWord: number;
  endWord: number;
}

export const SPAN_FIELDS = 4;

export class CodeSpans implements ReadonlyMap<number, readonly WordSpan[]> {
  constructor(
    /** Scope indices of the sources with spans, ascending. */
    readonly sourceIndices: Int32Array,
    /** Spans of sourceIndices[k] are spans offsets[k] … offsets[k + 1] - 1. */
    readonly offsets: Int32Array,
    /** The spans (see `data`); null for figures only, read from a kept merge without them. */
    private readonly spans: Int32Array | null,
    /** wordsBySource when already known (kept with the spans: core/merged-spans-blob.ts). */
    private perSource?: Float64Array | Int32Array,
  ) {}

  /** start, end, firstWord, endWord per span. */
  get data(): Int32Array {
    if (this.spans === null) throw new Error('merged spans: figures only were read, and a report asked for the spans');
    return this.spans;
  }

  /** Participant words inside all the spans. */
  get totalWords(): number {
    let words = 0;
    if (this.perSource !== undefined) {
      for (const n of this.perSource) words += n;
      return words;
    }
    const d = this.data;
    for (let o = 0; o < d.length; o += SPAN_FIELDS) words += d[o + 3]! - d[o + 2]!;
    return words;
  }

  /** Participant words inside the spans of each source, in the order of sourceIndices. */
  get wordsBySource(): Float64Array | Int32Array {
    return (this.perSource ??= wordsPerSource(this.offsets, this.data));
  }

  static readonly EMPTY = new CodeSpans(new Int32Array(), new Int32Array([0]), new Int32Array());

  get size(): number {
    return this.sourceIndices.length;
  }

  /** Number of spans in all sources. */
  get spanCount(): number {
    return this.offsets[this.offsets.length - 1]!;
  }

  /** Position of source `s` in sourceIndices, or -1. */
  indexOf(s: number): number {
    let lo = 0;
    let hi = this.sourceIndices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sourceIndices[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.sourceIndices.length && this.sourceIndices[lo] === s ? lo : -1;
  }

  /** The spans of the k-th source with spans, as objects. */
  spansAt(k: number): WordSpan[] {
    const out: WordSpan[] = [];
    const d = this.data;
    for (let j = this.offsets[k]!; j < this.offsets[k + 1]!; j++) {
      const o = j * SPAN_FIELDS;
      out.push({ start: d[o]!, end: d[o + 1]!, firstWord: d[o + 2]!, endWord: d[o + 3]! });
    }
    return out;
  }

  get(s: number): WordSpan[] | undefined {
    const k = this.indexOf(s);
    return k < 0 ? undefined : this.spansAt(k);
  }

  has(s: number): boolean {
    return this.indexOf(s) >= 0;
  }

  *keys(): MapIterator<number> {
    yield* this.sourceIndices;
  }

  *values(): MapIterator<WordSpan[]> {
    for (let k = 0; k < this.sourceIndices.length; k++) yield this.spansAt(k);
  }

  *entries(): MapIterator<[number, WordSpan[]]> {
    for (let k = 0; k < this.sourceIndices.length; k++) yield [this.sourceIndices[k]!, this.spansAt(k)];
  }

  [Symbol.iterator](): MapIterator<[number, WordSpan[]]> {
    return this.entries();
  }

  forEach(fn: (value: readonly WordSpan[], key: number, map: ReadonlyMap<number, readonly WordSpan[]>) => void): void {
    for (const [s, spans] of this) fn(spans, s, this);
  }
}

/** Participant words inside the spans of each source (one call per code, its loops inline: no call per source). */
function wordsPerSource(offsets: Int32Array, data: Int32Array): Float64Array {
  const out = new Float64Array(offsets.length - 1);
  for (let k = 0; k < out.length; k++) {
    let n = 0;
    for (let o = offsets[k]! * SPAN_FIELDS; o < offsets[k + 1]! * SPAN_FIELDS; o += SPAN_FIELDS) n += data[o + 3]! - data[o + 2]!;
    out[k] = n;
  }
  return out;
}

/** Writes span `i` (four integers) into `data`, doubled first when full; returns the array written. */
export function putSpan(data: Int32Array<ArrayBuffer>, i: number, start: number, end: number, firstWord: number, endWord: number): Int32Array<ArrayBuffer> {
  let out = data;
  if ((i + 1) * SPAN_FIELDS > out.length) {
    out = new Int32Array(Math.max(out.length * 2, (i + 1) * SPAN_FIELDS));
    out.set(data);
  }
  const o = i * SPAN_FIELDS;
  out[o] = start;
  out[o + 1] = end;
  out[o + 2] = firstWord;
  out[o + 3] = endWord;
  return out;
}

/** Builds a CodeSpans source by source, ascending, in growable typed arrays. */
export class CodeSpansBuilder {
  private sources = new Int32Array(16);
  private offsets = new Int32Array(17);
  private data = new Int32Array(64);
  private n = 0;
  private spans = 0;

  /** Index into data (in spans) where the current source's spans began. */
  private open = 0;

  /** Starts the spans of source `s` (call end() after pushing them). */
  begin(): void {
    this.open = this.spans;
  }

  push(start: number, end: number, firstWord: number, endWord: number): void {
    this.data = putSpan(this.data, this.spans++, start, end, firstWord, endWord);
  }

  /**
   * Merges the last pushed span into the one before when they overlap or touch
   * (DESIGN's rule); call after each push of spans sorted by start.
   */
  pushMerged(start: number, end: number, firstWord: number, endWord: number): void {
    if (this.spans > this.open) {
      const o = (this.spans - 1) * SPAN_FIELDS;
      if (start <= this.data[o + 1]!) {
        if (end > this.data[o + 1]!) {
          this.data[o + 1] = end;
          this.data[o + 3] = endWord;
        }
        return;
      }
    }
    this.push(start, end, firstWord, endWord);
  }

  /** Where the current source's spans begin in data (in spans). */
  get currentStart(): number {
    return this.open;
  }

  /** Where the current source's spans end so far (in spans). */
  get currentEnd(): number {
    return this.spans;
  }

  get buffer(): Int32Array {
    return this.data;
  }

  /** Closes the current source `s`; a source without spans is left out. */
  end(s: number): void {
    if (this.spans === this.open) return;
    if (this.n + 1 >= this.sources.length) {
      const src = new Int32Array(this.sources.length * 2);
      src.set(this.sources);
      this.sources = src;
      const off = new Int32Array(this.offsets.length * 2);
      off.set(this.offsets);
      this.offsets = off;
    }
    this.sources[this.n] = s;
    this.offsets[this.n] = this.open;
    this.n++;
    this.offsets[this.n] = this.spans;
  }

  build(): CodeSpans {
    if (this.n === 0) return CodeSpans.EMPTY;
    return new CodeSpans(this.sources.slice(0, this.n), this.offsets.slice(0, this.n + 1), this.data.slice(0, this.spans * SPAN_FIELDS));
  }
}
