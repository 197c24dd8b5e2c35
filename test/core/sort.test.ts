import { describe, expect, it } from 'vitest';
import { compareCollated, compareNatural, naturalKey, naturalRanks, sortNatural } from '../../src/core/sort.js';
import { mulberry32 } from '../support/random.js';

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

describe('naturalKey, naturalRanks and sortNatural (keys made once, against compareNatural at every comparison)', () => {
  const keyOrder = (a: string, b: string): number | null => {
    const ka = naturalKey(a);
    const kb = naturalKey(b);
    if (ka === null || kb === null) return null;
    return ka !== kb ? (ka < kb ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0;
  };

  it('orders every pair of short strings as compareNatural does, and gives no key where the collator decides', () => {
    const chars = [' ', '_', '-', '.', '0', '1', '9', 'a', 'A', 'b', 'Z', 'z', ',', 'é'];
    const words = [''];
    for (const c of chars) words.push(c);
    for (const c of chars) for (const d of chars) words.push(c + d);
    for (const a of words) {
      expect(naturalKey(a) === null).toBe(/[,é]/.test(a));
      for (const b of words) {
        const k = keyOrder(a, b);
        if (k !== null) expect([a, b, k]).toEqual([a, b, sign(compareNatural(a, b))]);
      }
    }
  });

  it('orders random names with numbers, leading zeros and mixed case as compareNatural does', () => {
    const next = mulberry32(21);
    const pieces = ['P', 'p', 'T', 'case', 'Case', '_', '-', '.', ' ', '0', '00', '007', '1', '2', '10', '99', '100', '12345678901234567890', 'x', '9'.repeat(101), 'é'];
    const word = (): string => Array.from({ length: 1 + Math.floor(next() * 5) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
    const list: string[] = [];
    for (let k = 0; k < 20000; k++) {
      const a = word();
      const b = next() < 0.3 ? a.replace(/\d/, (d) => String((Number(d) + 1) % 10)) : word();
      list.push(a, b);
      const o = keyOrder(a, b);
      if (o !== null) expect([a, b, o]).toEqual([a, b, sign(compareNatural(a, b))]);
    }
    // Without the strings the collator must order, the keyed path sorts; with them, compareNatural does.
    for (const names of [list.filter((w) => naturalKey(w) !== null).slice(0, 3000), list.slice(0, 3000)]) {
      expect(sortNatural([...names])).toEqual([...names].sort(compareNatural));
      const ranks = naturalRanks(names);
      for (let k = 1; k < names.length; k++) expect(sign(ranks[k - 1]! - ranks[k]!)).toBe(sign(compareNatural(names[k - 1]!, names[k]!)));
    }
  });
});
