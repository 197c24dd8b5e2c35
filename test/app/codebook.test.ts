import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import {
  codebookAdd, codebookDelete, codebookDescribe, codebookHistory, codebookMerge, codebookMove, codebookRename, listCodebook,
} from '../../src/app/codebook.js';
import { exportEntries, importCodebook } from '../../src/app/codebook-io.js';
import { codebookYaml } from '../../src/io/codebook-file.js';
import { tag } from '../../src/app/tag.js';
import { listCodings } from '../../src/app/codings.js';
import { addMemo, listMemos } from '../../src/app/memos.js';
import type { AppContext } from '../../src/app/context.js';
import { dumpDb, newProject, put } from '../support/project.js';
import { as, codingProject, FIXED_NOW, P07_T1, P12_T2 } from '../support/coding.js';

const EXAMPLE = fileURLToPath(new URL('../../codebook.example.yaml', import.meta.url));
const code = (ctx: AppContext, name: string, source: string, span: string) => tag(ctx, { codes: [name], source, selector: { span }, createNew: true }).codings[0]!.id;
const names = (ctx: AppContext) => listCodebook(ctx).map((r) => `${'  '.repeat(r.depth)}${r.code}`);

describe('codebook operations and their history', () => {
  it('adds a code with every field, checks the colour, and records it', async () => {
    const { ctx } = newProject();
    const a = as(ctx, 'ana');
    codebookAdd(a, 'Well-being', undefined, {});
    const fields = { description: 'Looking after oneself', include: 'breaks, food', exclude: 'sleep (use Sleep)', example: 'I take my break now.', color: '#1F77B4' };
    codebookAdd(a, '  Self-care ', 'well-being', fields);
    expect(listCodebook(ctx)[1]).toMatchObject({ code: 'Self-care', parent: 'Well-being', path: ['Well-being', 'Self-care'], depth: 1, ...fields, color: '#1f77b4' });
    expect(() => codebookAdd(a, 'Red', undefined, { color: 'red' })).toThrow('colour red: expected #RRGGBB, e.g. #1f77b4');
    expect(() => codebookAdd(a, 'Red', undefined, { color: '#12345' })).toThrow(/expected #RRGGBB/);
    expect(() => codebookAdd(a, 'SELF-CARE', undefined, {})).toThrow('a code "Self-care" already exists');
    expect(codebookHistory(ctx)).toEqual([
      { id: 1, at: FIXED_NOW, coder: 'ana', action: 'add', code: 'Well-being', details: { parent: null, description: null, include: null, exclude: null, example: null, color: null } },
      { id: 2, at: FIXED_NOW, coder: 'ana', action: 'add', code: 'Self-care', details: { parent: 'Well-being', ...fields, color: '#1f77b4' } },
    ]);
  });

  it('describes (clearing a field with ""), renames (case-only allowed, clash refused) and moves (cycles refused)', async () => {
    const { ctx } = newProject();
    const a = as(ctx, 'ana');
    codebookAdd(a, 'Support', undefined, {});
    codebookAdd(a, 'Preceptor', 'Support', { description: 'old', example: 'e.g.' });
    expect(codebookDescribe(as(ctx, 'bo'), 'preceptor', { description: 'The preceptor', example: '' })).toEqual({ code: 'Preceptor', changed: ['description', 'example'] });
    expect(listCodebook(ctx)[1]).toMatchObject({ description: 'The preceptor', example: null });
    expect(codebookRename(a, 'preceptor', 'preceptor support')).toEqual({ from: 'Preceptor', to: 'preceptor support' });
    expect(codebookRename(a, 'preceptor support', 'Preceptor support')).toEqual({ from: 'preceptor support', to: 'Preceptor support' });
    expect(() => codebookRename(a, 'Preceptor support', 'SUPPORT')).toThrow('a code "Support" already exists');
    expect(() => codebookMove(a, 'Support', 'Preceptor support')).toThrow('cannot move "Support" under "Preceptor support": that is one of its own descendants');
    expect(() => codebookMove(a, 'Support', 'Support')).toThrow(/that is itself/);
    expect(codebookMove(a, 'Preceptor support', null)).toEqual({ code: 'Preceptor support', from: 'Support', to: null });
    expect(codebookMove(a, 'Support', 'Preceptor support')).toEqual({ code: 'Support', from: null, to: 'Preceptor support' });
    expect(names(ctx)).toEqual(['Preceptor support', '  Support']);
    expect(codebookHistory(ctx).slice(2).map((h) => [h.coder, h.action, h.code, h.details])).toEqual([
      ['bo', 'describe', 'Preceptor', { before: { description: 'old', example: 'e.g.' }, after: { description: 'The preceptor', example: null } }],
      ['ana', 'rename', 'preceptor support', { from: 'Preceptor', to: 'preceptor support' }],
      ['ana', 'rename', 'Preceptor support', { from: 'preceptor support', to: 'Preceptor support' }],
      ['ana', 'move', 'Preceptor support', { from: 'Support', to: null }],
      ['ana', 'move', 'Support', { from: null, to: 'Preceptor support' }],
    ]);
  });

  it('lists per code its codings, sources and cases', async () => {
    const { ctx } = await codingProject({ 'P07_T1.txt': P07_T1, 'P07_T2.txt': P12_T2, 'P12_T2.txt': P12_T2 });
    const a = as(ctx, 'ana');
    code(a, 'Nights', 'P07_T1', '10-20');
    code(a, 'Nights', 'P07_T1', '40-50');
    code(as(ctx, 'bo'), 'Nights', 'P07_T2', '40-50');
    code(a, 'Nights', 'P12_T2', '40-50');
    code(a, 'Tired', 'P12_T2', '60-70');
    expect(listCodebook(ctx).map((r) => [r.code, r.codings, r.sources, r.cases])).toEqual([['Nights', 4, 3, 2], ['Tired', 1, 1, 1]]);
  });
});

describe('codebook merge and delete', () => {
  it('merges: codings, children and memos move over; same-coder overlaps join (lowest id survives)', async () => {
    const { ctx } = await codingProject();
    const [a, b] = [as(ctx, 'ana'), as(ctx, 'bo')];
    const tired = code(a, 'Tired', 'P07_T1', '100-120');
    code(b, 'Tired', 'P07_T1', '100-120');
    const fatigue = code(a, 'Fatigue', 'P07_T1', '115-130');
    codebookAdd(a, 'Night fatigue', 'Tired', {});
    addMemo(a, { code: 'Tired' }, undefined, 'a memo on Tired');
    addMemo(a, { coding: fatigue }, undefined, 'a memo on the fatigue coding');
    const r = codebookMerge(a, ['tired'], 'Fatigue');
    expect(r).toEqual({ into: 'Fatigue', merged: ['Tired'], codingsMoved: 2, codingsJoined: 1, childrenMoved: 1, memosRelinked: 1 });
    const after = listCodings(ctx).sort((x, y) => x.coder.localeCompare(y.coder));
    expect(after.map((c) => [c.id, c.code, c.coder, c.start, c.end])).toEqual([[tired, 'Fatigue', 'ana', 100, 130], [expect.any(Number), 'Fatigue', 'bo', 100, 120]]);
    expect(after[0]!.quote).toBe([...P07_T1].slice(100, 130).join(''));
    expect(names(ctx)).toEqual(['Fatigue', '  Night fatigue']);
    expect(listMemos(ctx).map((m) => [m.code, m.coding])).toEqual([['Fatigue', null], ['Fatigue', tired]]);
    const h = codebookHistory(ctx).at(-1)!;
    expect(h).toMatchObject({ action: 'merge', code: 'Tired', coder: 'ana', at: FIXED_NOW, details: { into: 'Fatigue', deleted: expect.objectContaining({ name: 'Tired' }) } });
  });

  it('refuses to merge a code into its own descendant, and writes nothing', async () => {
    const { dir, ctx } = await codingProject();
    const a = as(ctx, 'ana');
    code(a, 'Support', 'P07_T1', '10-20');
    codebookAdd(a, 'Preceptor', 'Support', {});
    const before = dumpDb(dir);
    expect(() => codebookMerge(a, ['Support'], 'Preceptor')).toThrow('cannot merge "Support" into its own descendant "Preceptor"');
    expect(() => codebookMerge(a, ['Preceptor', 'Support'], 'Preceptor')).toThrow(/into itself/);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('refuses to delete a code with codings or children unless forced; memos are kept but unlinked', async () => {
    const { dir, ctx } = await codingProject();
    const a = as(ctx, 'ana');
    codebookAdd(a, 'Empty', undefined, {});
    expect(codebookDelete(a, 'empty', false)).toEqual({ deleted: ['Empty'], codingsRemoved: 0, memosUnlinked: 0 });
    code(a, 'Support', 'P07_T1', '10-20');
    codebookAdd(a, 'Preceptor', 'Support', {});
    const id = code(a, 'Preceptor', 'P07_T1', '30-40');
    addMemo(a, { code: 'Support' }, undefined, 'on support');
    const before = dumpDb(dir);
    expect(() => codebookDelete(a, 'Support', false)).toThrow('"Support" has 1 child code(s) and 2 coding(s); nothing was deleted');
    expect(dumpDb(dir)).toEqual(before);
    expect(codebookDelete(a, 'Support', true)).toEqual({ deleted: ['Preceptor', 'Support'], codingsRemoved: 2, memosUnlinked: 1 });
    expect(listCodings(ctx)).toEqual([]);
    expect(listMemos(ctx)).toEqual([expect.objectContaining({ text: 'on support', code: null })]);
    const del = codebookHistory(ctx).filter((h) => h.action === 'delete').map((h) => [h.code, (h.details.codings as { id: number }[]).map((c) => c.id)]);
    expect(del).toEqual([['Empty', []], ['Preceptor', [id]], ['Support', [expect.any(Number)]]]);
  });

  it('deletes a child code', async () => {
    const { ctx } = await codingProject();
    const a = as(ctx, 'ana');
    codebookAdd(a, 'Support', undefined, {});
    codebookAdd(a, 'Preceptor', 'Support', {});
    code(a, 'Preceptor', 'P07_T1', '30-40');
    expect(codebookDelete(a, 'Preceptor', true)).toEqual({ deleted: ['Preceptor'], codingsRemoved: 1, memosUnlinked: 0 });
    expect(names(ctx)).toEqual(['Support']);
  });

  it('counts a memo linked to both the deleted code and one of its codings once', async () => {
    const { ctx } = await codingProject();
    const a = as(ctx, 'ana');
    tag(a, { codes: ['Support'], source: 'P07_T1', selector: { span: '10-20' }, createNew: true, memo: 'one memo' });
    expect(listMemos(ctx)).toHaveLength(1);
    expect(codebookDelete(a, 'Support', true).memosUnlinked).toBe(1);
  });
});

describe('YAML import and export', () => {
  it('imports codebook.example.yaml cleanly', async () => {
    const { ctx } = newProject();
    const r = importCodebook(as(ctx, 'ana'), EXAMPLE);
    expect(r).toMatchObject({ updated: [], moved: [], pruned: [], unchanged: 0 });
    expect(r.added).toHaveLength(15);
    expect(listCodebook(ctx).filter((c) => c.depth === 0).map((c) => c.code)).toEqual(['Intention to leave', 'Professional identity', 'Support', 'Well-being', 'Workload']);
    expect(importCodebook(as(ctx, 'ana'), EXAMPLE)).toMatchObject({ added: [], updated: [], moved: [], unchanged: 15 });
  });

  it('export → import into a fresh project → export is identical and lossless', async () => {
    const one = newProject();
    importCodebook(as(one.ctx, 'ana'), EXAMPLE);
    codebookDescribe(as(one.ctx, 'ana'), 'Staffing', { example: 'Line one: "quoted"\nline two # not a comment' });
    const first = codebookYaml(exportEntries(one.ctx));
    expect(first).toContain('- name: Self-care');
    const two = newProject();
    put(two.dir, 'cb.yaml', first);
    importCodebook(as(two.ctx, 'bo'), 'cb.yaml');
    expect(codebookYaml(exportEntries(two.ctx))).toBe(first);
    expect(listCodebook(two.ctx).map(({ codings, ...rest }) => rest)).toEqual(listCodebook(one.ctx).map(({ codings, ...rest }) => rest));
  });

  it('updates by name ignoring case, never deletes without --prune; --prune refuses codes with codings', async () => {
    const { dir, ctx } = await codingProject();
    const a = as(ctx, 'ana');
    importCodebook(a, EXAMPLE);
    code(a, 'Staffing', 'P07_T1', '10-20');
    put(dir, 'small.yaml', 'codes:\n  - name: WELL-BEING\n    description: New text\n    children:\n      - name: self-care\n');
    const r = importCodebook(a, 'small.yaml');
    expect(r.added).toEqual([]);
    expect(r.updated).toContain('Well-being');
    expect(listCodebook(ctx)).toHaveLength(15);
    expect(listCodebook(ctx).find((c) => c.code.toLowerCase() === 'well-being')!.description).toBe('New text');
    const before = dumpDb(dir);
    expect(() => importCodebook(a, 'small.yaml', { prune: true })).toThrow(/--prune would delete codes that have codings or kept children: .*"Staffing"/);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('--prune deletes every code the file does not name, also under a kept parent', async () => {
    const { dir, ctx } = newProject();
    importCodebook(as(ctx, 'ana'), EXAMPLE);
    put(dir, 'two.yaml', 'codes:\n  - name: Workload\n    children:\n      - name: Staffing\n');
    const r = importCodebook(as(ctx, 'ana'), 'two.yaml', { prune: true });
    expect(r.pruned).toHaveLength(13);
    expect(names(ctx)).toEqual(['Workload', '  Staffing']);
  });

  it('names the file of malformed YAML and of a duplicate name; imports nothing', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'bad.yaml', 'codes:\n  - name: A\n    description: x: y\n');
    expect(() => importCodebook(as(ctx, 'ana'), 'bad.yaml')).toThrow(/^bad\.yaml:\d+: invalid YAML: Nested mappings/);
    put(dir, 'dup.yaml', 'codes:\n  - name: A\n  - name: a\n');
    expect(() => importCodebook(as(ctx, 'ana'), 'dup.yaml')).toThrow('dup.yaml: the code "a" appears twice');
    put(dir, 'keys.yaml', 'codes:\n  - name: A\n    colour: "#ffffff"\n');
    expect(() => importCodebook(as(ctx, 'ana'), 'keys.yaml')).toThrow('keys.yaml: codes[1] has unknown key "colour"');
    expect(listCodebook(ctx)).toEqual([]);
  });

  it('names the line of malformed YAML', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'bad.yaml', 'codes:\n  - name: A\n    description: x: y\n');
    expect(() => importCodebook(as(ctx, 'ana'), 'bad.yaml')).toThrow(/^bad\.yaml:3: invalid YAML/);
  });
});
