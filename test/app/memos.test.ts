import { describe, expect, it } from 'vitest';
import { addMemo, deleteMemo, editMemo, listMemos, showMemo } from '../../src/app/memos.js';
import { codebookAdd } from '../../src/app/codebook.js';
import { tag } from '../../src/app/tag.js';
import { dumpDb, put } from '../support/project.js';
import { as, codingProject, FIXED_NOW, P07_T1, P12_T2, qc } from '../support/coding.js';

async function project() {
  const { dir, ctx } = await codingProject({ 'P07_T1.txt': P07_T1, 'P12_T2.txt': P12_T2 });
  const ana = as(ctx, 'ana');
  codebookAdd(ana, 'Self-care', undefined, {});
  const coding = tag(ana, { codes: ['Self-care'], source: 'P07_T1', selector: { match: 'take your break' } }).codings[0]!.id;
  return { dir, ctx, ana, bo: as(ctx, 'bo'), coding };
}

describe('memos: use cases', () => {
  it('adds memos linked to a source, a code, a case, a coding, or nothing', async () => {
    const { ctx, ana, bo, coding } = await project();
    const m1 = addMemo(ana, { source: 'P07_T1', code: 'self-care' }, 'Breaks', 'Breaks as permission.');
    expect(m1).toEqual({
      id: 1, title: 'Breaks', text: 'Breaks as permission.', coder: 'ana', source: 'P07_T1', code: 'Self-care', case: null,
      coding: null, turn: null, createdAt: FIXED_NOW, updatedAt: FIXED_NOW,
    });
    expect(addMemo(bo, { case: 'P12' }, undefined, 'Left alone after March.')).toMatchObject({ case: 'P12', source: null, coder: 'bo' });
    // A coding's memo also links its source and code.
    expect(addMemo(ana, { coding }, undefined, 'The preceptor gives permission.')).toMatchObject({ coding, source: 'P07_T1', code: 'Self-care' });
    expect(addMemo(bo, {}, 'Method', 'Free-floating note.')).toMatchObject({ source: null, code: null, case: null, coding: null });
    expect(listMemos(ctx).map((m) => m.id)).toEqual([1, 2, 3, 4]);
  });

  it('refuses unknown targets and empty text, writing nothing', async () => {
    const { dir, ana } = await project();
    const before = dumpDb(dir);
    expect(() => addMemo(ana, { source: 'P99_T1' }, undefined, 'x')).toThrow(/no source "P99_T1"/);
    expect(() => addMemo(ana, { code: 'Self care' }, undefined, 'x')).toThrow(/no code "Self care"/);
    expect(() => addMemo(ana, { case: 'P99' }, undefined, 'x')).toThrow('no case "P99" in this project');
    expect(() => addMemo(ana, { coding: 999 }, undefined, 'x')).toThrow('no coding with id 999');
    expect(() => addMemo(ana, {}, undefined, '  \n')).toThrow('the memo is empty; nothing was saved');
    expect(dumpDb(dir)).toEqual(before);
  });

  it('lists with filters (source, code, case, coding, coder), shows, edits and deletes', async () => {
    const { ctx, ana, bo, coding } = await project();
    addMemo(ana, { source: 'P07_T1' }, undefined, 'one');
    addMemo(bo, { source: 'P07_T1', code: 'Self-care' }, undefined, 'two');
    addMemo(bo, { case: 'P12' }, undefined, 'three');
    addMemo(ana, { coding }, undefined, 'four');
    const texts = (f: Parameters<typeof listMemos>[1]) => listMemos(ctx, f).map((m) => m.text);
    expect(texts({ source: 'P07_T1' })).toEqual(['one', 'two', 'four']);
    expect(texts({ code: 'SELF-CARE' })).toEqual(['two', 'four']);
    expect(texts({ case: 'P12' })).toEqual(['three']);
    expect(texts({ coding })).toEqual(['four']);
    expect(texts({ coder: 'bo' })).toEqual(['two', 'three']);
    expect(texts({ coder: 'nobody' })).toEqual([]);
    expect(showMemo(ctx, 3).text).toBe('three');
    const later = { ...bo, now: () => '2026-02-01T00:00:00.000Z' };
    expect(editMemo(later, 3, { text: 'three, revised', title: 'T' })).toMatchObject({ text: 'three, revised', title: 'T', createdAt: FIXED_NOW, updatedAt: '2026-02-01T00:00:00.000Z' });
    expect(() => editMemo(ana, 3, { text: ' ' })).toThrow(/the memo would be empty; nothing was changed/);
    expect(deleteMemo(ana, 3).text).toBe('three, revised');
    expect(() => showMemo(ctx, 3)).toThrow('no memo with id 3');
  });
});

describe('memos: the CLI', () => {
  it('takes the text from --text, --file or piped stdin', async () => {
    const { dir } = await project();
    put(dir, 'notes/p07.md', 'From a file.\nSecond line.\n');
    const a = await qc(dir, ['memo', 'add', '--source', 'P07_T1', '--text', 'From --text']);
    expect(a).toEqual({ code: 0, stdout: '', stderr: 'memo 1 saved\n' });
    expect((await qc(dir, ['memo', 'add', '--case', 'P07', '--file', 'notes/p07.md'])).stderr).toBe('memo 2 saved\n');
    expect((await qc(dir, ['memo', 'add', '--code', 'Self-care', '--title', 'Piped'], { coder: 'bo', stdin: 'From stdin.\n' })).stderr).toBe('memo 3 saved\n');
    const list = JSON.parse((await qc(dir, ['memo', 'list', '--json'])).stdout) as { id: number; text: string; coder: string; source: string | null; case: string | null; code: string | null }[];
    expect(list.map((m) => [m.id, m.text, m.coder, m.source, m.case, m.code])).toEqual([
      [1, 'From --text', 'ana', 'P07_T1', null, null],
      [2, 'From a file.\nSecond line.\n', 'ana', null, 'P07', null],
      [3, 'From stdin.\n', 'bo', null, null, 'Self-care'],
    ]);
    expect(JSON.parse((await qc(dir, ['memo', 'list', '--by', 'bo', '--json'])).stdout)).toHaveLength(1);
    const both = await qc(dir, ['memo', 'add', '--text', 'x', '--file', 'notes/p07.md']);
    expect([both.code, both.stderr]).toEqual([2, 'qcode: give --text or --file, not both\n']);
    expect((await qc(dir, ['memo', 'add', '--file', 'missing.md'])).stderr).toBe('qcode: missing.md: cannot be read (ENOENT)\n');
  });

  it('shows, edits and deletes (printing the deleted text)', async () => {
    const { dir } = await project();
    await qc(dir, ['memo', 'add', '--source', 'P07_T1', '--code', 'Self-care', '--title', 'Breaks', '--text', 'Breaks as permission.']);
    const shown = await qc(dir, ['memo', 'show', '1']);
    expect(shown.stdout).toMatch(/^#1 Breaks · ana · \d{4}-\d\d-\d\d \d\d:\d\d · source P07_T1, code "Self-care"\n\nBreaks as permission\.\n$/);
    expect((await qc(dir, ['memo', 'edit', '1', '--text', 'Breaks as a permission slip.'])).code).toBe(0);
    expect(JSON.parse((await qc(dir, ['memo', 'show', '1', '--json'])).stdout)).toMatchObject({ id: 1, title: 'Breaks', text: 'Breaks as a permission slip.' });
    expect((await qc(dir, ['memo', 'edit', '1', '--title', 'Permission'])).code).toBe(0);
    const del = await qc(dir, ['memo', 'delete', '1']);
    expect(del.code).toBe(0);
    expect(del.stderr).toMatch(/^deleted memo 1: #1 Permission · ana · .* · source P07_T1, code "Self-care"\nBreaks as a permission slip\.\n$/);
    const gone = await qc(dir, ['memo', 'show', '1']);
    expect([gone.code, gone.stderr]).toEqual([2, 'qcode: no memo with id 1 (qcode memo list shows them)\n']);
    expect((await qc(dir, ['memo', 'show', 'x'])).stderr).toBe('qcode: x: give a memo id number\n');
  });
});
