import { describe, expect, it } from 'vitest';
import { fleissKappa } from '../../../src/core/stats/index.js';
import { expectNoNaN, expectNullWithReason } from './finite.js';

describe("Fleiss' kappa", () => {
  // Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories; reported
  // P̄ = 0.378, P̄e = 0.213, κ = 0.210 (statsmodels' test_fleiss_kappa uses the same table).
  // By hand: Σ_i P_i = 3.7802… → P̄ = 172/455 = 0.3780219780…; column totals 20, 28, 39, 21, 32
  // of 140 → P̄e = (20² + 28² + 39² + 21² + 32²)/140² = 4170/19600 = 0.2127551020…;
  // κ = (P̄ − P̄e)/(1 − P̄e) = 4211/20059 = 0.2099307044….
  const wikipedia = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  it('Wikipedia example → P̄ 0.378, P̄e 0.213, κ 0.210', () => {
    const result = fleissKappa(wikipedia);
    expect(result.meanAgreement).toBeCloseTo(0.378, 3);
    expect(result.chanceAgreement).toBeCloseTo(0.213, 3);
    expect(result.value).toBeCloseTo(0.21, 3);
    expect(result.meanAgreement).toBeCloseTo(172 / 455, 12);
    expect(result.chanceAgreement).toBeCloseTo(417 / 1960, 12);
    expect(result.value).toBeCloseTo(4211 / 20059, 12);
    expect(result).toMatchObject({ subjects: 10, raters: 14 });
  });

  // Fleiss (1971), "Measuring nominal scale agreement among many raters", Psychol. Bull. 76:378–382,
  // Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses (depression, personality disorder,
  // schizophrenia, neurosis, other); published κ = .430. The ratings are R irr's `diagnoses` as
  // stored in statsmodels' test_inter_rater.py, whose kappam.fleiss output is 0.4302445 and whose
  // category totals are 26, 26, 30, 55, 43 (checked below). Exactly 5437/12637.
  const diagnoses = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
  ];
  it('Fleiss (1971) Table 1 → κ .430 (irr 0.4302445)', () => {
    const counts = diagnoses.map((ratings) => [1, 2, 3, 4, 5].map((d) => ratings.filter((r) => r === d).length));
    expect([0, 1, 2, 3, 4].map((j) => counts.reduce((s, row) => s + row[j], 0))).toEqual([26, 26, 30, 55, 43]);
    const result = fleissKappa(counts);
    expect(result.value).toBeCloseTo(0.43, 3);
    expect(result.value).toBeCloseTo(0.4302445, 7);
    expect(result.value).toBeCloseTo(5437 / 12637, 12);
  });

  it('undefined cases: null with a reason, never NaN', () => {
    const cases = [
      fleissKappa([]),
      fleissKappa([[3, 0], [2, 0]]), // raters differ
      fleissKappa([[1, 0], [0, 1]]), // one rater
      fleissKappa([[4, 0], [4, 0]]), // every rating one category
      fleissKappa([[0, 0], [0, 0]]), // no raters
    ];
    for (const result of cases) {
      expectNullWithReason(result);
      expectNoNaN(result);
    }
    expect(cases[1].reason).toMatch(/same number of raters/);
    expect(cases[3].reason).toMatch(/chance agreement is 1/);
  });

  it('counts must be whole numbers ≥ 0 in rows of one length', () => {
    expect(() => fleissKappa([[1, 1], [1]])).toThrow(RangeError);
    expect(() => fleissKappa([[1.5, 0.5]])).toThrow(RangeError);
    expect(() => fleissKappa([[-1, 3]])).toThrow(RangeError);
  });
});
