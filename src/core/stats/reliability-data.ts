/** One coder's value for one unit: a category name or a number. */
export type ReliabilityValue = string | number;

/**
 * Krippendorff's "reliability data" matrix (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability", §B–C): `values[coder][unit]`, with null where that coder did not code the
 * unit. Values are compared with `===` (Map keys): the number 1 and the string "1" differ.
 */
export interface ReliabilityData {
  coders: string[];
  units: string[];
  values: (ReliabilityValue | null)[][];
}

/** A unit with the non-missing values its coders gave it. */
export interface PairableUnit {
  unit: string;
  values: ReliabilityValue[];
}

/** Throws a RangeError unless `values` is coders × units and every number is finite. */
export function assertReliabilityData(data: ReliabilityData): void {
  if (data.values.length !== data.coders.length) {
    throw new RangeError(`reliability data: ${data.coders.length} coders but ${data.values.length} rows of values`);
  }
  data.values.forEach((row, c) => {
    if (row.length !== data.units.length) {
      throw new RangeError(`reliability data: coder ${data.coders[c]} has ${row.length} values for ${data.units.length} units`);
    }
    row.forEach((v, u) => {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw new RangeError(`reliability data: coder ${data.coders[c]}, unit ${data.units[u]}: ${v} is not a value (use null for missing)`);
      }
    });
  });
}

/**
 * The units that at least two coders coded, each with its non-missing values. Units with fewer
 * than two values cannot be paired and carry no information about agreement; Krippendorff (2011)
 * drops them before building the coincidence matrix, and so does every coefficient here.
 */
export function pairableUnits(data: ReliabilityData): PairableUnit[] {
  assertReliabilityData(data);
  const out: PairableUnit[] = [];
  data.units.forEach((unit, u) => {
    const values: ReliabilityValue[] = [];
    for (const row of data.values) {
      const v = row[u];
      if (v !== null) values.push(v);
    }
    if (values.length >= 2) out.push({ unit, values });
  });
  return out;
}

/** n in Krippendorff (2011): the number of values in pairable units, Σ_u m_u over m_u ≥ 2. */
export function pairableValueCount(data: ReliabilityData): number {
  return pairableUnits(data).reduce((s, u) => s + u.values.length, 0);
}
