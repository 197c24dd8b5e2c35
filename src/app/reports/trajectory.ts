/**
 * `qcode report trajectory`: per code and case, whether the code was raised in each wave
 * and with how many words, and per wave how many cases raised it — how a theme emerges,
 * persists or fades over a longitudinal study. Figures as in DESIGN.md: a theme includes
 * its descendants; spans of all coders in scope merged; words are participant-talk words
 * inside the merged spans.
 */
import { codePath, treeOrder } from '../../core/codebook.js';
import { HeldUntilRead } from '../../core/made-when-read.js';
import { CodeSpans } from '../../core/code-spans.js';
import { waveLabel } from '../../core/quotes.js';
import { sortNatural } from '../../core/sort.js';
import type { ReportView } from '../../format/report.js';
import type { Cell, Column } from '../../format/table-shape.js';
import { columnTable, INT_EMPTY, type ColumnarCells, type ColumnCells } from '../../format/column-table.js';
import type { ReportScope } from '../report-scope.js';

export interface TrajectoryCell {
  /** The case has a source in scope in this wave. */
  interviewed: boolean;
  /** The code (or a descendant) has a coding in one of those sources. */
  present: boolean;
  words: number;
}

export interface TrajectoryRow {
  code: string;
  path: string[];
  depth: number;
  cases: { case: string; waves: Record<string, TrajectoryCell> }[];
  /** Cases raising the code in each wave. */
  casesPerWave: Record<string, number>;
}

export interface TrajectoryReport {
  /** The waves in scope, in natural order. */
  waves: string[];
  rows: TrajectoryRow[];
}

/** A row's cells as arrays, case-major (the waves of a case together), as the report found them. */
interface RowCells {
  cases: readonly string[];
  waves: readonly string[];
  interviewed: Uint8Array;
  present: Uint8Array;
  words: Float64Array;
}

/** The cells of the rows trajectoryReport made, while their `cases` have not been read or replaced. */
const CELLS = new HeldUntilRead<TrajectoryRow, RowCells>();

/** A row's `cases` from its cells: per case, per wave, interviewed, present and words. */
function casesOf(c: RowCells): TrajectoryRow['cases'] {
  const W = c.waves.length;
  const out: TrajectoryRow['cases'] = new Array(c.cases.length);
  for (let ci = 0; ci < c.cases.length; ci++) {
    const byWave: Record<string, TrajectoryCell> = {};
    for (let wi = 0, cell = ci * W; wi < W; wi++, cell++) {
      byWave[c.waves[wi]!] = { interviewed: c.interviewed[cell] === 1, present: c.present[cell] === 1, words: c.words[cell]! };
    }
    out[ci] = { case: c.cases[ci]!, waves: byWave };
  }
  return out;
}

/**
 * Marks the cells where a code's merged spans lie and adds up their words there. The loops
 * are small functions called once per code: V8 optimises them within a few calls, where a
 * loop inside the report's one call waits for an on-stack replacement.
 */
function cellsOf(cs: CodeSpans, cellOf: Int32Array, present: Uint8Array, words: Float64Array): void {
  const sourceWords = cs.wordsBySource;
  for (let k = 0; k < cs.sourceIndices.length; k++) {
    const cell = cellOf[cs.sourceIndices[k]!]!;
    present[cell] = 1;
    words[cell] += sourceWords[k]!;
  }
}

/** Cases raising the code in wave `wi` of W (cells case-major). */
function raisedIn(present: Uint8Array, wi: number, W: number): number {
  let n = 0;
  for (let cell = wi; cell < present.length; cell += W) n += present[cell]!;
  return n;
}

/** Codes in tree order (siblings by name), cases in natural order, waves of the sources in scope in natural order; interviewed = a source in scope. */
export function trajectoryReport(scope: ReportScope): TrajectoryReport {
  const waves = sortNatural([...new Set(scope.sources.map((s) => s.wave))]);
  // Cells are case × wave, numbered case-major; each source falls in one.
  const caseIndex = new Map(scope.cases.map((c, i) => [c, i]));
  const waveIndex = new Map(waves.map((w, i) => [w, i]));
  const W = waves.length;
  const cellOf = Int32Array.from(scope.sources, (s) => caseIndex.get(s.case)! * W + waveIndex.get(s.wave)!);
  const interviewed = new Uint8Array(scope.cases.length * W);
  for (const c of cellOf) interviewed[c] = 1;
  const merged = scope.mergedFigures;
  const cases = scope.cases;
  const rows: TrajectoryRow[] = [];
  for (const { code, depth } of treeOrder(scope.codes)) {
    if (!scope.shown.has(code.id)) continue;
    const present = new Uint8Array(interviewed.length);
    const words = new Float64Array(interviewed.length);
    cellsOf(merged.get(code.id) ?? CodeSpans.EMPTY, cellOf, present, words);
    const casesPerWave: Record<string, number> = {};
    for (let wi = 0; wi < W; wi++) casesPerWave[waves[wi]!] = raisedIn(present, wi, W);
    const cells: RowCells = { cases, waves, interviewed, present, words };
    // A case × wave table is ~10,000 objects per code at 1,000 sources: made when read (JSON,
    // a caller of the API), not for the view, which reads the arrays.
    const row = { code: code.name, path: codePath(scope.codes, code.id), depth, cases: {}, casesPerWave } as TrajectoryRow;
    CELLS.define(row, 'cases', cells, () => casesOf(cells));
    rows.push(row);
  }
  return { waves, rows };
}

/**
 * How the wave cells of case rows read: `symbols` ● raised, – interviewed but not raised,
 * · not interviewed (table, md, tex); `words` the words where raised, else the symbol (html,
 * shaded as a heat map); `figures` words, 0 when not raised, empty when not interviewed,
 * with the symbols in a pattern column (csv).
 */
export type TrajectoryCells = 'symbols' | 'words' | 'figures';

export const RAISED = '●';
export const NOT_RAISED = '–';
export const NOT_INTERVIEWED = '·';

const symbol = (c: TrajectoryCell): string => (!c.interviewed ? NOT_INTERVIEWED : c.present ? RAISED : NOT_RAISED);

/** One row per code (cases raising it per wave) followed by one row per case in scope. */
export function trajectoryView(r: TrajectoryReport, cells: TrajectoryCells = 'symbols'): ReportView {
  const key = (w: string): string => `wave:${w}`;
  const columns: Column[] = [
    { key: 'code', header: 'code' },
    { key: 'case', header: 'case' },
    ...r.waves.map((w): Column => ({ key: key(w), header: waveLabel(w), align: cells === 'symbols' ? 'left' : 'right' })),
  ];
  if (cells === 'figures') columns.push({ key: 'pattern', header: 'pattern' });
  // Column keys made once per wave, not once per cell.
  const keys = r.waves.map(key);
  const rowsOf = (): Record<string, Cell>[] => viewRows(r, cells, keys);
  const legend = cells === 'words'
    ? `Code rows: the number of cases raising the code in each wave. Case rows: participant-talk words inside the coded spans where the case raised it (shaded), ${NOT_RAISED} interviewed but not raised, ${NOT_INTERVIEWED} not interviewed in that wave.`
    : `Code rows: the number of cases raising the code in each wave. Case rows: ${RAISED} raised, ${NOT_RAISED} interviewed but not raised, ${NOT_INTERVIEWED} not interviewed in that wave.`;
  // The symbols (table, md, tex) held in columns too: the text table is written from them byte
  // by byte (format/column-text-table.ts), with no row object (8,000 rows at 100,000 codings).
  const columnar = cells === 'symbols' ? symbolColumns(r, keys) : undefined;
  return {
    title: 'Trajectories of codes across waves',
    data: r,
    tables: [{ table: columnar === undefined ? { columns, rows: rowsOf() } : columnTable(columns, columnar, rowsOf), indentKey: 'depth', heat: cells === 'words' ? r.waves.map(key) : undefined }],
    paragraphs: [`${legend} A theme includes its descendants.`],
  };
}

/**
 * The view's rows as symbols, in columns: code and case as texts, the depth, and each wave's
 * cells as texts — the count of cases on a code row as its digits, which the text table prints
 * as it prints the number. Undefined when a row's cells are not the arrays the report made.
 */
function symbolColumns(r: TrajectoryReport, keys: readonly string[]): ColumnarCells | undefined {
  const W = keys.length;
  // Every row's cells as the report made them: the same waves and cases (the scope's).
  const cases = r.rows.length === 0 ? [] : CELLS.get(r.rows[0]!)?.cases;
  let n = 0;
  for (const row of r.rows) {
    const arrays = CELLS.get(row);
    if (arrays === undefined || arrays.waves !== r.waves || arrays.waves.length !== W || arrays.cases !== cases) return undefined;
    n += 1 + arrays.cases.length;
  }
  const codeNames = [''];
  const code = new Int32Array(n);
  const depth = new Int32Array(n).fill(INT_EMPTY);
  const caseNames = ['', ...(cases ?? [])];
  const caseIndex = new Int32Array(n);
  // Each wave's texts: the three symbols, then the counts as they come.
  const waveTexts = keys.map(() => [NOT_INTERVIEWED, NOT_RAISED, RAISED]);
  const countAt = keys.map(() => new Map<number, number>());
  const waveIndex = keys.map(() => new Int32Array(n));
  let at = 0;
  for (const row of r.rows) {
    const arrays = CELLS.get(row)!;
    code[at] = codeNames.push(row.code) - 1;
    depth[at] = row.depth;
    for (let wi = 0; wi < W; wi++) {
      const count = row.casesPerWave[r.waves[wi]!]!;
      let k = countAt[wi]!.get(count);
      if (k === undefined) countAt[wi]!.set(count, (k = waveTexts[wi]!.push(String(count)) - 1));
      waveIndex[wi]![at] = k;
    }
    at++;
    for (let ci = 0; ci < arrays.cases.length; ci++, at++) {
      caseIndex[at] = ci + 1;
      for (let wi = 0, cell = ci * W; wi < W; wi++, cell++) {
        waveIndex[wi]![at] = arrays.interviewed[cell] !== 1 ? 0 : arrays.present[cell] === 1 ? 2 : 1;
      }
    }
  }
  const held = new Map<string, ColumnCells>([
    ['code', { kind: 'text', values: codeNames, index: code }],
    ['depth', { kind: 'int', values: depth }],
    ['case', { kind: 'text', values: caseNames, index: caseIndex }],
  ]);
  keys.forEach((k, wi) => held.set(k, { kind: 'text', values: waveTexts[wi]!, index: waveIndex[wi]! }));
  return { length: n, cells: held };
}

/** The view's rows (see trajectoryView). */
function viewRows(r: TrajectoryReport, cells: TrajectoryCells, keys: readonly string[]): Record<string, Cell>[] {
  const W = keys.length;
  const rows: Record<string, Cell>[] = [];
  for (const row of r.rows) {
    // Code rows: cases raising the code per wave; as text in html so that the heat map shades words only.
    const codeRow: Record<string, Cell> = { code: row.code, depth: row.depth, case: '' };
    for (let wi = 0; wi < W; wi++) {
      const n = row.casesPerWave[r.waves[wi]!]!;
      codeRow[keys[wi]!] = cells === 'words' ? String(n) : n;
    }
    rows.push(codeRow);
    const arrays = CELLS.get(row);
    if (arrays !== undefined && arrays.waves === r.waves && arrays.waves.length === W) {
      // Straight from the arrays: no object per case and wave.
      for (let ci = 0; ci < arrays.cases.length; ci++) {
        const out: Record<string, Cell> = { code: '', case: arrays.cases[ci]! };
        let pattern = '';
        for (let wi = 0, cell = ci * W; wi < W; wi++, cell++) {
          const interviewed = arrays.interviewed[cell] === 1;
          const present = arrays.present[cell] === 1;
          const words = arrays.words[cell]!;
          const sym = !interviewed ? NOT_INTERVIEWED : present ? RAISED : NOT_RAISED;
          out[keys[wi]!] = cells === 'symbols' ? sym : cells === 'words' ? (present ? words : sym) : interviewed ? words : null;
          if (cells === 'figures') pattern = wi === 0 ? sym : `${pattern} ${sym}`;
        }
        if (cells === 'figures') out.pattern = pattern;
        rows.push(out);
      }
      continue;
    }
    for (const c of row.cases) {
      const out: Record<string, Cell> = { code: '', case: c.case };
      let pattern = '';
      for (let wi = 0; wi < W; wi++) {
        const cell = c.waves[r.waves[wi]!]!;
        out[keys[wi]!] = cells === 'symbols' ? symbol(cell) : cells === 'words' ? (cell.present ? cell.words : symbol(cell)) : cell.interviewed ? cell.words : null;
        if (cells === 'figures') pattern = wi === 0 ? symbol(cell) : `${pattern} ${symbol(cell)}`;
      }
      if (cells === 'figures') out.pattern = pattern;
      rows.push(out);
    }
  }
  return rows;
}
