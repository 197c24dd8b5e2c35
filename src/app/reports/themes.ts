/**
 * `qcode report themes`: one row per code in tree order with the figures of DESIGN.md,
 * frequency and intensity ranks among siblings, and exemplar quotes.
 */
import { CodePointMap } from '../../core/code-points.js';
import { codePath, treeOrder, type Code } from '../../core/codebook.js';
import { figuresOf, wordsOf, type Figures, type MergedSpans, type WordSpan } from '../../core/figures.js';
import { attributeQuote, quoteCandidates, QUOTE_MAX_WORDS, QUOTE_MIN_WORDS, trimQuote } from '../../core/quotes.js';
import type { Span } from '../../core/spans.js';
import { CodeSpans, SPAN_FIELDS } from '../../core/code-spans.js';
import type { Column } from '../../format/table-shape.js';
import type { ReportView } from '../../format/report.js';
import { rankOrder, ranks, type RankKey } from '../../core/ranking.js';
import type { ReportScope } from '../report-scope.js';

export interface ThemeQuote {
  text: string;
  case: string;
  source: string;
  wave: string;
}

export interface ThemeRow extends Figures {
  code: string;
  path: string[];
  parent: string | null;
  depth: number;
  frequencyRank: number;
  intensityRank: number;
  quotes: ThemeQuote[];
}

export interface ThemesReport {
  scope: { cases: number; sources: number; participantWords: number; coders: string[] };
  rows: ThemeRow[];
}

export interface ThemesOptions {
  sort?: RankKey;
  quotes?: number;
  minCases?: number;
}

export function themesReport(scope: ReportScope, o: ThemesOptions = {}): ThemesReport {
  const merged = scope.merged;
  const figures = new Map<number, Figures>();
  for (const c of scope.codes) figures.set(c.id, figuresOf(merged.get(c.id) ?? new Map(), scope.sources, scope.cases.length, scope.participantWords));
  const ranked = (c: Code) => ({ name: c.name, figures: figures.get(c.id)! });
  const siblings = new Map<number | null, Code[]>();
  for (const c of scope.codes) siblings.set(c.parentId, [...(siblings.get(c.parentId) ?? []), c]);
  const freq = new Map<number, number>();
  const inten = new Map<number, number>();
  for (const group of siblings.values()) {
    const items = group.map(ranked);
    ranks(items, 'frequency').forEach((r, i) => freq.set(group[i]!.id, r));
    ranks(items, 'intensity').forEach((r, i) => inten.set(group[i]!.id, r));
  }
  const order = rankOrder(o.sort ?? 'frequency');
  const byId = new Map(scope.codes.map((c) => [c.id, c]));
  const rows = treeOrder(scope.codes, (a, b) => order(ranked(a), ranked(b)))
    .filter(({ code }) => scope.shown.has(code.id) && figures.get(code.id)!.cases >= (o.minCases ?? 0))
    .map(({ code, depth }) => ({
      code: code.name,
      path: codePath(scope.codes, code.id),
      parent: code.parentId === null ? null : byId.get(code.parentId)!.name,
      depth,
      ...figures.get(code.id)!,
      frequencyRank: freq.get(code.id)!,
      intensityRank: inten.get(code.id)!,
      quotes: (o.quotes ?? 0) > 0 ? quotesOf(scope, merged, code.id, o.quotes!) : [],
    }));
  return {
    scope: { cases: scope.cases.length, sources: scope.sources.length, participantWords: scope.participantWords, coders: scope.coders },
    rows,
  };
}

interface Candidate {
  i: number;
  span: Span;
  /** Words outside 15–80 (0 inside). */
  d: number;
  order: number;
}

/**
 * Up to `n` exemplar quotes of a code from its merged spans. Spans are ranked by their
 * participant words (from the word index, without reading any text); only the texts of
 * the spans picked are read, so a report over a thousand sources stays fast.
 */
export function quotesOf(scope: ReportScope, merged: MergedSpans, codeId: number, n: number): ThemeQuote[] {
  // Candidates in scope order (case, wave, source), then position: the tie order.
  const bySource = merged.get(codeId) ?? CodeSpans.EMPTY;
  const quick = firstInRange(scope, bySource, n);
  return quoteTexts(scope, quick ?? pickCandidates(scope, bySource, n));
}

/**
 * The common case without building every candidate: when `n` quotes of 15–80 words from
 * distinct cases turn up in scan order, they are what pickCandidates would pick.
 */
function firstInRange(scope: ReportScope, cs: CodeSpans, n: number): Candidate[] | null {
  const picked: Candidate[] = [];
  const cases = new Set<string>();
  const d = cs.data;
  let order = 0;
  for (let k = 0; k < cs.sourceIndices.length; k++) {
    const i = cs.sourceIndices[k]!;
    const kase = scope.sources[i]!.case;
    for (let o = cs.offsets[k]! * SPAN_FIELDS; o < cs.offsets[k + 1]! * SPAN_FIELDS; o += SPAN_FIELDS) {
      const words = d[o + 3]! - d[o + 2]!;
      if (words === 0) continue;
      order++;
      if (words < QUOTE_MIN_WORDS || words > QUOTE_MAX_WORDS || cases.has(kase)) continue;
      const span: WordSpan = { start: d[o]!, end: d[o + 1]!, firstWord: d[o + 2]!, endWord: d[o + 3]! };
      picked.push({ i, span, d: 0, order });
      cases.add(kase);
      if (picked.length >= n) return picked;
    }
  }
  return null;
}

function pickCandidates(scope: ReportScope, bySource: ReadonlyMap<number, readonly WordSpan[]>, n: number): Candidate[] {
  const inRange: Candidate[] = [];
  const others: Candidate[] = [];
  // Sources in ascending scope index: the order the tie-break needs.
  for (const i of [...bySource.keys()].sort((x, y) => x - y)) {
    for (const span of bySource.get(i)!) {
      const words = wordsOf(span);
      if (words === 0) continue;
      const d = words < QUOTE_MIN_WORDS ? QUOTE_MIN_WORDS - words : words > QUOTE_MAX_WORDS ? words - QUOTE_MAX_WORDS : 0;
      (d === 0 ? inRange : others).push({ i, span, d, order: inRange.length + others.length });
    }
  }
  // Quotes of 15–80 words first; the rest (sorted only when needed) by distance from that range.
  const ranked = (function* (): Generator<Candidate> {
    yield* inRange;
    yield* others.sort((a, b) => a.d - b.d || a.order - b.order);
  })();
  const all: Candidate[] = [];
  const picked: Candidate[] = [];
  const cases = new Set<string>();
  for (const c of ranked) {
    all.push(c);
    const kase = scope.sources[c.i]!.case;
    if (!cases.has(kase)) {
      picked.push(c);
      cases.add(kase);
      if (picked.length >= n) break;
    }
  }
  for (const c of picked.length < n ? [...all, ...ranked] : []) {
    if (picked.length >= n) break;
    if (!picked.includes(c)) picked.push(c);
  }
  return picked;
}

/** Code-point maps of the texts quoted, made once per text (codes quote the same first sources). */
const codePointMaps = new WeakMap<object, CodePointMap>();

function quoteTexts(scope: ReportScope, picked: Candidate[]): ThemeQuote[] {
  const out: ThemeQuote[] = [];
  for (const s of picked.sort((a, b) => a.d - b.d || a.order - b.order)) {
    const src = scope.sources[s.i]!;
    const t = scope.text(s.i);
    let map = codePointMaps.get(t);
    if (map === undefined) codePointMaps.set(t, (map = new CodePointMap(t.text)));
    const [q] = quoteCandidates(t.text, map, t.turns, [s.span], { case: src.case, source: src.id, wave: src.wave });
    if (q !== undefined) out.push({ text: trimQuote(q.text), case: q.case, source: q.source, wave: q.wave });
  }
  return out;
}

/** The themes report as tables: figures rounded for display, quotes attributed. */
export function themesView(r: ThemesReport, withQuotes: boolean): ReportView {
  const columns: Column[] = [
    { key: 'code', header: 'code' },
    { key: 'cases', header: 'cases', align: 'right' },
    { key: 'casesPct', header: 'cases %', align: 'right', decimals: 1 },
    { key: 'sources', header: 'sources', align: 'right' },
    { key: 'references', header: 'refs', align: 'right' },
    { key: 'words', header: 'words', align: 'right' },
    { key: 'coverage', header: 'coverage %', align: 'right', decimals: 1 },
    { key: 'wordsPerCase', header: 'words/case', align: 'right', decimals: 1 },
    { key: 'frequencyRank', header: 'freq rank', align: 'right' },
    { key: 'intensityRank', header: 'int rank', align: 'right' },
  ];
  if (withQuotes) columns.push({ key: 'quote', header: 'quote', wrap: true });
  const rows = r.rows.map((row) => ({
    code: row.code, depth: row.depth, cases: row.cases, casesPct: row.casesPct, sources: row.sources, references: row.references,
    words: row.words, coverage: row.coverage, wordsPerCase: row.wordsPerCase, frequencyRank: row.frequencyRank, intensityRank: row.intensityRank,
    quote: row.quotes.map((q) => attributeQuote(q.text, q.case, q.wave)).join('\n'),
  }));
  const s = r.scope;
  return {
    title: 'Themes by frequency and intensity',
    data: r,
    tables: [{ table: { columns, rows }, indentKey: 'depth', heat: ['casesPct', 'wordsPerCase'] }],
    paragraphs: [`Scope: ${s.cases} cases, ${s.sources} sources, ${s.participantWords} participant words. Cases % = share of the cases in scope; words = participant-talk words inside the merged coded spans; words/case = intensity among the cases who raised it; ranks among siblings.`],
  };
}
