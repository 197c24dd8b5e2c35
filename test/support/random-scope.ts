/**
 * A small random report scope for tests that compare a report's fast path with its
 * reference: five cases over waves 1, 2 and 10 (some not interviewed), six codes with
 * sub-codes, some not shown and some without codings, sources with no participant words,
 * and an attribute per case. Packed codings as the report index holds them.
 */
import type { ReportScope, ScopedSource } from '../../src/app/report-scope.js';
import type { Code } from '../../src/core/codebook.js';
import { mergedSpansByCode, unionOfSpans } from '../../src/core/merged-spans.js';
import { CODING_FIELDS } from '../../src/core/span-index.js';
import { mulberry32 as random } from './random.js';

export function randomScope(seed: number): ReportScope {
  const rnd = random(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const codes: Code[] = [];
  for (let c = 0; c < 6; c++) {
    codes.push({ id: 10 + c, name: `code ${c}`, parentId: c > 1 && rnd() < 0.6 ? 10 + int(2) : null, description: null, include: null, exclude: null, example: null, color: null, createdBy: 'ana', createdAt: '' });
  }
  const shown = new Set(codes.filter(() => rnd() < 0.8).map((c) => c.id));
  const cases = ['P1', 'P2', 'P3', 'P4', 'P5'];
  const sources: ScopedSource[] = [];
  const packed: Int32Array[] = [];
  for (const c of cases) {
    for (const wave of ['1', '2', '10']) {
      if (rnd() < 0.3) continue; // not interviewed in this wave
      sources.push({ id: `${c}_T${wave}`, case: c, wave, participantWords: int(3) === 0 ? 0 : 50 + int(100), attributes: { role: ['a', 'b', ''][int(3)]! } } as unknown as ScopedSource);
      const rows: number[][] = [];
      for (let n = int(6); n > 0; n--) {
        const start = int(400);
        const end = start + 1 + int(60);
        rows.push([codes[int(codes.length - 1)]!.id, 1 + int(2), start, end, Math.floor(start / 5), Math.floor(end / 5)]);
      }
      rows.sort((a, b) => a[0]! - b[0]! || a[2]! - b[2]! || a[3]! - b[3]!);
      const data = new Int32Array(rows.length * CODING_FIELDS);
      rows.forEach((r, k) => data.set(r, k * CODING_FIELDS));
      packed.push(data);
    }
  }
  const attributes = new Map(sources.map((s) => [s.case, s.attributes]));
  const merged = mergedSpansByCode(codes, packed);
  const everyCode = unionOfSpans(codes.filter((c) => c.parentId === null).map((c) => merged.get(c.id)!));
  return { sources, packed, merged, mergedFigures: merged, everyCode, codes, shown, cases, attributes, participantWords: sources.reduce((n, s) => n + s.participantWords, 0) } as unknown as ReportScope;
}
