import { finiteOrNull, type Coefficient } from './coefficient.js';
import { assertSquareTable, marginals } from './contingency-table.js';

export interface PiResult extends Coefficient {
  /** p_o, the proportion of units on the diagonal. */
  observedAgreement: number | null;
  /** p_e = Σ_k ((r_k + c_k) / 2N)², chance agreement from the pooled marginals. */
  chanceAgreement: number | null;
  /** Units in the table. */
  total: number;
}

/**
 * Scott's pi for two coders from a square confusion matrix: π = (p_o − p_e) / (1 − p_e) with
 * p_e from the two coders' pooled category proportions, i.e. assuming both draw from one
 * distribution (Scott 1955, "Reliability of content analysis: the case of nominal scale coding",
 * Public Opinion Quarterly 19:321–325; notation of Artstein & Poesio 2008, §2.3). Unlike Cohen's
 * kappa it is symmetric in how the coders' marginals differ.
 *
 * Null with a reason when the table is empty or p_e = 1 (every code, of both coders, is one
 * category). The test for p_e = 1 is exact: 1 − p_e = ((2N)² − Σ (r_k + c_k)²) / (2N)².
 */
export function scottPi(table: readonly (readonly number[])[]): PiResult {
  assertSquareTable(table);
  const { rows, columns, total } = marginals(table);
  if (total === 0) return { value: null, reason: 'no units: the table is empty', observedAgreement: null, chanceAgreement: null, total };
  const agree = table.reduce((s, row, i) => s + row[i], 0);
  const pooledSquares = rows.reduce((s, r, k) => s + (r + columns[k]) ** 2, 0);
  const twoN = 2 * total;
  const observedAgreement = agree / total;
  const chanceAgreement = pooledSquares / (twoN * twoN);
  const headroom = twoN * twoN - pooledSquares; // (2N)² (1 − p_e)
  if (headroom <= 0) {
    return {
      value: null,
      reason: 'chance agreement is 1 (every code of both coders is the same category): pi is undefined',
      observedAgreement,
      chanceAgreement,
      total,
    };
  }
  const value = ((observedAgreement - chanceAgreement) * twoN * twoN) / headroom;
  return { value: finiteOrNull(value), observedAgreement, chanceAgreement, total };
}
