import { describe, expect, it } from 'vitest';
import { tag, type TagRequest } from '../../src/app/tag.js';
import { untag } from '../../src/app/untag.js';
import { listCodings } from '../../src/app/codings.js';
import { listMemos } from '../../src/app/memos.js';
import { codebookAdd, listCodebook } from '../../src/app/codebook.js';
import type { AppContext } from '../../src/app/context.js';
import type { Selector } from '../../src/app/select-spans.js';
import { dumpDb } from '../support/project.js';
import { turnsSpan } from '../../src/core/selectors.js';
import { as, codingProject, cpIndex, P07_T1 } from '../support/coding.js';

const T = P07_T1;
const S = 'P07_T1';
const tagAs = (ctx: AppContext, code: string, selector: Selector, more: Partial<TagRequest> = {}) =>
  tag(ctx, { codes: [code], source: S, selector, createNew: true, ...more });
const one = (ctx: AppContext) => {
  const rows = listCodings(ctx);
  expect(rows).toHaveLength(1);
  return rows[0]!;
};

describe('tag: selectors', () => {
  it('--lines A-B: from the start of line A to the end of line B, without its line break', async () => {
    const { ctx } = await codingProject();
    const r = tagAs(as(ctx, 'ana'), 'Night shifts', { lines: { from: 3, to: 4 } });
    const start = cpIndex(T, 'Participant: Honestly');
    const end = cpIndex(T, 'the day.') + 'the day.'.length;
    expect(r.codings).toEqual([expect.objectContaining({ start, end, lineStart: 3, lineEnd: 4 })]);
    expect(one(ctx)).toEqual({
      id: r.codings[0]!.id, code: 'Night shifts', source: S, coder: 'ana', start, end, lineStart: 3, lineEnd: 4,
      quote: 'Participant: Honestly, I felt out of my depth. The night shifts were the worst.\nI couldn’t sleep during the day.',
      weight: null, orphaned: false,
    });
  });

  it('--turns A-B: from the start of A’s talk (after the label and its space) to the end of B’s talk', async () => {
    const { ctx } = await codingProject();
    tagAs(as(ctx, 'ana'), 'Support', { turns: { from: 2, to: 4 } });
    const c = one(ctx);
    expect(c.quote.startsWith('Honestly, I felt')).toBe(true);
    expect(c.quote.endsWith('actually take it.')).toBe(true);
    expect(c).toMatchObject({ start: cpIndex(T, 'Honestly'), lineStart: 3, lineEnd: 7 });
    tagAs(as(ctx, 'bo'), 'Support', { turns: { from: 2, to: 2 } });
    expect(listCodings(ctx, { coder: 'bo' })[0]!.quote).toBe('Honestly, I felt out of my depth. The night shifts were the worst.\nI couldn’t sleep during the day.');
  });

  it('--match: loose white space across a line break, quotes both ways, case-sensitive', async () => {
    const { ctx } = await codingProject();
    const a = as(ctx, 'ana');
    tagAs(a, 'Insomnia', { match: "worst.   I couldn't sleep" });
    tagAs(a, 'Breaks', { match: 'She’d say “take your break”' });
    const rows = listCodings(ctx);
    expect(rows.map((r) => [r.code, r.quote, r.lineStart, r.lineEnd])).toEqual([
      ['Insomnia', 'worst.\nI couldn’t sleep', 3, 4],
      ['Breaks', 'She\'d say "take your break"', 7, 7],
    ]);
    expect(() => tagAs(a, 'X', { match: 'honestly' })).toThrow(/--match: no match in P07_T1/);
  });

  it('--match must match once; the error lists the matches with line numbers; --nth and --all choose', async () => {
    const { ctx } = await codingProject();
    const a = as(ctx, 'ana');
    expect(() => tagAs(a, 'Nights', { match: 'shifts' })).toThrow('--match: 2 matches in P07_T1 (1: line 3, 2: line 9)');
    expect(listCodings(ctx)).toEqual([]);
    tagAs(a, 'Nights', { match: 'shifts', nth: 2 });
    expect(listCodings(ctx).map((r) => r.lineStart)).toEqual([9]);
    expect(() => tagAs(a, 'Nights', { match: 'shifts', nth: 3 })).toThrow(/--nth 3: there are 2 matches/);
    const r = tagAs(a, 'Shifts', { match: 'shifts', all: true });
    expect(r.codings.map((c) => [c.quote, c.lineStart])).toEqual([['shifts', 3], ['shifts', 9]]);
  });

  it('--span S-E counts code points, not UTF-16 units', async () => {
    const { ctx } = await codingProject({ 'E01_T1.txt': 'Participant: 😀😀 Self-care matters.\n' });
    const r = tag(as(ctx, 'ana'), { codes: ['Self-care'], source: 'E01_T1', selector: { span: '16-25' }, createNew: true });
    expect(r.codings[0]).toMatchObject({ start: 16, end: 25, quote: 'Self-care', lineStart: 1, lineEnd: 1 });
    tag(as(ctx, 'bo'), { codes: ['Self-care'], source: 'E01_T1', selector: { match: 'matters' }, createNew: true });
    expect(listCodings(ctx, { coder: 'bo' })[0]).toMatchObject({ start: 26, end: 33 });
    expect(() => tag(as(ctx, 'bo'), { codes: ['Self-care'], source: 'E01_T1', selector: { span: '30-40' } })).toThrow(/the text has 35 code points/);
  });
});

describe('tag: codes, weight and memo', () => {
  it('applies several codes at once (names with commas), --new under --parent', async () => {
    const { ctx } = await codingProject();
    const a = as(ctx, 'ana');
    const lines = { lines: { from: 4, to: 4 } };
    expect(() => tag(a, { codes: ['Rest'], source: S, selector: lines, createNew: true, parent: 'Well-being' })).toThrow(/no code "Well-being"/);
    codebookAdd(a, 'Well-being', undefined, {});
    const r = tag(a, { codes: ['Sleep, rest and recovery', 'Night shifts'], source: S, selector: lines, createNew: true, parent: 'well-being' });
    expect(r.createdCodes).toEqual(['Sleep, rest and recovery', 'Night shifts']);
    expect(r.codings.map((c) => [c.code, c.lineStart])).toEqual([['Sleep, rest and recovery', 4], ['Night shifts', 4]]);
    expect(listCodebook(ctx).map((c) => [c.code, c.parent, c.codings])).toEqual([
      ['Well-being', null, 0], ['Night shifts', 'Well-being', 1], ['Sleep, rest and recovery', 'Well-being', 1],
    ]);
  });

  it('stores --weight 0–100, refuses 101; attaches --memo to the coding', async () => {
    const { dir, ctx } = await codingProject();
    const r = tagAs(as(ctx, 'ana'), 'Exhaustion', { match: 'the worst' }, { weight: 80, memo: 'strong wording' });
    expect(one(ctx).weight).toBe(80);
    const memos = listMemos(ctx, { coding: r.codings[0]!.id });
    expect(memos).toEqual([expect.objectContaining({ text: 'strong wording', source: S, code: 'Exhaustion', coding: r.codings[0]!.id, coder: 'ana' })]);
    const before = dumpDb(dir);
    expect(() => tagAs(as(ctx, 'ana'), 'Exhaustion', { match: 'out of my depth' }, { weight: 101 })).toThrow(/--weight 101: give a whole number from 0 to 100/);
    tagAs(as(ctx, 'ana'), 'Zero', { match: 'depth' }, { weight: 0 });
    expect(listCodings(ctx, { code: 'Zero' })[0]!.weight).toBe(0);
    expect(dumpDb(dir).codings).toHaveLength(before.codings!.length + 1);
  });

  it('refuses a blank line, or a turn without talk, as having no text: a one-line message, nothing written', async () => {
    const { dir, ctx } = await codingProject();
    const before = dumpDb(dir);
    expect(() => tagAs(as(ctx, 'ana'), 'Nights', { lines: { from: 5, to: 5 } })).toThrow(/^--lines 5: line 5 of P07_T1 is blank: there is no text there$/);
    expect(() => tagAs(as(ctx, 'ana'), 'Nights', { lines: { from: 10, to: 12 } })).toThrow(/^--lines 10-12: line 10 of P07_T1 is blank: there is no text there$/);
    expect(dumpDb(dir)).toEqual(before);
    // A blank line inside a range is coded with the lines around it.
    expect(tagAs(as(ctx, 'ana'), 'Nights', { lines: { from: 4, to: 6 } }).codings).toHaveLength(1);
  });

  it('refuses a turn without talk as having no text', () => {
    const turns = [{ number: 1, speaker: 'Interviewer', role: 'interviewer', start: 0, talkStart: 13, talkEnd: 13, lineStart: 1, lineEnd: 1 }];
    expect(() => turnsSpan(turns as never, { from: 1, to: 1 }, 'P1')).toThrow(/^--turns 1: turn 1 of P1 has no talk: there is no text there$/);
  });

  it('writes nothing when the second of two codes is unknown (no --new)', async () => {
    const { dir, ctx } = await codingProject();
    tagAs(as(ctx, 'ana'), 'Nights', { lines: { from: 9, to: 9 } });
    const before = dumpDb(dir);
    expect(() => tag(as(ctx, 'ana'), { codes: ['Nights', 'Nigth shift'], source: S, selector: { lines: { from: 3, to: 3 } } })).toThrow(/no code "Nigth shift"/);
    expect(dumpDb(dir)).toEqual(before);
  });
});

describe('merging: one code, one coder, one source', () => {
  it('joins overlapping and touching codings; the lowest id survives', async () => {
    const { ctx } = await codingProject();
    const a = as(ctx, 'ana');
    const first = tagAs(a, 'Depth', { span: '100-110' }).codings[0]!.id;
    const second = tagAs(a, 'Depth', { span: '120-130' }).codings[0]!.id;
    expect(tagAs(a, 'Depth', { span: '110-115' }).codings[0]!.id).toBe(first); // touches 100-110
    expect(listCodings(ctx).map((c) => [c.id, c.start, c.end])).toEqual([[first, 100, 115], [second, 120, 130]]);
    expect(tagAs(a, 'Depth', { span: '112-125' }).codings[0]!.id).toBe(first); // bridges both
    const c = one(ctx);
    expect([c.id, c.start, c.end]).toEqual([first, 100, 130]);
    expect(c.quote).toBe([...T].slice(100, 130).join(''));
  });

  it('keeps codings of different coders or different codes apart, and a one-character gap apart', async () => {
    const { ctx } = await codingProject();
    tagAs(as(ctx, 'ana'), 'Depth', { span: '100-110' });
    tagAs(as(ctx, 'bo'), 'Depth', { span: '105-115' });
    tagAs(as(ctx, 'ana'), 'Night shifts', { span: '105-115' });
    tagAs(as(ctx, 'ana'), 'Depth', { span: '111-120' });
    expect(listCodings(ctx).map((c) => `${c.code}/${c.coder}/${c.start}-${c.end}`).sort()).toEqual([
      'Depth/ana/100-110', 'Depth/ana/111-120', 'Depth/bo/105-115', 'Night shifts/ana/105-115',
    ]);
  });
});

describe('untag', () => {
  it('removes, trims and splits the coder’s own codings only', async () => {
    const { ctx } = await codingProject();
    const a = as(ctx, 'ana');
    tagAs(a, 'Depth', { span: '100-140' });
    tagAs(a, 'Depth', { span: '150-160' });
    tagAs(as(ctx, 'bo'), 'Depth', { span: '100-140' });
    const split = untag(a, { code: 'depth', source: S, selector: { span: '110-120' } });
    expect(split).toMatchObject({ removed: 0, trimmed: 0, split: 1 });
    expect(listCodings(ctx, { coder: 'ana' }).map((c) => [c.start, c.end, c.quote])).toEqual([
      [100, 110, [...T].slice(100, 110).join('')], [120, 140, [...T].slice(120, 140).join('')], [150, 160, [...T].slice(150, 160).join('')],
    ]);
    const trimAndRemove = untag(a, { code: 'Depth', source: S, selector: { span: '130-165' } });
    expect(trimAndRemove).toMatchObject({ removed: 1, trimmed: 1, split: 0 });
    expect(listCodings(ctx, { coder: 'ana' }).map((c) => [c.start, c.end])).toEqual([[100, 110], [120, 130]]);
    expect(listCodings(ctx, { coder: 'bo' }).map((c) => [c.start, c.end])).toEqual([[100, 140]]);
  });

  it('--id N removes that coding and unlinks its memos; another coder\'s only with anyCoder', async () => {
    const { ctx } = await codingProject();
    const id = tagAs(as(ctx, 'bo'), 'Depth', { span: '100-140' }, { memo: 'keep me' }).codings[0]!.id;
    expect(() => untag(as(ctx, 'ana'), { id })).toThrow(`coding ${id} is bo's, not ana's; nothing was removed`);
    expect(listCodings(ctx)).toHaveLength(1);
    expect(untag(as(ctx, 'ana'), { id, anyCoder: true })).toMatchObject({ removed: 1, recorded: 1, byCoder: [{ coder: 'bo', removed: 1 }] });
    expect(listCodings(ctx)).toEqual([]);
    expect(listMemos(ctx)).toEqual([expect.objectContaining({ text: 'keep me', coding: null })]);
    expect(() => untag(as(ctx, 'ana'), { id, anyCoder: true })).toThrow(`no coding with id ${id}`);
  });
});
