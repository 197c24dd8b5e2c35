/**
 * `qcode report themes`: one row per code in tree order with the figures of DESIGN.md,
 * frequency and intensity ranks among siblings, and exemplar quotes.
 */
import { CodePointMap } from '../../core/code-points.js';
import { codePath, treeOrder, type Code } from '../../core/codebook.js';
import { figuresOf, mergedSpansByCode, wordsIn, type Figures, type MergedSpans } from '../../core/figures.js';
import { attributeQuote, quoteCandidates, QUOTE_MAX_WORDS, QUOTE_MIN_WORDS, trimQuote } from '../../core/quotes.js';
import type { Span } from '../../core/spans.js';
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
  const merged = mergedSpansByCode(scope.codes, scope.codings);
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

/**
 * Up to `n` exemplar quotes of a code from its merged spans. Spans are ranked by their
 * participant words (from the word index, without reading any text); only the texts of
 * the spans picked are read, so a report over a thousand sources stays fast.
 */
export function quotesOf(scope: ReportScope, merged: MergedSpans, codeId: number, n: number): ThemeQuote[] {
  const spans: { i: number; span: Span; words: number }[] = [];
  for (const [i, list] of merged.get(codeId) ?? []) {
    for (const span of list) {
      const words = wordsIn(scope.sources[i]!.wordStarts, span);
      if (words > 0) spans.push({ i, span, words });
    }
  }
  const distance = (w: number): number => (w < QUOTE_MIN_WORDS ? QUOTE_MIN_WORDS - w : w > QUOTE_MAX_WORDS ? w - QUOTE_MAX_WORDS : 0);
  const id = (x: { i: number }): string => scope.sources[x.i]!.id;
  spans.sort((a, b) => distance(a.words) - distance(b.words) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0) || a.span.start - b.span.start);
  const picked: typeof spans = [];
  const cases = new Set<string>();
  for (const s of spans) {
    if (picked.length >= n) break;
    const c = scope.sources[s.i]!.case;
    if (!cases.has(c)) {
      picked.push(s);
      cases.add(c);
    }
  }
  for (const s of spans) {
    if (picked.length >= n) break;
    if (!picked.includes(s)) picked.push(s);
  }
  const out: ThemeQuote[] = [];
  for (const s of picked) {
    const src = scope.sources[s.i]!;
    const t = scope.text(s.i);
    const [q] = quoteCandidates(t.text, new CodePointMap(t.text), t.turns, [s.span], { case: src.case, source: src.id, wave: src.wave });
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
    paragraphs: [`Scope: ${s.cases} cases, ${s.sources} sources, ${s.participantWords} participant words; coders: ${s.coders.join(', ') || 'none'}. Cases % = share of the cases in scope; words = participant-talk words inside the merged coded spans; words/case = intensity among the cases who raised it; ranks among siblings.`],
  };
}
