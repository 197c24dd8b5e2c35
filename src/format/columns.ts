/**
 * `--columns`: the columns of a report's table(s) a manuscript prints, in the order given,
 * e.g. `code,cases,casesPct,quote`. A column is named by its key (as in the JSON) or its
 * header (case-insensitive), so a matrix's columns are its case ids, waves or values.
 */
import { UsageError } from '../core/errors.js';
import type { ReportView } from './report.js';
import type { Column } from './table-shape.js';

/** The names `--columns` accepts for a view: its first table's column keys. */
export function columnNames(view: ReportView): string[] {
  return view.tables[0]?.table.columns.map((c) => c.key) ?? [];
}

/**
 * The view with only the named columns in its tables (JSON data untouched). A name no table
 * has is a usage error listing the valid names.
 */
export function selectColumns(view: ReportView, names: readonly string[]): ReportView {
  if (view.tables.length === 0) return view;
  const wanted = names.map((n) => n.trim()).filter((n) => n !== '');
  const all = view.tables.flatMap((t) => t.table.columns);
  const unknown = wanted.filter((n) => find(all, n) === undefined);
  if (wanted.length === 0 || unknown.length > 0) {
    const valid = [...new Set(all.map((c) => c.key))];
    throw new UsageError(`--columns: ${unknown.length > 0 ? `no column ${unknown.map((u) => `"${u}"`).join(', ')}` : 'name at least one column'}`, {
      hint: `choose from ${valid.join(', ')}`,
    });
  }
  return {
    ...view,
    tables: view.tables.map((t) => {
      const columns = wanted.map((n) => find(t.table.columns, n)).filter((c): c is Column => c !== undefined);
      const heat = t.heat?.filter((k) => columns.some((c) => c.key === k));
      return { ...t, table: { ...t.table, columns }, heat };
    }),
  };
}

function find(columns: Column[], name: string): Column | undefined {
  return columns.find((c) => c.key === name) ?? columns.find((c) => c.header.toLowerCase() === name.toLowerCase());
}
