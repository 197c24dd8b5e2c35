/**
 * `qcode report framework`: NVivo's framework matrix — cases × codes, each cell holding
 * the case's coded passages (short) or, with --memos, the memos on that case and code.
 */
import { codePath, descendantIds, treeOrder, type Code } from '../../core/codebook.js';
import { UsageError } from '../../core/errors.js';
import { waveLabel } from '../../core/quotes.js';
import { SPAN_FIELDS, type CodeSpans } from '../../core/code-spans.js';
import type { ReportView } from '../../format/report.js';
import type { Column } from '../../format/table-shape.js';
import type { Project } from '../project.js';
import type { ReportScope } from '../report-scope.js';
import { passageReader, type Passage, type PassageTexts } from './quotes.js';

export { clipWords } from '../../core/passage-text.js';

/** Passages in cells are cut after this many words. */
export const CELL_WORDS = 25;

export interface FrameworkEntry {
  /** Wave and source of the passage (of a memo: of its source or coding; null when it has none in scope). */
  wave: string | null;
  source: string | null;
  text: string;
  /** Passages: the lines of the full passage. */
  lineStart?: number;
  lineEnd?: number;
  /** Memos: the memo's id and coder. */
  memo?: number;
  coder?: string;
}

export interface FrameworkReport {
  content: 'passages' | 'memos';
  codes: { code: string; path: string[]; depth: number }[];
  /** Every case in scope, natural order; cells keyed by code name (every code of `codes`). */
  rows: { case: string; cells: Record<string, FrameworkEntry[]> }[];
}

/** A memo with its links resolved to names (a coding's source and code included). */
export interface FrameworkMemo {
  id: number;
  title: string | null;
  text: string;
  coder: string;
  case: string | null;
  source: string | null;
  code: string | null;
  coding: { source: string; code: string } | null;
}

export interface FrameworkOptions {
  /** Only codes this many levels down: 1 = top-level codes only. */
  levels?: number;
  /** Memos instead of passages in the cells. */
  memos?: readonly FrameworkMemo[];
  /** Where passages are read from (default: the scope's texts; the CLI reads the project's bytes). */
  texts?: PassageTexts;
}

/**
 * The framework matrix. Rows: every case in scope, natural order. Columns: the shown codes
 * in tree order (within --depth levels) whose column is not empty.
 *
 * Passages: a cell holds the participant talk of the code's merged spans (sub-codes
 * included, the coders in scope merged) in the case's sources, by wave, source and position; each
 * cut after 25 words (marked " …").
 *
 * Memos: a memo belongs to a case when it is linked to the case, to one of its sources in
 * scope, or to a coding in one of them; to a code when linked to it or to a coding of it —
 * and, as passages roll up, to every theme above that code. Order: as written (date, id).
 */
export function frameworkReport(scope: ReportScope, o: FrameworkOptions = {}): FrameworkReport {
  if (o.memos === undefined) {
    const matrix = frameworkRows(scope, o);
    const rows: FrameworkRow[] = [];
    matrix.forEachRow((row) => rows.push(row));
    return { content: 'passages', codes: matrix.codes, rows };
  }
  const candidates = columnCandidates(scope, o.levels);
  const cellsOf = memoCells(scope, o.memos);
  const grid = candidates.map(({ code }) => cellsOf(code.id));
  const kept = candidates.map((_, k) => k).filter((k) => [...grid[k]!.values()].some((list) => list.length > 0));
  return {
    content: 'memos',
    codes: kept.map((k) => ({ code: candidates[k]!.code.name, path: codePath(scope.codes, candidates[k]!.code.id), depth: candidates[k]!.depth })),
    rows: scope.cases.map((c) => {
      const cells: Record<string, FrameworkEntry[]> = {};
      for (const k of kept) cells[candidates[k]!.code.name] = grid[k]!.get(c) ?? [];
      return { case: c, cells };
    }),
  };
}

export type FrameworkRow = FrameworkReport['rows'][number];

/** The passage matrix case by case: its columns, and its rows one at a time. */
export interface FrameworkRows {
  codes: FrameworkReport['codes'];
  /**
   * Calls `onRow` for every case in scope from the `from`-th (default 0: the first), in
   * natural order (reading the passages again at each call).
   */
  forEachRow(onRow: (row: FrameworkRow) => void, from?: number): void;
  /** As forEachRow, each row as frameworkViewRow makes it (its table cells alone: no entry objects built). */
  forEachViewRow(onRow: (cells: Record<string, string>) => void, from?: number): void;
}

/** The shown codes in tree order within --depth levels: the columns a framework matrix may have. */
function columnCandidates(scope: ReportScope, levels: number | undefined): { code: Code; depth: number }[] {
  if (levels !== undefined && !(Number.isInteger(levels) && levels >= 1)) throw new UsageError(`--depth ${levels}: give a whole number of at least 1 (1 = top-level codes)`);
  return treeOrder(scope.codes).filter(({ code, depth }) => scope.shown.has(code.id) && depth < (levels ?? Infinity));
}

/**
 * The passage framework matrix (frameworkReport's rows), built case by case, source by source:
 * each source's text is read once per pass, each passage decoded only as far as its cell shows
 * it, and no more than one case's row is held, so that a matrix of any size takes little memory.
 * A column is kept when its code has a passage: a merged span holding a participant word.
 */
export function frameworkRows(scope: ReportScope, o: Omit<FrameworkOptions, 'memos'> = {}): FrameworkRows {
  const candidates = columnCandidates(scope, o.levels);
  const merged = scope.merged;
  const kept = candidates.filter(({ code }) => hasWords(merged.get(code.id)));
  const columns = kept.map(({ code }) => ({ name: code.name, spans: merged.get(code.id)! }));
  const sourcesOf = new Map<string, number[]>();
  scope.sources.forEach((s, i) => {
    const list = sourcesOf.get(s.case);
    if (list === undefined) sourcesOf.set(s.case, [i]);
    else list.push(i);
  });
  const codes = kept.map(({ code, depth }) => ({ code: code.name, path: codePath(scope.codes, code.id), depth }));
  /** Calls `onPassage` for every passage of the case (its column's index), column by column within each source. */
  const forEachPassage = (read: ReturnType<typeof passageReader>, kase: string, onPassage: (k: number, p: Passage) => void): void => {
    for (const i of sourcesOf.get(kase) ?? []) {
      for (let c = 0; c < columns.length; c++) {
        const spans = columns[c]!.spans;
        const k = spans.indexOf(i);
        if (k < 0) continue;
        const d = spans.data;
        for (let j = spans.offsets[k]!; j < spans.offsets[k + 1]!; j++) {
          const at = j * SPAN_FIELDS;
          const words = d[at + 3]! - d[at + 2]!;
          if (words <= 0) continue;
          onPassage(c, read({ i, span: { start: d[at]!, end: d[at + 1]! }, words }, CELL_WORDS));
        }
      }
    }
  };
  return {
    codes,
    forEachRow(onRow, from = 0) {
      const read = passageReader(scope, o.texts);
      for (let c = from; c < scope.cases.length; c++) {
        const kase = scope.cases[c]!;
        const lists: FrameworkEntry[][] = columns.map(() => []);
        forEachPassage(read, kase, (k, p) => lists[k]!.push({ wave: p.wave, source: p.source, text: p.text, lineStart: p.lineStart, lineEnd: p.lineEnd }));
        const cells: Record<string, FrameworkEntry[]> = {};
        columns.forEach(({ name }, k) => (cells[name] = lists[k]!));
        onRow({ case: kase, cells });
      }
    },
    forEachViewRow(onRow, from = 0) {
      const read = passageReader(scope, o.texts);
      // Each wave's label once.
      const labels = new Map<string, string>();
      for (let c = from; c < scope.cases.length; c++) {
        const kase = scope.cases[c]!;
        const lists: string[][] = columns.map(() => []);
        forEachPassage(read, kase, (k, p) => {
          let label = labels.get(p.wave);
          if (label === undefined) labels.set(p.wave, (label = `${waveLabel(p.wave)}: `));
          lists[k]!.push(label + p.text);
        });
        const out: Record<string, string> = { case: kase };
        lists.forEach((list, k) => (out[`c${k}`] = list.join(' / ')));
        onRow(out);
      }
    },
  };
}

/** True when some span of `spans` holds a participant word. */
function hasWords(spans: CodeSpans | undefined): boolean {
  if (spans === undefined) return false;
  const d = spans.data;
  for (let at = 0; at < spans.spanCount * SPAN_FIELDS; at += SPAN_FIELDS) if (d[at + 3]! > d[at + 2]!) return true;
  return false;
}

type CellsOf = (codeId: number) => Map<string, FrameworkEntry[]>;

function memoCells(scope: ReportScope, memos: readonly FrameworkMemo[]): CellsOf {
  const sourceIndex = new Map(scope.sources.map((s, i) => [s.id, i]));
  const scopeCases = new Set(scope.cases);
  const codeIds = new Map(scope.codes.map((c) => [c.name, c.id]));
  const placed = memos.map((m) => {
    const src = [m.source, m.coding?.source].map((s) => (s == null ? undefined : sourceIndex.get(s))).find((i) => i !== undefined);
    const cases = new Set<string>();
    if (m.case !== null && scopeCases.has(m.case)) cases.add(m.case);
    for (const s of [m.source, m.coding?.source]) {
      const i = s == null ? undefined : sourceIndex.get(s);
      if (i !== undefined) cases.add(scope.sources[i]!.case);
    }
    const codes = new Set([m.code, m.coding?.code].flatMap((n) => (n == null || !codeIds.has(n) ? [] : [codeIds.get(n)!])));
    const text = [m.title, m.text].filter((x): x is string => x !== null && x.trim() !== '').map((x) => x.replace(/\s+/g, ' ').trim()).join(' — ');
    const where = src === undefined ? { wave: null, source: null } : { wave: scope.sources[src]!.wave, source: scope.sources[src]!.id };
    return { cases, codes, entry: { ...where, text, memo: m.id, coder: m.coder } };
  });
  return (id) => {
    const family = descendantIds(scope.codes, id);
    const out = new Map<string, FrameworkEntry[]>();
    for (const m of placed) {
      if (![...m.codes].some((c) => family.has(c))) continue;
      for (const c of m.cases) out.set(c, [...(out.get(c) ?? []), m.entry]);
    }
    return out;
  };
}

/**
 * The memos of a project with their links resolved (a coding's source and code looked
 * up), only those of `coders` when given.
 */
export function frameworkMemos(p: Project, coders?: readonly string[]): FrameworkMemo[] {
  const codeNames = new Map(p.codes.list().map((c) => [c.id, c.name]));
  return p.memos.list()
    .filter((m) => coders === undefined || coders.includes(m.coder))
    .map((m) => {
      const coding = m.coding === null ? undefined : p.codings.get(m.coding);
      const source = coding === undefined ? undefined : p.sources.nameOf(coding.sourceId);
      const code = coding === undefined ? undefined : codeNames.get(coding.codeId);
      return {
        id: m.id, title: m.title, text: m.text, coder: m.coder, case: m.case, source: m.source, code: m.code,
        coding: source === undefined || code === undefined ? null : { source, code },
      };
    });
}

/** One row per case, one wrapped column per code; entries `T1: …` joined by " / ". */
export function frameworkView(r: FrameworkReport): ReportView {
  const keys = r.codes.map((_, k) => `c${k}`);
  const columns: Column[] = [{ key: 'case', header: 'case' }, ...r.codes.map((c, k) => ({ key: keys[k]!, header: c.code, wrap: true }))];
  const rows = r.rows.map((row) => frameworkViewRow(r.codes, row));
  const what = r.content === 'memos'
    ? 'Cells: the memos on the case (or its sources, or codings in them) and the code (or a coding of it, or of a sub-code), by date.'
    : `Cells: the case’s coded participant talk (a theme includes its sub-codes; the codings of the coders in scope merged), by wave, each passage cut after ${CELL_WORDS} words.`;
  return { title: r.content === 'memos' ? 'Framework matrix (memos)' : 'Framework matrix', data: r, tables: [{ table: { columns, rows }, heat: keys, heatMeasure: 'words' }], paragraphs: [what] };
}

/** The table row of a case (frameworkView's columns). */
export function frameworkViewRow(codes: FrameworkReport['codes'], row: FrameworkRow): Record<string, string> {
  const out: Record<string, string> = { case: row.case };
  codes.forEach((c, k) => (out[`c${k}`] = row.cells[c.code]!.map((e) => (e.wave === null ? e.text : `${waveLabel(e.wave)}: ${e.text}`)).join(' / ')));
  return out;
}
