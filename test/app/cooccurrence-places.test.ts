/**
 * overlapPlaces (one sweep per source over every code) against the definition of a place
 * (report cooccurrence, "overlap"): for codes A and B, the stretches of a source made of
 * A's and B's merged spans chained by sharing a code point, found here by brute force.
 */
import { describe, expect, it } from 'vitest';
import { overlapPlaces } from '../../src/core/overlap-places.js';
import type { Code } from '../../src/core/codebook.js';
import { mergedSpansByCode } from '../../src/core/figures.js';
import type { CodeSpans } from '../../src/core/code-spans.js';
import { packCodings } from '../../src/core/span-index.js';
import { mulberry32 as rng } from '../support/random.js';

const code = (id: number, parentId: number | null): Code => ({ id, name: `c${id}`, parentId } as Code);

/** Places of A and B by brute force: components of the overlap graph of their spans. */
function bruteForce(a: CodeSpans, b: CodeSpans, sources: number): { count: number; countA: number; countB: number } {
  const n = { count: 0, countA: 0, countB: 0 };
  for (let s = 0; s < sources; s++) {
    const spans = [...(a.get(s) ?? []).map((x) => ({ ...x, of: 'a' })), ...(b.get(s) ?? []).map((x) => ({ ...x, of: 'b' }))];
    const parent = spans.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length; j++) {
        if (spans[i]!.start < spans[j]!.end && spans[j]!.start < spans[i]!.end) parent[find(i)] = find(j);
      }
    }
    const kinds = new Map<number, Set<string>>();
    spans.forEach((x, i) => kinds.set(find(i), (kinds.get(find(i)) ?? new Set()).add(x.of)));
    for (const k of kinds.values()) {
      if (k.has('a')) n.countA++;
      if (k.has('b')) n.countB++;
      if (k.has('a') && k.has('b')) n.count++;
    }
  }
  return n;
}

describe('overlapPlaces', () => {
  it('counts the places of every pair of codes as the definition does, on random projects', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const codes = [code(1, null), code(2, null), code(3, 1), code(4, 1), code(5, 3), code(6, 2), code(7, null)];
      const sources = 1 + Math.floor(r() * 5);
      const packed = Array.from({ length: sources }, () => {
        const long = r() < 0.5;
        const rows = Array.from({ length: Math.floor(r() * 40) }, () => {
          const start = Math.floor(r() * 300);
          return [1 + Math.floor(r() * 7), 1 + Math.floor(r() * 2), start, start + 1 + Math.floor(r() * (long ? 60 : 8))];
        });
        return packCodings(rows, Uint32Array.from({ length: 50 }, (_, k) => k * 6));
      });
      const merged = mergedSpansByCode(codes, packed);
      const spans = codes.map((c) => merged.get(c.id)!);
      const places = overlapPlaces(spans, sources);
      for (let a = 0; a < codes.length; a++) {
        for (let b = a + 1; b < codes.length; b++) {
          expect([seed, a, b, places(a, b)]).toEqual([seed, a, b, bruteForce(spans[a]!, spans[b]!, sources)]);
        }
      }
    }
  });

  it('counts them as well in a source with more spans than the sweep holds at first', () => {
    const r = rng(99);
    const codes = [code(1, null), code(2, null), code(3, 1), code(4, null), code(5, 4)];
    const packed = [0, 1].map(() => packCodings(Array.from({ length: 1500 }, () => {
      const start = Math.floor(r() * 20000);
      return [1 + Math.floor(r() * 5), 1, start, start + 1 + Math.floor(r() * 12)];
    }), []));
    const merged = mergedSpansByCode(codes, packed);
    const spans = codes.map((c) => merged.get(c.id)!);
    expect(spans.reduce((n, cs) => n + cs.spanCount, 0)).toBeGreaterThan(2 * 1024);
    const places = overlapPlaces(spans, 2);
    for (let a = 0; a < codes.length; a++) for (let b = a + 1; b < codes.length; b++) expect([a, b, places(a, b)]).toEqual([a, b, bruteForce(spans[a]!, spans[b]!, 2)]);
  });
});
