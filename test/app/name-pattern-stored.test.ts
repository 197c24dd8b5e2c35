/**
 * Cases and waves never move silently: the name pattern is stored and applied on every later
 * ingest; a stored source keeps its case and wave unless the run states new ones; every move
 * is listed (and shown first by --dry-run); a case left without sources is listed.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/app/ingest.js';
import { listCases } from '../../src/app/cases.js';
import { checkProject } from '../../src/app/check.js';
import { listSources } from '../../src/app/sources.js';
import { runCli } from '../support/cli.js';
import { dumpDb, newProject, put } from '../support/project.js';

const T = 'Interviewer: How was it?\nParticipant: Fine, mostly.\n';

function study() {
  const p = newProject();
  for (const n of ['50001_T1', '50001_T2', '50002_T1']) put(p.dir, `in/${n}.txt`, T + n);
  put(p.dir, 'cases.csv', 'case,age\n50001,24\n50002,31\n');
  return p;
}
const where = (ctx: Parameters<typeof listSources>[0]) => listSources(ctx).map((s) => `${s.id}:${s.case}/${s.wave}`);

describe('the stored name pattern', () => {
  it('is applied on a later ingest without --name-pattern: nothing moves, no new case', async () => {
    const { ctx } = study();
    await ingest(ctx, ['in'], { namePattern: '{case}_T{wave}', casesFile: 'cases.csv' });
    put(ctx.cwd, 'in/50002_T2.txt', T + 'new');
    const again = await ingest(ctx, ['in']);
    expect(again).toMatchObject({ namePattern: '{case}_T{wave}', added: 1, unchanged: 3, casesAdded: 0, moves: [], emptiedCases: [] });
    expect(where(ctx)).toEqual(['50001_T1:50001/1', '50001_T2:50001/2', '50002_T1:50002/1', '50002_T2:50002/2']);
    expect(listCases(ctx).map((c) => [c.case, c.sources, c.attributes.age])).toEqual([['50001', 2, '24'], ['50002', 2, '31']]);
  });

  it('--name-pattern "" clears it; stored sources keep their case and wave, new ones get the defaults', async () => {
    const { ctx } = study();
    await ingest(ctx, ['in'], { namePattern: '{case}_T{wave}' });
    put(ctx.cwd, 'in/50003_T1.txt', T);
    const r = await ingest(ctx, ['in'], { namePattern: '' });
    expect(r).toMatchObject({ namePattern: null, moves: [], unchanged: 3, added: 1 });
    expect(where(ctx)).toContain('50001_T2:50001/2');
    expect(where(ctx)).toContain('50003_T1:50003_T1/1');
    expect((await ingest(ctx, ['in'])).namePattern).toBeNull();
  });

  it('a pattern given later moves the sources it matches, lists each move and the cases left empty; --dry-run first', async () => {
    const { ctx, dir } = study();
    await ingest(ctx, ['in'], { casesFile: 'cases.csv' });
    expect(where(ctx)).toEqual(['50001_T1:50001_T1/1', '50001_T2:50001_T2/1', '50002_T1:50002_T1/1']);
    const before = dumpDb(dir);
    const dry = await ingest(ctx, ['in'], { namePattern: '{case}_T{wave}', dryRun: true });
    expect(dry.moves).toEqual([
      { source: '50001_T1', from: { case: '50001_T1', wave: '1' }, to: { case: '50001', wave: '1' } },
      { source: '50001_T2', from: { case: '50001_T2', wave: '1' }, to: { case: '50001', wave: '2' } },
      { source: '50002_T1', from: { case: '50002_T1', wave: '1' }, to: { case: '50002', wave: '1' } },
    ]);
    expect(dry.emptiedCases).toEqual(['50001_T1', '50001_T2', '50002_T1']);
    expect(dumpDb(dir)).toEqual(before); // the pattern is not stored by a dry run either
    const real = await ingest(ctx, ['in'], { namePattern: '{case}_T{wave}' });
    expect(real.moves).toEqual(dry.moves);
    expect(real.updated).toBe(3);
    expect(listCases(ctx).filter((c) => c.sources === 0).map((c) => c.case)).toEqual(['50001_T1', '50001_T2', '50002_T1']);
    const check = checkProject(ctx);
    expect(check.emptyCases).toEqual(['50001_T1', '50001_T2', '50002_T1']);
    expect(check.ok).toBe(true);
  });

  it('front matter states a case and wave; a file name the pattern does not match keeps the stored ones', async () => {
    const { ctx } = study();
    await ingest(ctx, ['in'], { namePattern: '{case}_T{wave}' });
    put(ctx.cwd, 'in/50001_T2.txt', `---\ncase: 50009\n---\n${T}50001_T2`);
    const r = await ingest(ctx, ['in']);
    expect(r.moves).toEqual([{ source: '50001_T2', from: { case: '50001', wave: '2' }, to: { case: '50009', wave: '2' } }]);
    expect(r.emptiedCases).toEqual([]);
    // A new pattern that does not match the names: nothing moves.
    expect((await ingest(ctx, ['in'], { namePattern: 'P{case}-w{wave}' })).moves).toEqual([]);
    expect(where(ctx)).toEqual(['50001_T1:50001/1', '50002_T1:50002/1', '50001_T2:50009/2']);
  });

  it('the CLI summary lists each move; cases and check name the empty cases', async () => {
    const { dir } = study();
    await runCli(['ingest', 'in'], { cwd: dir });
    const dry = await runCli(['ingest', 'in', '--name-pattern', '{case}_T{wave}', '--dry-run'], { cwd: dir });
    expect(dry.stdout).toContain('would move 3 source(s) to another case or wave:\n  50001_T1: case 50001_T1 → 50001\n  50001_T2: case 50001_T2 → 50001, wave 1 → 2\n');
    const run = await runCli(['ingest', 'in', '--name-pattern', '{case}_T{wave}'], { cwd: dir });
    expect(run.stdout).toContain('moved 3 source(s)');
    expect(run.stdout).toContain('cases left without sources (their attributes stay; qcode cases lists them): 50001_T1, 50001_T2, 50002_T1');
    const json = JSON.parse((await runCli(['ingest', 'in', '--json'], { cwd: dir })).stdout);
    expect(json).toMatchObject({ namePattern: '{case}_T{wave}', moves: [], unchanged: 3 });
    const cases = await runCli(['cases'], { cwd: dir });
    expect(cases.stderr).toBe('qcode: 3 case(s) without sources: 50001_T1, 50001_T2, 50002_T1\n');
    const check = await runCli(['check'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('case without sources: 50001_T2');
  });
});
