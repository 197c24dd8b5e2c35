/**
 * `qcode report disagreements --coders A,B`: every passage the two coders coded differently,
 * grouped by code and source, as the agenda of a consensus meeting.
 *
 * For a code (its own codings) in a source both coders coded, the passages are the merged
 * spans of A's and B's codings together (spans that overlap or touch are one passage). A
 * passage is a disagreement when A's spans inside it differ from B's: `onlyA` (B has none),
 * `onlyB` (A has none) or `boundaries` (both coded it, with different spans).
 */
import { CodePointMap, countBelow } from '../../core/code-points.js';
import { treeOrder } from '../../core/codebook.js';
import { trimQuote } from '../../core/quotes.js';
import { mergeSpans, type Span } from '../../core/spans.js';
import { lineStarts } from '../../core/text.js';
import type { ReportFormat, ReportView } from '../../format/report.js';
import { escapeMd } from '../../format/markdown.js';
import { findCode } from '../code-lookup.js';
import type { Project } from '../project.js';
import { loadScope, type ReportFilters, type ReportScope } from '../report-scope.js';
import { checkCoders, comparedSources, ownSpans } from './agreement.js';
import { comparedTable, comparedWithCodings, type ComparedSource } from './compared-sources.js';

export type DisagreementKind = 'onlyA' | 'onlyB' | 'boundaries';

export interface LineSpan extends Span {
  lineStart: number;
  lineEnd: number;
}

export interface Disagreement extends LineSpan {
  kind: DisagreementKind;
  /** The passage's text as it is (participant and interviewer talk alike). */
  text: string;
  /** Each coder's spans inside the passage. */
  spans: Record<string, LineSpan[]>;
}

export interface DisagreementGroup {
  code: string;
  source: string;
  passages: Disagreement[];
}

export interface DisagreementsReport {
  coders: string[];
  /** The sources compared. */
  sources: string[];
  /** The sources compared with each coder's number of codings there. */
  compared: ComparedSource[];
  groups: DisagreementGroup[];
}

/** The disagreements of two coders on a loaded scope; `codeId` limits them to one code. */
export function disagreementsReport(scope: ReportScope, coders: [string, string], o: { sourcesChosen?: boolean; codeId?: number } = {}): DisagreementsReport {
  const compared = comparedSources(scope, coders, o.sourcesChosen === true);
  const spans = ownSpans(scope, coders);
  const groups: DisagreementGroup[] = [];
  for (const { code } of treeOrder(scope.codes)) {
    if (o.codeId === undefined ? !scope.shown.has(code.id) : code.id !== o.codeId) continue;
    const bySource = spans.get(code.id);
    for (const i of compared) {
      const perCoder = bySource?.get(i);
      if (perCoder === undefined) continue;
      const passages = disagreementsIn(scope, i, coders, perCoder);
      if (passages.length > 0) groups.push({ code: code.name, source: scope.sources[i]!.id, passages });
    }
  }
  return { coders: [...coders], sources: compared.map((i) => scope.sources[i]!.id), compared: comparedWithCodings(scope, compared, coders), groups };
}

function disagreementsIn(scope: ReportScope, i: number, coders: readonly string[], perCoder: Span[][]): Disagreement[] {
  const a = mergeSpans(perCoder[0]!);
  const b = mergeSpans(perCoder[1]!);
  const out: Disagreement[] = [];
  let text: { text: string; map: CodePointMap; starts: number[] } | undefined;
  let ia = 0;
  let ib = 0;
  for (const passage of mergeSpans([...a, ...b])) {
    const inA: Span[] = [];
    const inB: Span[] = [];
    while (ia < a.length && a[ia]!.start < passage.end) inA.push(a[ia++]!);
    while (ib < b.length && b[ib]!.start < passage.end) inB.push(b[ib++]!);
    if (inA.length === inB.length && inA.every((s, k) => s.start === inB[k]!.start && s.end === inB[k]!.end)) continue;
    if (text === undefined) {
      const t = scope.text(i).text;
      text = { text: t, map: new CodePointMap(t), starts: lineStarts(t) };
    }
    const { map, starts } = text;
    const lines = (s: Span): LineSpan => ({
      start: s.start, end: s.end,
      lineStart: countBelow(starts, map.toUtf16(s.start) + 1),
      lineEnd: countBelow(starts, map.toUtf16(Math.max(s.start, s.end - 1)) + 1),
    });
    out.push({
      kind: inB.length === 0 ? 'onlyA' : inA.length === 0 ? 'onlyB' : 'boundaries',
      ...lines(passage),
      text: text.text.slice(map.toUtf16(passage.start), map.toUtf16(passage.end)),
      spans: { [coders[0]!]: inA.map(lines), [coders[1]!]: inB.map(lines) },
    });
  }
  return out;
}

/** Validates the coders and code, loads the scope and lists the disagreements. */
export function disagreementsForProject(p: Project, filters: ReportFilters, o: { coders: string[]; code?: string; sourcesChosen?: boolean }): DisagreementsReport {
  const coders = checkCoders(p, o.coders, 2, 2) as [string, string];
  const codeId = o.code === undefined ? undefined : findCode(p, o.code).id;
  return disagreementsReport(loadScope(p, { ...filters, coders }), coders, { codeId, sourcesChosen: o.sourcesChosen ?? filters.sources !== undefined });
}

/** ~60 words of a passage for display, cut at a sentence with […]. */
export const DISPLAY_WORDS = 60;

const lineRange = (s: LineSpan): string => (s.lineStart === s.lineEnd ? `line ${s.lineStart}` : `lines ${s.lineStart}–${s.lineEnd}`);
const spansText = (spans: readonly LineSpan[]): string => (spans.length === 0 ? '—' : spans.map((s) => `${lineRange(s)} (${s.start}–${s.end})`).join('; '));

function kindText(d: Disagreement, coders: readonly string[]): string {
  if (d.kind === 'onlyA') return `only ${coders[0]} coded it`;
  if (d.kind === 'onlyB') return `only ${coders[1]} coded it`;
  return 'boundaries differ';
}

/** The agenda: Markdown headings per code and source with a bullet per passage; a table otherwise. */
export function disagreementsView(r: DisagreementsReport, format: ReportFormat): ReportView {
  const [a, b] = r.coders as [string, string];
  const title = `Disagreements between ${a} and ${b}`;
  const count = r.groups.reduce((n, g) => n + g.passages.length, 0);
  const summary = count === 0
    ? `No disagreements: ${a} and ${b} coded the same passages with every code in the ${r.sources.length} source(s) compared.`
    : `${count} passage(s) in ${r.sources.length} source(s) compared. A passage is where either coder applied the code (overlapping or touching codings joined); it is listed when their spans in it differ. Spans are line ranges with code-point offsets.`;
  if (format === 'md') {
    const paragraphs = [escapeMd(summary)];
    let lastCode: string | null = null;
    for (const g of r.groups) {
      if (g.code !== lastCode) paragraphs.push(`### ${escapeMd(g.code)}`);
      lastCode = g.code;
      paragraphs.push(`#### ${escapeMd(g.source)}`);
      paragraphs.push(g.passages.map((d) => [
        `- **${lineRange(d).replace(/^l/, 'L')}**, ${escapeMd(kindText(d, r.coders))}: “${escapeMd(trimQuote(d.text, DISPLAY_WORDS))}”`,
        `  - ${escapeMd(a)}: ${spansText(d.spans[a]!)}`,
        `  - ${escapeMd(b)}: ${spansText(d.spans[b]!)}`,
      ].join('\n')).join('\n'));
    }
    return { title, data: r, tables: [comparedTable(r.compared, r.coders)], paragraphs };
  }
  const rows = r.groups.flatMap((g) => g.passages.map((d) => ({
    code: g.code, source: g.source, lines: d.lineStart === d.lineEnd ? `${d.lineStart}` : `${d.lineStart}–${d.lineEnd}`, kind: kindText(d, r.coders),
    a: spansText(d.spans[a]!), b: spansText(d.spans[b]!), text: format === 'csv' ? d.text : trimQuote(d.text, DISPLAY_WORDS),
  })));
  return {
    title,
    data: r,
    tables: [{ table: { columns: [
      { key: 'code', header: 'code' }, { key: 'source', header: 'source' }, { key: 'lines', header: 'lines' }, { key: 'kind', header: 'disagreement' },
      { key: 'a', header: a }, { key: 'b', header: b }, { key: 'text', header: 'text', wrap: true },
    ], rows } }, comparedTable(r.compared, r.coders)],
    paragraphs: [summary],
  };
}
