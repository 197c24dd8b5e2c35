/**
 * The figures of reports (DESIGN.md, "Figures in reports"). For a code — a theme
 * includes all its descendants — over the sources in scope, the codings of the coders
 * in scope are merged into one set of spans per source: spans that overlap or touch,
 * whatever code or coder they come from, become one span.
 *
 *   cases          participants with at least one coding (interviewer talk included)
 *   casesPct       cases ÷ cases in scope (the cases of the sources in scope, coded or not) × 100
 *   sources        sources with at least one coding
 *   references     merged spans
 *   words          participant-talk words inside the spans (a word is inside when its first
 *                  character is)
 *   coverage       words ÷ all participant-talk words of the sources in scope × 100
 *   wordsPerCase   words ÷ cases (0 when cases is 0): the intensity
 */
import { childrenMap, type Code } from './codebook.js';
import { countBelow } from './code-points.js';
import { CODING_FIELDS, F_CODE, F_END, F_END_WORD, F_FIRST_WORD, F_START } from './span-index.js';
import type { Span } from './spans.js';

export interface ScopeSource {
  id: string;
  case: string;
  wave: string;
  participantWords: number;
  /** Code-point starts of participant-talk words, ascending. */
  wordStarts: Uint32Array;
}

export interface ScopeCoding extends Span {
  codeId: number;
  /** Index into the scope's sources. */
  source: number;
  coder: string;
}

export interface Figures {
  cases: number;
  casesPct: number;
  sources: number;
  references: number;
  words: number;
  coverage: number;
  wordsPerCase: number;
}

/**
 * A merged span with the word indices of its ends: `endWord - firstWord` participant words
 * lie inside it (see span-index.ts).
 */
export interface WordSpan extends Span {
  firstWord: number;
  endWord: number;
}

/** Per code and per source in scope, the merged spans of the code and its descendants. */
export type MergedSpans = Map<number, Map<number, WordSpan[]>>;

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

/** Merges one code's own codings, a sorted run [from, to) of a packed source. */
function mergeRun(packed: Int32Array, from: number, to: number): WordSpan[] {
  const out: WordSpan[] = [];
  let last: WordSpan | undefined;
  for (let o = from; o < to; o += CODING_FIELDS) {
    const start = packed[o + F_START]!;
    const end = packed[o + F_END]!;
    if (last !== undefined && start <= last.end) {
      if (end > last.end) {
        last.end = end;
        last.endWord = packed[o + F_END_WORD]!;
      }
    } else out.push((last = { start, end, firstWord: packed[o + F_FIRST_WORD]!, endWord: packed[o + F_END_WORD]! }));
  }
  return out;
}

/**
 * Merges the spans of each code's subtree per source (post-order over the tree), from the
 * packed codings of each source in scope (index = scope index). Work is done source by
 * source: a code's own codings are one sorted run there, and a code with one contributing
 * child and no codings of its own shares that child's spans.
 */
export function mergedSpansByCode(codes: readonly Code[], packedBySource: readonly Int32Array[]): MergedSpans {
  const children = childrenMap(codes);
  const post: Code[] = [];
  const visit = (code: Code): void => {
    for (const child of children.get(code.id) ?? []) visit(child);
    post.push(code);
  };
  for (const root of children.get(null) ?? []) visit(root);
  const out: MergedSpans = new Map(post.map((c) => [c.id, new Map()]));
  const runs = new Map<number, [number, number]>();
  packedBySource.forEach((packed, s) => {
    if (packed.length === 0) return;
    runs.clear();
    for (let o = 0; o < packed.length;) {
      const code = packed[o + F_CODE]!;
      let e = o + CODING_FIELDS;
      while (e < packed.length && packed[e + F_CODE] === code) e += CODING_FIELDS;
      runs.set(code, [o, e]);
      o = e;
    }
    for (const code of post) {
      const run = runs.get(code.id);
      let merged: WordSpan[] | undefined = run === undefined ? undefined : mergeRun(packed, run[0], run[1]);
      let pieces: WordSpan[] | undefined;
      for (const child of children.get(code.id) ?? []) {
        const spans = out.get(child.id)!.get(s);
        if (spans === undefined) continue;
        if (merged === undefined) merged = spans;
        else (pieces ??= [...merged]).push(...spans);
      }
      if (pieces !== undefined) merged = mergeWordSpans(pieces);
      if (merged !== undefined) out.get(code.id)!.set(s, merged);
    }
  });
  return out;
}

/** Participant-talk words whose first character lies in [start, end), from a word index. */
export function wordsIn(wordStarts: Uint32Array, span: Span): number {
  return countBelow(wordStarts, span.end) - countBelow(wordStarts, span.start);
}

/**
 * The figures of one code from its merged spans. With `spanWords`, the words of each span
 * are also kept there (by source, in span order), for whoever needs them next (quotes).
 */
export function figuresOf(spansBySource: ReadonlyMap<number, readonly WordSpan[]>, sources: readonly ScopeSource[], scopeCases: number, scopeWords: number, spanWords?: Map<number, number[]>): Figures {
  const cases = new Set<string>();
  let references = 0;
  let words = 0;
  for (const [s, spans] of spansBySource) {
    if (spans.length === 0) continue;
    const src = sources[s]!;
    cases.add(src.case);
    references += spans.length;
    const counts = spanWords === undefined ? null : new Array<number>(spans.length);
    spans.forEach((span, k) => {
      const w = span.endWord - span.firstWord;
      words += w;
      if (counts !== null) counts[k] = w;
    });
    if (counts !== null) spanWords!.set(s, counts);
  }
  let coded = 0;
  for (const x of spansBySource.values()) if (x.length > 0) coded++;
  const n = cases.size;
  return {
    cases: n,
    casesPct: scopeCases === 0 ? 0 : (n / scopeCases) * 100,
    sources: coded,
    references,
    words,
    coverage: scopeWords === 0 ? 0 : (words / scopeWords) * 100,
    wordsPerCase: n === 0 ? 0 : words / n,
  };
}
