/**
 * `qcode report matrix`: codes × columns (cases, waves, sources, or the values of a case
 * attribute), each cell one figure of DESIGN.md ("Figures in reports") computed over the
 * column's sources only — NVivo's matrix coding query, MAXQDA's code matrix browser.
 */
import { codePath, treeOrder, type Code } from '../../core/codebook.js';
import { UsageError } from '../../core/errors.js';
import { HeldUntilRead } from '../../core/made-when-read.js';
import { groupMeasure, unionOfSpans } from '../../core/figures.js';
import { CodeSpans } from '../../core/code-spans.js';
import { waveLabel } from '../../core/quotes.js';
import { compareNatural, sortNatural } from '../../core/sort.js';
import type { ReportView } from '../../format/report.js';
import type { Column } from '../../format/table-shape.js';
import type { ReportScope } from '../report-scope.js';

export const MATRIX_MEASURES = ['references', 'cases', 'words', 'coverage', 'presence'] as const;
export type MatrixMeasure = (typeof MATRIX_MEASURES)[number];

/** The column of a source whose case has no value for the attribute. */
export const NO_VALUE = '(none)';

export interface MatrixRow {
  code: string;
  path: string[];
  depth: number;
  /** Column name → figure over that column's sources. */
  cells: Record<string, number>;
  /** The figure over the sources of all columns together. */
  total: number;
}

export interface MatrixReport {
  /** `case`, `wave`, `source` or `attr:NAME` (the attribute as the cases file spells it). */
  by: string;
  measure: MatrixMeasure;
  /** Column names in display order (cells' key order is not guaranteed: integer-like keys sort first in JSON objects). */
  columns: string[];
  rows: MatrixRow[];
  /** Per column (and over all): the figure of the union of all shown codes' spans. */
  totals: { cells: Record<string, number>; total: number };
  totalsNote: string;
}

export interface MatrixOptions {
  /** `case` (default), `wave`, `source` or `attr:NAME`. */
  by?: string;
  measure?: MatrixMeasure;
}

/**
 * The matrix of the shown codes (rows, tree order) by columns of sources.
 *
 * Each cell is the code's figure restricted to the column's sources, its subtree's codings
 * of all coders in scope merged per source: references = merged spans; words = participant
 * words inside them; coverage = words ÷ the participant words of the column's sources × 100;
 * cases = cases of the column with at least one coding; presence = 1 when cases > 0, else 0.
 *
 * Row total: the same figure over the sources of all columns (every source in scope is in
 * exactly one column), so it is the row's sum for references and words but not for cases,
 * coverage or presence. Column total: the figure of the union of every shown code's merged
 * spans in that column, merged again — a passage coded with a theme and its sub-code, or
 * with two codes, counts once; summing the rows would count it several times.
 */
export function matrixReport(scope: ReportScope, o: MatrixOptions = {}): MatrixReport {
  const measure = o.measure ?? 'references';
  if (!(MATRIX_MEASURES as readonly string[]).includes(measure)) {
    throw new UsageError(`--measure ${String(measure)}: expected one of ${MATRIX_MEASURES.join(', ')}`);
  }
  const { by, columns, columnOf } = matrixColumns(scope, o.by ?? 'case');
  const words = columns.map(() => 0);
  scope.sources.forEach((s, i) => (words[columnOf[i]!] += s.participantWords));
  // Every code shown: the column totals are everyCode's, so counts suffice; else the shown
  // codes' spans are merged again for the totals.
  const everyShown = scope.shown.size === scope.codes.length;
  const merged = everyShown ? scope.mergedFigures : scope.merged;
  // Cells as values in column order; `cells` is built from them when read (withCells).
  const figure = (spans: CodeSpans): { values: Float64Array; total: number } =>
    groupMeasure(spans, scope.sources, columnOf, words, scope.participantWords, measure);
  const shown = treeOrder(scope.codes).filter(({ code }) => scope.shown.has(code.id));
  const rows = shown.map(({ code, depth }) => {
    const { values, total } = figure(merged.get(code.id) ?? CodeSpans.EMPTY);
    return withCells({ code: code.name, path: codePath(scope.codes, code.id), depth, cells: {}, total }, columns, values);
  });
  // A shown theme's spans already hold its sub-codes': the union needs only the shown codes
  // without a shown ancestor.
  const byId = new Map(scope.codes.map((c) => [c.id, c]));
  const hasShownAncestor = (c: Code): boolean => {
    for (let p = c.parentId; p !== null; p = byId.get(p)?.parentId ?? null) if (scope.shown.has(p)) return true;
    return false;
  };
  const union = everyShown
    ? scope.everyCode
    : unionOfSpans(shown.filter(({ code }) => !hasShownAncestor(code)).map(({ code }) => merged.get(code.id) ?? CodeSpans.EMPTY));
  const totals = figure(union);
  return { by, measure, columns, rows, totals: withCells({ cells: {}, total: totals.total }, columns, totals.values), totalsNote: totalsNote(measure) };
}

/** The values behind a row's `cells` (in column order), while `cells` has not been read or replaced. */
const VALUES = new HeldUntilRead<{ cells: Record<string, number> }, { columns: readonly string[]; values: Float64Array }>();

/**
 * `x` with `cells` built from `values` when first read (JSON, a caller of the API): a matrix
 * by source has a thousand cells a row, and the table view reads the values instead.
 */
function withCells<T extends { cells: Record<string, number> }>(x: T, columns: readonly string[], values: Float64Array): T {
  VALUES.define(x, 'cells', { columns, values }, () => {
    const cells: Record<string, number> = {};
    for (let k = 0; k < columns.length; k++) cells[columns[k]!] = values[k]!;
    return cells;
  });
  return x;
}

function totalsNote(measure: MatrixMeasure): string {
  const row = measure === 'references' || measure === 'words'
    ? 'Row total: the figure over the sources of all columns together (for references and words, the sum of the row).'
    : `Row total: the figure over the sources of all columns together, not necessarily the sum of the row (${
      measure === 'cases' ? 'a case counts once however many columns it appears in'
        : measure === 'coverage' ? 'words ÷ the participant words of all columns’ sources'
          : '1 when the code occurs in any column'}).`;
  return `${row} Column total: the figure of the union of all shown codes’ spans in that column (a passage coded with several codes, or with a theme and its sub-codes, counts once), not the sum of the column.`;
}

/**
 * The column of every source in scope, and the columns in natural order (`(none)` last):
 * by case, by wave (written T1, T2, …), by source id, or by a case attribute's value.
 */
export function matrixColumns(scope: ReportScope, by: string): { by: string; columns: string[]; columnOf: number[] } {
  let key: (i: number) => string;
  let name = by;
  if (by === 'case') key = (i) => scope.sources[i]!.case;
  else if (by === 'wave') key = (i) => waveLabel(scope.sources[i]!.wave);
  else if (by === 'source') key = (i) => scope.sources[i]!.id;
  else if (by.startsWith('attr:') && by.length > 5) {
    const attr = attributeName(scope, by.slice(5).trim());
    name = `attr:${attr}`;
    key = (i) => {
      const v = scope.sources[i]!.attributes[attr]?.trim() ?? '';
      return v === '' ? NO_VALUE : v;
    };
  } else throw new UsageError(`--by ${by}: expected case, wave, source or attr:NAME`, { hint: 'e.g. --by attr:gender' });
  const keys = scope.sources.map((_, i) => key(i));
  const distinct = new Set(keys);
  const columns = sortNatural([...distinct].filter((k) => k !== NO_VALUE));
  if (distinct.has(NO_VALUE)) columns.push(NO_VALUE);
  const index = new Map(columns.map((c, k) => [c, k]));
  return { by: name, columns, columnOf: keys.map((k) => index.get(k)!) };
}

/** The attribute as the cases file spells it: exactly, else ignoring case; else an error listing them. */
function attributeName(scope: ReportScope, wanted: string): string {
  const names = new Set<string>();
  for (const attrs of scope.attributes.values()) for (const k of Object.keys(attrs)) names.add(k);
  if (names.has(wanted)) return wanted;
  const folded = [...names].filter((n) => n.toLowerCase() === wanted.toLowerCase()).sort();
  if (folded.length > 0) return folded[0]!;
  const known = [...names].sort(compareNatural);
  throw new UsageError(`--by attr:${wanted}: no case has the attribute "${wanted}"`, {
    hint: known.length > 0 ? `attributes: ${known.join(', ')}` : 'give cases attributes with qcode ingest --cases FILE',
  });
}

const MEASURE_TEXT: Record<MatrixMeasure, string> = {
  references: 'references (merged coded spans)',
  words: 'participant-talk words inside the merged spans',
  coverage: 'coverage (words ÷ the participant words of the column’s sources, %)',
  cases: 'cases with at least one coding',
  presence: 'presence (1 = coded in the column)',
};

/** The matrix as one table: a row per code, a column per column plus the row total, a Total row; HTML shades the cells. */
export function matrixView(r: MatrixReport): ReportView {
  const decimals = r.measure === 'coverage' ? 1 : undefined;
  const keys = r.columns.map((_, k) => `c${k}`);
  const columns: Column[] = [
    { key: 'code', header: 'code' },
    ...r.columns.map((c, k) => ({ key: keys[k]!, header: c, align: 'right' as const, decimals })),
    { key: 'total', header: 'total', align: 'right', decimals },
  ];
  const line = (code: string, depth: number, x: { cells: Record<string, number>; total: number }, isTotal = false) => {
    const row: Record<string, string | number | boolean> = { code, depth, total: x.total, isTotal };
    const v = VALUES.get(x);
    if (v !== undefined && v.columns === r.columns) for (let k = 0; k < keys.length; k++) row[keys[k]!] = v.values[k]!;
    else r.columns.forEach((c, k) => (row[keys[k]!] = x.cells[c]!));
    return row;
  };
  const rows = [...r.rows.map((x) => line(x.code, x.depth, x)), line('Total', 0, r.totals, true)];
  const by = r.by.startsWith('attr:') ? `${r.by.slice(5)} (case attribute)` : r.by;
  return {
    title: `Code matrix: ${r.measure} by ${by}`,
    data: r,
    tables: [{ table: { columns, rows }, indentKey: 'depth', heat: keys, heatSkip: 'isTotal' }],
    paragraphs: [`Cells: ${MEASURE_TEXT[r.measure]}, over each column’s sources; a theme includes its sub-codes, and the codings of all coders in scope are merged. ${r.totalsNote}`],
  };
}
