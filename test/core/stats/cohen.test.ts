import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaFromPairs, percentAgreement } from '../../../src/core/stats/index.js';
import { InputError } from '../../../src/core/errors.js';
import { expectNoNaN, expectNullWithReason } from './finite.js';

describe('Cohen\'s kappa: Artstein & Poesio (2008), "Inter-coder agreement for computational linguistics", CL 34(4)', () => {
  // Table 1 as reproduced in scikit-learn's test_cohen_kappa ("the contingency matrix from Artstein
  // and Poesio (2008), Table 1: [[20, 20], [10, 50]]", asserting 0.348).
  // p_o = 70/100; marginals 40/60 (rows), 30/70 (columns); p_e = (40·30 + 60·70)/100² = 0.54;
  // κ = (0.70 − 0.54)/(1 − 0.54) = 0.16/0.46 = 8/23 = 0.3478260869…
  it('Table 1 [[20,20],[10,50]] → κ 0.348 (8/23)', () => {
    const result = cohenKappa([
      [20, 20],
      [10, 50],
    ]);
    expect(result.value).toBeCloseTo(0.348, 3);
    expect(result.value).toBeCloseTo(8 / 23, 12);
    expect(result.observedAgreement).toBeCloseTo(0.7, 12);
    expect(result.chanceAgreement).toBeCloseTo(0.54, 12);
    expect(result.total).toBe(100);
  });

  // Table 4 (three categories) as reproduced in scikit-learn's test ("Multiclass example: Artstein
  // and Poesio, Table 4", 0.8013): coder A 46/44/10, coder B 52/32/16, p_o = 88/100;
  // p_e = (46·52 + 44·32 + 10·16)/100² = 3960/10000; κ = (0.88 − 0.396)/0.604 = 121/151 = 0.8013245033…
  it('Table 4 [[46,0,0],[6,32,6],[0,0,10]] → κ 0.801 (121/151)', () => {
    const table = [
      [46, 0, 0],
      [6, 32, 6],
      [0, 0, 10],
    ];
    expect(cohenKappa(table).value).toBeCloseTo(0.8013, 4);
    expect(cohenKappa(table).value).toBeCloseTo(121 / 151, 12);
    // Orientation does not matter: transposing swaps the coders.
    const transposed = table.map((_, i) => table.map((row) => row[i]));
    expect(cohenKappa(transposed).value).toBeCloseTo(121 / 151, 12);
  });
});

describe('weighted kappa: Cohen (1968), "Weighted kappa", Psychol. Bull. 70:213–220, Table 1', () => {
  // Cohen's illustration as given in R psych's cohen.kappa examples ("data matrix taken from
  // Cohen"): proportions .44 .07 .09 / .05 .20 .05 / .01 .03 .06 of N = 200, disagreement weights
  // 0 1 3 / 1 0 6 / 3 6 0; "cohen reports .492 and .348", and kw = .353 for the non-symmetric
  // weights 0 1 4 / 1 0 6 / 2 2 0. As counts (× 200):
  const table = [
    [88, 14, 18],
    [10, 40, 10],
    [2, 6, 12],
  ];
  // κ: p_o = .70, rows .6 .3 .1, columns .5 .3 .2, p_e = .30 + .09 + .02 = .41, κ = .29/.59 = 29/59
  //    = 0.4915254237…
  it('unweighted κ = .492 (29/59)', () => {
    expect(cohenKappa(table).value).toBeCloseTo(0.492, 3);
    expect(cohenKappa(table).value).toBeCloseTo(29 / 59, 12);
  });
  // κ_w = 1 − Σ v p_o / Σ v p_e; Σ v p_o = 1(.07 + .05) + 3(.09 + .01) + 6(.05 + .03) = .90;
  // Σ v p_e = 1(.18 + .15) + 3(.12 + .05) + 6(.06 + .03) = 1.38; κ_w = 1 − .90/1.38 = 8/23 = 0.3478…
  it('κ_w with weights 0 1 3 / 1 0 6 / 3 6 0 = .348 (8/23)', () => {
    const weights = [
      [0, 1, 3],
      [1, 0, 6],
      [3, 6, 0],
    ];
    expect(cohenKappa(table, weights).value).toBeCloseTo(0.348, 3);
    expect(cohenKappa(table, weights).value).toBeCloseTo(8 / 23, 12);
  });
  // Non-symmetric: Σ v p_o = .07 + 4(.09) + .05 + 6(.05) + 2(.01) + 2(.03) = .86;
  // Σ v p_e = .18 + 4(.12) + .15 + 6(.06) + 2(.05) + 2(.03) = 1.33; κ_w = 1 − .86/1.33 = 47/133 = 0.3533…
  it('κ_w with non-symmetric weights 0 1 4 / 1 0 6 / 2 2 0 = .353 (47/133)', () => {
    const weights = [
      [0, 1, 4],
      [1, 0, 6],
      [2, 2, 0],
    ];
    expect(cohenKappa(table, weights).value).toBeCloseTo(0.353, 3);
    expect(cohenKappa(table, weights).value).toBeCloseTo(47 / 133, 12);
  });
});

describe('linear and quadratic weights against published software output', () => {
  // SAS PROC FREQ printout reproduced in statsmodels' test_inter_rater.py (table10): simple kappa
  // 0.4842, weighted kappa (Cicchetti–Allison = linear weights) 0.4701.
  it('SAS example [[0,4,1],[0,8,0],[0,1,5]]: κ 0.4842, linear κ_w 0.4701', () => {
    const table = [
      [0, 4, 1],
      [0, 8, 0],
      [0, 1, 5],
    ];
    expect(cohenKappa(table).value).toBeCloseTo(0.4842, 4);
    expect(cohenKappa(table, 'linear').value).toBeCloseTo(0.4701, 4);
  });

  // R irr::kappa2(anxiety[, 2:3], "unweighted" | "equal" | "squared") as recorded in statsmodels'
  // test_cohens_kappa_irr: −0.006289308, 0.1459075, 0.2520325. irr's weights are by category
  // position among the levels present (1, 2, 3, 4, 6: nobody used 5), which is what
  // cohenKappaFromPairs does without explicit categories.
  it('irr anxiety data, raters 2 and 3: unweighted, equal (linear), squared (quadratic)', () => {
    const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
    const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];
    expect(cohenKappaFromPairs(rater2, rater3).value).toBeCloseTo(-0.006289308, 8);
    expect(cohenKappaFromPairs(rater2, rater3, 'linear').value).toBeCloseTo(0.1459075, 7);
    expect(cohenKappaFromPairs(rater2, rater3, 'quadratic').value).toBeCloseTo(0.2520325, 7);
    // Counting the unused scale point 5 moves the weighted values (psych's "levels" example).
    expect(cohenKappaFromPairs(rater2, rater3, 'linear', [1, 2, 3, 4, 5, 6]).value).not.toBeCloseTo(0.1459075, 3);
  });

  // Cross-check with scikit-learn's test_cohen_kappa weighting example (computed there, not
  // published): A 46/44/10, B 50/40/10 → none 0.9315, linear 0.9412, quadratic 0.9541.
  it('scikit-learn weighting example [[46,0,0],[4,40,0],[0,0,10]]', () => {
    const table = [
      [46, 0, 0],
      [4, 40, 0],
      [0, 0, 10],
    ];
    expect(cohenKappa(table).value).toBeCloseTo(0.9315, 4);
    expect(cohenKappa(table, 'linear').value).toBeCloseTo(0.9412, 4);
    expect(cohenKappa(table, 'quadratic').value).toBeCloseTo(0.9541, 4);
  });
});

describe('weighted kappa identities (hand-computed)', () => {
  // A = 0 0 1 1 2 2, B = 0 1 1 2 2 2 (category positions as scores).
  // Quadratic κ_w = 1 − q_o/q_e with q_o = Σ(x − y)²/N = 2/6 and q_e = s_x² + s_y² + (x̄ − ȳ)²
  // = 2/3 + 5/9 + 1/9 = 4/3 (population variances): κ_w = 3/4, which is Lin's concordance
  // correlation 2 s_xy / (s_x² + s_y² + (x̄ − ȳ)²) = 2(1/2)/(4/3) (Fleiss & Cohen 1973: quadratic
  // κ_w is an intraclass-type correlation).
  // Linear: q_o = 2/6, q_e = Σ_i Σ_j |x_i − y_j| / 36 = 32/36, κ_w = 1 − 3/8 = 5/8.
  // Unweighted: p_o = 4/6, p_e = (2·1 + 2·2 + 2·3)/36 = 1/3, κ = 1/2.
  const a = [0, 0, 1, 1, 2, 2];
  const b = [0, 1, 1, 2, 2, 2];

  it('quadratic κ_w = concordance correlation = 3/4', () => {
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    const [mx, my] = [mean(a), mean(b)];
    const sxy = mean(a.map((x, i) => (x - mx) * (b[i] - my)));
    const sxx = mean(a.map((x) => (x - mx) ** 2));
    const syy = mean(b.map((y) => (y - my) ** 2));
    const ccc = (2 * sxy) / (sxx + syy + (mx - my) ** 2);
    expect(ccc).toBeCloseTo(0.75, 12);
    expect(cohenKappaFromPairs(a, b, 'quadratic').value).toBeCloseTo(ccc, 12);
  });

  it("linear κ_w = 5/8, unweighted 1/2, and 'none' is the unweighted kappa", () => {
    expect(cohenKappaFromPairs(a, b, 'linear').value).toBeCloseTo(5 / 8, 12);
    expect(cohenKappaFromPairs(a, b).value).toBeCloseTo(1 / 2, 12);
    expect(cohenKappaFromPairs(a, b, 'none').value).toBe(cohenKappaFromPairs(a, b).value);
    const unitWeights = [
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
    ];
    expect(cohenKappaFromPairs(a, b, unitWeights).value).toBeCloseTo(1 / 2, 12);
  });

  it('with two categories, linear and quadratic weights are the unweighted kappa', () => {
    const table = [
      [20, 20],
      [10, 50],
    ];
    expect(cohenKappa(table, 'linear').value).toBeCloseTo(8 / 23, 12);
    expect(cohenKappa(table, 'quadratic').value).toBeCloseTo(8 / 23, 12);
  });
});

describe('cohenKappa: undefined cases and bad input', () => {
  it('one category only: chance agreement 1 → null with a reason', () => {
    const result = cohenKappa([[12]]);
    expectNullWithReason(result);
    expect(result.reason).toMatch(/chance agreement is 1/);
    expectNoNaN(result);
    expectNullWithReason(cohenKappa([[0, 0], [0, 9]], 'quadratic'));
    expectNullWithReason(cohenKappaFromPairs(['x', 'x'], ['x', 'x']));
  });

  it('empty table or no pairs: null with a reason', () => {
    expectNullWithReason(cohenKappa([[0, 0], [0, 0]]));
    expectNullWithReason(cohenKappaFromPairs([], []));
    expectNullWithReason(cohenKappaFromPairs([], [], 'none', ['a', 'b']));
    expectNoNaN(cohenKappa([[0, 0], [0, 0]]));
  });

  it('total disagreement is −1 for a symmetric split, never NaN', () => {
    expect(cohenKappa([[0, 5], [5, 0]]).value).toBeCloseTo(-1, 12);
    // A coded everything yes, B everything no: p_o = 0 = p_e, κ = 0.
    expect(cohenKappa([[0, 10], [0, 0]]).value).toBe(0);
  });

  it('malformed tables and pairs throw', () => {
    expect(() => cohenKappa([[1, 2]])).toThrow(RangeError);
    expect(() => cohenKappa([])).toThrow(RangeError);
    expect(() => cohenKappa([[1, -1], [0, 1]])).toThrow(RangeError);
    expect(() => cohenKappa([[1, Number.NaN], [0, 1]])).toThrow(RangeError);
    expect(() => cohenKappa([[1, 0], [0, 1]], [[0]])).toThrow(RangeError);
    expect(() => cohenKappaFromPairs([1], [1, 2])).toThrow(RangeError);
    expect(() => cohenKappaFromPairs(['lo', 'hi'], ['hi', 'hi'], 'linear')).toThrow(InputError);
    expect(() => cohenKappaFromPairs(['lo', 'mid'], ['hi', 'hi'], 'linear', ['lo', 'hi'])).toThrow(/"mid"/);
  });

  it('ordered text categories work with linear weights', () => {
    const order = ['low', 'mid', 'high'];
    const names = (xs: number[]): string[] => xs.map((x) => order[x]);
    expect(cohenKappaFromPairs(names([0, 0, 1, 1, 2, 2]), names([0, 1, 1, 2, 2, 2]), 'linear', order).value).toBeCloseTo(5 / 8, 12);
  });
});

describe('percentAgreement', () => {
  it('is the diagonal share in percent; null for an empty table', () => {
    expect(percentAgreement([[20, 20], [10, 50]]).value).toBeCloseTo(70, 12);
    expectNullWithReason(percentAgreement([[0]]));
  });
});
