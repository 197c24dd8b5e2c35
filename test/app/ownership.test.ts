import { describe, expect, it } from 'vitest';
import { codebookDelete, codebookHistory, codebookMerge } from '../../src/app/codebook.js';
import { coderIdentity } from '../../src/app/coder.js';
import { listCodings } from '../../src/app/codings.js';
import type { AppContext } from '../../src/app/context.js';
import { tag } from '../../src/app/tag.js';
import { untag } from '../../src/app/untag.js';
import { UsageError } from '../../src/core/errors.js';
import { dumpDb } from '../support/project.js';
import { as, codingProject, P07_T1 } from '../support/coding.js';

const S = 'P07_T1';
const cp = [...P07_T1];
const code = (ctx: AppContext, name: string, span: string) => tag(ctx, { codes: [name], source: S, selector: { span }, createNew: true }).codings[0]!.id;

describe("each coder's codings are theirs: untag", () => {
  it('refuses another coder\'s coding by id and changes nothing (the reported bug)', async () => {
    const { dir, ctx } = await codingProject();
    const id = code(as(ctx, 'ben'), 'Night shifts', '100-140');
    const before = dumpDb(dir);
    expect(() => untag(as(ctx, 'sarah'), { id })).toThrow(UsageError);
    expect(() => untag(as(ctx, 'sarah'), { id })).toThrow(`coding ${id} is ben's, not sarah's; nothing was removed`);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('with anyCoder removes it and records both names, the span and the quote in the history', async () => {
    const { ctx } = await codingProject();
    const id = code(as(ctx, 'ben'), 'Night shifts', '100-140');
    const r = untag(as(ctx, 'sarah'), { id, anyCoder: true });
    expect(r).toMatchObject({ coder: 'sarah', removed: 1, recorded: 1, byCoder: [{ coder: 'ben', removed: 1, trimmed: 0, split: 0 }] });
    expect(listCodings(ctx)).toEqual([]);
    expect(codebookHistory(ctx).at(-1)).toMatchObject({
      coder: 'sarah', action: 'untag', code: 'Night shifts',
      details: { by: 'sarah', owner: 'ben', source: S, coding: id, start: 100, end: 140, quote: cp.slice(100, 140).join(''), left: [] },
    });
  });

  it('your own coding by id needs no flag and leaves no history entry', async () => {
    const { ctx } = await codingProject();
    const id = code(as(ctx, 'ben'), 'Night shifts', '100-140');
    expect(untag(as(ctx, 'ben'), { id })).toMatchObject({ removed: 1, recorded: 0 });
    expect(codebookHistory(ctx).map((h) => h.action)).toEqual(['add']);
  });

  it('with a selector touches only yours, and says whose codings it left', async () => {
    const { ctx } = await codingProject();
    code(as(ctx, 'ben'), 'Night shifts', '100-140');
    code(as(ctx, 'sarah'), 'Night shifts', '100-140');
    const r = untag(as(ctx, 'sarah'), { code: 'Night shifts', source: S, selector: { span: '100-140' } });
    expect(r).toMatchObject({ removed: 1, othersLeft: [{ coder: 'ben', codings: 1 }], recorded: 0 });
    expect(listCodings(ctx).map((c) => c.coder)).toEqual(['ben']);
    // A coder with no codings in the project at all removes nothing, and is not created.
    expect(untag(as(ctx, 'zoe'), { code: 'Night shifts', source: S, selector: { span: '100-140' } })).toMatchObject({ removed: 0, othersLeft: [{ coder: 'ben', codings: 1 }] });
  });

  it('with a selector and anyCoder trims theirs too, recording what was left of each', async () => {
    const { ctx } = await codingProject();
    const id = code(as(ctx, 'ben'), 'Night shifts', '100-140');
    code(as(ctx, 'sarah'), 'Night shifts', '100-140');
    const r = untag(as(ctx, 'sarah'), { code: 'Night shifts', source: S, selector: { span: '120-160' }, anyCoder: true });
    expect(r.byCoder).toEqual([{ coder: 'sarah', removed: 0, trimmed: 1, split: 0 }, { coder: 'ben', removed: 0, trimmed: 1, split: 0 }]);
    expect(listCodings(ctx).map((c) => [c.coder, c.start, c.end])).toEqual([['ben', 100, 120], ['sarah', 100, 120]]);
    expect(codebookHistory(ctx).filter((h) => h.action === 'untag').map((h) => h.details)).toEqual([{
      by: 'sarah', owner: 'ben', source: S, coding: id, revision: 1, start: 100, end: 140, quote: cp.slice(100, 140).join(''),
      left: [{ start: 100, end: 120, quote: cp.slice(100, 120).join('') }],
    }]);
  });
});

describe("each coder's codings are theirs: the codebook", () => {
  it('delete --force refuses a code other coders have coded, unless anyCoder', async () => {
    const { dir, ctx } = await codingProject();
    code(as(ctx, 'ben'), 'Night shifts', '100-140');
    code(as(ctx, 'sarah'), 'Night shifts', '10-20');
    const before = dumpDb(dir);
    expect(() => codebookDelete(as(ctx, 'sarah'), 'Night shifts', true)).toThrow('"Night shifts" has codings by other coders (ben 1); nothing was deleted');
    expect(dumpDb(dir)).toEqual(before);
    expect(codebookDelete(as(ctx, 'sarah'), 'Night shifts', true, true)).toMatchObject({ codingsRemoved: 2 });
    const record = codebookHistory(ctx).at(-1)!;
    expect([record.coder, (record.details.codings as { coder: string }[]).map((c) => c.coder).sort()]).toEqual(['sarah', ['ben', 'sarah']]);
  });

  it('merge moves every coder\'s codings to the target, keeping each coder (nothing is removed)', async () => {
    const { ctx } = await codingProject();
    code(as(ctx, 'ben'), 'Nights', '100-140');
    code(as(ctx, 'sarah'), 'Night shifts', '120-150');
    codebookMerge(as(ctx, 'sarah'), ['Nights'], 'Night shifts');
    expect(listCodings(ctx).map((c) => [c.code, c.coder, c.start, c.end])).toEqual([['Night shifts', 'ben', 100, 140], ['Night shifts', 'sarah', 120, 150]]);
  });
});

describe('coder identity', () => {
  it('says where the name came from', () => {
    const base: AppContext = { cwd: '/', env: {} };
    expect(coderIdentity({ ...base, coder: 'ana', env: { QCODE_CODER: 'bo' } })).toEqual({ coder: 'ana', from: '--coder', fallback: false });
    expect(coderIdentity({ ...base, env: { QCODE_CODER: ' bo ' } })).toEqual({ coder: 'bo', from: 'QCODE_CODER', fallback: false });
    expect(coderIdentity(base)).toMatchObject({ fallback: true, from: expect.stringMatching(/^(git user\.name|OS user)$/) });
    expect(() => coderIdentity({ ...base, coder: ' ' })).toThrow('the coder name is empty');
  });

  it('a fallback name is announced once per project, a chosen one never', async () => {
    const { ctx } = await codingProject();
    const heard: string[] = [];
    const fallback: AppContext = { ...ctx, onNotice: (m) => heard.push(m) };
    code(fallback, 'A', '1-5');
    code(fallback, 'B', '6-9');
    untag(fallback, { code: 'A', source: S, selector: { span: '1-5' } });
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatch(/^coding as ".+", taken from (git's user\.name|your user name on this computer); to choose the name, set QCODE_CODER or give --coder NAME/);
    code({ ...fallback, coder: 'ana' }, 'C', '1-5');
    expect(heard).toHaveLength(1);
    const other = await codingProject();
    code({ ...other.ctx, onNotice: (m) => heard.push(m) }, 'A', '1-5');
    expect(heard).toHaveLength(2);
  });
});
