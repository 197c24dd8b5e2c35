/**
 * `qcode report codebook`: the codebook as a methods appendix — each code with its
 * definition (description, include, exclude), how many cases raised it and in how many
 * references (DESIGN.md figures, a theme including its descendants), and one example.
 */
import { codePath, treeOrder } from '../../core/codebook.js';
import { figuresOf } from '../../core/figures.js';
import { attributeQuote } from '../../core/quotes.js';
import type { ReportView } from '../../format/report.js';
import type { Column } from '../../format/table-shape.js';
import type { ReportScope } from '../report-scope.js';
import { quotesOf } from './themes.js';

/** The codebook's own example, or an exemplar quote from the coded data. */
export type CodebookExample =
  | { from: 'codebook'; text: string }
  | { from: 'data'; text: string; case: string; source: string; wave: string };

export interface CodebookReportRow {
  code: string;
  path: string[];
  depth: number;
  description: string | null;
  include: string | null;
  exclude: string | null;
  cases: number;
  references: number;
  example: CodebookExample | null;
}

export interface CodebookReport {
  rows: CodebookReportRow[];
}

/** Codes in tree order, siblings by name; the example is the code's `example` field when set, else the exemplar themes would pick first. */
export function codebookReport(scope: ReportScope): CodebookReport {
  const merged = scope.merged;
  const rows = treeOrder(scope.codes)
    .filter(({ code }) => scope.shown.has(code.id))
    .map(({ code, depth }): CodebookReportRow => {
      const f = figuresOf(merged.get(code.id) ?? new Map(), scope.sources, scope.cases.length, scope.participantWords);
      const own = code.example?.trim() ?? '';
      let example: CodebookExample | null = own === '' ? null : { from: 'codebook', text: own };
      if (example === null) {
        const q = quotesOf(scope, merged, code.id, 1)[0];
        if (q !== undefined) example = { from: 'data', ...q };
      }
      return {
        code: code.name, path: codePath(scope.codes, code.id), depth,
        description: code.description, include: code.include, exclude: code.exclude,
        cases: f.cases, references: f.references, example,
      };
    });
  return { rows };
}

/** The codebook as one table, indented by depth; data examples attributed as in themes. */
export function codebookReportView(r: CodebookReport): ReportView {
  const columns: Column[] = [
    { key: 'code', header: 'code' },
    { key: 'description', header: 'description', wrap: true },
    { key: 'include', header: 'include', wrap: true },
    { key: 'exclude', header: 'exclude', wrap: true },
    { key: 'cases', header: 'cases', align: 'right' },
    { key: 'references', header: 'refs', align: 'right' },
    { key: 'example', header: 'example', wrap: true },
  ];
  const rows = r.rows.map((row) => ({
    code: row.code, depth: row.depth, description: row.description, include: row.include, exclude: row.exclude,
    cases: row.cases, references: row.references,
    example: row.example === null ? '' : row.example.from === 'codebook' ? row.example.text : attributeQuote(row.example.text, row.example.case, row.example.wave),
  }));
  return {
    title: 'Codebook',
    data: r,
    tables: [{ table: { columns, rows }, indentKey: 'depth' }],
    paragraphs: ['Cases: participants with at least one coding of the code or its descendants; refs: merged coded passages. Examples: the codebook\'s own where given, else a verbatim quote attributed to its participant and wave.'],
  };
}
