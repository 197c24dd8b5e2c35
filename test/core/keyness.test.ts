import { describe, expect, it } from 'vitest';
import { logRatio, signedG2 } from '../../src/core/keyness.js';

// Figures worked by hand from the definitions: log-likelihood G² (Rayson & Garside 2000,
// "Comparing corpora using frequency profiling"), log ratio (Hardie 2014, "Log Ratio — an
// informal introduction", CASS). a, b = counts in the group and the rest; c, d = their sizes.
describe('keyness', () => {
  it('G²: 2·(a·ln(a/E1) + b·ln(b/E2)), signed by which side over-uses the word', () => {
    // a=3, b=0, c=9, d=6: E1 = 9·3/15 = 1.8 → G² = 2·3·ln(3/1.8) = 6·ln(5/3)
    expect(signedG2(3, 0, 9, 6)).toBeCloseTo(6 * Math.log(5 / 3), 12);
    expect(signedG2(3, 0, 9, 6)).toBeCloseTo(3.0649537, 6);
    // the same word seen from the other group is under-used: same size, negative
    expect(signedG2(0, 3, 6, 9)).toBeCloseTo(-3.0649537, 6);
    // a=1, b=1, c=9, d=6: E1 = 1.2, E2 = 0.8 → 2·(ln(1/1.2) + ln(1/0.8)) = 0.0816440, and 1/9 < 1/6
    expect(signedG2(1, 1, 9, 6)).toBeCloseTo(-0.081644, 6);
    // Rayson & Garside's textbook case: 10 in 1,000 vs 20 in 1,000 → E = 15 each;
    // 2·(10·ln(10/15) + 20·ln(20/15)) = 2·(−4.0546511 + 5.7536414) = 3.3979806
    expect(signedG2(10, 20, 1000, 1000)).toBeCloseTo(-3.3979806, 6);
    // a word used at the same rate on both sides scores 0 (never −0 from rounding)
    expect(signedG2(2, 4, 100, 200)).toBe(0);
  });

  it('log ratio: log2 of the ratio of relative frequencies, a zero count taken as 0.5', () => {
    expect(logRatio(3, 0, 9, 6)).toBeCloseTo(2, 12); // (3/9)/(0.5/6) = 4
    expect(logRatio(0, 4, 9, 6)).toBeCloseTo(Math.log2(1 / 12), 12); // (0.5/9)/(4/6) = 1/12
    expect(logRatio(10, 20, 1000, 1000)).toBeCloseTo(-1, 12);
    expect(logRatio(1, 1, 6, 9)).toBeCloseTo(Math.log2(1.5), 12);
  });
});
