import { InputError } from '../errors.js';
import { finiteOrNull, type Coefficient } from './coefficient.js';
import { assertSquareTable, marginals } from './contingency-table.js';

/**
 * Disagreement weights for Cohen's kappa. `'none'` is Cohen's (1960) unweighted kappa;
 * `'linear'` (|i − j|, Cicchetti & Allison 1971) and `'quadratic'` ((i − j)², Fleiss & Cohen
 * 1973) count the distance between category *positions* in the table's order, not between
 * the category values; a matrix gives Cohen's (1968) own ratio-scaled disagreement weights
 * v[i][j] for cell [i][j] (0 on the diagonal as a rule; need not be symmetric).
 */
export type KappaWeights = 'none' | 'linear' | 'quadratic' | readonly (readonly number[])[];

export interface KappaResult extends Coefficient {
  /** p_o, or for weighted kappa the weighted agreement Σ w·p with w = 1 − v / max v. */
  observedAgreement: number | null;
  /** p_e, the agreement expected from the two coders' own marginals (weighted likewise). */
  chanceAgreement: number | null;
  /** Units in the table (its grand total). */
  total: number;
}

/**
 * Cohen's kappa for two coders from a square confusion matrix (rows: coder A's category,
 * columns: coder B's, same category order).
 *
 * Unweighted: κ = (p_o − p_e) / (1 − p_e), p_e = Σ_k p_k· p_·k (Cohen 1960, "A coefficient of
 * agreement for nominal scales", Educ. Psychol. Meas. 20:37–46). Weighted: κ_w = 1 − q_o / q_e
 * with q_o = Σ v_ij p_ij and q_e = Σ v_ij p_i· p_·j (Cohen 1968, "Weighted kappa", Psychol. Bull.
 * 70:213–220); with v = 1 off the diagonal this is the unweighted kappa, which is how both are
 * computed here: q_e is a sum of non-negative terms, so "chance agreement is 1" (q_e = 0) is an
 * exact test, not a floating-point comparison with 1.
 *
 * Null with a reason when the table is empty or chance agreement is 1 (q_e = 0: e.g. both
 * coders put every unit in one and the same category).
 */
export function cohenKappa(table: readonly (readonly number[])[], weights: KappaWeights = 'none'): KappaResult {
  assertSquareTable(table);
  const v = disagreementWeights(table.length, weights);
  const { rows, columns, total } = marginals(table);
  if (total === 0) {
    return { value: null, reason: 'no units: the table is empty', observedAgreement: null, chanceAgreement: null, total };
  }
  let observed = 0; // Σ v_ij n_ij
  let expected = 0; // Σ v_ij r_i c_j
  for (let i = 0; i < table.length; i++) {
    for (let j = 0; j < table.length; j++) {
      observed += v[i][j] * table[i][j];
      expected += v[i][j] * rows[i] * columns[j];
    }
  }
  const qo = observed / total;
  const qe = expected / (total * total);
  const vMax = Math.max(...v.flat());
  const observedAgreement = vMax > 0 ? finiteOrNull(1 - qo / vMax) : null;
  const chanceAgreement = vMax > 0 ? finiteOrNull(1 - qe / vMax) : null;
  if (expected === 0) {
    return {
      value: null,
      reason: 'chance agreement is 1 (both coders used one and the same category for every unit): kappa is undefined',
      observedAgreement,
      chanceAgreement,
      total,
    };
  }
  return { value: finiteOrNull(1 - (total * observed) / expected), observedAgreement, chanceAgreement, total };
}

/**
 * Cohen's kappa from two coders' paired codes (a[i] and b[i] code the same unit). `categories`
 * fixes the category order (needed for linear/quadratic weights over string codes, and to count
 * scale points nobody used, which changes weighted kappa); without it the categories are the
 * values present, numbers ascending, then strings in code-unit order.
 */
export function cohenKappaFromPairs(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
  weights: KappaWeights = 'none',
  categories?: readonly (string | number)[],
): KappaResult {
  if (a.length !== b.length) {
    throw new RangeError(`cohenKappaFromPairs: coder A has ${a.length} codes, coder B ${b.length}; they must pair up`);
  }
  const order = categories ?? defaultOrder([...a, ...b], weights);
  if (order.length === 0) {
    return { value: null, reason: 'no units: no pairs of codes', observedAgreement: null, chanceAgreement: null, total: 0 };
  }
  const index = new Map<string | number, number>();
  order.forEach((c, i) => {
    if (index.has(c)) throw new RangeError(`cohenKappaFromPairs: category ${JSON.stringify(c)} is listed twice`);
    index.set(c, i);
  });
  const table = order.map(() => order.map(() => 0));
  a.forEach((x, u) => {
    const i = index.get(x);
    const j = index.get(b[u]);
    const missing = i === undefined ? x : b[u];
    if (i === undefined || j === undefined) {
      throw new InputError(`code ${JSON.stringify(missing)} is not one of the categories ${JSON.stringify(order)}`);
    }
    table[i][j] += 1;
  });
  return cohenKappa(table, weights);
}

function defaultOrder(values: readonly (string | number)[], weights: KappaWeights): (string | number)[] {
  const distinct = [...new Set(values)];
  const numbers = distinct.filter((x): x is number => typeof x === 'number').sort((x, y) => x - y);
  const strings = distinct.filter((x): x is string => typeof x === 'string').sort();
  if (strings.length > 0 && (weights === 'linear' || weights === 'quadratic')) {
    throw new InputError(`${weights} weights need ordered categories; the codes include text (${JSON.stringify(strings[0])})`, {
      hint: 'pass the categories in their order',
    });
  }
  return [...numbers, ...strings];
}

function disagreementWeights(k: number, weights: KappaWeights): number[][] {
  if (typeof weights !== 'string') {
    assertSquareTable(weights, 'kappa weights');
    if (weights.length !== k) throw new RangeError(`kappa weights: ${weights.length}×${weights.length}, but the table is ${k}×${k}`);
    return weights.map((row) => [...row]);
  }
  const d = (i: number, j: number): number => {
    if (weights === 'none') return i === j ? 0 : 1;
    if (weights === 'linear') return Math.abs(i - j);
    return (i - j) ** 2;
  };
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => d(i, j)));
}
