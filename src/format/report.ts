/**
 * Rendering a report in any of its formats from one view: its data (JSON), its tables,
 * prose and figure.
 */
import { renderCsv, type ConstantColumn } from './csv.js';
import { renderHtml } from './html.js';
import { escapeHtml } from './html-parts.js';
import { renderMarkdown, escapeMd } from './markdown.js';
import type { TableData } from './table-shape.js';
import { renderTex, renderTexNotes } from './tex.js';
import { renderTextTableChunks } from './column-text-table.js';
import type { TextTableOptions } from './text-table.js';
import { renderJson } from './json.js';
import { chartsOf } from './charts.js';
import { stackSvgs } from './svg-stack.js';
import { UsageError } from '../core/errors.js';

export type ReportFormat = 'table' | 'md' | 'csv' | 'json' | 'tex' | 'html' | 'svg' | 'docx' | 'xlsx';

/** Formats written as files of bytes (renderReportFile), not text. */
export const BINARY_FORMATS: readonly ReportFormat[] = ['docx', 'xlsx'];

export interface ReportTable {
  title?: string;
  table: TableData;
  /** Row key holding the tree depth, to indent the first column. */
  indentKey?: string;
  /** Columns shaded as a heat map in HTML. */
  heat?: string[];
  /** Row key that, when true, keeps a row (a Total row) out of the heat map. */
  heatSkip?: string;
  /** Heat of text cells by their number of words (a framework matrix); default: the cell's number. */
  heatMeasure?: 'value' | 'words';
}

export interface ReportView {
  title: string;
  /** What --format json prints: the data the tables were built from, unrounded. */
  data: unknown;
  tables: ReportTable[];
  /** Prose (e.g. the sample paragraph), printed with md, table and html. */
  paragraphs?: string[];
  /** An SVG figure for html. */
  svg?: string;
  /** Charts for html and svg; when absent, drawn from the tables (charts.ts). */
  figures?: string[];
  /** Passages set as block quotes (docx), under a heading each, e.g. per code. */
  quoteBlocks?: QuoteBlock[];
  /** The coders the report counted, stated in every format (README "Coders in scope"). */
  coders?: CodersStatement;
}

export interface QuoteBlock {
  heading: string;
  /** Each passage's text and what follows it: the participant id and wave. */
  quotes: { text: string; attribution: string }[];
}

export interface CodersStatement {
  coders: string[];
  rule: string;
  /** One sentence, e.g. "Coders in scope: consensus, the consensus coder (…)." */
  sentence: string;
}

export function renderReport(format: ReportFormat, view: ReportView, options: TextTableOptions = {}): string {
  const c = view.coders;
  switch (format) {
    case 'json':
      return renderJson(withCodersKey(view.data, c));
    case 'csv':
      // Tables one after another, a blank line between; the tree depth as a column of its own;
      // the coders in scope as a last column, so that every row says what it counted.
      return view.tables.map((t) => csvTable(t, c)).join('\r\n');
    case 'md': {
      const parts = markdownOpening(view);
      for (const t of view.tables) parts.push(...markdownTable(t));
      return parts.join('\n\n') + '\n';
    }
    case 'tex':
      // The prose (scope, definitions) as a note under the last table.
      if (view.tables.length === 0) return renderTexNotes(view.paragraphs);
      return view.tables.map((t, i) => renderTex(t.table, {
        caption: captionOf(t.title ?? (i === 0 ? view.title : undefined), i === 0 ? c : undefined), indentKey: t.indentKey, long: true,
        notes: i === view.tables.length - 1 ? view.paragraphs : undefined,
      })).join('\n');
    case 'svg': {
      const svgs = [...(view.svg === undefined ? [] : [view.svg]), ...(view.figures ?? chartsOf(view))];
      if (svgs.length === 0) throw new UsageError(`--format svg: "${view.title}" has no chart`, { hint: 'charts: report themes (themes map), matrix, trajectory and cooccurrence (heat maps), saturation (curve)' });
      return stackSvgs(c === undefined ? svgs : [...svgs, svgNote(c.sentence)]);
    }
    case 'html':
      return renderHtml({
        title: view.title,
        sections: [
          { paragraphs: c === undefined ? view.paragraphs : [c.sentence, ...(view.paragraphs ?? [])], svg: view.svg },
          ...(view.figures ?? chartsOf(view)).map((svg) => ({ svg })),
          ...view.tables.map((t) => ({ title: t.title, table: { ...t.table, heat: t.heat === undefined ? undefined : { keys: t.heat, skipKey: t.heatSkip, measure: t.heatMeasure }, indentKey: t.indentKey } })),
        ],
      });
    case 'docx':
    case 'xlsx':
      throw new Error(`renderReport: ${format} is rendered by renderReportFile`);
    case 'table':
      return renderReportChunks(format, view, options).map((piece) => (typeof piece === 'string' ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength).toString('utf8'))).join('');
  }
}

/**
 * renderReport as pieces to write one after another (strings, and UTF-8 bytes): the same
 * text, but a text table held in columns stays the bytes it was written in (2.6 MB for an
 * agreement report), not copied into a string, joined and encoded again.
 */
export function renderReportChunks(format: ReportFormat, view: ReportView, options: TextTableOptions = {}): (string | Uint8Array)[] {
  if (format !== 'table') return [renderReport(format, view, options)];
  const out: (string | Uint8Array)[] = [];
  view.tables.forEach((t, i) => {
    if (i > 0) out.push('\n');
    out.push(...textTableChunks(t, options));
  });
  // The tables, then the prose, then who coded, a blank line between each.
  const rest = textClosing(view);
  if (rest.length > 0) out.push(`${view.tables.length > 0 ? '\n' : ''}${rest.join('\n')}`);
  return out;
}

/** What a text report closes with after its tables: the prose, then who coded (each ended; blank lines between). */
export function textClosing(view: ReportView): string[] {
  const c = view.coders;
  return [...(view.paragraphs === undefined ? [] : [`${view.paragraphs.join('\n\n')}\n`]), ...(c === undefined ? [] : [`${c.sentence}\n`])];
}

/** A table of a report in CSV, as renderReport writes each (the tree depth and the coders as columns). */
export function csvTable(t: ReportTable, c: CodersStatement | undefined): string {
  return renderCsv(withDepthColumn(t), codersColumn(c));
}

/** What a Markdown report opens with, before its tables: the title's heading, who coded, the prose (paragraphs to join). */
export function markdownOpening(view: ReportView): string[] {
  const c = view.coders;
  return [`## ${escapeMd(view.title)}`, ...(c === undefined ? [] : [escapeMd(c.sentence)]), ...(view.paragraphs ?? [])];
}

/** A table of a report in Markdown, as renderReport writes each: its title's heading, if any, and the table (paragraphs to join). */
export function markdownTable(t: ReportTable): string[] {
  const table = renderMarkdown(t.table, t.indentKey === undefined ? undefined : { depthKey: t.indentKey, unit: '\u00a0\u00a0' }).trimEnd();
  return t.title === undefined ? [table] : [`### ${escapeMd(t.title)}`, table];
}

/** A table of a report as text, as renderReportChunks writes each: its title's line, if any, and the table. */
export function textTableChunks(t: ReportTable, options: TextTableOptions): (string | Uint8Array)[] {
  const table = renderTextTableChunks(t.table, options, t.indentKey === undefined ? undefined : { depthKey: t.indentKey, unit: '  ' });
  return t.title === undefined ? table : [`${t.title}\n`, ...table];
}

/** JSON: the report's data with `codersInScope` added last (data that is not an object is left as it is). */
function withCodersKey(data: unknown, c: CodersStatement | undefined): unknown {
  if (c === undefined || data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  return { ...data, codersInScope: { coders: c.coders, rule: c.rule } };
}

/** The coders in scope as a constant last column of CSV tables. */
function codersColumn(c: CodersStatement | undefined): ConstantColumn | undefined {
  return c === undefined ? undefined : { key: '__codersInScope', header: 'coders in scope', value: c.coders.join(', ') };
}

/** A line of text as a chart of its own, stacked under the charts (the coders in scope). */
function svgNote(text: string): string {
  const width = Math.max(640, Math.ceil([...text].length * 6.2) + 16);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 24" width="${width}" height="24"><text x="8" y="16" font-family="sans-serif" font-size="11" fill="#333">${escapeHtml(text)}</text></svg>`;
}

function captionOf(caption: string | undefined, c: CodersStatement | undefined): string | undefined {
  if (c === undefined) return caption;
  return caption === undefined ? c.sentence : `${caption}. ${c.sentence}`;
}

/** The table with the depth of each row as the second column (CSV, where indenting would not survive). */
function withDepthColumn(t: ReportTable): TableData {
  if (t.indentKey === undefined) return t.table;
  const [first, ...rest] = t.table.columns;
  return { columns: [first!, { key: t.indentKey, header: 'depth', align: 'right' }, ...rest], rows: t.table.rows };
}
