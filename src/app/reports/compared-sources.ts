/**
 * The sources an agreement report compared, with each coder's number of codings there
 * (of the codes the report shows), so that a reader sees what the figures rest on: a
 * source included because a second coder tagged one phrase in it stands out.
 */
import type { Column } from '../../format/table-shape.js';
import type { ReportTable } from '../../format/report.js';
import type { ReportScope } from '../report-scope.js';

export interface ComparedSource {
  source: string;
  /** Codings per coder, in the order of the coders compared. */
  codings: Record<string, number>;
}

export function comparedWithCodings(scope: ReportScope, compared: readonly number[], coders: readonly string[]): ComparedSource[] {
  const counts = new Map<number, Map<string, number>>(compared.map((i) => [i, new Map(coders.map((c) => [c, 0]))]));
  for (const c of scope.codings) {
    const perCoder = counts.get(c.source);
    if (perCoder === undefined || !scope.shown.has(c.codeId) || !perCoder.has(c.coder)) continue;
    perCoder.set(c.coder, perCoder.get(c.coder)! + 1);
  }
  return compared.map((i) => ({ source: scope.sources[i]!.id, codings: Object.fromEntries(counts.get(i)!) }));
}

/** The table "Sources compared": one row per source, one column of codings per coder. */
export function comparedTable(compared: readonly ComparedSource[], coders: readonly string[]): ReportTable {
  const keys = coders.map((_, k) => `c${k}`);
  const columns: Column[] = [{ key: 'source', header: 'source' }, ...coders.map((c, k) => ({ key: keys[k]!, header: `codings by ${c}`, align: 'right' as const }))];
  const rows = compared.map((s) => ({ source: s.source, ...Object.fromEntries(coders.map((c, k) => [keys[k]!, s.codings[c] ?? 0])) }));
  return { title: `Sources compared (${compared.length})`, table: { columns, rows } };
}
