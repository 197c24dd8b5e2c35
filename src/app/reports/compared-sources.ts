/**
 * The sources an agreement report compared, with each coder's number of codings there
 * (of the codes the report shows), so that a reader sees what the figures rest on: a
 * source included because a second coder tagged one phrase in it stands out.
 */
import { CODING_FIELDS, F_CODE, F_CODER } from '../../core/span-index.js';
import type { Cell, Column } from '../../format/table-shape.js';
import { columnTable, type ColumnCells } from '../../format/column-table.js';
import type { ReportTable } from '../../format/report.js';
import type { ReportScope } from '../report-scope.js';

export interface ComparedSource {
  source: string;
  /** Codings per coder, in the order of the coders compared. */
  codings: Record<string, number>;
}

export function comparedWithCodings(scope: ReportScope, compared: readonly number[], coders: readonly string[]): ComparedSource[] {
  // Read off the packed codings (report-scope.ts): per coding two array reads, no lookup by name.
  const slot = new Map([...scope.coderNames].filter(([, name]) => coders.includes(name)).map(([id, name]) => [id, coders.indexOf(name)]));
  return compared.map((i) => {
    const counts = coders.map(() => 0);
    const packed = scope.packed[i]!;
    let code = -1;
    let codeShown = false;
    let coder = -1;
    let k: number | undefined;
    for (let o = 0; o < packed.length; o += CODING_FIELDS) {
      // Codings are sorted by code: look a code (and a coder) up once per run.
      if (packed[o + F_CODE] !== code) {
        code = packed[o + F_CODE]!;
        codeShown = scope.shown.has(code);
      }
      if (!codeShown) continue;
      if (packed[o + F_CODER] !== coder) {
        coder = packed[o + F_CODER]!;
        k = slot.get(coder);
      }
      if (k !== undefined) counts[k]!++;
    }
    return { source: scope.sources[i]!.id, codings: Object.fromEntries(coders.map((c, n) => [c, counts[n]!])) };
  });
}

/** The table "Sources compared": one row per source, one column of codings per coder. */
export function comparedTable(compared: readonly ComparedSource[], coders: readonly string[]): ReportTable {
  const keys = coders.map((_, k) => `c${k}`);
  const columns: Column[] = [{ key: 'source', header: 'source' }, ...coders.map((c, k) => ({ key: keys[k]!, header: `codings by ${c}`, align: 'right' as const }))];
  const rows = (): Record<string, Cell>[] => compared.map((s) => ({ source: s.source, ...Object.fromEntries(coders.map((c, k) => [keys[k]!, s.codings[c] ?? 0])) }));
  // Held as columns too (a row per source: 1,000 and more), for the text table (format/column-table.ts).
  const cells = new Map<string, ColumnCells>([['source', { kind: 'text', values: compared.map((s) => s.source), index: Int32Array.from(compared, (_, i) => i) }]]);
  coders.forEach((c, k) => cells.set(keys[k]!, { kind: 'number', values: Float64Array.from(compared, (s) => s.codings[c] ?? 0) }));
  return { title: `Sources compared (${compared.length})`, table: columnTable(columns, { length: compared.length, cells }, rows) };
}
