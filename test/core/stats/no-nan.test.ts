import { describe, expect, it } from 'vitest';
import {
  agreement2x2,
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  scottPi,
  type Coefficient,
} from '../../../src/core/stats/index.js';
import { expectNoNaN } from './finite.js';
import { mulberry32 as random } from '../../support/random.js';

function expectWellFormed(result: Coefficient): void {
  expectNoNaN(result);
  if (result.value === null) expect(result.reason).toMatch(/\w/);
  else expect(result.reason).toBeUndefined();
}

describe('no statistic ever returns NaN or Infinity', () => {
  it('every 2×2 count with cells 0..3: agreement2x2, kappa (all weights), pi, percent', () => {
    for (let code = 0; code < 4 ** 4; code++) {
      const [both, onlyA, onlyB, neither] = [0, 1, 2, 3].map((i) => Math.floor(code / 4 ** i) % 4);
      const result = agreement2x2({ both, onlyA, onlyB, neither });
      expectNoNaN(result);
      if (result.kappa === null) expect(result.kappaReason).toMatch(/\w/);
      if (result.alpha === null) expect(result.alphaReason).toMatch(/\w/);
      const table = [
        [both, onlyA],
        [onlyB, neither],
      ];
      for (const weights of ['none', 'linear', 'quadratic'] as const) expectWellFormed(cohenKappa(table, weights));
      expectWellFormed(scottPi(table));
      expectWellFormed(percentAgreement(table));
    }
  });

  it('random sparse 3×3 tables and Fleiss counts', () => {
    const next = random(20260917);
    for (let trial = 0; trial < 500; trial++) {
      const table = [0, 1, 2].map(() => [0, 1, 2].map(() => (next() < 0.6 ? 0 : Math.floor(next() * 5))));
      for (const weights of ['none', 'linear', 'quadratic'] as const) expectWellFormed(cohenKappa(table, weights));
      expectWellFormed(scottPi(table));
      const raters = 1 + Math.floor(next() * 4);
      const counts = Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
        const row = [0, 0, 0];
        for (let r = 0; r < raters; r++) row[next() < 0.7 ? 0 : Math.floor(next() * 3)] += 1;
        return row;
      });
      expectWellFormed(fleissKappa(counts));
    }
  });

  it('random reliability data with missing values, every level', () => {
    const next = random(7);
    for (let trial = 0; trial < 300; trial++) {
      const coders = 1 + Math.floor(next() * 4);
      const units = Math.floor(next() * 6);
      const values = Array.from({ length: coders }, () =>
        Array.from({ length: units }, () => (next() < 0.3 ? null : Math.floor(next() * 3))),
      );
      const data = { coders: values.map((_, i) => `c${i}`), units: Array.from({ length: units }, (_, u) => `u${u}`), values };
      for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
        expectWellFormed(krippendorffAlpha(data, level));
      }
    }
  });
});
