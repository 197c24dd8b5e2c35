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
import { mergeSpans, type Span } from './spans.js';

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

/** Per code and per source in scope, the merged spans of the code and its descendants. */
export type MergedSpans = Map<number, Map<number, Span[]>>;

/** Merges the spans of each code's subtree per source (post-order over the tree). */
export function mergedSpansByCode(codes: readonly Code[], codings: readonly ScopeCoding[]): MergedSpans {
  const own = new Map<number, Map<number, Span[]>>();
  for (const c of codings) {
    let bySource = own.get(c.codeId);
    if (bySource === undefined) own.set(c.codeId, (bySource = new Map()));
    const list = bySource.get(c.source);
    if (list === undefined) bySource.set(c.source, [{ start: c.start, end: c.end }]);
    else list.push({ start: c.start, end: c.end });
  }
  const children = childrenMap(codes);
  const out: MergedSpans = new Map();
  const visit = (code: Code): Map<number, Span[]> => {
    const raw = new Map<number, Span[]>();
    for (const [s, spans] of own.get(code.id) ?? []) raw.set(s, [...spans]);
    for (const child of children.get(code.id) ?? []) {
      for (const [s, spans] of visit(child)) {
        const list = raw.get(s);
        if (list === undefined) raw.set(s, [...spans]);
        else list.push(...spans);
      }
    }
    const merged = new Map<number, Span[]>();
    for (const [s, spans] of raw) merged.set(s, mergeSpans(spans));
    out.set(code.id, merged);
    return merged;
  };
  for (const root of children.get(null) ?? []) visit(root);
  return out;
}

/** Participant-talk words whose first character lies in [start, end). */
export function wordsIn(wordStarts: Uint32Array, span: Span): number {
  return countBelow(wordStarts, span.end) - countBelow(wordStarts, span.start);
}

/**
 * The figures of one code from its merged spans. With `spanWords`, the words of each span
 * are also kept there (by source, in span order), for whoever needs them next (quotes).
 */
export function figuresOf(spansBySource: Map<number, Span[]>, sources: readonly ScopeSource[], scopeCases: number, scopeWords: number, spanWords?: Map<number, number[]>): Figures {
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
      const w = wordsIn(src.wordStarts, span);
      words += w;
      if (counts !== null) counts[k] = w;
    });
    if (counts !== null) spanWords!.set(s, counts);
  }
  const n = cases.size;
  return {
    cases: n,
    casesPct: scopeCases === 0 ? 0 : (n / scopeCases) * 100,
    sources: [...spansBySource.values()].filter((x) => x.length > 0).length,
    references,
    words,
    coverage: scopeWords === 0 ? 0 : (words / scopeWords) * 100,
    wordsPerCase: n === 0 ? 0 : words / n,
  };
}
