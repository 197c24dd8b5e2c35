import { describe, expect, it } from 'vitest';
import { tag } from '../../src/app/tag.js';
import { tagFromFile, tagMany } from '../../src/app/tag-many.js';
import { listCodings } from '../../src/app/codings.js';
import { listMemos } from '../../src/app/memos.js';
import { codebookAdd, listCodebook } from '../../src/app/codebook.js';
import { dumpDb, put } from '../support/project.js';
import { as, codingProject, P07_T1, P12_T2, qc } from '../support/coding.js';

const files = { 'P07_T1.txt': P07_T1, 'P12_T2.txt': P12_T2 };
const view = (rows: ReturnType<typeof listCodings>) => rows.map((r) => [r.code, r.source, r.coder, r.start, r.end, r.weight]);

describe('tag --from FILE: many codings in one transaction', () => {
  it('applies CSV rows exactly as the same tag commands would, one by one', async () => {
    const bulk = await codingProject(files);
    const single = await codingProject(files);
    put(bulk.dir, 'c.csv', [
      'code,source,lines,turns,match,span,coder,weight,memo',
      'Night shifts,P07_T1,3-4,,,,,,',
      'Support,P07_T1,,4,,,bo,30,her preceptor',
      'Sleep,P12_T2,,,I sleep better,,,,',
      '"Sleep, nights",P12_T2,,,,20-30,bo,,',
      'night shifts,P07_T1,9,,,,,,', // joins nothing (another line), same code by name ignoring case
      'Night shifts,P07_T1,4-5,,,,,,', // overlaps the first row's coding: joined into it
      '',
    ].join('\n'));
    const r = tagFromFile(as(bulk.ctx, 'ana'), 'c.csv', { createNew: true });
    expect(r).toEqual({ dryRun: false, rows: 6, created: 5, joined: 1, createdCodes: ['Night shifts', 'Support', 'Sleep', 'Sleep, nights'], coders: ['ana', 'bo'] });
    const a = as(single.ctx, 'ana');
    const b = as(single.ctx, 'bo');
    tag(a, { codes: ['Night shifts'], source: 'P07_T1', selector: { lines: { from: 3, to: 4 } }, createNew: true });
    tag(b, { codes: ['Support'], source: 'P07_T1', selector: { turns: { from: 4, to: 4 } }, createNew: true, weight: 30, memo: 'her preceptor' });
    tag(a, { codes: ['Sleep'], source: 'P12_T2', selector: { match: 'I sleep better' }, createNew: true });
    tag(b, { codes: ['Sleep, nights'], source: 'P12_T2', selector: { span: '20-30' }, createNew: true });
    tag(a, { codes: ['night shifts'], source: 'P07_T1', selector: { lines: { from: 9, to: 9 } } });
    tag(a, { codes: ['Night shifts'], source: 'P07_T1', selector: { lines: { from: 4, to: 5 } } });
    expect(view(listCodings(bulk.ctx))).toEqual(view(listCodings(single.ctx)));
    expect(listCodings(bulk.ctx)).toHaveLength(5);
    expect(listMemos(bulk.ctx, {}).map((m) => m.text)).toEqual(['her preceptor']);
    expect(listCodebook(bulk.ctx).map((c) => c.code).sort()).toEqual(listCodebook(single.ctx).map((c) => c.code).sort());
  });

  it('reads JSON Lines with numbers as numbers, and the API takes the same rows', async () => {
    const { dir, ctx } = await codingProject(files);
    codebookAdd(as(ctx, 'ana'), 'Sleep', undefined, {});
    put(dir, 'c.jsonl', '{"code": "Sleep", "source": "P07_T1", "lines": 4, "weight": 80}\n\n{"code": "Sleep", "source": "P12_T2", "match": "I sleep better", "coder": "bo", "memo": null}\n');
    expect(tagFromFile(as(ctx, 'ana'), 'c.jsonl')).toMatchObject({ rows: 2, created: 2, coders: ['ana', 'bo'] });
    // bo's coding is inside ana's line, but codings of different coders are never joined.
    expect(tagMany(as(ctx, 'ana'), [{ code: 'Sleep', source: 'P12_T2', lines: '2' }])).toMatchObject({ rows: 1, created: 1, joined: 0 });
    expect(view(listCodings(ctx))).toEqual([
      ['Sleep', 'P07_T1', 'ana', 158, 190, 80], // line 4: "I couldn’t sleep during the day.",
      ['Sleep', 'P12_T2', 'ana', 34, 103, null],
      ['Sleep', 'P12_T2', 'bo', 55, 69, null],
    ]);
  });

  it.each([
    ['an unknown code', 'Sleep,P07_T1,3\nNo such code,P07_T1,4\n', 'c.csv:3: no code "No such code" in the codebook'],
    ['an unknown source', 'Sleep,P07_T1,3\nSleep,P99_T9,4\n', 'c.csv:3: no source "P99_T9"'],
    ['a line out of range', 'Sleep,P07_T1,3\nSleep,P07_T1,4\nSleep,P07_T1,400\n', 'c.csv:4: --lines 400: P07_T1 has 10 lines'],
    ['a bad range', 'Sleep,P07_T1,3\nSleep,P07_T1,5-2\n', 'c.csv:3: lines 5-2: the end comes before the start'],
    ['no selector', 'Sleep,P07_T1,3\nSleep,P07_T1,\n', 'c.csv:3: say what to code: give lines, turns, match or span'],
    ['a missing code', 'Sleep,P07_T1,3\n,P07_T1,3\n', 'c.csv:3: the code is missing'],
  ])('changes nothing and names the first bad row: %s', async (_, body, message) => {
    const { dir, ctx } = await codingProject(files);
    codebookAdd(as(ctx, 'ana'), 'Sleep', undefined, {});
    put(dir, 'c.csv', `code,source,lines\n${body}Nope,Nowhere,1\n`);
    const before = dumpDb(dir);
    expect(() => tagFromFile(as(ctx, 'ana'), 'c.csv')).toThrow(message);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('refuses two selectors, a bad weight, unknown columns and bad JSON, naming the line', async () => {
    const { dir, ctx } = await codingProject(files);
    const a = as(ctx, 'ana');
    put(dir, 'two.csv', 'code,source,lines,match\nSleep,P07_T1,3,I\n');
    expect(() => tagFromFile(a, 'two.csv', { createNew: true })).toThrow('two.csv:2: give one of lines, turns, match, span, not lines and match');
    put(dir, 'w.jsonl', '{"code":"Sleep","source":"P07_T1","lines":"3","weight":101}\n');
    expect(() => tagFromFile(a, 'w.jsonl', { createNew: true })).toThrow('w.jsonl:1: weight 101: give a whole number from 0 to 100');
    put(dir, 'col.csv', 'code,source,line\nSleep,P07_T1,3\n');
    expect(() => tagFromFile(a, 'col.csv')).toThrow('col.csv:1: unknown column "line"');
    put(dir, 'bad.jsonl', '{"code":"Sleep","source":"P07_T1","lines":"3"}\n{"code": oops}\n');
    expect(() => tagFromFile(a, 'bad.jsonl', { createNew: true })).toThrow(/^bad\.jsonl:2: invalid JSON/);
    put(dir, 'multi.csv', 'code,source,match\n"Sleep,\nnights",P07_T1,"The night shifts\nwere the worst."\nSleep,P07_T1,no such words\n');
    // The first row spans lines 2 to 4 (two quoted cells with line breaks): the second is on line 5.
    expect(() => tagFromFile(a, 'multi.csv', { createNew: true })).toThrow('multi.csv:5: --match: no match in P07_T1');
    put(dir, 'multi2.csv', 'code,source,match\nSleep,P07_T1,"no such\nwords"\n');
    expect(() => tagFromFile(a, 'multi2.csv', { createNew: true })).toThrow('multi2.csv:2: --match: no match in P07_T1');
    put(dir, 'q.csv', 'code,source,lines\n"Sleep,P07_T1,3\n');
    expect(() => tagFromFile(a, 'q.csv')).toThrow(/^q\.csv:\d+: invalid CSV/);
    expect(listCodings(ctx)).toEqual([]);
  });

  it('--dry-run reports what would be done and changes nothing', async () => {
    const { dir, ctx } = await codingProject(files);
    put(dir, 'c.csv', 'code,source,lines\nSleep,P07_T1,3\nSleep,P07_T1,3-4\n');
    const before = dumpDb(dir);
    expect(tagFromFile(as(ctx, 'ana'), 'c.csv', { createNew: true, dryRun: true })).toEqual({
      dryRun: true, rows: 2, created: 1, joined: 1, createdCodes: ['Sleep'], coders: ['ana'],
    });
    expect(dumpDb(dir)).toEqual(before);
  });
});

describe('qcode tag --from (CLI)', () => {
  it('prints a summary, takes --new and --dry-run, and refuses selectors beside --from', async () => {
    const { dir } = await codingProject(files);
    put(dir, 'c.csv', 'code,source,lines\nSleep,P07_T1,3\nSleep,P12_T2,2\n');
    expect(await qc(dir, ['tag', '--from', 'c.csv', '--new', '--dry-run'], { coder: 'ana' })).toEqual({
      code: 0,
      stdout: 'would tag 2 rows from c.csv: 2 new coding(s), 0 joined to codings already there, 1 new code(s) (coder ana); nothing was changed (dry run)\n',
      stderr: 'would create code: Sleep\n',
    });
    const r = await qc(dir, ['tag', '--from', 'c.csv'], { coder: 'ana' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('c.csv:2: no code "Sleep" in the codebook');
    expect((await qc(dir, ['tag', '--from', 'c.csv', '--new', '--json'], { coder: 'ana' })).stdout).toBe(
      JSON.stringify({ dryRun: false, rows: 2, created: 2, joined: 0, createdCodes: ['Sleep'], coders: ['ana'] }, null, 2) + '\n');
    const mixed = await qc(dir, ['tag', 'Sleep', '--from', 'c.csv']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('with --from FILE, the codes, sources and selectors come from the file');
    expect((await qc(dir, ['tag', 'Sleep'])).stderr).toContain('name a code and a source');
  });
});
