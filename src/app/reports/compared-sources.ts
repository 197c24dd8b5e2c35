/**
 * The sources an agreement report compared, with each coder's number of codings there
 * (of the codes the report shows), so that a reader sees what the figures rest on: a
 * source included because a second coder tagged one phrase in it stands out.
 */
import { CODING_FIELDS, F_CODE, F_CODER } from '../../core/span-index.js';
import type { Column } from '../../format/table-shape.js';
import type { ReportTable } from '../../format/report.js';
import type { ReportScope } from '../report-scope.js';

export interface ComparedSource {
  source: string;
  /** Codings per coder, in the order of the coders compared. */
  codings: Record<string, number>;
}

export function comparedWithCodings(scope: ReportScope, compared: readonly number[], coders: readonly string[]): ComparedSource[] {
  // Read off the packed codings (report-scope.ts): no object or lookup by name per coding.
  const slot = new Map([...scope.coderNames].filter(([, name]) => coders.includes(name)).map(([id, name]) => [id, coders.indexOf(name)]));
  return compared.map((i) => {
    const counts = coders.map(() => 0);
    const packed = scope.packed[i]!;
    for (let o = 0; o < packed.length; o += CODING_FIELDS) {
      const k = slot.get(packed[o + F_CODER]!);
      if (k !== undefined && scope.shown.has(packed[o + F_CODE]!)) counts[k]!++;
    }
    return { source: scope.sources[i]!.id, codings: Object.fromEntries(coders.map((c, k) => [c, counts[k]!])) };
  });
}

/** The table "Sources compared": one row per source, one column of codings per coder. */
export function comparedTable(compared: readonly ComparedSource[], coders: readonly string[]): ReportTable {
  const keys = coders.map((_, k) => `c${k}`);
  const columns: Column[] = [{ key: 'source', header: 'source' }, ...coders.map((c, k) => ({ key: keys[k]!, header: `codings by ${c}`, align: 'right' as const }))];
  const rows = compared.map((s) => ({ source: s.source, ...Object.fromEntries(coders.map((c, k) => [keys[k]!, s.codings[c] ?? 0])) }));
  return { title: `Sources compared (${compared.length})`, table: { columns, rows } };
}
