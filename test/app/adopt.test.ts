import { describe, expect, it } from 'vitest';
import { adopt } from '../../src/app/adopt.js';
import { ingest } from '../../src/app/ingest.js';
import { tag } from '../../src/app/tag.js';
import { listCodings } from '../../src/app/codings.js';
import { codebookHistory } from '../../src/app/codebook.js';
import { withProject } from '../../src/app/project.js';
import { loadScope } from '../../src/app/report-scope.js';
import { themesReport } from '../../src/app/reports/themes.js';
import { CodebookError, InputError, UsageError } from '../../src/core/errors.js';
import type { AppContext } from '../../src/app/context.js';
import { dumpDb, put } from '../support/project.js';
import { as, codingProject, FIXED_NOW, P07_T1, P12_T2, qc } from '../support/coding.js';

const code = (ctx: AppContext, name: string, source: string, match: string) =>
  tag(ctx, { codes: [name], source, selector: { match }, createNew: true }).codings[0]!;
const spans = (ctx: AppContext, coder: string) => listCodings(ctx, { coder }).map((c) => `${c.code}/${c.source}/${c.quote}`);

/** Two transcripts coded by ana and ben; lee leads the consensus meeting. */
async function coded() {
  const { dir, ctx } = await codingProject({ 'P07_T1.txt': P07_T1, 'P12_T2.txt': P12_T2 });
  const ana = as(ctx, 'ana');
  const ben = as(ctx, 'ben');
  code(ana, 'Sleep', 'P07_T1', 'I couldn’t sleep during the day.');
  code(ana, 'Sleep', 'P12_T2', 'I sleep better');
  code(ana, 'Support', 'P07_T1', 'My preceptor.');
  code(ben, 'Sleep', 'P07_T1', 'The night shifts were the worst.\nI couldn’t sleep'); // overlaps ana's
  code(ben, 'Sleep', 'P07_T1', 'Night shifts make it hard.');
  code(ben, 'Support', 'P12_T2', 'She left in March.');
  return { dir, lee: as(ctx, 'lee'), ctx };
}

describe('adopt: a coder’s codings into the consensus coder', () => {
  it('copies the selected codings, recording the decision in the codebook history', async () => {
    const { ctx, lee } = await coded();
    const r = adopt(lee, { from: 'ana', code: 'sleep', source: 'P07_T1' });
    expect(r).toEqual({ from: 'ana', to: 'consensus', copied: 1, alreadyThere: 0, orphansSkipped: 0, dryRun: false });
    const [mine] = listCodings(ctx, { coder: 'consensus' });
    const [theirs] = listCodings(ctx, { coder: 'ana', code: 'Sleep', source: 'P07_T1' });
    expect({ ...mine, id: 0 }).toEqual({ ...theirs, id: 0, coder: 'consensus' });
    expect(codebookHistory(ctx).at(-1)).toEqual({
      id: expect.any(Number), at: FIXED_NOW, coder: 'lee', action: 'adopt', code: 'Sleep',
      details: { from: 'ana', to: 'consensus', source: 'P07_T1', all: false, copied: 1, alreadyThere: 0 },
    });
    // By code across sources, by source across codes, everything, and into another name.
    expect(adopt(lee, { from: 'ana', code: 'Sleep' })).toMatchObject({ copied: 1, alreadyThere: 1 });
    expect(adopt(lee, { from: 'ben', source: 'P12_T2' })).toMatchObject({ copied: 1, alreadyThere: 0 });
    expect(spans(ctx, 'consensus')).toEqual([
      'Sleep/P07_T1/I couldn’t sleep during the day.', 'Sleep/P12_T2/I sleep better', 'Support/P12_T2/She left in March.',
    ]);
    expect(adopt(lee, { from: 'ana', all: true, to: 'final' })).toMatchObject({ to: 'final', copied: 3 });
    expect(spans(ctx, 'final')).toEqual(spans(ctx, 'ana'));
    expect(codebookHistory(ctx).filter((h) => h.action === 'adopt').map((h) => h.code)).toEqual(['Sleep', 'Sleep', '*', '*']);
  });

  it('is idempotent: a second adopt copies nothing and finds everything already there', async () => {
    const { dir, ctx, lee } = await coded();
    expect(adopt(lee, { from: 'ana', all: true })).toMatchObject({ copied: 3, alreadyThere: 0 });
    const codingsBefore = dumpDb(dir).codings;
    expect(adopt(lee, { from: 'ana', all: true })).toMatchObject({ copied: 0, alreadyThere: 3 });
    expect(dumpDb(dir).codings).toEqual(codingsBefore);
    expect(spans(ctx, 'consensus')).toEqual(spans(ctx, 'ana'));
  });

  it('joins overlapping codings of two adopted coders into one consensus coding', async () => {
    const { ctx, lee } = await coded();
    adopt(lee, { from: 'ana', code: 'Sleep', source: 'P07_T1' });
    expect(adopt(lee, { from: 'ben', code: 'Sleep', source: 'P07_T1' })).toMatchObject({ copied: 2, alreadyThere: 0 });
    expect(spans(ctx, 'consensus')).toEqual([
      'Sleep/P07_T1/The night shifts were the worst.\nI couldn’t sleep during the day.',
      'Sleep/P07_T1/Night shifts make it hard.',
    ]);
    // Adopting either again adds nothing: their codings lie inside the consensus ones.
    expect(adopt(lee, { from: 'ana', code: 'Sleep', source: 'P07_T1' })).toMatchObject({ copied: 0, alreadyThere: 1 });
    expect(adopt(lee, { from: 'ben', code: 'Sleep', source: 'P07_T1' })).toMatchObject({ copied: 0, alreadyThere: 2 });
  });

  it('--dry-run reports the counts a real run would and changes nothing', async () => {
    const { dir, lee } = await coded();
    const before = dumpDb(dir);
    expect(adopt(lee, { from: 'ben', all: true, dryRun: true })).toEqual({
      from: 'ben', to: 'consensus', copied: 3, alreadyThere: 0, orphansSkipped: 0, dryRun: true,
    });
    expect(dumpDb(dir)).toEqual(before);
    expect(adopt(lee, { from: 'ben', all: true })).toMatchObject({ copied: 3, dryRun: false });
  });

  it('skips orphaned codings', async () => {
    const { dir, ctx, lee } = await coded();
    put(dir, 'P12_T2.txt', P12_T2.replace('I sleep better since I dropped the night shifts.', 'Mornings are mine again.'));
    await ingest(ctx, ['P12_T2.txt'], { namePattern: '{case}_T{wave}' });
    expect(listCodings(ctx, { coder: 'ana' }).filter((c) => c.orphaned)).toHaveLength(1);
    expect(adopt(lee, { from: 'ana', all: true })).toMatchObject({ copied: 2, orphansSkipped: 1 });
    expect(spans(ctx, 'consensus')).toEqual(['Sleep/P07_T1/I couldn’t sleep during the day.', 'Support/P07_T1/My preceptor.']);
  });

  it('refuses what it cannot do, changing nothing', async () => {
    const { dir, lee } = await coded();
    const before = dumpDb(dir);
    expect(() => adopt(lee, { from: 'ana' })).toThrow(UsageError);
    expect(() => adopt(lee, { from: 'ana' })).toThrow('say what to adopt: --code C and/or --source S, or --all');
    expect(() => adopt(lee, { from: 'zed', all: true })).toThrow(UsageError);
    expect(() => adopt(lee, { from: 'zed', all: true })).toThrow('--from zed: no such coder');
    expect(() => adopt(lee, { from: 'ana', to: 'ana', all: true })).toThrow('--from and --to are both ana');
    expect(() => adopt(lee, { from: 'consensus', all: true })).toThrow('--from and --to are both consensus');
    expect(() => adopt(lee, { from: 'ana', code: 'Sleeep' })).toThrow(CodebookError);
    expect(() => adopt(lee, { from: 'ana', source: 'P99_T1' })).toThrow(InputError);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('an empty --to is a usage error, not an internal one', async () => {
    const { lee } = await coded();
    expect(() => adopt(lee, { from: 'ana', to: '  ', all: true })).toThrow(UsageError);
  });

  it('report themes on --coder consensus counts only the consensus codings', async () => {
    const { ctx, lee } = await coded();
    const themes = (coders?: string[]) => withProject(ctx, (p) => themesReport(loadScope(p, { coders })), { readonly: true });
    const sleep = (coders?: string[]) => themes(coders).rows.find((r) => r.code === 'Sleep')!;
    expect(() => themes(['consensus'])).toThrow('--coder consensus: no such coder');
    expect(sleep()).toMatchObject({ cases: 2, sources: 2 });
    adopt(lee, { from: 'ana', code: 'Sleep', source: 'P07_T1' });
    const consensus = themes(['consensus']);
    expect(consensus.scope.coders).toEqual(['consensus']);
    expect(consensus.rows.find((r) => r.code === 'Sleep')).toMatchObject({ cases: 1, sources: 1, references: 1, words: 6 });
    expect(consensus.rows.find((r) => r.code === 'Support')).toMatchObject({ cases: 0, sources: 0, references: 0, words: 0 });
    // ana alone has the same Sleep span in P07 and one more in P12.
    expect(themes(['ana']).rows.find((r) => r.code === 'Sleep')).toMatchObject({ cases: 2, references: 2 });
  });
});

describe('qcode adopt (CLI)', () => {
  it('prints what it adopted; a missing selector is a usage error (exit 2)', async () => {
    const { dir } = await coded();
    const none = await qc(dir, ['adopt', '--from', 'ana'], { coder: 'lee' });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^qcode: say what to adopt/);
    const dry = await qc(dir, ['adopt', '--from', 'ana', '--all', '--dry-run'], { coder: 'lee' });
    expect([dry.code, dry.stdout]).toEqual([0, 'dry run: would adopt 3 coding(s) of ana into consensus (0 already there)\n']);
    const r = await qc(dir, ['adopt', '--from', 'ben', '--code', 'Sleep', '--source', 'P07_T1', '--to', 'final'], { coder: 'lee' });
    expect([r.code, r.stdout]).toEqual([0, 'adopted 2 coding(s) of ben into final (0 already there)\n']);
  });
});
