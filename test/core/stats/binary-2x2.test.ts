import { describe, expect, it } from 'vitest';
import { agreement2x2, cohenKappa, krippendorffAlpha, type Counts2x2 } from '../../../src/core/stats/index.js';
import { kappa2x2 } from '../../../src/core/stats/binary-2x2.js';
import { expectNoNaN } from './finite.js';

/** The reliability data behind a 2×2 count: two coders, one value (1 coded, 0 not) per unit. */
function expand({ both, onlyA, onlyB, neither }: Counts2x2) {
  const pairs: [number, number][] = [
    ...Array.from({ length: both }, (): [number, number] => [1, 1]),
    ...Array.from({ length: onlyA }, (): [number, number] => [1, 0]),
    ...Array.from({ length: onlyB }, (): [number, number] => [0, 1]),
    ...Array.from({ length: neither }, (): [number, number] => [0, 0]),
  ];
  return {
    coders: ['A', 'B'],
    units: pairs.map((_, i) => `u${i}`),
    values: [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  };
}

describe('agreement2x2: NVivo help, "Run a Coding Comparison query"', () => {
  // NVivo's example: a 1,000-character document, 50 characters coded by both users, 150 by only one,
  // 800 by neither → percentage agreement (800 + 50) ÷ 1000 = 85%.
  // Splitting the 150 as 100 (A only) / 50 (B only): A coded 150, B coded 100.
  // NVivo's kappa recipe: EF1 = 150·100/1000 = 15, EF2 = 850·900/1000 = 765, ΣEF = 780;
  // K = (850 − 780)/(1000 − 780) = 70/220 = 7/22 = 0.3181818…
  // Alpha: n = 2000, o_01 = 150, n_1 = 250, n_0 = 1750; α = 1 − 1999·150/(250·1750)
  // = 2753/8750 = 0.3146285714…
  const nvivo = { both: 50, onlyA: 100, onlyB: 50, neither: 800 };

  it('85% agreement, κ = 7/22, α = 2753/8750', () => {
    const result = agreement2x2(nvivo);
    expect(result.units).toBe(1000);
    expect(result.agreementPct).toBeCloseTo(85, 12);
    expect(result.kappa).toBeCloseTo(7 / 22, 12);
    expect(result.alpha).toBeCloseTo(2753 / 8750, 12);
    expect(result).not.toHaveProperty('kappaReason');
    expect(result).not.toHaveProperty('alphaReason');
    expectNoNaN(result);
  });

  it('the percentage does not depend on how the 150 split; kappa does', () => {
    const other = agreement2x2({ both: 50, onlyA: 75, onlyB: 75, neither: 800 });
    expect(other.agreementPct).toBeCloseTo(85, 12);
    // Equal marginals (125 each): p_e = .125² + .875² = .78125; κ = (.85 − .78125)/.21875 = 11/35.
    expect(other.kappa).toBeCloseTo(11 / 35, 12);
  });

  it('kappa and alpha agree with the general cohenKappa and krippendorffAlpha', () => {
    for (const counts of [nvivo, { both: 3, onlyA: 1, onlyB: 2, neither: 4 }, { both: 0, onlyA: 5, onlyB: 0, neither: 95 }]) {
      const result = agreement2x2(counts);
      const table = [
        [counts.both, counts.onlyA],
        [counts.onlyB, counts.neither],
      ];
      expect(result.kappa).toBeCloseTo(cohenKappa(table).value as number, 12);
      expect(result.alpha).toBeCloseTo(krippendorffAlpha(expand(counts), 'nominal').value as number, 12);
    }
  });
});

describe('agreement2x2: degenerate cases', () => {
  it('only one coder coded anything: kappa 0 (p_o = p_e), alpha slightly negative', () => {
    // both 0, onlyA 5, onlyB 0, neither 95: p_o = .95; p_A = .05, p_B = 0, p_e = .05·0 + .95·1 = .95;
    // κ = (.95 − .95)/(1 − .95) = 0. α = 1 − (200 − 1)·5/(5·195) = −4/195 = −0.0205128…
    const result = agreement2x2({ both: 0, onlyA: 5, onlyB: 0, neither: 95 });
    expect(result.agreementPct).toBeCloseTo(95, 12);
    expect(result.kappa).toBe(0);
    expect(result.alpha).toBeCloseTo(-4 / 195, 12);
    expect(agreement2x2({ both: 0, onlyA: 0, onlyB: 5, neither: 95 }).kappa).toBe(0);
  });

  it('a code nobody used: agreement 100%, kappa and alpha null with reasons', () => {
    const result = agreement2x2({ both: 0, onlyA: 0, onlyB: 0, neither: 40 });
    expect(result.agreementPct).toBe(100);
    expect(result.kappa).toBeNull();
    expect(result.alpha).toBeNull();
    expect(result.kappaReason).toMatch(/neither coder coded any unit/);
    expect(result.alphaReason).toMatch(/neither coder coded any unit/);
    expectNoNaN(result);
  });

  it('every unit coded by both: kappa and alpha null with reasons', () => {
    const result = agreement2x2({ both: 12, onlyA: 0, onlyB: 0, neither: 0 });
    expect(result.agreementPct).toBe(100);
    expect(result.kappa).toBeNull();
    expect(result.alpha).toBeNull();
    expect(result.kappaReason).toMatch(/both coders coded every unit/);
    expect(result.alphaReason).toMatch(/both coders coded every unit/);
  });

  it('a single unit: agreement leaves kappa and alpha undefined; a disagreement gives 0 and 0', () => {
    for (const counts of [
      { both: 1, onlyA: 0, onlyB: 0, neither: 0 },
      { both: 0, onlyA: 0, onlyB: 0, neither: 1 },
    ]) {
      const result = agreement2x2(counts);
      expect(result.agreementPct).toBe(100);
      expect(result.kappa).toBeNull();
      expect(result.alpha).toBeNull();
    }
    // A yes, B no on one unit: p_o = 0, p_e = 1·0 + 0·1 = 0 → κ = 0; α = 1 − 1·1/(1·1) = 0.
    const split = agreement2x2({ both: 0, onlyA: 1, onlyB: 0, neither: 0 });
    expect(split).toMatchObject({ units: 1, agreementPct: 0, kappa: 0, alpha: 0 });
  });

  it('A coded every unit, B none: agreement 0, kappa 0, alpha −0.9', () => {
    // p_o = 0, p_e = 1·0 + 0·1 = 0 → κ = 0; α = 1 − (2N − 1)·N/(N·N) = 1 − 19/10 for N = 10.
    const result = agreement2x2({ both: 0, onlyA: 10, onlyB: 0, neither: 0 });
    expect(result.kappa).toBe(0);
    expect(result.alpha).toBeCloseTo(-0.9, 12);
  });

  it('no units: everything null with a reason', () => {
    const result = agreement2x2({ both: 0, onlyA: 0, onlyB: 0, neither: 0 });
    expect(result).toMatchObject({ units: 0, agreementPct: null, kappa: null, alpha: null });
    expect(result.agreementReason).toMatch(/no units/);
    expect(result.kappaReason).toMatch(/no units/);
    expect(result.alphaReason).toMatch(/no units/);
  });

  it('negative or non-finite counts are bugs', () => {
    expect(() => agreement2x2({ both: -1, onlyA: 0, onlyB: 0, neither: 3 })).toThrow(RangeError);
    expect(() => agreement2x2({ both: Number.NaN, onlyA: 0, onlyB: 0, neither: 3 })).toThrow(RangeError);
  });
});

describe('kappa2x2: the 2×2 kappa without the k×k machinery', () => {
  it('equals cohenKappa to the last bit, small and huge tables, and is null where it is', () => {
    let a = 12345;
    const rnd = (max: number) => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296) * max;
    const tables: number[][] = [[0, 0, 0, 0], [5, 0, 0, 0], [0, 0, 0, 7], [0, 5, 0, 95], [3, 1, 2, 4], [1e9, 3e8, 7e8, 2e9]];
    for (let i = 0; i < 2000; i++) {
      const max = i % 2 === 0 ? 100 : 5e9; // past 2^53 in total × observed: rounding must match too
      tables.push([0, 1, 2, 3].map(() => Math.floor(rnd(max))));
    }
    for (const [both, onlyA, onlyB, neither] of tables) {
      const general = cohenKappa([[both!, onlyA!], [onlyB!, neither!]]).value;
      expect(Object.is(kappa2x2(both!, onlyA!, onlyB!, neither!), general)).toBe(true);
    }
  });
});
