import { describe, expect, it } from 'vitest';
import { fleissKappa, scottPi } from '../../../src/core/stats/index.js';
import { expectNoNaN, expectNullWithReason } from './finite.js';

// Scott (1955); tables from Artstein & Poesio (2008), CL 34(4) (see cohen.test.ts for how the
// tables were checked). π uses the pooled marginals: p_e = Σ_k ((r_k + c_k) / 2N)².
describe("Scott's pi", () => {
  // Table 4: pooled proportions (46+52)/200 = .49, (44+32)/200 = .38, (10+16)/200 = .13;
  // p_e = .2401 + .1444 + .0169 = .4014; π = (.88 − .4014)/(1 − .4014) = .4786/.5986
  // = 2393/2993 = 0.7995322418… (the 0.800 quoted for A&P; κ on the same table is 0.801).
  it('A&P Table 4 [[46,0,0],[6,32,6],[0,0,10]] → π 0.800 (2393/2993)', () => {
    const result = scottPi([
      [46, 0, 0],
      [6, 32, 6],
      [0, 0, 10],
    ]);
    expect(result.value).toBeCloseTo(0.8, 3);
    expect(result.value).toBeCloseTo(2393 / 2993, 12);
    expect(result.chanceAgreement).toBeCloseTo(0.4014, 12);
    expect(result.observedAgreement).toBeCloseTo(0.88, 12);
  });

  // Table 1: pooled .35 / .65, p_e = .1225 + .4225 = .545; π = (.70 − .545)/.455 = 31/91
  // = 0.3406593406… (hand-computed; below κ = 0.348 because the coders' marginals differ).
  it('A&P Table 1 [[20,20],[10,50]] → π 31/91 = 0.3407', () => {
    expect(
      scottPi([
        [20, 20],
        [10, 50],
      ]).value,
    ).toBeCloseTo(31 / 91, 12);
  });

  it("equals Fleiss' kappa with two raters (Fleiss 1971 generalises Scott's pi)", () => {
    const table = [
      [46, 0, 0],
      [6, 32, 6],
      [0, 0, 10],
    ];
    // One subject per unit: counts of the two raters' categories.
    const counts: number[][] = [];
    table.forEach((row, i) =>
      row.forEach((n, j) => {
        for (let u = 0; u < n; u++) {
          const c = [0, 0, 0];
          c[i] += 1;
          c[j] += 1;
          counts.push(c);
        }
      }),
    );
    expect(fleissKappa(counts).value).toBeCloseTo(2393 / 2993, 12);
  });

  it('one category only or an empty table: null with a reason', () => {
    expectNullWithReason(scottPi([[7]]));
    expectNullWithReason(scottPi([[0, 0], [0, 4]]));
    expectNullWithReason(scottPi([[0, 0], [0, 0]]));
    expectNoNaN(scottPi([[7]]));
    expectNoNaN(scottPi([[0, 0], [0, 0]]));
  });
});
