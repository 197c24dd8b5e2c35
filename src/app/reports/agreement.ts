/**
 * `qcode report agreement --coders A,B`: the coding comparison of two (or more) coders over
 * the sources they both coded. Per code and source, the table of units coded by both / only A
 * / only B / neither with percent agreement, Cohen's kappa and Krippendorff's alpha; per code
 * the tables summed over its sources; overall the tables summed over codes.
 *
 * A code is compared on its OWN codings, not its descendants' (as NVivo compares per node):
 * a theme's roll-up would count a unit as agreed when the coders used different children.
 */
import { CODING_FIELDS, F_CODE, F_CODER, F_END, F_START } from '../../core/span-index.js';
import { isUtf8 } from 'node:buffer';
import { KAPPA_TWO_CODERS, agreementFigures, charUnits, countCodedCharsPacked, countCodedCharsPacked2, countCodedUnits, emptyCounts, spansGrid, turnUnits, withAgreementFigures, wordUnits, type AgreementFigures, type AgreementUnit, type UnitCounts, type UnitGrid } from '../../core/agreement.js';
import { CodePointMap } from '../../core/code-points.js';
import { utf8WordBounds } from '../../core/utf8-words.js';
import { treeOrder } from '../../core/codebook.js';
import { GateError, UsageError } from '../../core/errors.js';
import { HeldUntilRead } from '../../core/made-when-read.js';
import type { Span } from '../../core/spans.js';
import type { Cell, Column } from '../../format/table-shape.js';
import { columnTable, INT_EMPTY, type ColumnCells } from '../../format/column-table.js';
import { agreement2x2, alpha2x2, kappa2x2, percent2x2 } from '../../core/stats/binary-2x2.js';
import type { ReportView } from '../../format/report.js';
import type { Project } from '../project.js';
import { loadScope, type ReportFilters, type ReportScope } from '../report-scope.js';
import { comparedTable, comparedWithCodings, type ComparedSource } from './compared-sources.js';

export interface AgreementOptions {
  coders: string[];
  unit?: AgreementUnit;
  /** True when --sources named the sources: compare all of them, double-coded or not. */
  sourcesChosen?: boolean;
}

export interface AgreementRow extends AgreementFigures {
  /** null in the overall row. */
  code: string | null;
  /** null in pooled rows. */
  source: string | null;
  /** codedBy[k]: units coded by exactly k of the coders (k = 0 … coders). */
  codedBy: number[];
}

export interface AgreementReport {
  coders: string[];
  unit: AgreementUnit;
  /** The sources compared. */
  sources: string[];
  /** The sources compared with each coder's number of codings there (of the codes shown). */
  compared: ComparedSource[];
  rows: AgreementRow[];
}

/** Checks `--coders` against the project's coders: at least `min` distinct, known names. */
export function checkCoders(p: Project, coders: readonly string[] | undefined, min = 2, max = Infinity): string[] {
  const known = p.coders.list().map((c) => c.name);
  const hint = `coders in this project: ${known.join(', ') || 'none yet'}`;
  if (coders === undefined || coders.length === 0) throw new UsageError('--coders is required: name the coders to compare, e.g. --coders ana,ben', { hint });
  if (coders.length < min) throw new UsageError(`--coders ${coders.join(',')}: name at least ${min} coders, separated by commas (e.g. --coders ana,ben)`, { hint });
  if (coders.length > max) throw new UsageError(`--coders ${coders.join(',')}: this report compares exactly ${max} coders`, { hint: 'run it once per pair of coders' });
  const twice = coders.find((c, i) => coders.indexOf(c) !== i);
  if (twice !== undefined) throw new UsageError(`--coders: ${twice} is named twice`);
  for (const c of coders) if (!known.includes(c)) throw new UsageError(`--coders: no coder named "${c}"`, { hint });
  return [...coders];
}

/** Sources every coder coded something in (any code), or all in scope when --sources chose them. */
export function comparedSources(scope: ReportScope, coders: readonly string[], chosen: boolean): number[] {
  const all = scope.sources.map((_, i) => i);
  if (chosen) return all;
  const seen = scope.packed.map((packed) => {
    // A source has codings by a few coders: a short list beats a set per coding.
    const ids: number[] = [];
    for (let o = F_CODER; o < packed.length; o += CODING_FIELDS) if (!ids.includes(packed[o]!)) ids.push(packed[o]!);
    return new Set(ids.map((id) => scope.coderNames.get(id)!));
  });
  const compared = all.filter((i) => coders.every((c) => seen[i]!.has(c)));
  if (compared.length === 0) {
    throw new UsageError(`no source in scope was coded by all of ${coders.join(', ')}`, { hint: 'have each coder code the same sources, or name the sources with --sources' });
  }
  return compared;
}

/** Each code's own spans per source per coder: byCode → bySource → spans[coder index]. */
export function ownSpans(scope: ReportScope, coders: readonly string[]): Map<number, Map<number, Span[][]>> {
  const index = new Map([...scope.coderNames].filter(([, name]) => coders.includes(name)).map(([id, name]) => [id, coders.indexOf(name)]));
  const out = new Map<number, Map<number, Span[][]>>();
  scope.packed.forEach((packed, source) => {
    for (let o = 0; o < packed.length; o += CODING_FIELDS) {
      const k = index.get(packed[o + F_CODER]!);
      if (k === undefined) continue;
      const codeId = packed[o + F_CODE]!;
      let bySource = out.get(codeId);
      if (bySource === undefined) out.set(codeId, (bySource = new Map()));
      let perCoder = bySource.get(source);
      if (perCoder === undefined) bySource.set(source, (perCoder = coders.map(() => [])));
      perCoder[k]!.push({ start: packed[o + F_START]!, end: packed[o + F_END]! });
    }
  });
  return out;
}

/**
 * One pass over the packed codings of every source in scope (sorted by code first), for what
 * the report needs of them: which of the coders coded anything there (comparedSources), each
 * coder's codings of the codes shown (comparedWithCodings), and each code's run of codings
 * where one of the coders coded it (field offsets [from, to) at runs.get(code)[2 × source]
 * and [2 × source + 1], from −1 where there is none).
 */
interface Survey {
  /** Per source, a bit per coder slot: the coder coded something there (any code). */
  seen: Uint32Array;
  /** Per source, codings per coder slot of the codes shown: [source × coders + slot]. */
  codings: Float64Array;
  runs: Map<number, Int32Array>;
  /** How many runs there are in all (at most a row each, besides a pooled row per code and the overall row). */
  runCount: number;
}

function survey(scope: ReportScope, slots: Int32Array, coders: number): Survey {
  const n = scope.packed.length;
  const seen = new Uint32Array(n);
  const codings = new Float64Array(n * coders);
  const runs = new Map<number, Int32Array>();
  let runCount = 0;
  for (let i = 0; i < n; i++) {
    const packed = scope.packed[i]!;
    let mask = 0;
    for (let o = 0; o < packed.length;) {
      const codeId = packed[o + F_CODE]!;
      const shown = scope.shown.has(codeId);
      let mine = false;
      let to = o;
      for (; to < packed.length && packed[to + F_CODE] === codeId; to += CODING_FIELDS) {
        const id = packed[to + F_CODER]!;
        const k = id >= 0 && id < slots.length ? slots[id]! : -1;
        if (k < 0) continue;
        mine = true;
        mask |= 1 << k;
        if (shown) codings[i * coders + k]!++;
      }
      if (mine) {
        let run = runs.get(codeId);
        if (run === undefined) runs.set(codeId, (run = new Int32Array(2 * n).fill(-1)));
        run[2 * i] = o;
        run[2 * i + 1] = to;
        runCount++;
      }
      o = to;
    }
    seen[i] = mask;
  }
  return { seen, codings, runs, runCount };
}

/** Each coder id's slot among the coders compared (its index in `coders`), −1 for other coders. */
function coderSlots(scope: ReportScope, coders: readonly string[]): Int32Array {
  let max = -1;
  for (const id of scope.coderNames.keys()) if (id > max) max = id;
  const slots = new Int32Array(max + 1).fill(-1);
  for (const [id, name] of scope.coderNames) if (id >= 0) slots[id] = coders.indexOf(name);
  return slots;
}

const PACKED_FIELDS = { start: F_START, end: F_END, coder: F_CODER, size: CODING_FIELDS };

/** The agreement report on a loaded scope (whose codings are those of the named coders). */
export function agreementReport(scope: ReportScope, o: AgreementOptions): AgreementReport {
  const unit = o.unit ?? 'char';
  const C = o.coders.length;
  // Coder slots are bits of a mask (survey): beyond 30 coders, the plain functions.
  if (C > 30) return agreementReportPlain(scope, o);
  const slots = coderSlots(scope, o.coders);
  const coderOf = (id: number): number => (id >= 0 && id < slots.length ? slots[id]! : -1);
  const { seen, codings, runs, runCount } = survey(scope, slots, C);
  const all = (1 << C) - 1;
  const compared = o.sourcesChosen === true ? scope.sources.map((_, i) => i) : scope.sources.map((_, i) => i).filter((i) => seen[i] === all);
  if (compared.length === 0) comparedSources(scope, o.coders, o.sourcesChosen === true); // throws the message of no source in common
  const count = unit === 'char' ? counter(scope, unit, o.coders, coderOf, () => charUnits(0)) : countedBySource(scope, unit, o.coders, coderOf, compared, runs);
  const table = rowsOf(scope, C, compared, runs, count, runCount + runs.size + 1);
  const comparedCodings: ComparedSource[] = compared.map((i) => ({ source: scope.sources[i]!.id, codings: Object.fromEntries(o.coders.map((c, k) => [c, codings[i * C + k]!])) }));
  return reportOf([...o.coders], unit, compared.map((i) => scope.sources[i]!.id), comparedCodings, table);
}

/**
 * The rows of a report held as columns: per row the code (an index into `codes`, −1 in the
 * overall row), the source (an index into `sources`, −1 in pooled rows) and the counts. A report
 * has a row per code and source (~25,000 at 100,000 codings): the table is written from these
 * (agreementView), and row objects are made only for what reads them (JSON, the other formats).
 */
export class AgreementTable {
  length = 0;
  code: Int32Array;
  source: Int32Array;
  units: Float64Array;
  /** (coders + 1) per row: codedBy. */
  codedBy: Float64Array;
  /** coders per row: perCoder. */
  perCoder: Float64Array;
  // What agreementView prints, filled as the rows come (no pass of its own over them): code and
  // source as indices with "all codes"/"all sources" last, the units and the 2×2 cells (both,
  // onlyA, onlyB, neither per row; INT_EMPTY beyond two coders) in 32 bits while they fit, the
  // figures (NaN where null), and the reasons of the empty cells in the order the rows give them.
  viewCode: Int32Array;
  viewSource: Int32Array;
  units32: Int32Array;
  both: Int32Array;
  onlyA: Int32Array;
  onlyB: Int32Array;
  neither: Int32Array;
  pct: Float64Array;
  kappa: Float64Array;
  alpha: Float64Array;
  fits = true;
  readonly reasons = new Set<string>();

  /** `capacity`: the rows to make room for at first (it grows beyond). */
  constructor(readonly codes: readonly string[], readonly sources: readonly string[], readonly coders: number, capacity = 64) {
    const n = Math.max(1, capacity);
    this.code = new Int32Array(n);
    this.source = new Int32Array(n);
    this.units = new Float64Array(n);
    this.codedBy = new Float64Array(n * (coders + 1));
    this.perCoder = new Float64Array(n * coders);
    this.viewCode = new Int32Array(n);
    this.viewSource = new Int32Array(n);
    this.units32 = new Int32Array(n);
    this.both = new Int32Array(n);
    this.onlyA = new Int32Array(n);
    this.onlyB = new Int32Array(n);
    this.neither = new Int32Array(n);
    this.pct = new Float64Array(n);
    this.kappa = new Float64Array(n);
    this.alpha = new Float64Array(n);
  }

  push(code: number, source: number, counts: UnitCounts): void {
    const r = this.length;
    if (r === this.code.length) this.grow();
    const C = this.coders;
    this.code[r] = code;
    this.source[r] = source;
    this.units[r] = counts.units;
    for (let k = 0; k <= C; k++) this.codedBy[r * (C + 1) + k] = counts.codedBy[k]!;
    for (let k = 0; k < C; k++) this.perCoder[r * C + k] = counts.perCoder[k]!;
    // (Both lengths read for every row: a read first met in compiled code would send it back.)
    const allCodes = this.codes.length;
    const allSources = this.sources.length;
    this.viewCode[r] = code < 0 ? allCodes : code;
    this.viewSource[r] = source < 0 ? allSources : source;
    const units = counts.units;
    if (!(units < INT_LIMIT)) this.fits = false;
    this.units32[r] = units;
    if (C === 2) this.figures2(r, counts);
    else {
      const f = agreementFigures(counts);
      if (f.alphaReason !== undefined) this.reasons.add(f.alphaReason);
      this.both[r] = this.onlyA[r] = this.onlyB[r] = this.neither[r] = INT_EMPTY;
      this.pct[r] = f.agreementPct ?? NaN;
      this.kappa[r] = NaN;
      this.alpha[r] = f.alpha ?? NaN;
    }
    this.length = r + 1;
  }

  /** As withAgreementFigures fills a row of two coders. */
  private figures2(r: number, counts: UnitCounts): void {
    const b = counts.codedBy[2]!;
    const a = counts.perCoder[0]! - b;
    const c = counts.perCoder[1]! - b;
    const d = counts.codedBy[0]!;
    this.both[r] = b;
    this.onlyA[r] = a;
    this.onlyB[r] = c;
    this.neither[r] = d;
    const p = percent2x2(b, a, c, d);
    const k = kappa2x2(b, a, c, d);
    const x = alpha2x2(b, a, c, d);
    this.pct[r] = p ?? NaN;
    this.kappa[r] = k ?? NaN;
    this.alpha[r] = x ?? NaN;
    if (p === null || k === null || x === null) {
      const f = agreement2x2({ both: b, onlyA: a, onlyB: c, neither: d });
      if (f.kappaReason !== undefined) this.reasons.add(f.kappaReason);
      if (f.alphaReason !== undefined) this.reasons.add(f.alphaReason);
    }
  }

  private grow(): void {
    const more = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(2 * a.length);
      b.set(a);
      return b;
    };
    this.code = more(this.code);
    this.source = more(this.source);
    this.units = more(this.units);
    this.codedBy = more(this.codedBy);
    this.perCoder = more(this.perCoder);
    this.viewCode = more(this.viewCode);
    this.viewSource = more(this.viewSource);
    this.units32 = more(this.units32);
    this.both = more(this.both);
    this.onlyA = more(this.onlyA);
    this.onlyB = more(this.onlyB);
    this.neither = more(this.neither);
    this.pct = more(this.pct);
    this.kappa = more(this.kappa);
    this.alpha = more(this.alpha);
  }

  counts(r: number): UnitCounts {
    const C = this.coders;
    return { units: this.units[r]!, codedBy: Array.from(this.codedBy.subarray(r * (C + 1), (r + 1) * (C + 1))), perCoder: Array.from(this.perCoder.subarray(r * C, (r + 1) * C)) };
  }

  /** Row r as an object: rowOf's keys, order and values. */
  row(r: number): AgreementRow {
    const code = this.code[r]!;
    const source = this.source[r]!;
    return rowOf(code < 0 ? null : this.codes[code]!, source < 0 ? null : this.sources[source]!, this.counts(r));
  }

  rows(): AgreementRow[] {
    const out: AgreementRow[] = [];
    for (let r = 0; r < this.length; r++) out.push(this.row(r));
    return out;
  }
}

/** Each report's table of rows as columns, while its `rows` have not been read or replaced. */
const TABLES = new HeldUntilRead<AgreementReport, AgreementTable>();

/** A report whose `rows` are made from `table` when first read (JSON.stringify reads them as it reads any key: same keys, same order). */
function reportOf(coders: string[], unit: AgreementUnit, sources: string[], compared: ComparedSource[], table: AgreementTable): AgreementReport {
  return TABLES.define({ coders, unit, sources, compared, rows: [] }, 'rows', table, () => table.rows());
}

/** The table of a report made by agreementReport whose rows were not read or replaced (a copy has none). */
export function agreementTableOf(r: AgreementReport): AgreementTable | undefined {
  return TABLES.get(r);
}

/** The report with only its pooled rows (a code's over its sources, and the overall row): `--pooled`. */
export function pooledOnly(r: AgreementReport): AgreementReport {
  const t = TABLES.get(r);
  if (t === undefined) return { ...r, rows: r.rows.filter((x) => x.source === null) };
  const pooled = new AgreementTable(t.codes, t.sources, t.coders, t.length);
  for (let k = 0; k < t.length; k++) if (t.source[k]! < 0) pooled.push(t.code[k]!, -1, t.counts(k));
  return reportOf(r.coders, r.unit, r.sources, r.compared, pooled);
}

/** The overall row (the last), without making the others. */
export function overallRow(r: AgreementReport): AgreementRow {
  const t = TABLES.get(r);
  return t === undefined ? r.rows[r.rows.length - 1]! : t.row(t.length - 1);
}

/**
 * The counts of one code's run of codings [from, to) in source i (valid until the next call: copy
 * what is kept). `gridOf(i)`: source i's units, for words and turns.
 */
function counter(scope: ReportScope, unit: AgreementUnit, coders: readonly string[], coderOf: (coderId: number) => number, gridOf: (i: number) => UnitGrid): (i: number, from: number, to: number) => UnitCounts {
  // Two coders' counts go to one table reused from call to call (the caller copies them).
  const scratch = emptyCounts(2);
  // Each source's length read once (a scope's source looks it up each time it is asked).
  const lengths = new Int32Array(scope.packed.length).fill(-1);
  const lengthOf = (i: number): number => {
    let length = lengths[i]!;
    if (length < 0) lengths[i] = length = scope.sources[i]!.length;
    return length;
  };
  // Character units are counted off the packed codings; words and turns from spans.
  if (unit === 'char' && coders.length === 2) return (i, from, to) => countCodedCharsPacked2(lengthOf(i), scope.packed[i]!, from, to, PACKED_FIELDS, coderOf, scratch);
  return (i, from, to) => {
    const packed = scope.packed[i]!;
    if (unit === 'char') return countCodedCharsPacked(lengthOf(i), packed, from, to, PACKED_FIELDS, coderOf, coders.length);
    const perCoder: Span[][] = coders.map(() => []);
    for (let f = from; f < to; f += CODING_FIELDS) {
      const k = coderOf(packed[f + F_CODER]!);
      if (k >= 0) perCoder[k]!.push({ start: packed[f + F_START]!, end: packed[f + F_END]! });
    }
    return countCodedUnits(gridOf(i), perCoder);
  };
}

/**
 * The counts of words or turns, made source by source before the rows ask for them code by code,
 * so that the units of one source are held at a time: a transcript's words are some 70 KB of
 * bounds, and every transcript's text and words held at once grew with the project (470 MB at
 * 1,000 one-hour transcripts).
 */
function countedBySource(scope: ReportScope, unit: AgreementUnit, coders: readonly string[], coderOf: (coderId: number) => number, compared: readonly number[], runs: ReadonlyMap<number, Int32Array>): (i: number, from: number, to: number) => UnitCounts {
  const shown = [...runs].filter(([codeId]) => scope.shown.has(codeId)).map(([, run]) => run);
  let current = -1;
  let grid: UnitGrid = charUnits(0);
  const count = counter(scope, unit, coders, coderOf, (i) => {
    if (i !== current) {
      grid = unitGrid(scope, i, unit);
      current = i;
    }
    return grid;
  });
  const counted: Map<number, UnitCounts>[] = [];
  for (const i of compared) {
    const here = new Map<number, UnitCounts>();
    for (const run of shown) {
      const from = run[2 * i]!;
      if (from >= 0) here.set(from, count(i, from, run[2 * i + 1]!));
    }
    counted[i] = here;
  }
  return (i, from) => counted[i]!.get(from)!;
}

/**
 * The rows: per code shown in tree order (that one of the coders applied in scope), a row per
 * source compared where they applied it and the code's pooled row; then the overall row.
 */
function rowsOf(scope: ReportScope, coders: number, compared: readonly number[], runs: ReadonlyMap<number, Int32Array>, count: (i: number, from: number, to: number) => UnitCounts, capacity: number): AgreementTable {
  const names: string[] = [];
  const table = new AgreementTable(names, compared.map((i) => scope.sources[i]!.id), coders, capacity);
  const overall = emptyCounts(coders);
  for (const { code } of treeOrder(scope.codes)) {
    const run = scope.shown.has(code.id) ? runs.get(code.id) : undefined;
    if (run === undefined) continue;
    const pooled = emptyCounts(coders);
    if (!codeRows(table, names.length, run, compared, count, pooled)) continue;
    names.push(code.name);
    table.push(names.length - 1, -1, pooled);
    addInto(overall, pooled);
  }
  table.push(-1, -1, overall);
  return table;
}

/**
 * A code's rows: one per source compared where it has a run, with `code` (its index among the
 * codes shown), summed into `pooled`; false when there is none. (A loop of its own: V8 compiles
 * it while it runs, and everything it compiles has been run.)
 */
function codeRows(table: AgreementTable, code: number, run: Int32Array, compared: readonly number[], count: (i: number, from: number, to: number) => UnitCounts, pooled: UnitCounts): boolean {
  let any = false;
  for (let j = 0; j < compared.length; j++) {
    const i = compared[j]!;
    const from = run[2 * i]!;
    if (from < 0) continue;
    const counts = count(i, from, run[2 * i + 1]!);
    table.push(code, j, counts);
    addInto(pooled, counts);
    any = true;
  }
  return any;
}

/** A row: code, source, the figures (agreementFigures' keys in its order), codedBy last. */
function rowOf(code: string | null, source: string | null, counts: UnitCounts): AgreementRow {
  const row = withAgreementFigures({ code, source } as AgreementRow, counts);
  row.codedBy = counts.codedBy;
  return row;
}

/**
 * The same report by the plain functions (comparedSources, ownSpans-like runs by Map,
 * comparedWithCodings): the reference the survey is tested against, and the path beyond 30
 * coders.
 */
export function agreementReportPlain(scope: ReportScope, o: AgreementOptions): AgreementReport {
  const unit = o.unit ?? 'char';
  const compared = comparedSources(scope, o.coders, o.sourcesChosen === true);
  const index = new Map([...scope.coderNames].filter(([, name]) => o.coders.includes(name)).map(([id, name]) => [id, o.coders.indexOf(name)]));
  const coderOf = (id: number): number => index.get(id) ?? -1;
  const runs = new Map<number, Map<number, [number, number]>>();
  scope.packed.forEach((packed, source) => {
    for (let f = 0; f < packed.length;) {
      const codeId = packed[f + F_CODE]!;
      let to = f;
      let mine = false;
      for (; to < packed.length && packed[to + F_CODE] === codeId; to += CODING_FIELDS) if (coderOf(packed[to + F_CODER]!) >= 0) mine = true;
      if (mine) {
        let bySource = runs.get(codeId);
        if (bySource === undefined) runs.set(codeId, (bySource = new Map()));
        bySource.set(source, [f, to]);
      }
      f = to;
    }
  });
  // Each source's units made from its text string, once, and kept: the reference for unitGrid.
  const grids = new Map<number, UnitGrid>();
  const count = counter(scope, unit, o.coders, coderOf, (i) => {
    let g = grids.get(i);
    if (g === undefined) grids.set(i, (g = textUnitGrid(scope, i, unit)));
    return g;
  });
  // The runs as survey gives them: per code, [from, to) at [2 × source] and [2 × source + 1], −1 for none.
  const arrays = new Map<number, Int32Array>();
  for (const [codeId, bySource] of runs) {
    const run = new Int32Array(2 * scope.packed.length).fill(-1);
    for (const [i, [from, to]] of bySource) run.set([from, to], 2 * i);
    arrays.set(codeId, run);
  }
  const rows = rowsOf(scope, o.coders.length, compared, arrays, count, 64).rows();
  return { coders: [...o.coders], unit, sources: compared.map((i) => scope.sources[i]!.id), compared: comparedWithCodings(scope, compared, o.coders), rows };
}

/** Adds table `b` to `sum` in place (addCounts without a new table per source). */
function addInto(sum: UnitCounts, b: UnitCounts): void {
  sum.units += b.units;
  for (let k = 0; k < sum.codedBy.length; k++) sum.codedBy[k]! += b.codedBy[k]!;
  for (let k = 0; k < sum.perCoder.length; k++) sum.perCoder[k]! += b.perCoder[k]!;
}

function unitGrid(scope: ReportScope, i: number, unit: AgreementUnit): UnitGrid {
  if (unit === 'char') return charUnits(scope.sources[i]!.length);
  if (unit === 'turn') {
    // Turns bound the units where a source has them: no text to read.
    const turns = scope.turnBounds(i);
    if (turns.length > 0) return turnUnits('', turns);
  }
  if (unit === 'word') {
    // Words found in the stored bytes: no string decoded, nothing kept.
    const bytes = scope.textBytes(i);
    if (isUtf8(bytes)) {
      const words = utf8WordBounds(bytes);
      return spansGrid(words.starts, words.ends);
    }
  }
  return textUnitGrid(scope, i, unit);
}

/** A source's units from its text as a string (and its stored turns): unitGrid's reference. */
function textUnitGrid(scope: ReportScope, i: number, unit: AgreementUnit): UnitGrid {
  if (unit === 'char') return charUnits(scope.sources[i]!.length);
  const t = scope.text(i);
  const map = new CodePointMap(t.text);
  return unit === 'word' ? wordUnits(t.text, map) : turnUnits(t.text, t.turns, map);
}

/** Validates the coders, loads the scope of the filters for them and builds the report. */
export function agreementForProject(p: Project, filters: ReportFilters, o: AgreementOptions): AgreementReport {
  const coders = checkCoders(p, o.coders);
  return agreementReport(loadScope(p, { ...filters, coders }), { ...o, coders, sourcesChosen: o.sourcesChosen ?? filters.sources !== undefined });
}

/** Parses `--fail-under K`: a number from −1 to 1. */
export function parseFailUnder(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const k = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(k) || k < -1 || k > 1) throw new UsageError(`--fail-under ${String(v)}: give a kappa from -1 to 1, e.g. 0.7`);
  return k;
}

/** `--fail-under K`: a GateError (exit 1) when the overall kappa is below K or undefined. */
export function checkFailUnder(r: AgreementReport, k: number | undefined): void {
  if (k === undefined) return;
  const overall = overallRow(r);
  if (overall.kappa === null) throw new GateError(`overall kappa is undefined (${overall.kappaReason ?? 'no value'}), so it does not reach --fail-under ${k}`);
  if (overall.kappa < k) throw new GateError(`overall kappa ${overall.kappa.toFixed(3)} is below --fail-under ${k}`);
}

const UNIT_WORDS: Record<AgreementUnit, string> = {
  char: 'characters (code points) of the normalised text',
  word: 'words of the whole text (a word counts as coded when any of its characters is)',
  turn: 'turns, label to end of talk (non-blank lines in sources without turns; a unit counts as coded when any of it is)',
};

/** The agreement report as a table: kappa and alpha to 3 decimals, agreement % to 1. */
export function agreementView(r: AgreementReport): ReportView {
  const two = r.coders.length === 2;
  const columns: Column[] = [
    { key: 'code', header: 'code' },
    { key: 'source', header: 'source' },
    { key: 'units', header: 'units', align: 'right' },
    ...(two ? [
      { key: 'both', header: 'both', align: 'right' as const },
      { key: 'onlyA', header: `only ${r.coders[0]}`, align: 'right' as const },
      { key: 'onlyB', header: `only ${r.coders[1]}`, align: 'right' as const },
      { key: 'neither', header: 'neither', align: 'right' as const },
    ] : []),
    { key: 'agreementPct', header: 'agreement %', align: 'right', decimals: 1 },
    ...(two ? [{ key: 'kappa', header: 'kappa', align: 'right' as const, decimals: 3 }] : []),
    { key: 'alpha', header: 'alpha', align: 'right', decimals: 3 },
  ];
  const viewRows = (): Record<string, Cell>[] => r.rows.map((x) => ({
    code: x.code ?? 'all codes', source: x.source ?? 'all sources', units: x.units, both: x.both, onlyA: x.onlyA, onlyB: x.onlyB,
    neither: x.neither, agreementPct: x.agreementPct, kappa: x.kappa, alpha: x.alpha,
  }));
  const reasons = new Set<string>();
  const held = agreementTableOf(r);
  let table;
  if (held === undefined) {
    for (const x of r.rows) {
      if (two && x.kappaReason !== undefined) reasons.add(x.kappaReason);
      if (x.alphaReason !== undefined) reasons.add(x.alphaReason);
    }
    table = { columns, rows: viewRows() };
  } else table = columnTable(columns, viewColumns(held, reasons), viewRows);
  const paragraphs = [
    `Coders ${r.coders.join(', ')}; ${r.sources.length} source(s) compared (listed below with each coder's codings there); units: ${UNIT_WORDS[r.unit]}. Each code is compared on its own codings (not its sub-codes'), in each source where any of the coders applied it; "all sources" sums a code's tables, "all codes" sums every code's.`,
    two
      ? 'Agreement % = (both + neither) ÷ units; kappa = Cohen\'s kappa of the 2×2 table; alpha = Krippendorff\'s nominal alpha over the same units.'
      : `Agreement % = units on which all ${r.coders.length} coders agree (all coded or none did) ÷ units; alpha = Krippendorff's nominal alpha; ${KAPPA_TWO_CODERS}.`,
  ];
  if (reasons.size > 0) paragraphs.push(`Empty cells: ${[...reasons].join('; ')}.`);
  return { title: `Agreement between ${r.coders.join(' and ')}`, data: r, tables: [{ table }, comparedTable(r.compared, r.coders)], paragraphs };
}

/**
 * The cells of agreementView's table from a report's table of rows (what its rows would hold:
 * the 2×2 cells, the figures, empty where null), as the table filled them in, and the reasons
 * of its empty cells added to `reasons` in the order the rows give them.
 */
function viewColumns(t: AgreementTable, reasons: Set<string>): { length: number; cells: Map<string, ColumnCells> } {
  const n = t.length;
  for (const x of t.reasons) reasons.add(x);
  // The 2×2 cells: 32-bit while the units fit (every cell is at most its units), else doubles
  // from the counts (a project of billions of characters).
  const cell = (values: Int32Array, of: (b: number, a: number, c: number, d: number) => number): ColumnCells => {
    if (t.fits) return { kind: 'int', values: values.subarray(0, n) };
    const out = new Float64Array(n).fill(NaN);
    if (t.coders === 2) {
      for (let r = 0; r < n; r++) {
        const b = t.codedBy[3 * r + 2]!;
        out[r] = of(b, t.perCoder[2 * r]! - b, t.perCoder[2 * r + 1]! - b, t.codedBy[3 * r]!);
      }
    }
    return { kind: 'number', values: out };
  };
  return {
    length: n,
    cells: new Map<string, ColumnCells>([
      ['code', { kind: 'text', values: [...t.codes, 'all codes'], index: t.viewCode.subarray(0, n) }],
      ['source', { kind: 'text', values: [...t.sources, 'all sources'], index: t.viewSource.subarray(0, n) }],
      ['units', t.fits ? { kind: 'int', values: t.units32.subarray(0, n) } : { kind: 'number', values: t.units.subarray(0, n) }],
      ['both', cell(t.both, (b) => b)],
      ['onlyA', cell(t.onlyA, (_, a) => a)],
      ['onlyB', cell(t.onlyB, (_, __, c) => c)],
      ['neither', cell(t.neither, (_, __, ___, d) => d)],
      ['agreementPct', { kind: 'number', values: t.pct.subarray(0, n) }],
      ['kappa', { kind: 'number', values: t.kappa.subarray(0, n) }],
      ['alpha', { kind: 'number', values: t.alpha.subarray(0, n) }],
    ]),
  };
}

/** Counts below this fit an 'int' column (every cell count is at most units). */
const INT_LIMIT = 0x7fffffff;
