import { describe, expect, it } from 'vitest';
import { tag } from '../../src/app/tag.js';
import { tagMany, type TagRow } from '../../src/app/tag-many.js';
import { MAX_KEPT } from '../../src/app/source-codings.js';
import { parseRange } from '../../src/core/range.js';
import { codebookAdd } from '../../src/app/codebook.js';
import { dumpDb } from '../support/project.js';
import { as, codingProject } from '../support/coding.js';

/** A transcript of `n` participant lines, each its own line. */
const long = (n: number): string => Array.from({ length: n }, (_, i) => `Participant: line ${i + 1} of the talk, words ${'x'.repeat(i % 7)}.`).join('\n') + '\n';
const LINES: Record<string, number> = { P01_T1: 2 * MAX_KEPT + 30, P02_T1: 40, P03_T2: 25 };
const SOURCES = Object.keys(LINES);
const files = Object.fromEntries(SOURCES.map((s) => [`${s}.txt`, long(LINES[s]!)]));

/**
 * Rows that join, widen and bridge codings: first more than MAX_KEPT separate codings of one
 * code by one coder in one source (every other line), then seeded rows across all of them.
 */
function rows(seed: number, n: number): TagRow[] {
  let a = seed;
  const rnd = (k: number): number => Math.floor(((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296) * k);
  const out: TagRow[] = [];
  for (let i = 0; i < MAX_KEPT + 10; i++) out.push({ code: 'Nights', source: 'P01_T1', lines: String(2 * i + 1) });
  // Codings that touch end to start are one coding (DESIGN.md), whichever comes first.
  out.push({ code: 'Nights', source: 'P02_T1', span: '50-55' }, { code: 'Nights', source: 'P02_T1', span: '55-60' }, { code: 'Nights', source: 'P02_T1', span: '45-50' });
  for (let i = 0; i < n; i++) {
    const source = SOURCES[rnd(3) === 0 ? 1 + rnd(2) : 0]!;
    const from = 1 + rnd(LINES[source]!);
    const row: TagRow = { code: rnd(6) === 0 ? 'Rest' : 'Nights', source, coder: rnd(4) === 0 ? 'bo' : undefined };
    // Short spans packed in a few dozen code points: many touch end to start.
    const at = 42 + rnd(40);
    if (rnd(4) === 0) row.span = `${at}-${at + 1 + rnd(4)}`;
    else if (rnd(8) === 0) row.span = `${rnd(200)}-${200 + rnd(30)}`;
    else row.lines = `${from}-${Math.min(LINES[source]!, from + rnd(3))}`;
    if (rnd(5) === 0) row.weight = String(rnd(101));
    if (rnd(9) === 0) row.memo = `memo ${i}`;
    out.push(row);
  }
  return out;
}

describe('tag --from keeps each source\'s codings in memory', () => {
  it('gives the very database that tag gives row by row', async () => {
    const batch = await codingProject(files);
    const tagged = await codingProject(files);
    const all = rows(11, 150);
    // Codings there before the batch (read from the database on first use), in all three.
    const before: TagRow[] = Array.from({ length: 40 }, (_, i) => ({
      code: i % 3 === 0 ? 'Rest' : 'Nights', source: SOURCES[i % 3]!, lines: String(1 + ((i * 7) % 20)), coder: i % 4 === 0 ? 'bo' : undefined,
    }));
    for (const p of [batch, tagged]) {
      codebookAdd(as(p.ctx, 'ana'), 'Nights', undefined, {});
      codebookAdd(as(p.ctx, 'ana'), 'Rest', undefined, {});
      tagMany(as(p.ctx, 'ana'), before);
    }
    const r = tagMany(as(batch.ctx, 'ana'), all);
    expect(r.created).toBeGreaterThan(MAX_KEPT);
    expect(r.joined).toBeGreaterThan(40);
    for (const row of all) {
      tag(as(tagged.ctx, row.coder ?? 'ana'), {
        codes: [row.code], source: row.source, memo: row.memo, weight: row.weight === undefined ? undefined : Number(row.weight),
        selector: row.span !== undefined ? { span: row.span } : { lines: parseRange(String(row.lines), 'lines') },
      });
    }
    const inBatch = dumpDb(batch.dir);
    expect(inBatch).toEqual(dumpDb(tagged.dir));
    expect((inBatch.codings as { coder_id: number; source_id: number }[]).filter((c) => c.source_id === 1).length).toBeGreaterThan(MAX_KEPT);
  }, 30_000);
});
