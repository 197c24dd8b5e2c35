import { describe, expect, it } from 'vitest';
import { autocode, type AutocodeRequest } from '../../src/app/autocode.js';
import { codebookAdd } from '../../src/app/codebook.js';
import { listCodings } from '../../src/app/codings.js';
import type { AppContext } from '../../src/app/context.js';
import { dumpDb } from '../support/project.js';
import { as, codingProject, P07_T1, P12_T2, qc } from '../support/coding.js';

const K03_T1 = 'Dana: Did you sleep?\nAma: Not much. Night shifts again.\nBen: I sleep fine on nights.\n';
const FILES = { 'P07_T1.txt': P07_T1, 'P12_T2.txt': P12_T2, 'K03_T1.txt': K03_T1 };

async function project(): Promise<{ dir: string; ctx: AppContext; ana: AppContext }> {
  const { dir, ctx } = await codingProject(FILES);
  const ana = as(ctx, 'ana');
  codebookAdd(ana, 'Nights', undefined, {});
  return { dir, ctx, ana };
}
const run = (ctx: AppContext, req: Omit<AutocodeRequest, 'code'>) => autocode(ctx, { code: 'Nights', ...req });
const texts = (r: ReturnType<typeof autocode>) => r.hits.map((h) => `${h.source}:${h.lineStart}-${h.lineEnd} ${h.text}`);

describe('autocode: what it searches', () => {
  it('--words: any of the whole words, ignoring case, in every source; --sources narrows by id pattern', async () => {
    const { ana } = await project();
    const r = run(ana, { words: 'night nights sleep', unit: 'match', sources: '*_T1', dryRun: true });
    expect(r.sourcesSearched).toBe(2);
    expect(texts(r)).toEqual([
      'K03_T1:1-1 sleep', 'K03_T1:2-2 Night', 'K03_T1:3-3 sleep', 'K03_T1:3-3 nights',
      'P07_T1:3-3 night', 'P07_T1:4-4 sleep', 'P07_T1:9-9 Night',
    ]);
    expect(run(ana, { words: 'sleep', unit: 'match', dryRun: true }).hits.map((h) => h.source)).toEqual(['K03_T1', 'K03_T1', 'P07_T1', 'P12_T2']);
    expect(() => run(ana, { words: 'sleep', sources: '*_T9', dryRun: true })).toThrow('--sources *_T9: matches no source');
  });

  it('--grep is a case-sensitive regular expression; -i ignores case', async () => {
    const { ana } = await project();
    expect(texts(run(ana, { grep: 'Night sh\\w+', unit: 'match', sources: 'P07_T1', dryRun: true }))).toEqual(['P07_T1:9-9 Night shifts']);
    expect(texts(run(ana, { grep: 'night sh\\w+', ignoreCase: true, unit: 'match', sources: 'P07_T1', dryRun: true }))).toEqual([
      'P07_T1:3-3 night shifts', 'P07_T1:9-9 Night shifts',
    ]);
    expect(() => run(ana, { grep: 'night(', dryRun: true })).toThrow(/--grep night\(: not a valid regular expression/);
  });

  it('--speaker participant | interviewer | a label', async () => {
    const { ana } = await project();
    const ward = (speaker: string) => run(ana, { words: 'ward', unit: 'match', speaker, dryRun: true }).hits.map((h) => `${h.source}:${h.lineStart}`);
    expect(ward('interviewer')).toEqual(['P07_T1:2', 'P12_T2:1']);
    expect(ward('participant')).toEqual([]);
    const ama = run(ana, { words: 'night nights sleep', speaker: 'ama', dryRun: true });
    expect(texts(ama)).toEqual(['K03_T1:2-2 Not much. Night shifts again.']);
  });
});

describe('autocode: units', () => {
  const P07 = { words: 'night sleep', sources: 'P07_T1', dryRun: true } as const;
  it('--unit turn (the default) codes each turn’s talk once', async () => {
    const { ana } = await project();
    expect(texts(run(ana, P07))).toEqual([
      'P07_T1:3-4 Honestly, I felt out of my depth. The night shifts were the worst.\nI couldn’t sleep during the day.',
      'P07_T1:9-9 Running, when I can. Night shifts make it hard.',
    ]);
  });

  it('--unit line keeps to the talk (no label); --unit sentence; --unit match', async () => {
    const { ana } = await project();
    expect(texts(run(ana, { ...P07, unit: 'line' }))).toEqual([
      'P07_T1:3-3 Honestly, I felt out of my depth. The night shifts were the worst.',
      'P07_T1:4-4 I couldn’t sleep during the day.',
      'P07_T1:9-9 Running, when I can. Night shifts make it hard.',
    ]);
    expect(texts(run(ana, { ...P07, unit: 'sentence' }))).toEqual([
      'P07_T1:3-3 The night shifts were the worst.',
      'P07_T1:4-4 I couldn’t sleep during the day.',
      'P07_T1:9-9 Night shifts make it hard.',
    ]);
    expect(texts(run(ana, { ...P07, unit: 'match' }))).toEqual(['P07_T1:3-3 night', 'P07_T1:4-4 sleep', 'P07_T1:9-9 Night']);
  });
});

describe('autocode: dry run and the real run', () => {
  it('--dry-run writes nothing; the real run codes the same hits, joining overlaps', async () => {
    const { dir, ana, ctx } = await project();
    const before = dumpDb(dir);
    const dry = run(ana, { words: 'night sleep', unit: 'line', sources: 'P07_T1', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, code: 'Nights', coder: 'ana', sourcesSearched: 1 });
    expect(dumpDb(dir)).toEqual(before);
    const real = run(ana, { words: 'night sleep', unit: 'line', sources: 'P07_T1' });
    expect(real.hits).toEqual(dry.hits);
    // line 3's talk and line 4 are a line break apart: they do not touch, so they stay two codings
    expect(listCodings(ctx).map((c) => [c.lineStart, c.lineEnd, c.coder, c.code])).toEqual([[3, 3, 'ana', 'Nights'], [4, 4, 'ana', 'Nights'], [9, 9, 'ana', 'Nights']]);
    expect(real.codingsAfter).toBe(3);
    const again = run(ana, { words: 'night sleep', unit: 'turn', sources: 'P07_T1' });
    expect(again.codingsAfter).toBe(2);
    expect(listCodings(ctx).map((c) => [c.lineStart, c.lineEnd])).toEqual([[3, 4], [9, 9]]);
  });

  it('needs an existing code unless --new; the CLI lists the hits of a dry run', async () => {
    const { dir, ana } = await project();
    expect(() => autocode(ana, { code: 'Sleep', words: 'sleep', dryRun: true })).toThrow(/no code "Sleep"/);
    const before = dumpDb(dir);
    const r = await qc(dir, ['autocode', 'Sleep', '--words', 'sleep', '--unit', 'sentence', '--sources', 'P12_T2', '--new', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('P12_T2 line 2: I sleep better since I dropped the night shifts.\n' +
      'dry run: would code 1 passage(s) in 1 source(s) with "Sleep" as ana (1 coding(s) after joining overlaps)\n');
    expect(dumpDb(dir)).toEqual(before);
    const real = await qc(dir, ['autocode', 'Sleep', '--words', 'sleep', '--new', '--json']);
    expect(JSON.parse(real.stdout)).toMatchObject({ code: 'Sleep', dryRun: false, sourcesSearched: 3, codingsAfter: 4 });
  });
});
