import { describe, expect, it } from 'vitest';
import { assessSaturation, firstSeen, GUEST_DEFAULTS, saturationNotation } from '../../src/core/saturation.js';
import { describe as describeValues, mean, parseNumber, sampleSd } from '../../src/core/describe-stats.js';

/*
 * Guest, Namey & Chen (2020), PLoS ONE 15(5): e0232076. Their worked example (base 4, runs
 * of 2, ≤ 5%) publishes these figures: 37 unique codes in interviews 1–4; the first run,
 * interviews 5–6, brings 7 new codes, 7/37 = 19%; a later run 4 new, 4/37 = 11%, "still not
 * below our 5% threshold"; a run with one new code, 1/37 = 3%, saturates. The per-interview
 * counts below are not theirs (the full table was not available to check): they are built so
 * that the runs reproduce those published figures, and so that rolling runs (5–6, 6–7, 7–8, …)
 * and non-overlapping runs (5–6, 7–8, 9–10) give different answers.
 */
describe('assessSaturation: Guest et al.’s figures', () => {
  //            base: 20 + 8 + 5 + 4 = 37 | 5   6   7   8   9  10
  const perInterview = [20, 8, 5, 4, 5, 2, 2, 2, 0, 1];

  it('base 37; runs 5–6: 7 (18.9%), 6–7: 4 (10.8%), 7–8: 4 (10.8%), 8–9: 2 (5.4%), 9–10: 1 (2.7%)', () => {
    const a = assessSaturation(perInterview, GUEST_DEFAULTS);
    expect(a.baseCodes).toBe(37);
    expect(a.cumulative).toEqual([20, 28, 33, 37, 42, 44, 46, 48, 48, 49]);
    expect(a.runs.map((r) => [r.from, r.to, r.new])).toEqual([[5, 6, 7], [6, 7, 4], [7, 8, 4], [8, 9, 2], [9, 10, 1]]);
    expect(a.runs[0]!.pct).toBeCloseTo((7 / 37) * 100, 12); // 18.918…, "19%"
    expect(a.runs[1]!.pct).toBeCloseTo((4 / 37) * 100, 12); // 10.810…, "11%"
    expect(a.runs[3]!.pct).toBeCloseTo((2 / 37) * 100, 12); // 5.405… > 5: not yet
    expect(a.outcome).toBe('reached');
    // 1/37 = 2.70% ≤ 5% in the run 9–10: saturation at interview 10, "8+2".
    expect(a.at).toEqual({ from: 9, to: 10, new: 1, pct: 100 / 37 });
    expect(saturationNotation(a.at!)).toBe('8+2');
  });

  it('runs roll one interview at a time: a run starting at an even interview can saturate', () => {
    // New per interview after the base: 5: 5, 6: 2, 7: 3, 8: 0, 9: 0, 10: 4.
    const a = assessSaturation([20, 8, 5, 4, 5, 2, 3, 0, 0, 4], GUEST_DEFAULTS);
    expect(a.runs.map((r) => r.new)).toEqual([7, 5, 3, 0, 4]);
    // 7–8: 3/37 = 8.1% > 5; 8–9: 0% — a run non-overlapping runs (5–6, 7–8, 9–10) never look at.
    expect(a.at).toMatchObject({ from: 8, to: 9, new: 0, pct: 0 });
    expect(saturationNotation(a.at!)).toBe('7+2');
  });

  it('≤, not <: exactly the threshold saturates (1 new of 20 base codes = 5%)', () => {
    const a = assessSaturation([10, 5, 3, 2, 1, 0], GUEST_DEFAULTS);
    expect(a.baseCodes).toBe(20);
    expect(a.runs).toEqual([{ from: 5, to: 6, new: 1, pct: 5 }]);
    expect(a.outcome).toBe('reached');
    expect(assessSaturation([10, 5, 3, 2, 1, 0], { ...GUEST_DEFAULTS, threshold: 4.9 }).outcome).toBe('not-reached');
  });

  it('0% threshold: only a run without new codes saturates; run length 3', () => {
    const a = assessSaturation([6, 2, 1, 1, 1, 0, 1, 0, 0, 0], { base: 4, run: 3, threshold: 0 });
    // base 10; runs 5–7: 2, 6–8: 1, 7–9: 1, 8–10: 0 → saturation at 10, "7+3".
    expect(a.runs.map((r) => r.new)).toEqual([2, 1, 1, 0]);
    expect(a.at).toMatchObject({ from: 8, to: 10, pct: 0 });
    expect(saturationNotation(a.at!)).toBe('7+3');
  });

  it('not reached when every run brings more than the threshold', () => {
    const a = assessSaturation([5, 3, 1, 1, 2, 1, 1, 1], GUEST_DEFAULTS);
    // base 10; runs 5–6: 3 (30%), 6–7: 2 (20%), 7–8: 2 (20%).
    expect(a.runs.map((r) => [r.new, r.pct])).toEqual([[3, 30], [2, 20], [2, 20]]);
    expect(a.outcome).toBe('not-reached');
    expect(a.at).toBeNull();
  });

  it('too few interviews for the base and one run; a base without codes has no percentages', () => {
    expect(assessSaturation([3, 1, 1, 0, 0], GUEST_DEFAULTS)).toMatchObject({ outcome: 'too-few-interviews', runs: [], at: null, baseCodes: 5 });
    expect(assessSaturation([], GUEST_DEFAULTS)).toMatchObject({ outcome: 'too-few-interviews', baseCodes: 0, cumulative: [] });
    const empty = assessSaturation([0, 0, 0, 0, 0, 0], GUEST_DEFAULTS);
    expect(empty.outcome).toBe('empty-base');
    expect(empty.runs).toEqual([{ from: 5, to: 6, new: 0, pct: null }]);
  });
});

describe('firstSeen', () => {
  it('counts a code in the first interview where it occurs, once', () => {
    expect(firstSeen([['a', 'b'], ['b', 'c', 'c'], [], ['a'], ['d', 'c']])).toEqual([['a', 'b'], ['c'], [], [], ['d']]);
  });

  it('given how many codes there are, looks at no interview after the one where the last is seen', () => {
    const unread: Iterable<string> = { [Symbol.iterator]: () => { throw new Error('read'); } };
    expect(firstSeen([['a'], ['b', 'a'], unread, unread], 2)).toEqual([['a'], ['b'], [], []]);
    expect(firstSeen([['a'], ['c'], ['b']], 2)).toEqual([['a'], ['c'], []]);
    expect(() => firstSeen([['a'], unread], 2)).toThrow('read');
  });
});

describe('describe-stats', () => {
  it('sample SD with n − 1: 2, 4, 4, 4, 5, 5, 7, 9 has mean 5, SD √(32/7) (population SD 2)', () => {
    const v = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(v)).toBe(5);
    expect(sampleSd(v)).toBeCloseTo(Math.sqrt(32 / 7), 14); // 2.138…
    expect(describeValues(v)).toMatchObject({ n: 8, min: 2, max: 9 });
  });

  it('undefined results are null', () => {
    expect(mean([])).toBeNull();
    expect(sampleSd([7])).toBeNull();
    expect(describeValues([])).toEqual({ n: 0, min: null, max: null, mean: null, sd: null });
  });

  it('parseNumber takes numbers as written in a cell, nothing else', () => {
    expect(['41', ' 22 ', '-2.5', '.5', '1e3', '+3'].map(parseNumber)).toEqual([41, 22, -2.5, 0.5, 1000, 3]);
    expect(['', '12 years', '20-29', 'NaN', 'Infinity', '0x10', '1,5'].map(parseNumber)).toEqual([null, null, null, null, null, null, null]);
  });
});
