import { describe, expect, it } from 'vitest';
import { compareCollated, compareNatural } from '../../src/core/sort.js';

/** A small deterministic generator (the test must not depend on Math.random). */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

const sign = (n: number): number => Math.sign(n);

describe('compareNatural', () => {
  it('agrees with the collator on every pair of short strings over its quick alphabet', () => {
    const chars = [' ', '_', '-', '.', '0', '1', '9', 'a', 'A', 'b', 'Z', 'z', ',', 'é', '٣'];
    const words = [''];
    for (const c of chars) words.push(c);
    for (const c of chars) for (const d of chars) words.push(c + d);
    for (const a of words) for (const b of words) expect([a, b, sign(compareNatural(a, b))]).toEqual([a, b, sign(compareCollated(a, b))]);
  });

  it('agrees with the collator on random names with numbers, leading zeros and mixed case', () => {
    const next = rng(12);
    const pieces = ['P', 'p', 'T', 'case', 'Case', '_', '-', '.', ' ', '0', '00', '007', '1', '2', '10', '99', '100', '12345678901234567890', 'x', 'é', 'ß'];
    const word = (): string => Array.from({ length: 1 + Math.floor(next() * 5) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
    for (let k = 0; k < 20000; k++) {
      const a = word();
      const b = next() < 0.3 ? a.replace(/\d/, (d) => String((Number(d) + 1) % 10)) : word();
      expect([a, b, sign(compareNatural(a, b))]).toEqual([a, b, sign(compareCollated(a, b))]);
    }
  });

  it('sorts the bench and test names as the collator does', () => {
    const names = ['P10_T2', 'P2_T10', 'P2_T2', 'p2_t2', 'P002_T2', 'P02_T2', 'A-1', 'A_1', 'A.1', 'A 1', 'A1', 'a1', 'B', 'wave 10', 'wave 9'];
    expect([...names].sort(compareNatural)).toEqual([...names].sort(compareCollated));
  });
});
