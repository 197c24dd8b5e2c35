import type { PairableUnit, ReliabilityValue } from './reliability-data.js';

/**
 * Krippendorff's coincidence matrix over the values that occur in pairable units.
 * o_ck = Σ_u (number of ordered pairs of values c, k from different coders in u) / (m_u − 1)
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", §C); n_c = Σ_k o_ck is how
 * often value c was pairable, and n = Σ_c n_c the number of pairable values.
 */
export interface CoincidenceMatrix {
  /** The values, in the order of the matrix's rows and columns. */
  values: ReliabilityValue[];
  /** o[c][k], symmetric. */
  matrix: number[][];
  /** n_c, the row totals (= how many pairable values are c). */
  totals: number[];
  /** n, the number of pairable values. */
  n: number;
}

/** Builds the coincidence matrix of `units` with rows and columns in the order of `values`. */
export function coincidenceMatrix(units: readonly PairableUnit[], values: readonly ReliabilityValue[]): CoincidenceMatrix {
  const index = new Map<ReliabilityValue, number>();
  values.forEach((v, i) => index.set(v, i));
  const matrix = values.map(() => values.map(() => 0));
  const totals = values.map(() => 0);
  for (const { values: unitValues } of units) {
    const m = unitValues.length;
    if (m < 2) continue;
    // n_uc: how many coders gave value c in this unit.
    const counts = new Map<number, number>();
    for (const v of unitValues) {
      const i = index.get(v);
      if (i === undefined) throw new RangeError(`coincidence matrix: value ${JSON.stringify(v)} is not among the values`);
      counts.set(i, (counts.get(i) ?? 0) + 1);
      totals[i] += 1; // n_c counted, not summed from fractions: exact
    }
    // Ordered pairs of different coders: n_uc n_uk for c ≠ k, n_uc (n_uc − 1) for c = k.
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        matrix[c][k] += (c === k ? nc * (nc - 1) : nc * nk) / (m - 1);
      }
    }
  }
  return { values: [...values], matrix, totals, n: totals.reduce((s, x) => s + x, 0) };
}

/** The distinct values of `units`: numbers ascending, then strings in code-unit order. */
export function distinctValues(units: readonly PairableUnit[]): ReliabilityValue[] {
  const seen = new Set<ReliabilityValue>();
  for (const u of units) for (const v of u.values) seen.add(v);
  const numbers = [...seen].filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
  const strings = [...seen].filter((v): v is string => typeof v === 'string').sort();
  return [...numbers, ...strings];
}
