import type { ReportView } from '../format/report.js';
import type { TableData } from '../format/table-shape.js';
import type { CodebookRow } from './codebook.js';

/** The codebook as a table: the tree indented, counts, and with `full` every field. */
export function codebookTable(rows: CodebookRow[], full = false): TableData {
  return {
    columns: [
      { key: 'code', header: 'code' },
      { key: 'codings', header: 'codings', align: 'right' },
      { key: 'sources', header: 'sources', align: 'right' },
      { key: 'cases', header: 'cases', align: 'right' },
      ...(full
        ? [
            { key: 'path', header: 'path' },
            { key: 'description', header: 'description', wrap: true },
            { key: 'include', header: 'include', wrap: true },
            { key: 'exclude', header: 'exclude', wrap: true },
            { key: 'example', header: 'example', wrap: true },
            { key: 'color', header: 'color' },
          ]
        : [{ key: 'description', header: 'description', wrap: true }]),
    ],
    rows: rows.map((r) => ({
      ...r,
      code: full ? r.code : `${'  '.repeat(r.depth)}${r.code}`,
      path: r.path.join(' / '),
    })),
  };
}

/** The codebook as a methods appendix table (docx, xlsx): name, description, include, exclude, example; the tree indented. */
export function codebookDocument(rows: CodebookRow[]): ReportView {
  const wanted = ['code', 'description', 'include', 'exclude', 'example'];
  const full = codebookTable(rows, true);
  const columns = wanted.map((k) => full.columns.find((c) => c.key === k)!).map((c) => (c.key === 'code' ? { ...c, header: 'name' } : c));
  return { title: 'Codebook', data: rows, tables: [{ table: { columns, rows: full.rows }, indentKey: 'depth' }] };
}
