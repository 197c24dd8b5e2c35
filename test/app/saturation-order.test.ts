/**
 * saturationReport ranks waves, dates and ids once and stops looking at codings once every
 * shown code has been seen: against the plain definition (compareNatural at every
 * comparison, firstSeen over every interview's codes) on random scopes.
 */
import { describe, expect, it } from 'vitest';
import type { Code } from '../../src/core/codebook.js';
import { firstSeen } from '../../src/core/saturation.js';
import { compareNatural } from '../../src/core/sort.js';
import { packCodings } from '../../src/core/span-index.js';
import { saturationReport } from '../../src/app/reports/saturation.js';
import type { ReportScope, ScopedSource } from '../../src/app/report-scope.js';
import { mulberry32 } from '../support/random.js';

describe('saturationReport order and first-seen codes', () => {
  it('equals sorting with compareNatural and firstSeen over all interviews, on random scopes', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = mulberry32(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
      const codes = Array.from({ length: 1 + Math.floor(r() * 8) }, (_, k) => ({ id: k + 1, name: pick(['a', 'B', 'c']) + k, parentId: null }) as Code);
      const n = 1 + Math.floor(r() * 30);
      const sources = Array.from({ length: n }, (_, k) => ({
        id: `${pick(['P', 'p', 'Q', 'é'])}${pick(['1', '2', '10', '02', '007'])}_${k}`,
        case: 'c', wave: pick(['1', '2', '10', 'T1', 'ä']),
        date: r() < 0.3 ? null : pick(['2020-01-02', '2020-1-3', '2019-12-31', '', 'x']),
      }) as ScopedSource);
      const packed = sources.map(() => packCodings(Array.from({ length: Math.floor(r() * 6) }, () => [1 + Math.floor(r() * (codes.length + 1)), 1, 0, 1]), []));
      const shown = new Set(codes.filter(() => r() < 0.8).map((c) => c.id));
      const scope = { sources, packed, codes, shown } as unknown as ReportScope;
      const got = saturationReport(scope, { base: 1, run: 1 });

      const compare = (a: ScopedSource, b: ScopedSource): number => {
        const byDate = a.date === b.date ? 0 : a.date === null ? 1 : b.date === null ? -1 : compareNatural(a.date, b.date);
        return compareNatural(a.wave, b.wave) || byDate || compareNatural(a.id, b.id);
      };
      const order = sources.map((s, i) => ({ s, i })).sort((a, b) => compare(a.s, b.s));
      const fresh = firstSeen(order.map(({ i }) => [...new Set(Array.from({ length: packed[i]!.length / 6 }, (_, k) => packed[i]![k * 6]!))].filter((id) => shown.has(id)).sort((a, b) => a - b)));
      expect(got.sources.map((s) => s.source)).toEqual(order.map(({ s }) => s.id));
      expect(got.sources.map((s) => s.new)).toEqual(fresh.map((f) => f.length));
      expect(got.sources.map((s) => [...s.newCodes].sort())).toEqual(fresh.map((f) => f.map((id) => codes.find((c) => c.id === id)!.name).sort()));
    }
  });
});
