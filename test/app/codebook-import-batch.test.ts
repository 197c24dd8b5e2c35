import { describe, expect, it } from 'vitest';
import { importCodebook } from '../../src/app/codebook-io.js';
import { codebookAdd, codebookDelete, codebookHistory, listCodebook } from '../../src/app/codebook.js';
import type { CodeFields } from '../../src/core/codebook.js';
import { dumpDb, newProject, put } from '../support/project.js';
import { as } from '../support/coding.js';

interface Entry { name: string; fields: CodeFields; children: Entry[] }

/** A seeded tree of more codes than one batch statement holds, with fields, names needing cleaning and quotes. */
function tree(seed: number): Entry[] {
  let a = seed;
  const rnd = (k: number): number => Math.floor(((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296) * k);
  let n = 0;
  const make = (depth: number): Entry[] => Array.from({ length: depth === 0 ? 4 : rnd(depth === 3 ? 3 : 12) }, () => {
    n++;
    const fields: CodeFields = {};
    if (rnd(2) === 0) fields.description = `About thing ${n}: when, and why it's said`;
    if (rnd(5) === 0) fields.include = `talk of ${n}`;
    if (rnd(7) === 0) fields.color = `#${(0x100000 + rnd(0xeffff)).toString(16)}`;
    return { name: rnd(9) === 0 ? `Näme  ${n}` : `Code ${n}`, fields, children: depth < 3 ? make(depth + 1) : [] };
  });
  return make(0);
}

const yaml = (entries: Entry[], indent = ''): string => entries.map((e) => [
  `${indent}- name: ${JSON.stringify(e.name)}`,
  ...Object.entries(e.fields).map(([k, v]) => `${indent}  ${k}: ${JSON.stringify(v)}`),
  ...(e.children.length > 0 ? [`${indent}  children:`, yaml(e.children, `${indent}    `)] : []),
].join('\n')).join('\n');

describe('codebook import writes new codes many rows a statement', () => {
  it('gives the very database that adding the same codes one by one gives', () => {
    const entries = tree(3);
    const batch = newProject();
    const oneByOne = newProject();
    for (const p of [batch, oneByOne]) {
      // Codes there before, the newest deleted: SQLite gives its id to the next code.
      codebookAdd(as(p.ctx, 'ana'), 'Old', undefined, {});
      codebookAdd(as(p.ctx, 'ana'), 'Older', undefined, {});
      codebookDelete(as(p.ctx, 'ana'), 'Older', false);
    }
    put(batch.dir, 'cb.yaml', `codes:\n${yaml(entries, '  ')}\n`);
    const r = importCodebook(as(batch.ctx, 'bo'), 'cb.yaml');
    expect(r.added.length).toBeGreaterThan(250);
    const add = (list: Entry[], parent: string | undefined): void => {
      for (const e of list) {
        const code = codebookAdd(as(oneByOne.ctx, 'bo'), e.name, parent, e.fields);
        add(e.children, code.name);
      }
    };
    add(entries, undefined);
    expect(dumpDb(batch.dir)).toEqual(dumpDb(oneByOne.dir));
  }, 30_000);

  it('--dry-run reports what a real import does, written batches and all, and changes nothing', () => {
    const { dir, ctx } = newProject();
    codebookAdd(as(ctx, 'ana'), 'Gone', undefined, {});
    put(dir, 'cb.yaml', `codes:\n${yaml(tree(8), '  ')}\n`);
    const before = dumpDb(dir);
    const dry = importCodebook(as(ctx, 'ana'), 'cb.yaml', { dryRun: true, prune: true });
    expect(dumpDb(dir)).toEqual(before);
    expect(dry.added.length).toBeGreaterThan(100);
    expect(dry.pruned).toEqual(['Gone']);
    expect(importCodebook(as(ctx, 'ana'), 'cb.yaml', { prune: true })).toEqual(dry);
    expect(listCodebook(ctx).map((c) => c.code)).not.toContain('Gone');
  });

  it('writes held-back codes before a code that was there moves under one of them', () => {
    const { dir, ctx } = newProject();
    codebookAdd(as(ctx, 'ana'), 'Sleep', undefined, {});
    put(dir, 'cb.yaml', 'codes:\n  - name: Rest\n    children:\n      - name: Sleep\n      - name: Naps\n');
    expect(importCodebook(as(ctx, 'ana'), 'cb.yaml')).toMatchObject({ added: ['Rest', 'Naps'], moved: ['Sleep'] });
    const codes = listCodebook(ctx);
    expect(codes.map((c) => [c.code, c.parent])).toEqual([['Rest', null], ['Naps', 'Rest'], ['Sleep', 'Rest']]);
    expect(codebookHistory(ctx).map((h) => [h.action, h.code])).toEqual([['add', 'Sleep'], ['add', 'Rest'], ['move', 'Sleep'], ['add', 'Naps']]);
  });
});
