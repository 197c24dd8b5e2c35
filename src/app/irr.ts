/**
 * `qcode irr FILE`: agreement on a reliability-data table (coders × units, missing values
 * allowed), the figures researchers also get from ReCal or R's irr. No project needed.
 *
 * Units with fewer than two values are not pairable and are dropped first (Krippendorff 2011);
 * every figure is over the pairable units:
 *   percentAgreement  pairwise: over all pairs of values within a unit, the share of equal
 *                     pairs, pooled over units (Σ_u Σ_c n_uc(n_uc − 1)/2 ÷ Σ_u m_u(m_u − 1)/2)
 *   alpha             Krippendorff's alpha at each level asked for
 *   cohenKappa        two coders only, over the units both coded (weights none|linear|quadratic
 *                     by category position, as irr's kappa2)
 *   scottPi           two coders only, over the units both coded
 *   fleissKappa       when every pairable unit has the same number of values
 */
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import {
  cohenKappaFromPairs, fleissKappa, krippendorffAlpha, pairableUnits, scottPi,
  type Coefficient, type KappaWeights, type MeasurementLevel, type ReliabilityData, type ReliabilityValue,
} from '../core/stats/index.js';
import type { TableData } from '../format/table-shape.js';
import { readReliabilityFile, type ReliabilityReadOptions, type ReliabilityTable } from '../io/reliability-file.js';

export const LEVELS: readonly MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

export interface IrrOptions extends ReliabilityReadOptions {
  /** Levels of alpha to compute (default: all four). */
  levels?: readonly MeasurementLevel[];
  weights?: Exclude<KappaWeights, readonly (readonly number[])[]>;
  /** The order of text values, lowest first, for ordinal alpha and weighted kappa. */
  order?: readonly string[];
}

export interface IrrResult {
  coders: string[];
  /** Pairable units (coded by at least two coders). */
  units: number;
  /** Units in the file, pairable or not. */
  unitsInFile: number;
  pairableValues: number;
  percentAgreement: number | null;
  alpha: Partial<Record<MeasurementLevel, number | null>>;
  cohenKappa: number | null;
  weights: string;
  fleissKappa: number | null;
  scottPi: number | null;
  /** Why a figure is null. */
  notes: { percentAgreement?: string; alpha?: Partial<Record<MeasurementLevel, string>>; cohenKappa?: string; fleissKappa?: string; scottPi?: string };
}

/** Reads FILE (relative to `cwd`) and computes the figures. */
export function irrFile(cwd: string, file: string, o: IrrOptions = {}): IrrResult {
  return irrStatistics(readReliabilityFile(resolve(cwd, file), file, o), o);
}

/** The figures of a reliability table whose values are all numbers (then numeric) or text. */
export function irrStatistics(table: ReliabilityTable, o: IrrOptions = {}): IrrResult {
  const data = typedData(table);
  const numeric = data.values.every((row) => row.every((v) => v === null || typeof v === 'number'));
  const order = o.order === undefined ? undefined : typedOrder(o.order, numeric);
  const units = pairableUnits(data);
  const notes: IrrResult['notes'] = {};
  const out: IrrResult = {
    coders: [...data.coders], units: units.length, unitsInFile: data.units.length,
    pairableValues: units.reduce((n, u) => n + u.values.length, 0),
    percentAgreement: null, alpha: {}, cohenKappa: null, weights: o.weights ?? 'none', fleissKappa: null, scottPi: null, notes,
  };
  const keep = (c: Coefficient, note: (reason: string) => void): number | null => {
    if (c.value === null) note(c.reason ?? 'undefined for these data');
    return c.value;
  };
  out.percentAgreement = keep(pairwiseAgreement(units.map((u) => u.values)), (r) => (notes.percentAgreement = r));
  for (const level of o.levels ?? LEVELS) {
    out.alpha[level] = keep(alphaAt(data, level, numeric, order), (r) => ((notes.alpha ??= {})[level] = r));
  }
  const pairs = twoCoderPairs(data);
  const notTwo = (name: string): Coefficient => ({ value: null, reason: `${name} is for two coders; there are ${data.coders.length} (see alpha and Fleiss' kappa)` });
  out.cohenKappa = keep(pairs === null ? notTwo("Cohen's kappa") : kappaOf(pairs.a, pairs.b, o.weights ?? 'none', numeric, order), (r) => (notes.cohenKappa = r));
  out.scottPi = keep(pairs === null ? notTwo("Scott's pi") : piOf(pairs.a, pairs.b), (r) => (notes.scottPi = r));
  out.fleissKappa = keep(fleissOf(units.map((u) => u.values)), (r) => (notes.fleissKappa = r));
  return out;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Numbers when every value is one; otherwise every value stays text. */
function typedData(t: ReliabilityTable): ReliabilityData {
  const numeric = t.cells.every((row) => row.every((v) => v === null || NUMBER.test(v)));
  return { coders: t.coders, units: t.units, values: t.cells.map((row) => row.map((v) => (v === null || !numeric ? v : Number(v)))) };
}

function typedOrder(order: readonly string[], numeric: boolean): ReliabilityValue[] {
  if (!numeric) return [...order];
  const bad = order.find((v) => !NUMBER.test(v));
  if (bad !== undefined) throw new InputError(`--order: ${JSON.stringify(bad)} is not a number, but the values are numbers`);
  return order.map(Number);
}

function pairwiseAgreement(units: readonly ReliabilityValue[][]): Coefficient {
  let agree = 0;
  let pairs = 0;
  for (const values of units) {
    const counts = new Map<ReliabilityValue, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const n of counts.values()) agree += (n * (n - 1)) / 2;
    pairs += (values.length * (values.length - 1)) / 2;
  }
  return pairs === 0 ? { value: null, reason: 'no pairable units: no unit was coded by two or more coders' } : { value: (agree / pairs) * 100 };
}

function alphaAt(data: ReliabilityData, level: MeasurementLevel, numeric: boolean, order?: readonly ReliabilityValue[]): Coefficient {
  if (!numeric && (level === 'interval' || level === 'ratio')) {
    const text = data.values.flat().find((v) => v !== null);
    return { value: null, reason: `${level} alpha needs numbers; the values are text (e.g. ${JSON.stringify(text)})` };
  }
  if (!numeric && level === 'ordinal' && order === undefined) return { value: null, reason: 'ordinal alpha needs numbers or the order of the values: give --order, lowest first' };
  if (level === 'ratio') {
    const negative = data.values.flat().find((v) => typeof v === 'number' && v < 0);
    if (negative !== undefined) return { value: null, reason: `ratio alpha needs values ≥ 0 (got ${negative})` };
  }
  return krippendorffAlpha(data, level, level === 'ordinal' ? { order } : {});
}

/** The two coders' values on the units both coded; null unless there are two coders. */
function twoCoderPairs(data: ReliabilityData): { a: ReliabilityValue[]; b: ReliabilityValue[] } | null {
  if (data.coders.length !== 2) return null;
  const [x, y] = data.values as [(ReliabilityValue | null)[], (ReliabilityValue | null)[]];
  const a: ReliabilityValue[] = [];
  const b: ReliabilityValue[] = [];
  x.forEach((v, u) => {
    if (v !== null && y[u] !== null) {
      a.push(v);
      b.push(y[u]!);
    }
  });
  return { a, b };
}

function kappaOf(a: ReliabilityValue[], b: ReliabilityValue[], weights: KappaWeights, numeric: boolean, order?: readonly ReliabilityValue[]): Coefficient {
  if (a.length === 0) return { value: null, reason: 'no unit was coded by both coders' };
  if (!numeric && order === undefined && weights !== 'none') return { value: null, reason: `${String(weights)} weights need ordered values; the values are text: give --order, lowest first` };
  const present = new Set([...a, ...b]);
  const missing = [...present].find((v) => order !== undefined && !order.includes(v));
  if (missing !== undefined) throw new InputError(`--order: value ${JSON.stringify(missing)} is missing from the order`);
  return cohenKappaFromPairs(a, b, weights, order?.filter((v) => present.has(v)));
}

function piOf(a: ReliabilityValue[], b: ReliabilityValue[]): Coefficient {
  if (a.length === 0) return { value: null, reason: 'no unit was coded by both coders' };
  const cats = [...new Set([...a, ...b])];
  const index = new Map(cats.map((c, i) => [c, i]));
  const table = cats.map(() => cats.map(() => 0));
  a.forEach((v, u) => table[index.get(v)!]![index.get(b[u]!)!]! += 1);
  return scottPi(table);
}

function fleissOf(units: readonly ReliabilityValue[][]): Coefficient {
  if (units.length === 0) return { value: null, reason: 'no pairable units' };
  const sizes = units.map((u) => u.length);
  const [lo, hi] = [Math.min(...sizes), Math.max(...sizes)];
  if (lo !== hi) return { value: null, reason: `units have ${lo} to ${hi} values; Fleiss' kappa needs the same number of values in every unit` };
  const cats = [...new Set(units.flat())];
  const index = new Map(cats.map((c, i) => [c, i]));
  return fleissKappa(units.map((values) => {
    const row = cats.map(() => 0);
    for (const v of values) row[index.get(v)!]! += 1;
    return row;
  }));
}

/** One line per figure, 4 decimals, the reason beside a null. */
export function irrTable(r: IrrResult): TableData {
  const rows: TableData['rows'] = [
    { statistic: 'coders', value: String(r.coders.length), note: r.coders.join(', ') },
    { statistic: 'pairable units', value: String(r.units), note: `of ${r.unitsInFile} (units with fewer than two values are dropped)` },
    { statistic: 'pairable values', value: String(r.pairableValues), note: '' },
    { statistic: 'percent agreement', value: r.percentAgreement, note: r.notes.percentAgreement ?? 'pairwise, over pairs of values within units' },
  ];
  for (const level of LEVELS) {
    if (level in r.alpha) rows.push({ statistic: `Krippendorff's alpha, ${level}`, value: r.alpha[level], note: r.notes.alpha?.[level] ?? '' });
  }
  rows.push(
    { statistic: `Cohen's kappa${r.weights === 'none' ? '' : `, ${r.weights} weights`}`, value: r.cohenKappa, note: r.notes.cohenKappa ?? 'over the units both coded' },
    { statistic: "Scott's pi", value: r.scottPi, note: r.notes.scottPi ?? 'over the units both coded' },
    { statistic: "Fleiss' kappa", value: r.fleissKappa, note: r.notes.fleissKappa ?? '' },
  );
  return {
    columns: [{ key: 'statistic', header: 'statistic' }, { key: 'value', header: 'value', align: 'right', decimals: 4 }, { key: 'note', header: 'note', wrap: true }],
    rows,
  };
}
