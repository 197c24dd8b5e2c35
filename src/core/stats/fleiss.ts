import { finiteOrNull, type Coefficient } from './coefficient.js';

export interface FleissResult extends Coefficient {
  /** P̄, the mean over subjects of the proportion of agreeing rater pairs. */
  meanAgreement: number | null;
  /** P̄e = Σ_j p_j², chance agreement from the overall category proportions. */
  chanceAgreement: number | null;
  subjects: number;
  /** Raters per subject (the same for every subject), or null when they differ. */
  raters: number | null;
}

/**
 * Fleiss' kappa for a fixed number n of raters per subject, not necessarily the same raters
 * (Fleiss 1971, "Measuring nominal scale agreement among many raters", Psychol. Bull.
 * 76:378–382, eqs. 2–9): `counts[i][j]` is how many raters put subject i in category j;
 * P_i = (Σ_j n_ij² − n) / (n(n − 1)), P̄ = mean P_i, p_j = Σ_i n_ij / (N n), P̄e = Σ_j p_j²,
 * κ = (P̄ − P̄e) / (1 − P̄e). With two raters it is Scott's pi, not Cohen's kappa.
 *
 * Null with a reason when there are no subjects, subjects have different numbers of raters,
 * fewer than two raters, or P̄e = 1 (every rating is one category).
 */
export function fleissKappa(counts: readonly (readonly number[])[]): FleissResult {
  const subjects = counts.length;
  const none = (reason: string, raters: number | null): FleissResult => ({
    value: null,
    reason,
    meanAgreement: null,
    chanceAgreement: null,
    subjects,
    raters,
  });
  if (subjects === 0) return none('no subjects', null);
  const k = counts[0].length;
  counts.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`fleissKappa: subject ${i} has ${row.length} categories, expected ${k}`);
    row.forEach((x, j) => {
      if (!Number.isInteger(x) || x < 0) {
        throw new RangeError(`fleissKappa: counts[${i}][${j}] must be a whole number ≥ 0 (got ${String(x)})`);
      }
    });
  });
  const perSubject = counts.map((row) => row.reduce((s, x) => s + x, 0));
  const n = perSubject[0];
  const odd = perSubject.findIndex((m) => m !== n);
  if (odd >= 0) {
    return none(`Fleiss' kappa needs the same number of raters for every subject: subject 0 has ${n}, subject ${odd} has ${perSubject[odd]}`, null);
  }
  if (n < 2) return none(`Fleiss' kappa needs at least 2 raters per subject (got ${n})`, n);
  const meanAgreement =
    counts.reduce((s, row) => s + (row.reduce((t, x) => t + x * x, 0) - n) / (n * (n - 1)), 0) / subjects;
  const totals = Array.from({ length: k }, (_, j) => counts.reduce((s, row) => s + row[j], 0));
  const all = subjects * n;
  const sumSquares = totals.reduce((s, t) => s + t * t, 0); // integers: exact
  const chanceAgreement = sumSquares / (all * all);
  if (sumSquares === all * all) {
    return { ...none('chance agreement is 1 (every rating is the same category): kappa is undefined', n), meanAgreement, chanceAgreement };
  }
  const value = (meanAgreement - chanceAgreement) / (1 - chanceAgreement);
  return { value: finiteOrNull(value), meanAgreement, chanceAgreement, subjects, raters: n };
}
