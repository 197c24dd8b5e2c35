/**
 * `qcode report saturation`: codes first seen per interview, their cumulative count, and
 * the saturation assessment of Guest, Namey & Chen (2020) over it (core/saturation.ts).
 */
import { CODING_FIELDS, F_CODE } from '../../core/span-index.js';
import { UsageError } from '../../core/errors.js';
import { assessSaturation, firstSeen, GUEST_DEFAULTS, saturationNotation, type SaturationAssessment, type SaturationRun } from '../../core/saturation.js';
import { compareFolded, naturalRanks } from '../../core/sort.js';
import { waveLabel } from '../../core/quotes.js';
import type { ReportView } from '../../format/report.js';
import { renderSvgCurve } from '../../format/svg-curve.js';
import { roundFixed, type Column } from '../../format/table-shape.js';
import type { ReportScope, ScopedSource } from '../report-scope.js';
import { undatedOrder } from './missing-metadata.js';

export interface SaturationOptions {
  base?: number;
  run?: number;
  /** New information in %, e.g. 5 for Guest et al.'s ≤ 5%. */
  threshold?: number;
}

export interface SaturationSource {
  /** Position in interview order, 1-based. */
  index: number;
  source: string;
  case: string;
  wave: string;
  date: string | null;
  /** Codes first seen in this interview, by name. */
  newCodes: string[];
  new: number;
  cumulative: number;
}

export interface SaturationReport {
  base: number;
  run: number;
  threshold: number;
  /** Unique codes in the base interviews. */
  baseCodes: number;
  sources: SaturationSource[];
  /** Interviews in scope without a date, and how they were ordered. */
  undated: number;
  order: string;
  runs: SaturationRun[];
  saturation: {
    reached: boolean;
    /** The last interview of the saturating run. */
    at: string | null;
    index: number | null;
    pct: number | null;
    /** Guest et al.'s "N+run". */
    notation: string | null;
    message: string;
  };
}

/**
 * Interviews in order of wave, then date (undated after dated), then id; a code is seen in
 * an interview where it has a coding of its own (not through a descendant), by a coder in
 * scope; only the codes the report shows count.
 */
export function saturationReport(scope: ReportScope, o: SaturationOptions = {}): SaturationReport {
  const p = checkParams(o);
  const order = interviewOrder(scope.sources);
  const names = new Map(scope.codes.map((c) => [c.id, c.name]));
  const fresh = firstSeenCodes(order.map(({ i }) => scope.packed[i]!), scope.shown);
  const a = assessSaturation(fresh.map((f) => f.length), p);
  const sources = order.map(({ s }, k) => ({
    index: k + 1, source: s.id, case: s.case, wave: s.wave, date: s.date,
    newCodes: fresh[k]!.map((id) => names.get(id)!).sort(compareFolded),
    new: fresh[k]!.length,
    cumulative: a.cumulative[k]!,
  }));
  const at = a.at === null ? null : sources[a.at.to - 1]!;
  return {
    ...p,
    baseCodes: a.baseCodes,
    sources,
    undated: sources.filter((x) => x.date === null).length,
    order: undatedOrder(sources.filter((x) => x.date === null).length, sources.length),
    runs: a.runs,
    saturation: {
      reached: a.outcome === 'reached',
      at: at?.source ?? null,
      index: at?.index ?? null,
      pct: a.at?.pct ?? null,
      notation: a.at === null ? null : saturationNotation(a.at),
      message: message(a, p, sources.length),
    },
  };
}

function checkParams(o: SaturationOptions): { base: number; run: number; threshold: number } {
  const base = o.base ?? GUEST_DEFAULTS.base;
  const run = o.run ?? GUEST_DEFAULTS.run;
  const threshold = o.threshold ?? GUEST_DEFAULTS.threshold;
  if (!Number.isInteger(base) || base < 1) throw new UsageError(`--base ${base}: give a whole number of interviews, at least 1 (Guest et al. use 4)`);
  if (!Number.isInteger(run) || run < 1) throw new UsageError(`--run ${run}: give a whole number of interviews, at least 1 (Guest et al. use 2 or 3)`);
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 100) throw new UsageError(`--threshold ${threshold}: give a percentage from 0 to 100 (Guest et al. use 5 or 0)`);
  return { base, run, threshold };
}

/** The sources in order of wave, then date (undated after dated), then id, each in natural order (ranked once). */
function interviewOrder(sources: readonly ScopedSource[]): { s: ScopedSource; i: number }[] {
  const wave = naturalRanks(sources.map((s) => s.wave));
  const date = naturalRanks(sources.map((s) => s.date ?? ''));
  const id = naturalRanks(sources.map((s) => s.id));
  const undated = (i: number): number => (sources[i]!.date === null ? 1 : 0);
  return sources
    .map((_, i) => i)
    .sort((a, b) => wave[a]! - wave[b]! || undated(a) - undated(b) || (undated(a) === 1 ? 0 : date[a]! - date[b]!) || id[a]! - id[b]!)
    .map((i) => ({ s: sources[i]!, i }));
}

/**
 * The shown codes first seen in each interview (packed codings in interview order), each
 * interview's in ascending id. Packed codings are sorted by code, so each code's run is
 * looked at once; once every shown code has been seen, the remaining interviews are not read.
 */
function firstSeenCodes(packedInOrder: readonly Int32Array[], shown: ReadonlySet<number>): number[][] {
  return firstSeen(packedInOrder.map((packed) => shownCodesOf(packed, shown)), shown.size);
}

/** The distinct shown codes of packed codings (sorted by code), in ascending id, read as they are asked for. */
function* shownCodesOf(packed: Int32Array, shown: ReadonlySet<number>): Generator<number> {
  for (let o = F_CODE; o < packed.length; o += CODING_FIELDS) {
    const codeId = packed[o]!;
    if (o > F_CODE && packed[o - CODING_FIELDS] === codeId) continue;
    if (shown.has(codeId)) yield codeId;
  }
}

const pct1 = (v: number): string => roundFixed(v, 1);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function message(a: SaturationAssessment, p: { base: number; run: number; threshold: number }, interviews: number): string {
  const base = `the base of ${plural(p.base, 'interview')} (${plural(a.baseCodes, 'code')})`;
  switch (a.outcome) {
    case 'reached': {
      const r = a.at!;
      return `Saturation reached at interview ${r.to} (${saturationNotation(r)}), with ${pct1(r.pct!)}% new information in the run of interviews ${r.from}–${r.to}: ${plural(r.new, 'new code')} against ${base}; threshold ≤ ${p.threshold}%.`;
    }
    case 'not-reached': {
      const low = a.runs.reduce((m, r) => (r.new < m.new ? r : m));
      return `Saturation not reached: no run of ${plural(p.run, 'interview')} after ${base} brought ≤ ${p.threshold}% new information; the lowest was ${pct1(low.pct!)}% (interviews ${low.from}–${low.to}).`;
    }
    case 'too-few-interviews':
      return `Saturation not assessed: ${plural(interviews, 'interview')} in scope, fewer than the base of ${p.base} plus one run of ${p.run}.`;
    case 'empty-base':
      return `Saturation not assessed: ${p.base === 1 ? 'the first interview has' : `the first ${p.base} interviews have`} no codings, so new information has no base to be measured against.`;
  }
}

/** Interviews and runs as tables, the assessment as prose, the cumulative curve as a figure (`withCurve`: html and svg draw it). */
export function saturationView(r: SaturationReport, withCurve = true): ReportView {
  const columns: Column[] = [
    { key: 'index', header: '#', align: 'right' },
    { key: 'source', header: 'source' },
    { key: 'case', header: 'case' },
    { key: 'wave', header: 'wave' },
    { key: 'date', header: 'date' },
    { key: 'new', header: 'new', align: 'right' },
    { key: 'cumulative', header: 'cumulative', align: 'right' },
    { key: 'newCodes', header: 'codes first seen', wrap: true },
  ];
  const rows = r.sources.map((s) => ({ index: s.index, source: s.source, case: s.case, wave: waveLabel(s.wave), date: s.date, new: s.new, cumulative: s.cumulative, newCodes: s.newCodes.join('; ') }));
  const runColumns: Column[] = [
    { key: 'interviews', header: 'interviews' },
    { key: 'new', header: 'new', align: 'right' },
    { key: 'pct', header: 'new %', align: 'right', decimals: 1 },
    { key: 'saturated', header: `≤ ${r.threshold}%` },
  ];
  const runRows = r.runs.map((x) => ({ interviews: `${x.from}–${x.to}`, new: x.new, pct: x.pct, saturated: x.pct === null ? '' : x.new * 100 <= r.threshold * r.baseCodes ? 'yes' : 'no' }));
  const s = r.saturation;
  return {
    title: 'Thematic saturation',
    data: r,
    tables: [
      { table: { columns, rows } },
      { title: `Runs of ${r.run} interviews after a base of ${r.base}`, table: { columns: runColumns, rows: runRows } },
    ],
    paragraphs: [
      s.message,
      `Method: Guest, Namey & Chen (2020), PLoS ONE 15(5): e0232076. Interviews in order of wave, date and id; a code is first seen in the first interview where it has a coding of its own. Base: the unique codes of the first ${r.base} interviews (${r.baseCodes}). Runs: ${r.run} consecutive interviews after the base, moving one interview at a time. New information: codes first seen in the run ÷ base codes × 100; saturation at the first run with ≤ ${r.threshold}%. ${r.order}`,
    ],
    // The curve only where it is drawn (html, svg): a few milliseconds of a report's ~70.
    svg: !withCurve ? undefined : renderSvgCurve(
      r.sources.map((x) => ({ x: x.index, y: x.cumulative, label: x.source })),
      { xLabel: 'interview', yLabel: 'codes (cumulative)', markX: s.index, markLabel: s.notation === null ? undefined : `saturation (${s.notation})` },
    ),
  };
}
