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
import { countBelow } from './code-points.js';
import type { Span } from './spans.js';
import { CodeSpans, SPAN_FIELDS, type WordSpan } from './code-spans.js';

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

export type { WordSpan } from './code-spans.js';

export { mergedSpansByCode, mergeWordSpans, unionOfSpans, wordsOf, type MergedSpans } from './merged-spans.js';

/** Participant-talk words whose first character lies in [start, end), from a word index. */
export function wordsIn(wordStarts: Uint32Array, span: Span): number {
  return countBelow(wordStarts, span.end) - countBelow(wordStarts, span.start);
}

/**
 * The figures of one code from its merged spans. With `spanWords`, the words of each span
 * are also kept there (by source, in span order), for whoever needs them next (quotes).
 */
export function figuresOf(spansBySource: ReadonlyMap<number, readonly (Span | WordSpan)[]>, sources: readonly ScopeSource[], scopeCases: number, scopeWords: number, spanWords?: Map<number, number[]>): Figures {
  if (spansBySource instanceof CodeSpans && spanWords === undefined) return packedFigures(spansBySource, sources, scopeCases, scopeWords);
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
      // Spans from mergedSpansByCode carry their word indices; plain spans use the word index.
      const w = 'firstWord' in span ? span.endWord - span.firstWord : wordsIn(src.wordStarts, span);
      words += w;
      if (counts !== null) counts[k] = w;
    });
    if (counts !== null) spanWords!.set(s, counts);
  }
  let coded = 0;
  for (const x of spansBySource.values()) if (x.length > 0) coded++;
  return figuresFrom(cases.size, coded, references, words, scopeCases, scopeWords);
}

/** A code's figures from its counts (DESIGN.md: cases %, coverage %, words per case). */
function figuresFrom(n: number, coded: number, references: number, words: number, scopeCases: number, scopeWords: number): Figures {
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

/** figuresOf over packed spans, without building a span object. */
function packedFigures(cs: CodeSpans, sources: readonly ScopeSource[], scopeCases: number, scopeWords: number): Figures {
  // Read before the loops: V8 may optimise the function mid-loop (OSR), and code after the
  // loops that never ran would then make every later call fall back to the interpreter.
  const coded = cs.size;
  const references = cs.spanCount;
  const { caseOf, marks, stamp } = caseMarks(sources, 1);
  const n = casesOf(cs.sourceIndices, caseOf.index, marks, stamp);
  const words = cs.totalWords;
  return figuresFrom(n, coded, references, words, scopeCases, scopeWords);
}

/** Distinct cases of the sources at `indices` (caseIndex: per source, its case's index), counted by marking them with `stamp`. */
function casesOf(indices: Int32Array, caseIndex: Int32Array, marks: Int32Array, stamp: number): number {
  let n = 0;
  for (let k = 0; k < indices.length; k++) {
    const c = caseIndex[indices[k]!]!;
    if (marks[c] !== stamp) {
      marks[c] = stamp;
      n++;
    }
  }
  return n;
}

/** A figure a matrix cell can show (app/reports/matrix.ts). */
export type GroupMeasure = 'references' | 'cases' | 'words' | 'coverage' | 'presence';

/**
 * One figure of a code per group of sources (group g: the sources s with groupOf[s] = g) and
 * over all of them, as figuresOf gives it over those sources with no cases in scope — coverage
 * over groupWords[g] and `allWords`, presence = 1 when cases > 0 — in one pass, without a
 * Figures object per group: a matrix row.
 */
export function groupMeasure(cs: CodeSpans, sources: readonly ScopeSource[], groupOf: readonly number[], groupWords: readonly number[], allWords: number, measure: GroupMeasure): { values: Float64Array; total: number } {
  const G = groupWords.length;
  const { caseOf, marks, stamp } = caseMarks(sources, G + 1);
  const C = caseOf.cases;
  const cases = new Float64Array(G);
  const references = new Float64Array(G);
  const words = new Float64Array(G);
  const sourceWords = cs.wordsBySource;
  let allCases = 0;
  let total = 0;
  for (let k = 0; k < cs.sourceIndices.length; k++) {
    const s = cs.sourceIndices[k]!;
    const g = groupOf[s]!;
    const c = caseOf.index[s]!;
    // A case counts once per group, and once over all (group G): marked with this call's stamp.
    if (marks[g * C + c] !== stamp) {
      marks[g * C + c] = stamp;
      cases[g]!++;
    }
    if (marks[G * C + c] !== stamp) {
      marks[G * C + c] = stamp;
      allCases++;
    }
    references[g]! += cs.offsets[k + 1]! - cs.offsets[k]!;
    words[g]! += sourceWords[k]!;
    total += sourceWords[k]!;
  }
  const values = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    values[g] = measure === 'references' ? references[g]! : measure === 'cases' ? cases[g]! : measure === 'words' ? words[g]!
      : measure === 'coverage' ? (groupWords[g] === 0 ? 0 : (words[g]! / groupWords[g]!) * 100) : cases[g]! > 0 ? 1 : 0;
  }
  const whole = measure === 'references' ? cs.spanCount : measure === 'cases' ? allCases : measure === 'words' ? total
    : measure === 'coverage' ? (allWords === 0 ? 0 : (total / allWords) * 100) : allCases > 0 ? 1 : 0;
  return { values, total: whole };
}

interface CaseIndex {
  /** Per source, the index of its case among the distinct cases of `sources`. */
  index: Int32Array;
  cases: number;
}

/** Per list of sources (a report's scope, asked once per code): its case indices, and marks group × case reused from call to call. */
const caseMarksOf = new WeakMap<readonly ScopeSource[], { caseOf: CaseIndex; marks: Int32Array; stamp: number }>();

function caseMarks(sources: readonly ScopeSource[], groups: number): { caseOf: CaseIndex; marks: Int32Array; stamp: number } {
  let m = caseMarksOf.get(sources);
  if (m === undefined || m.marks.length < groups * m.caseOf.cases) {
    const ids = new Map<string, number>();
    const index = new Int32Array(sources.length);
    sources.forEach((s, i) => {
      let c = ids.get(s.case);
      if (c === undefined) ids.set(s.case, (c = ids.size));
      index[i] = c;
    });
    m = { caseOf: { index, cases: ids.size }, marks: new Int32Array(groups * ids.size), stamp: 0 };
    caseMarksOf.set(sources, m);
  }
  m.stamp++;
  return m;
}
