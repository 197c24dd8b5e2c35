import type { CaseRecord } from '../core/model.js';
import { compareNatural } from '../core/sort.js';
import type { TableData } from '../format/table-shape.js';

/** Cases as a table: one column per attribute, in natural order of attribute names. */
export function casesTable(rows: CaseRecord[]): TableData {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.attributes)))].sort(compareNatural);
  return {
    columns: [
      { key: 'case', header: 'case' },
      { key: 'sources', header: 'sources', align: 'right' },
      ...names.map((n) => ({ key: `attr:${n}`, header: n })),
    ],
    rows: rows.map((r) => ({
      case: r.case,
      sources: r.sources,
      ...Object.fromEntries(names.map((n) => [`attr:${n}`, r.attributes[n] ?? null])),
    })),
  };
}
