import { InputError } from '../errors.js';
import { finiteOrNull, type Coefficient } from './coefficient.js';
import { coincidenceMatrix, distinctValues } from './coincidence-matrix.js';
import { pairableUnits, type PairableUnit, type ReliabilityData, type ReliabilityValue } from './reliability-data.js';

/** Krippendorff's levels of measurement, each with its difference function δ². */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface AlphaOptions {
  /**
   * The ranks of the values for the ordinal level, lowest first; needed when the values are
   * text. Without it, ordinal values must be numbers and rank in numeric order. Other levels
   * ignore it.
   */
  order?: readonly ReliabilityValue[];
}

export interface AlphaResult extends Coefficient {
  level: MeasurementLevel;
  /** D_o = (1/n) Σ_c Σ_k o_ck δ²_ck. */
  observedDisagreement: number | null;
  /** D_e = (1/(n(n − 1))) Σ_c Σ_k n_c n_k δ²_ck. */
  expectedDisagreement: number | null;
  /** Units coded by at least two coders (the others are dropped). */
  pairableUnits: number;
  /** n, the number of values in pairable units. */
  pairableValues: number;
}

/**
 * Krippendorff's alpha, α = 1 − D_o / D_e, computed from the coincidence matrix exactly as
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability" (Annenberg School for
 * Communication Departmental Papers 43, University of Pennsylvania), §C–F:
 * α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck, with
 * nominal δ² = 0 if c = k else 1; ordinal δ²_ck = (Σ_{g=c}^{k} n_g − (n_c + n_k)/2)² over the
 * ranked values; interval δ² = (c − k)²; ratio δ² = ((c − k)/(c + k))².
 * Any number of coders, missing values allowed; units with fewer than two values are dropped.
 *
 * Null with a reason when there are fewer than 2 pairable values (no unit has two coders) or
 * D_e = 0 (no variation: every pairable value is the same). Throws an InputError when interval
 * or ratio values are not numbers, ratio values are negative, or ordinal values are text
 * without an `order`.
 */
export function krippendorffAlpha(data: ReliabilityData, level: MeasurementLevel, options: AlphaOptions = {}): AlphaResult {
  const units = pairableUnits(data);
  const values = orderedValues(units, level, options.order);
  const { matrix, totals, n } = coincidenceMatrix(units, values);
  const base = { level, pairableUnits: units.length, pairableValues: n };
  if (n < 2) {
    return {
      ...base,
      value: null,
      reason: 'fewer than 2 pairable values: no unit was coded by two or more coders',
      observedDisagreement: null,
      expectedDisagreement: null,
    };
  }
  const delta = differences(level, values, totals);
  let observedSum = 0; // Σ o_ck δ²_ck
  let expectedSum = 0; // Σ n_c n_k δ²_ck
  for (let c = 0; c < values.length; c++) {
    for (let k = 0; k < values.length; k++) {
      observedSum += matrix[c][k] * delta[c][k];
      expectedSum += totals[c] * totals[k] * delta[c][k];
    }
  }
  const observedDisagreement = observedSum / n;
  const expectedDisagreement = expectedSum / (n * (n - 1));
  if (expectedSum === 0) {
    return {
      ...base,
      value: null,
      reason: 'no variation: every pairable value is the same, so expected disagreement is 0',
      observedDisagreement,
      expectedDisagreement,
    };
  }
  const value = 1 - ((n - 1) * observedSum) / expectedSum;
  return { ...base, value: finiteOrNull(value), observedDisagreement, expectedDisagreement };
}

/** The values in the order the level needs, after checking they suit it. */
function orderedValues(units: readonly PairableUnit[], level: MeasurementLevel, order?: readonly ReliabilityValue[]): ReliabilityValue[] {
  const present = distinctValues(units);
  if (level === 'nominal') return present;
  if (level === 'ordinal' && order !== undefined) {
    const missing = present.find((v) => !order.includes(v));
    if (missing !== undefined) {
      throw new InputError(`ordinal alpha: value ${JSON.stringify(missing)} is not in the given order ${JSON.stringify(order)}`);
    }
    return order.filter((v) => present.includes(v));
  }
  const text = present.find((v) => typeof v === 'string');
  if (text !== undefined) {
    throw new InputError(`${level} alpha needs numeric values; got ${JSON.stringify(text)}`, {
      hint: level === 'ordinal' ? 'give the ranks of the values (order), or use the nominal level' : 'use the nominal or ordinal level for categories',
    });
  }
  if (level === 'ratio') {
    const negative = present.find((v) => (v as number) < 0);
    if (negative !== undefined) throw new InputError(`ratio alpha needs values ≥ 0; got ${negative}`);
  }
  return present;
}

/** δ²_ck for every pair of values, per Krippendorff (2011) §F. */
function differences(level: MeasurementLevel, values: readonly ReliabilityValue[], totals: readonly number[]): number[][] {
  // cumulative[i] = n_0 + … + n_{i−1}, for the ordinal sums Σ_{g=c}^{k} n_g.
  const cumulative = [0];
  totals.forEach((t, i) => cumulative.push(cumulative[i] + t));
  const delta = (c: number, k: number): number => {
    if (level === 'nominal') return c === k ? 0 : 1;
    if (level === 'ordinal') {
      const [lo, hi] = c <= k ? [c, k] : [k, c];
      return (cumulative[hi + 1] - cumulative[lo] - (totals[c] + totals[k]) / 2) ** 2;
    }
    const x = values[c] as number;
    const y = values[k] as number;
    if (level === 'interval') return (x - y) ** 2;
    return x + y === 0 ? 0 : ((x - y) / (x + y)) ** 2;
  };
  return values.map((_, c) => values.map((_, k) => delta(c, k)));
}
