/**
 * `qcode report disagreements --coders A,B`: every passage the two coders coded differently,
 * grouped by code and source, as the agenda of a consensus meeting.
 *
 * For a code (its own codings) in a source both coders coded, the passages are the merged
 * spans of A's and B's codings together (spans that overlap or touch are one passage). A
 * passage is a disagreement when A's spans inside it differ from B's: `onlyA` (B has none),
 * `onlyB` (A has none) or `boundaries` (both coded it, with different spans).
 */
import { trimQuote } from '../../core/quotes.js';
import type { ReportFormat, ReportView } from '../../format/report.js';
import { escapeMd } from '../../format/markdown.js';
import type { Cell, Column } from '../../format/table-shape.js';
import { findCode } from '../code-lookup.js';
import type { Project } from '../project.js';
import { loadScope, type ReportFilters, type ReportScope } from '../report-scope.js';
import { checkCoders } from './agreement.js';
import { comparedTable, type ComparedSource } from './compared-sources.js';
import { disagreementIndex, scopeTextBytes, type Disagreement, type DisagreementGroup, type DisagreementIndex, type LineSpan, type TextBytes } from './disagreement-index.js';

export type { Disagreement, DisagreementGroup, DisagreementKind, LineSpan } from './disagreement-index.js';

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
  const texts = scopeTextBytes(scope);
  return whole(disagreementIndex(scope, coders, texts, o), texts);
}

/** The report of an index with every group read (in memory: the API, and the formats not written group by group). */
function whole(index: DisagreementIndex, texts: TextBytes): DisagreementsReport {
  const groups: DisagreementGroup[] = [];
  index.forEachGroup(texts, (g) => groups.push(g));
  return reportShell(index, groups);
}

/** The report of an index with `groups` (all of them, or none while they are written one by one). */
export function reportShell(index: DisagreementIndex, groups: DisagreementGroup[]): DisagreementsReport {
  return { coders: [...index.coders], sources: index.compared.map((i) => index.scope.sources[i]!.id), compared: index.comparedCodings, groups };
}

/** Validates the coders and code, and loads the scope and its disagreements as columns (written group by group). */
export function disagreementIndexForProject(p: Project, filters: ReportFilters, o: { coders: string[]; code?: string; sourcesChosen?: boolean; keptBytes?: number }): { index: DisagreementIndex; texts: TextBytes } {
  const coders = checkCoders(p, o.coders, 2, 2) as [string, string];
  const codeId = o.code === undefined ? undefined : findCode(p, o.code).id;
  const scope = loadScope(p, { ...filters, coders });
  const texts = projectTextBytes(p, scope);
  return { index: disagreementIndex(scope, coders, texts, { codeId, sourcesChosen: o.sourcesChosen ?? filters.sources !== undefined, keptBytes: o.keptBytes }), texts };
}

/** Validates the coders and code, loads the scope and lists the disagreements. */
export function disagreementsForProject(p: Project, filters: ReportFilters, o: { coders: string[]; code?: string; sourcesChosen?: boolean; keptBytes?: number }): DisagreementsReport {
  const { index, texts } = disagreementIndexForProject(p, filters, o);
  return whole(index, texts);
}

/**
 * The rows of the table (or, for JSON, the groups) of an index, group by group, from passage row
 * `from` (0: the first; the text table's second pass starts where the rows it kept end).
 */
export function forEachDisagreementRow(index: DisagreementIndex, texts: TextBytes, format: ReportFormat): (onRow: (cells: Record<string, Cell>, data: unknown) => void, from: number) => void {
  if (format === 'json') return (onRow) => index.forEachGroup(texts, (g) => onRow({}, g));
  return (onRow, from) => index.forEachGroup(texts, (g, first) => {
    g.passages.forEach((d, k) => {
      if (first + k >= from) onRow(passageRow(g, d, index.coders, format), undefined);
    });
  }, from);
}

/** The Markdown paragraphs of an index's groups (groupParagraphs), group by group. */
export function forEachDisagreementParagraph(index: DisagreementIndex, texts: TextBytes): (onParagraph: (p: string) => void) => void {
  return (onParagraph) => {
    let lastCode: string | null = null;
    index.forEachGroup(texts, (g) => {
      for (const x of groupParagraphs(g, index.coders, lastCode)) onParagraph(x);
      lastCode = g.code;
    });
  };
}

/** The stored texts of a scope's sources, a group's passages read as the bytes they span. */
function projectTextBytes(p: Project, scope: ReportScope): TextBytes {
  return {
    whole: (i) => scope.textBytes(i),
    slice: (i, from, to) => p.sources.textSlice(scope.sources[i]!.rowId, scope.sources[i]!.revision, from, to)!,
  };
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

/** The summary sentence over `count` passages. */
function summaryOf(r: DisagreementsReport, count: number): string {
  const [a, b] = r.coders as [string, string];
  return count === 0
    ? `No disagreements: ${a} and ${b} coded the same passages with every code in the ${r.sources.length} source(s) compared.`
    : `${count} passage(s) in ${r.sources.length} source(s) compared. A passage is where either coder applied the code (overlapping or touching codings joined); it is listed when their spans in it differ. Spans are line ranges with code-point offsets.`;
}

/** A group's Markdown paragraphs: the code's heading where it is the first of its code (`lastCode` differs), the source's, the passages. */
export function groupParagraphs(g: DisagreementGroup, coders: readonly string[], lastCode: string | null): string[] {
  const [a, b] = coders as [string, string];
  const out = g.code === lastCode ? [] : [`### ${escapeMd(g.code)}`];
  out.push(`#### ${escapeMd(g.source)}`);
  out.push(g.passages.map((d) => [
    `- **${lineRange(d).replace(/^l/, 'L')}**, ${escapeMd(kindText(d, coders))}: “${escapeMd(trimQuote(d.text, DISPLAY_WORDS))}”`,
    `  - ${escapeMd(a)}: ${spansText(d.spans[a]!)}`,
    `  - ${escapeMd(b)}: ${spansText(d.spans[b]!)}`,
  ].join('\n')).join('\n'));
  return out;
}

/** A passage's row of the table (csv: the whole text; other formats ~60 words of it). */
export function passageRow(g: DisagreementGroup, d: Disagreement, coders: readonly string[], format: ReportFormat): Record<string, Cell> {
  return {
    code: g.code, source: g.source, lines: d.lineStart === d.lineEnd ? `${d.lineStart}` : `${d.lineStart}–${d.lineEnd}`, kind: kindText(d, coders),
    a: spansText(d.spans[coders[0]!]!), b: spansText(d.spans[coders[1]!]!), text: format === 'csv' ? d.text : trimQuote(d.text, DISPLAY_WORDS),
  };
}

function passageColumns(coders: readonly string[]): Column[] {
  return [
    { key: 'code', header: 'code' }, { key: 'source', header: 'source' }, { key: 'lines', header: 'lines' }, { key: 'kind', header: 'disagreement' },
    { key: 'a', header: coders[0]! }, { key: 'b', header: coders[1]! }, { key: 'text', header: 'text', wrap: true },
  ];
}

/**
 * The agenda: Markdown headings per code and source with a bullet per passage; a table
 * otherwise. `count`: the passages, when `r.groups` is left empty because they are written
 * group by group (the paragraphs or rows are then the writer's to add).
 */
export function disagreementsView(r: DisagreementsReport, format: ReportFormat, count = r.groups.reduce((n, g) => n + g.passages.length, 0)): ReportView {
  const title = `Disagreements between ${r.coders[0]!} and ${r.coders[1]!}`;
  const summary = summaryOf(r, count);
  if (format === 'md') {
    const paragraphs = [escapeMd(summary)];
    let lastCode: string | null = null;
    for (const g of r.groups) {
      paragraphs.push(...groupParagraphs(g, r.coders, lastCode));
      lastCode = g.code;
    }
    return { title, data: r, tables: [comparedTable(r.compared, r.coders)], paragraphs };
  }
  const rows = r.groups.flatMap((g) => g.passages.map((d) => passageRow(g, d, r.coders, format)));
  return {
    title,
    data: r,
    tables: [{ table: { columns: passageColumns(r.coders), rows } }, comparedTable(r.compared, r.coders)],
    paragraphs: [summary],
  };
}
