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
import { KAPPA_TWO_CODERS, addCounts, charUnits, countCodedCharsPacked, countCodedCharsPacked2, countCodedUnits, emptyCounts, turnUnits, withAgreementFigures, wordUnits, type AgreementFigures, type AgreementUnit, type UnitCounts, type UnitGrid } from '../../core/agreement.js';
import { CodePointMap } from '../../core/code-points.js';
import { treeOrder } from '../../core/codebook.js';
import { GateError, UsageError } from '../../core/errors.js';
import type { Span } from '../../core/spans.js';
import type { Column } from '../../format/table-shape.js';
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
}

function survey(scope: ReportScope, slots: Int32Array, coders: number): Survey {
  const n = scope.packed.length;
  const seen = new Uint32Array(n);
  const codings = new Float64Array(n * coders);
  const runs = new Map<number, Int32Array>();
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
      }
      o = to;
    }
    seen[i] = mask;
  }
  return { seen, codings, runs };
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
  const { seen, codings, runs } = survey(scope, slots, C);
  const all = (1 << C) - 1;
  const compared = o.sourcesChosen === true ? scope.sources.map((_, i) => i) : scope.sources.map((_, i) => i).filter((i) => seen[i] === all);
  if (compared.length === 0) comparedSources(scope, o.coders, o.sourcesChosen === true); // throws the message of no source in common
  const count = counter(scope, unit, o.coders, coderOf);
  const rows = rowsOf(scope, C, compared, (codeId, i) => {
    const run = runs.get(codeId);
    return run === undefined || run[2 * i]! < 0 ? null : count(i, run[2 * i]!, run[2 * i + 1]!);
  }, (codeId) => runs.has(codeId));
  const comparedCodings: ComparedSource[] = compared.map((i) => ({ source: scope.sources[i]!.id, codings: Object.fromEntries(o.coders.map((c, k) => [c, codings[i * C + k]!])) }));
  return { coders: [...o.coders], unit, sources: compared.map((i) => scope.sources[i]!.id), compared: comparedCodings, rows };
}

/** The counts of one code's run of codings [from, to) in source i. */
function counter(scope: ReportScope, unit: AgreementUnit, coders: readonly string[], coderOf: (coderId: number) => number): (i: number, from: number, to: number) => UnitCounts {
  const grids = new Map<number, UnitGrid>();
  const gridOf = (i: number): UnitGrid => {
    let g = grids.get(i);
    if (g === undefined) grids.set(i, (g = unitGrid(scope, i, unit)));
    return g;
  };
  // Character units are counted off the packed codings; words and turns from spans.
  return (i, from, to) => {
    const packed = scope.packed[i]!;
    if (unit === 'char') {
      const length = scope.sources[i]!.length;
      return coders.length === 2
        ? countCodedCharsPacked2(length, packed, from, to, PACKED_FIELDS, coderOf)
        : countCodedCharsPacked(length, packed, from, to, PACKED_FIELDS, coderOf, coders.length);
    }
    const perCoder: Span[][] = coders.map(() => []);
    for (let f = from; f < to; f += CODING_FIELDS) {
      const k = coderOf(packed[f + F_CODER]!);
      if (k >= 0) perCoder[k]!.push({ start: packed[f + F_START]!, end: packed[f + F_END]! });
    }
    return countCodedUnits(gridOf(i), perCoder);
  };
}

/**
 * The rows: per code shown in tree order (that one of the coders applied in scope), a row per
 * source compared where they applied it and the code's pooled row; then the overall row.
 */
function rowsOf(scope: ReportScope, coders: number, compared: readonly number[], countsOf: (codeId: number, source: number) => UnitCounts | null, applied: (codeId: number) => boolean): AgreementRow[] {
  const rows: AgreementRow[] = [];
  let overall = emptyCounts(coders);
  for (const { code } of treeOrder(scope.codes)) {
    if (!scope.shown.has(code.id) || !applied(code.id)) continue;
    let pooled: UnitCounts | null = null;
    for (const i of compared) {
      const counts = countsOf(code.id, i);
      if (counts === null) continue;
      rows.push(rowOf(code.name, scope.sources[i]!.id, counts));
      if (pooled === null) pooled = emptyCounts(coders);
      addInto(pooled, counts);
    }
    if (pooled === null) continue;
    rows.push(rowOf(code.name, null, pooled));
    overall = addCounts(overall, pooled);
  }
  rows.push(rowOf(null, null, overall));
  return rows;
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
  const count = counter(scope, unit, o.coders, coderOf);
  const rows = rowsOf(scope, o.coders.length, compared, (codeId, i) => {
    const run = runs.get(codeId)?.get(i);
    return run === undefined ? null : count(i, run[0], run[1]);
  }, (codeId) => runs.has(codeId));
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
  const overall = r.rows[r.rows.length - 1]!;
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
  const rows = r.rows.map((x) => ({
    code: x.code ?? 'all codes', source: x.source ?? 'all sources', units: x.units, both: x.both, onlyA: x.onlyA, onlyB: x.onlyB,
    neither: x.neither, agreementPct: x.agreementPct, kappa: x.kappa, alpha: x.alpha,
  }));
  const reasons = new Set<string>();
  for (const x of r.rows) {
    if (two && x.kappaReason !== undefined) reasons.add(x.kappaReason);
    if (x.alphaReason !== undefined) reasons.add(x.alphaReason);
  }
  const paragraphs = [
    `Coders ${r.coders.join(', ')}; ${r.sources.length} source(s) compared (listed below with each coder's codings there); units: ${UNIT_WORDS[r.unit]}. Each code is compared on its own codings (not its sub-codes'), in each source where any of the coders applied it; "all sources" sums a code's tables, "all codes" sums every code's.`,
    two
      ? 'Agreement % = (both + neither) ÷ units; kappa = Cohen\'s kappa of the 2×2 table; alpha = Krippendorff\'s nominal alpha over the same units.'
      : `Agreement % = units on which all ${r.coders.length} coders agree (all coded or none did) ÷ units; alpha = Krippendorff's nominal alpha; ${KAPPA_TWO_CODERS}.`,
  ];
  if (reasons.size > 0) paragraphs.push(`Empty cells: ${[...reasons].join('; ')}.`);
  return { title: `Agreement between ${r.coders.join(' and ')}`, data: r, tables: [{ table: { columns, rows } }, comparedTable(r.compared, r.coders)], paragraphs };
}
