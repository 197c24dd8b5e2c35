/**
 * Interview metadata for every format: qcode sources set / sources import give dates,
 * durations, interviewers and other fields to sources whose files carry none; the values are
 * kept over later ingests; sample and saturation say how many sources lack them.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/app/ingest.js';
import { listSources } from '../../src/app/sources.js';
import { importSourceMetadata, setSourceMetadata } from '../../src/app/source-metadata.js';
import { withProject } from '../../src/app/project.js';
import { loadScope } from '../../src/app/report-scope.js';
import { sampleReport, sampleView } from '../../src/app/reports/sample.js';
import { saturationReport, saturationView } from '../../src/app/reports/saturation.js';
import type { AppContext } from '../../src/app/context.js';
import { renderReport } from '../../src/format/report.js';
import { InputError, UsageError } from '../../src/core/errors.js';
import { runCli } from '../support/cli.js';
import { dumpDb, newProject, put } from '../support/project.js';

const T = 'Interviewer: How was it?\nParticipant: Fine, mostly fine.\nDana: And nights?\nParticipant: Hard.\n';

async function study() {
  const p = newProject();
  put(p.dir, 'in/A_T1.txt', T);
  put(p.dir, 'in/A_T2.txt', T);
  put(p.dir, 'in/B_T1.txt', `---\ndate: 2024-01-05\nduration: 40\n---\n${T}`);
  await ingest(p.ctx, ['in'], { namePattern: '{case}_T{wave}' });
  return p;
}
const row = (ctx: AppContext, id: string) => listSources(ctx).find((s) => s.id === id)!;
const meta = (ctx: AppContext, id: string) => withProject(ctx, (p) => p.sources.summary(id)!.metadata, { readonly: true });

describe('qcode sources set', () => {
  it('sets date, duration and other fields; a re-ingest keeps them and changes nothing', async () => {
    const { ctx } = await study();
    const r = setSourceMetadata(ctx, ['A_T1', 'A_T2'], { date: '2024-02-01', duration: '1h 5m', location: 'ward 3' });
    expect(r.changes).toEqual([
      { source: 'A_T1', key: 'date', from: null, to: '2024-02-01' },
      { source: 'A_T1', key: 'duration', from: null, to: '65 min' },
      { source: 'A_T1', key: 'location', from: null, to: 'ward 3' },
      { source: 'A_T2', key: 'date', from: null, to: '2024-02-01' },
      { source: 'A_T2', key: 'duration', from: null, to: '65 min' },
      { source: 'A_T2', key: 'location', from: null, to: 'ward 3' },
    ]);
    expect(row(ctx, 'A_T1')).toMatchObject({ date: '2024-02-01', durationMin: 65 });
    expect(meta(ctx, 'A_T1')).toEqual({ date: '2024-02-01', duration: '1h 5m', location: 'ward 3' });
    expect(await ingest(ctx, ['in'])).toMatchObject({ unchanged: 3, updated: 0 });
    expect(row(ctx, 'A_T2')).toMatchObject({ date: '2024-02-01', durationMin: 65 });
    // Setting the same values again changes nothing.
    expect(setSourceMetadata(ctx, ['A_T1'], { date: '2024-02-01' }).changes).toEqual([]);
  });

  it('set values win over front matter, also on re-ingest; "" (null) clears a value for good', async () => {
    const { ctx, dir } = await study();
    setSourceMetadata(ctx, ['B_T1'], { date: '2024-01-06', duration: null });
    expect(row(ctx, 'B_T1')).toMatchObject({ date: '2024-01-06', durationMin: null });
    put(dir, 'in/B_T1.txt', `---\ndate: 2024-01-05\nduration: 40\n---\n${T}Participant: An edit.\n`);
    expect(await ingest(ctx, ['in'])).toMatchObject({ revised: 1 });
    expect(row(ctx, 'B_T1')).toMatchObject({ date: '2024-01-06', durationMin: null });
  });

  it('--interviewer makes that speaker interviewer talk in those sources at once, and after a re-ingest', async () => {
    const { ctx } = await study();
    const before = row(ctx, 'A_T1');
    const r = setSourceMetadata(ctx, ['A_T1'], { interviewer: 'Dana' });
    expect(r.reattributed).toEqual(['A_T1']);
    const after = row(ctx, 'A_T1');
    expect(after.participantWords).toBe(before.participantWords - 2); // "And nights?"
    expect(after.interviewerWords).toBe(before.interviewerWords + 2);
    expect(row(ctx, 'A_T2').participantWords).toBe(before.participantWords);
    expect(await ingest(ctx, ['in'])).toMatchObject({ unchanged: 3 });
    expect(row(ctx, 'A_T1').participantWords).toBe(after.participantWords);
  });

  it('bad input: a usage or input error, project unchanged', async () => {
    const { ctx, dir } = await study();
    const before = dumpDb(dir);
    expect(() => setSourceMetadata(ctx, ['A_T1'], { date: '12/03/2024' })).toThrow(/--date: date "12\/03\/2024": write dates as YYYY-MM-DD/);
    expect(() => setSourceMetadata(ctx, ['A_T1'], { duration: 'long' })).toThrow(UsageError);
    expect(() => setSourceMetadata(ctx, ['A_T1'], { case: 'X' })).toThrow(/--meta case=X: case is not metadata/);
    expect(() => setSourceMetadata(ctx, ['A_T1', 'A_T3'], { date: '2024-01-01' })).toThrow(/no source "A_T3"/);
    expect(() => setSourceMetadata(ctx, ['A_T1'], {})).toThrow(/nothing to set/);
    const dry = setSourceMetadata(ctx, ['A_T1'], { date: '2024-01-01' }, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, changes: [{ source: 'A_T1', key: 'date', from: null, to: '2024-01-01' }] });
    expect(dumpDb(dir)).toEqual(before);
  });
});

describe('qcode sources import', () => {
  it('CSV with a source column: adds and updates, empty cells change nothing; --dry-run', async () => {
    const { ctx, dir } = await study();
    put(dir, 'meta.csv', 'source;Date;duration;site\nA_T1;2024-02-01;58;North\nA_T2;;01:02:00;\nB_T1;2024-01-07;;South\n');
    const before = dumpDb(dir);
    const dry = importSourceMetadata(ctx, 'meta.csv', { dryRun: true });
    expect(dry.changes).toHaveLength(6);
    expect(dumpDb(dir)).toEqual(before);
    const r = importSourceMetadata(ctx, 'meta.csv');
    expect(r.changes).toEqual(dry.changes);
    expect(listSources(ctx).map((s) => [s.id, s.date, s.durationMin])).toEqual([
      ['A_T1', '2024-02-01', 58], ['A_T2', null, 62], ['B_T1', '2024-01-07', 40],
    ]);
    expect(meta(ctx, 'B_T1')).toEqual({ date: '2024-01-07', duration: 40, site: 'South' });
  });

  it('YAML, and bad rows named with their line; nothing is written', async () => {
    const { ctx, dir } = await study();
    put(dir, 'meta.yaml', 'sources:\n  A_T1: { date: 2024-02-01, duration: 30 }\n  A_T2: { interviewer: Dana }\n');
    expect(importSourceMetadata(ctx, 'meta.yaml').changes.map((c) => `${c.source} ${c.key}`)).toEqual(['A_T1 date', 'A_T1 duration', 'A_T2 interviewer']);
    const before = dumpDb(dir);
    put(dir, 'bad.csv', 'source,date\nA_T1,2024-03-01\nA_T2,March\n');
    expect(() => importSourceMetadata(ctx, 'bad.csv')).toThrow('bad.csv:3: date "March": write dates as YYYY-MM-DD, e.g. 2024-03-12');
    put(dir, 'unknown.csv', 'source,date\nA_T1,2024-03-01\nA_T9,2024-03-01\n');
    expect(() => importSourceMetadata(ctx, 'unknown.csv')).toThrow(InputError);
    expect(() => importSourceMetadata(ctx, 'unknown.csv')).toThrow('unknown.csv:3: no source "A_T9" in this project');
    put(dir, 'nokey.csv', 'id,date\nA_T1,2024-03-01\n');
    expect(() => importSourceMetadata(ctx, 'nokey.csv')).toThrow('nokey.csv:1: no "source" column in the header');
    expect(() => importSourceMetadata(ctx, 'missing.csv')).toThrow(/missing\.csv: cannot be read/);
    expect(dumpDb(dir)).toEqual(before);
  });
});

describe('reports say how many sources lack dates or durations', () => {
  const scoped = <T>(ctx: AppContext, fn: (s: ReturnType<typeof loadScope>) => T): T => withProject(ctx, (p) => fn(loadScope(p)), { readonly: true });

  it('sample counts the sources without a duration; saturation says how undated interviews were ordered', async () => {
    const { ctx } = await study();
    const sample = scoped(ctx, sampleReport);
    expect(sample).toMatchObject({ sources: 3, withoutDuration: 2, minutes: { n: 1 } });
    expect(renderReport('md', sampleView(sample))).toContain('2 of 3 interviews have no known duration and are left out of the minutes');
    const sat = scoped(ctx, (s) => saturationReport(s, { base: 1, run: 1 }));
    expect(sat.undated).toBe(2);
    expect(sat.sources.map((s) => s.source)).toEqual(['B_T1', 'A_T1', 'A_T2']); // wave 1: dated B_T1 first
    expect(renderReport('table', saturationView(sat))).toContain('2 of 3 interviews have no date: each comes after the dated interviews of its wave, in order of source id');
    setSourceMetadata(ctx, ['A_T1'], { date: '2023-12-01', duration: '50' });
    setSourceMetadata(ctx, ['A_T2'], { date: '2024-06-01', duration: '45' });
    expect(scoped(ctx, sampleReport)).toMatchObject({ withoutDuration: 0, minutes: { n: 3, mean: 45 } });
    const dated = scoped(ctx, (s) => saturationReport(s, { base: 1, run: 1 }));
    expect(dated.sources.map((s) => s.source)).toEqual(['A_T1', 'B_T1', 'A_T2']);
    expect(dated.order).toBe('Every interview has a date.');
  });

  it('through the CLI: sources set and sources import print each change', async () => {
    const { dir } = await study();
    const set = await runCli(['sources', 'set', 'A_T1', '--date', '2024-02-01', '--meta', 'site=North', '--dry-run'], { cwd: dir });
    expect(set).toMatchObject({ code: 0, stdout: 'dry run: nothing was written\nwould change 2 value(s) of 1 source(s)\n  A_T1 date: — → 2024-02-01\n  A_T1 site: — → North\n' });
    put(dir, 'm.csv', 'source,duration\nA_T2,30\n');
    const imp = await runCli(['sources', 'import', 'm.csv', '--json'], { cwd: dir });
    expect(JSON.parse(imp.stdout)).toMatchObject({ changes: [{ source: 'A_T2', key: 'duration', from: null, to: '30 min' }] });
    const bad = await runCli(['sources', 'set', 'A_T1', '--meta', 'oops'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--meta oops: expected key=value/);
    const sources = JSON.parse((await runCli(['sources', '--json'], { cwd: dir })).stdout);
    expect(sources.find((s: { id: string }) => s.id === 'A_T2').durationMin).toBe(30);
  });
});
