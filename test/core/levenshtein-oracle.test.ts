import { describe, expect, it } from 'vitest';
import { boundedLevenshtein } from '../../src/core/similarity.js';

/** The textbook full-matrix Levenshtein distance (Wagner & Fischer 1974), as the oracle. */
function levenshtein(a: number[], b: number[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

describe('boundedLevenshtein against the full-matrix distance', () => {
  it('agrees on random short sequences over a small alphabet (shared prefixes and suffixes included)', () => {
    let seed = 12345;
    const next = (n: number): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    for (let t = 0; t < 5000; t++) {
      const common = Array.from({ length: next(4) }, () => next(3));
      const tail = Array.from({ length: next(3) }, () => next(3));
      const a = [...common, ...Array.from({ length: next(7) }, () => next(3)), ...tail];
      const b = [...common, ...Array.from({ length: next(7) }, () => next(3)), ...tail];
      const bound = next(6);
      const d = levenshtein(a, b);
      expect(boundedLevenshtein(a, b, bound)).toBe(d <= bound ? d : bound + 1);
    }
  });
});
