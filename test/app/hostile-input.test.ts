/**
 * Hostile input (issue 8): every case gets a one-line input error naming the file (and
 * line where there is one), in bounded time and memory, with the project untouched.
 */
import { describe, expect, it } from 'vitest';
import { importCodebook } from '../../src/app/codebook-io.js';
import { importCases } from '../../src/app/cases.js';
import { ingest } from '../../src/app/ingest.js';
import { InputError } from '../../src/core/errors.js';
import { dumpDb, newProject, put } from '../support/project.js';

/** Runs `fn`, expects an InputError, and returns its one-line message. */
async function refusal(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const message = (e as InputError).message;
    expect(message).not.toMatch(/\n/);
    return message;
  }
  throw new Error('expected an input error');
}

const RECURSIVE = 'codes: &c [{name: A, children: *c}]\n';
// "Billion laughs": each level repeats the one before nine times.
const LAUGHS = ['a: &a [x, x, x, x, x, x, x, x, x]']
  .concat('bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`))
  .join('\n') + '\n';

describe('YAML with recursive aliases or an alias bomb', () => {
  it('is an input error naming the codebook, and nothing is imported', async () => {
    const { dir, ctx } = newProject();
    const before = dumpDb(dir);
    put(dir, 'cb.yaml', RECURSIVE);
    put(dir, 'bomb.yaml', `codes: [{name: A}]\n${LAUGHS}`);
    expect(await refusal(() => importCodebook(ctx, 'cb.yaml'))).toBe('cb.yaml: a YAML alias (*name) refers to the value that contains it');
    expect(await refusal(() => importCodebook(ctx, 'bomb.yaml'))).toMatch(/^bomb\.yaml: YAML aliases \(\*name\) expand too far/);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('is an input error naming a cases file', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'cases.yaml', 'cases: &c {"50001": {age: 3, more: *c}}\n');
    put(dir, 'bomb.yaml', LAUGHS);
    expect(await refusal(() => importCases(ctx, 'cases.yaml'))).toMatch(/^cases\.yaml: a YAML alias/);
    expect(await refusal(() => importCases(ctx, 'bomb.yaml'))).toMatch(/^bomb\.yaml: YAML aliases/);
  });

  it('is an input error naming a transcript with such front matter', async () => {
    const { dir, ctx } = newProject();
    const before = dumpDb(dir);
    put(dir, 'loop.txt', '---\nmeta: &m {again: *m}\n---\nP: hello\n');
    put(dir, 'bomb.md', `---\n${LAUGHS}---\nP: hello\n`);
    expect(await refusal(() => ingest(ctx, ['loop.txt']))).toMatch(/^loop\.txt: a YAML alias/);
    expect(await refusal(() => ingest(ctx, ['bomb.md']))).toMatch(/^bomb\.md: YAML aliases/);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('still accepts aliases used in moderation', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'cb.yaml', 'codes:\n  - {name: A, description: &d shared}\n  - {name: B, description: *d}\n');
    put(dir, 'ok.yaml', 'base: &b {site: north}\ncases: {"1": *b, "2": *b}\n');
    expect(importCodebook(ctx, 'cb.yaml')).toMatchObject({ added: ['A', 'B'] });
    expect(importCases(ctx, 'ok.yaml')).toMatchObject({ casesAdded: 2 });
  });
});
