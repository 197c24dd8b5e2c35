import { describe, expect, it } from 'vitest';
import {
  coincidenceMatrix,
  krippendorffAlpha,
  pairableUnits,
  pairableValueCount,
  type ReliabilityData,
} from '../../../src/core/stats/index.js';
import { InputError } from '../../../src/core/errors.js';
import { expectNoNaN, expectNullWithReason } from './finite.js';

const _ = null;

function data(values: (string | number | null)[][]): ReliabilityData {
  return {
    coders: values.map((_, i) => `c${i + 1}`),
    units: values[0].map((_, u) => `u${u + 1}`),
    values,
  };
}

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
// Communication, University of Pennsylvania, Departmental Papers 43. Example C: nominal data,
// any number of observers, missing data. The same 4 × 12 table is R irr's kripp.alpha
// documentation example "nmm" ("the 'C' data from Krippendorff", column-major, nrow = 4):
// c(1,1,NA,1, 2,2,3,2, 3,3,3,3, 3,3,3,3, 2,2,2,2, 1,2,3,4, 4,4,4,4, 1,1,2,1, 2,2,2,2, NA,5,5,5,
//   NA,NA,1,1, NA,NA,3,NA) — checked against that example and pln-fing-udelar/fast-krippendorff's
// tests (ordinal 0.815, ratio 0.797).
const exampleC = data([
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]);

describe('Krippendorff (2011) example C: 4 observers, 12 units, missing data', () => {
  it('drops unit 12 (one value) and keeps n = 40 pairable values', () => {
    expect(pairableUnits(exampleC).map((u) => u.unit)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'u10', 'u11']);
    expect(pairableValueCount(exampleC)).toBe(40);
  });

  it('builds the published coincidence matrix: n_1..n_5 = 9, 13, 10, 5, 3', () => {
    const cm = coincidenceMatrix(pairableUnits(exampleC), [1, 2, 3, 4, 5]);
    expect(cm.totals).toEqual([9, 13, 10, 5, 3]);
    expect(cm.n).toBe(40);
    // o_11 = 7, o_12 = 4/3, o_13 = 1/3, o_14 = 1/3; o_22 = 10, o_23 = 4/3, o_24 = 1/3;
    // o_33 = 8, o_34 = 1/3; o_44 = 4; o_55 = 3 (units 6 and 8 contribute the thirds).
    const expected = [
      [7, 4 / 3, 1 / 3, 1 / 3, 0],
      [4 / 3, 10, 4 / 3, 1 / 3, 0],
      [1 / 3, 4 / 3, 8, 1 / 3, 0],
      [1 / 3, 1 / 3, 1 / 3, 4, 0],
      [0, 0, 0, 0, 3],
    ];
    cm.matrix.forEach((row, c) => row.forEach((o, k) => expect(o).toBeCloseTo(expected[c][k], 12)));
  });

  // Published: nominal .743, ordinal .815, interval .849, ratio .797. By hand from the matrix:
  // nominal α = 1 − (n − 1)·Σ_{c≠k} o_ck / (n² − Σ n_c²) = 1 − 39·8 / (1600 − 384) = 113/152
  //           = 0.7434210526…
  // interval α = 1 − (n − 1)·Σ o_ck (c−k)² / Σ n_c n_k (c−k)² = 1 − 39·(52/3) / 4480 = 951/1120
  //            = 0.8491071428…
  // ordinal and ratio, with exact fractions: 108577/133160 = 0.8153875037…,
  // 18222619/22852465 = 0.7974027747….
  it.each([
    ['nominal', 0.743, 113 / 152],
    ['ordinal', 0.815, 108577 / 133160],
    ['interval', 0.849, 951 / 1120],
    ['ratio', 0.797, 18222619 / 22852465],
  ] as const)('%s alpha = %s (exactly %s)', (level, published, exact) => {
    const result = krippendorffAlpha(exampleC, level);
    expect(result.value).toBeCloseTo(published, 3);
    expect(result.value).toBeCloseTo(exact, 12);
    expect(result.pairableUnits).toBe(11);
    expect(result.pairableValues).toBe(40);
    expectNoNaN(result);
  });

  it('ordinal alpha over text values ranked by an explicit order equals the numeric one', () => {
    const names = ['very low', 'low', 'mid', 'high', 'very high'];
    const text = data(exampleC.values.map((row) => row.map((v) => (v === null ? null : names[(v as number) - 1]))));
    expect(krippendorffAlpha(text, 'ordinal', { order: names }).value).toBeCloseTo(108577 / 133160, 12);
    expect(krippendorffAlpha(text, 'nominal').value).toBeCloseTo(113 / 152, 12);
  });
});

describe('Krippendorff (2011) example A: binary data, two observers, no missing data', () => {
  // Published α = 0.095. Coincidences: o_00 = 10, o_01 = o_10 = 4, o_11 = 2; n_0 = 14, n_1 = 6,
  // n = 20: α = 1 − (n − 1) o_01 / (n_0 n_1) = 1 − 19·4/84 = 2/21 = 0.0952380952…
  it('A: 0 1 0 0 0 0 0 0 1 0 / B: 1 1 1 0 0 1 0 0 0 0 → 0.095', () => {
    const binary = data([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ]);
    const result = krippendorffAlpha(binary, 'nominal');
    expect(result.value).toBeCloseTo(0.095, 3);
    expect(result.value).toBeCloseTo(2 / 21, 12);
  });

  // The same coincidences in Krippendorff (2004), Content Analysis 2nd ed., §11.3.1, as stored by
  // jucor/krippendorff (data-raw/news_presence_krippendorff2004_11_3_1.csv, test expects .0952).
  it('Jon 1 1 0 0 0 0 0 0 0 0 / Han 0 1 1 0 0 1 0 1 0 0 → 0.0952', () => {
    const news = data([
      [1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
      [0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    ]);
    expect(krippendorffAlpha(news, 'nominal').value).toBeCloseTo(2 / 21, 12);
  });
});

describe('Wikipedia, "Krippendorff\'s alpha", a computational example: 3 coders, 15 units', () => {
  // Reported α_nominal = 0.691 and α_interval = 0.811; pln-fing-udelar/fast-krippendorff's tests
  // assert 0.691358 and 0.810845 on the same table. Exactly 56/81 and 643/793.
  const wiki = data([
    [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
    [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
    [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
  ]);
  it('nominal 0.691 (56/81), interval 0.811 (643/793)', () => {
    expect(krippendorffAlpha(wiki, 'nominal').value).toBeCloseTo(56 / 81, 12);
    expect(krippendorffAlpha(wiki, 'interval').value).toBeCloseTo(643 / 793, 12);
    expect(krippendorffAlpha(wiki, 'nominal').value).toBeCloseTo(0.691358, 6);
    expect(krippendorffAlpha(wiki, 'interval').value).toBeCloseTo(0.810845, 6);
  });
});

describe('krippendorffAlpha: undefined cases and bad input', () => {
  it('no unit coded by two coders: null, fewer than 2 pairable values', () => {
    const result = krippendorffAlpha(data([[1, _], [_, 2]]), 'nominal');
    expectNullWithReason(result);
    expect(result.reason).toMatch(/pairable/);
    expect(result.pairableValues).toBe(0);
    expectNoNaN(result);
  });

  it('every pairable value the same: null, no variation (D_e = 0)', () => {
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      const result = krippendorffAlpha(data([[2, 2, _], [2, 2, 7]]), level);
      expectNullWithReason(result);
      expect(result.reason).toMatch(/variation/);
      expectNoNaN(result);
    }
  });

  it('perfect agreement with variation is 1; systematic disagreement is below 0', () => {
    expect(krippendorffAlpha(data([[1, 2, 3], [1, 2, 3]]), 'interval').value).toBe(1);
    // Two coders, two units coded (a, b) and (b, a): o_ab = o_ba = 2, n_a = n_b = 2, n = 4;
    // D_o = 4/4 = 1, D_e = (2·2 + 2·2)/(4·3) = 2/3, α = 1 − 3/2 = −1/2.
    expect(krippendorffAlpha(data([['a', 'b'], ['b', 'a']]), 'nominal').value).toBeCloseTo(-1 / 2, 12);
  });

  it('ratio alpha with zeros: 0 and 0 do not differ', () => {
    expect(krippendorffAlpha(data([[0, 1, 2], [0, 1, 2]]), 'ratio').value).toBe(1);
  });

  it('interval or ratio alpha over text throws an InputError naming the value', () => {
    const text = data([['yes', 'no'], ['yes', 'yes']]);
    expect(() => krippendorffAlpha(text, 'interval')).toThrow(InputError);
    expect(() => krippendorffAlpha(text, 'ratio')).toThrow(/numeric values; got "no"|numeric values; got "yes"/);
    expect(() => krippendorffAlpha(text, 'ordinal')).toThrow(InputError);
    expect(() => krippendorffAlpha(text, 'ordinal', { order: ['no'] })).toThrow(/not in the given order/);
    expect(() => krippendorffAlpha(data([[-1, 2], [1, 2]]), 'ratio')).toThrow(/≥ 0/);
  });

  it('ragged data or NaN values are bugs: RangeError', () => {
    expect(() => krippendorffAlpha({ coders: ['a', 'b'], units: ['u'], values: [[1]] }, 'nominal')).toThrow(RangeError);
    expect(() => krippendorffAlpha(data([[1, 2], [1, Number.NaN]]), 'interval')).toThrow(RangeError);
  });
});
