import { describe, expect, it } from 'vitest';
import { cpSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { mergeProject, type MergeSummary } from '../../src/app/merge-projects.js';
import { ingest } from '../../src/app/ingest.js';
import { importCodebook } from '../../src/app/codebook-io.js';
import { codebookAdd, codebookHistory, listCodebook } from '../../src/app/codebook.js';
import { tag } from '../../src/app/tag.js';
import { listCodings, type CodingListing } from '../../src/app/codings.js';
import { addMemo, listMemos } from '../../src/app/memos.js';
import { listSources } from '../../src/app/sources.js';
import { checkProject } from '../../src/app/check.js';
import { withProject } from '../../src/app/project.js';
import { ProjectError } from '../../src/core/errors.js';
import type { AppContext } from '../../src/app/context.js';
import { dumpDb, newProject, put, tempDir } from '../support/project.js';
import { as, FIXED_NOW, P07_T1, P12_T2, qc } from '../support/coding.js';

/** A third participant; B rewrites its second answer and edits its first. */
const R03_T1 = [
  'Interviewer: How do you look after yourself?',
  'Participant: I cook on Sundays so there is food for the week.',
  'Interviewer: And sleep?',
  'Participant: Blackout curtains changed everything for me.',
  'Interviewer: Anything you gave up?',
  'Participant: I stopped going to choir because of the rota.',
  '',
].join('\n');

/** B's edit: a header line, "the whole week", and the sleep answer rewritten completely. */
const R03_T1_B = [
  'Interview R03, first wave (checked by ben)',
  'Interviewer: How do you look after yourself?',
  'Participant: I cook on Sundays so there is food for the whole week.',
  'Interviewer: And sleep?',
  'Participant: My partner keeps the house quiet until noon.',
  'Interviewer: Anything you gave up?',
  'Participant: I stopped going to choir because of the rota.',
  '',
].join('\n');

/** A source only B has. */
const P20_T1 = [
  'Interviewer: What keeps you going?',
  'Participant: My sister phones every evening after my shift.',
  '',
].join('\n');

const CODEBOOK = [
  'codes:',
  '  - name: Well-being',
  '    children:',
  '      - name: Sleep',
  '      - name: Self-care',
  '  - name: Support',
  '    children:',
  '      - name: Preceptor',
  '',
].join('\n');

const PATTERN = { namePattern: '{case}_T{wave}' };
const code = (ctx: AppContext, name: string, source: string, match: string) =>
  tag(ctx, { codes: [name], source, selector: { match }, createNew: true }).codings[0]!;

/** The text of a source in a project at a code-point span. */
function textAt(ctx: AppContext, source: string, start: number, end: number): string {
  const text = withProject(ctx, (p) => p.sources.text(source)!.text, { readonly: true });
  return [...text].slice(start, end).join('');
}

const spanKey = (c: CodingListing) => `${c.code}/${c.coder}/${c.source}/${c.start}-${c.end}`;

/**
 * Project A (ana codes three transcripts), copied whole to B; then A gains code Running and
 * a coding, and B (ben) gains codes, codings, memos, a new source and an edited transcript.
 */
async function twoCopies() {
  const { dir: dirA, ctx } = newProject();
  const a = as(ctx, 'ana');
  put(dirA, 'P07_T1.txt', P07_T1);
  put(dirA, 'P12_T2.txt', P12_T2);
  put(dirA, 'R03_T1.txt', R03_T1);
  put(dirA, 'codebook.yaml', CODEBOOK);
  await ingest(a, ['P07_T1.txt', 'P12_T2.txt', 'R03_T1.txt'], PATTERN);
  importCodebook(a, 'codebook.yaml');
  code(a, 'Sleep', 'P07_T1', 'I couldn’t sleep during the day.');
  code(a, 'Preceptor', 'P07_T1', 'My preceptor.');
  code(a, 'Preceptor', 'P12_T2', 'She left in March.');
  code(a, 'Sleep', 'R03_T1', 'Blackout curtains changed everything for me.');
  code(a, 'Self-care', 'R03_T1', 'I stopped going to choir because of the rota.');

  const dirB = join(tempDir(), 'B');
  cpSync(dirA, dirB, { recursive: true });
  const b: AppContext = { cwd: dirB, env: {}, coder: 'ben', now: () => FIXED_NOW };

  // A goes on: a new code and a coding.
  codebookAdd(a, 'Running', undefined, {});
  code(a, 'Running', 'P07_T1', 'Running, when I can.');

  // B goes its own way.
  codebookAdd(b, 'Tiredness', 'Well-being', { description: 'Feeling worn out' });
  codebookAdd(b, 'Night fatigue', 'Tiredness', {});
  const tired = code(b, 'Tiredness', 'P12_T2', 'I felt tired and alone for weeks.');
  code(b, 'Sleep', 'P07_T1', 'I couldn’t sleep during the day.'); // the passage ana coded
  code(b, 'RUNNING', 'P07_T1', 'Night shifts make it hard.'); // A's "Running", by another spelling
  addMemo(b, { coding: tired.id }, 'Tired', 'Linked to the loss of her preceptor?');
  addMemo(b, { case: 'P12' }, undefined, 'Second wave: much calmer overall.');
  put(dirB, 'R03_T1.txt', R03_T1_B);
  put(dirB, 'P20_T1.txt', P20_T1);
  await ingest(b, ['R03_T1.txt', 'P20_T1.txt'], PATTERN);
  code(b, 'Self-care', 'R03_T1', 'I cook on Sundays so there is food for the whole week.');
  code(b, 'Sleep', 'R03_T1', 'My partner keeps the house quiet until noon.');
  code(b, 'Support', 'P20_T1', 'My sister phones every evening');
  return { dirA, dirB, a, b };
}

const EXPECTED: MergeSummary = {
  dryRun: false,
  codesAdded: ['Tiredness', 'Night fatigue'],
  sourcesAdded: ['P20_T1'],
  sourcesMatched: 3,
  sourcesDiffering: ['R03_T1'],
  // ben: Tiredness, Sleep (P07), RUNNING→Running, Self-care (R03, re-anchored), Support (P20)
  codingsAdded: 5,
  // ana's Sleep and Preceptor (P07), Preceptor (P12), Self-care (R03, moved in B and back)
  codingsAlreadyHere: 4,
  codingsJoined: 0,
  unplaced: [{ source: 'R03_T1', code: 'Sleep', coder: 'ben', quote: 'My partner keeps the house quiet until noon.' }],
  // ana's Blackout-curtains coding, orphaned in B by ben's rewrite
  orphansSkipped: 1,
  memosAdded: 2,
  coderClashes: [],
};

describe('merge: a second coder’s copy of the project', () => {
  it('brings in codes, codings, memos and sources, re-anchoring the codings of a differing text', async () => {
    const { dirA, dirB, a } = await twoCopies();
    const anaBefore = dumpDb(dirA).codings!.filter((r) => (r as { coder_id: number }).coder_id === 1);
    const s = mergeProject(a, join(dirB, 'qcode.db'));
    expect(s).toEqual(EXPECTED);

    // Codes: Tiredness under Well-being with its description, Night fatigue under it; RUNNING is A's Running.
    expect(listCodebook(a).map((r) => `${'  '.repeat(r.depth)}${r.code}`)).toEqual([
      'Running', 'Support', '  Preceptor', 'Well-being', '  Self-care', '  Sleep', '  Tiredness', '    Night fatigue',
    ]);
    expect(listCodebook(a).find((r) => r.code === 'Tiredness')).toMatchObject({ parent: 'Well-being', description: 'Feeling worn out' });

    // ben's codings, on A's text.
    const ben = listCodings(a, { coder: 'ben' });
    expect(ben.map((c) => [c.code, c.source, c.quote])).toEqual([
      ['Sleep', 'P07_T1', 'I couldn’t sleep during the day.'],
      ['Running', 'P07_T1', 'Night shifts make it hard.'],
      ['Tiredness', 'P12_T2', 'I felt tired and alone for weeks.'],
      ['Support', 'P20_T1', 'My sister phones every evening'],
      ['Self-care', 'R03_T1', 'I cook on Sundays so there is food for the week.'],
    ]);
    for (const c of ben) {
      expect(c.orphaned).toBe(false);
      expect(textAt(a, c.source, c.start, c.end)).toBe(c.quote);
    }
    // The same passage as ana's, under ben's own name.
    const sleepP07 = listCodings(a, { code: 'Sleep', source: 'P07_T1' });
    expect(sleepP07.map((c) => c.coder)).toEqual(['ana', 'ben']);
    expect(sleepP07[0]!.start).toBe(sleepP07[1]!.start);
    expect(sleepP07[0]!.end).toBe(sleepP07[1]!.end);
    // The unplaced passage was not merged.
    expect(listCodings(a).some((c) => c.quote.includes('My partner'))).toBe(false);

    // A's own codings are untouched, row for row.
    expect(dumpDb(dirA).codings!.filter((r) => (r as { coder_id: number }).coder_id === 1)).toEqual(anaBefore);
    expect(listCodings(a, { coder: 'ana' }).map((c) => c.code)).toEqual(['Sleep', 'Preceptor', 'Running', 'Preceptor', 'Sleep', 'Self-care']);

    // The source only B had, as B has it.
    const bSources = listSources({ ...a, cwd: dirB });
    const aSources = listSources(a);
    const pick = (rows: typeof aSources) => rows.find((r) => r.id === 'P20_T1');
    expect(pick(aSources)).toEqual(pick(bSources));
    // A's text of the differing source is A's.
    expect(aSources.find((r) => r.id === 'R03_T1')).toMatchObject({ revision: 1 });

    // Memos, with their links mapped onto A's rows.
    const memos = listMemos(a, { coder: 'ben' });
    const tired = ben.find((c) => c.code === 'Tiredness')!;
    expect(memos).toEqual([
      expect.objectContaining({ title: 'Tired', text: 'Linked to the loss of her preceptor?', coder: 'ben', source: 'P12_T2', code: 'Tiredness', case: null, coding: tired.id, createdAt: FIXED_NOW }),
      expect.objectContaining({ title: null, text: 'Second wave: much calmer overall.', coder: 'ben', source: null, code: null, case: 'P12', coding: null }),
    ]);

    // The project is whole: only ana's own orphan-free codings, no problems.
    expect(checkProject(a)).toMatchObject({ ok: true, problems: [], orphans: [] });
    // The merge is recorded in A's codebook history.
    expect(codebookHistory(a).filter((h) => h.code === 'Tiredness').map((h) => [h.action, h.coder])).toContainEqual(['add', 'ana']);
  });

  it('running it twice changes nothing the second time', async () => {
    const { dirA, dirB, a } = await twoCopies();
    mergeProject(a, dirB);
    const before = dumpDb(dirA);
    const again = mergeProject(a, dirB);
    expect(dumpDb(dirA)).toEqual(before);
    expect(again).toEqual({
      ...EXPECTED, codesAdded: [], sourcesAdded: [], sourcesMatched: 4, codingsAdded: 0, codingsAlreadyHere: 9, memosAdded: 0,
    });
  });

  it('--dry-run reports what a real run would do and changes nothing', async () => {
    const { dirA, dirB, a } = await twoCopies();
    const before = dumpDb(dirA);
    const bBefore = dumpDb(dirB);
    const dry = mergeProject(a, dirB, { dryRun: true });
    expect(dumpDb(dirA)).toEqual(before);
    expect(dry).toEqual({ ...EXPECTED, dryRun: true });
    expect(mergeProject(a, dirB)).toEqual(EXPECTED);
    // The other copy is only read.
    expect(dumpDb(dirB)).toEqual(bBefore);
  });

  it('refuses to merge a project into itself', async () => {
    const { dirA, a } = await twoCopies();
    const before = dumpDb(dirA);
    expect(() => mergeProject(a, dirA)).toThrow('cannot merge a project into itself');
    expect(() => mergeProject(a, join(dirA, 'qcode.db'))).toThrow('cannot merge a project into itself');
    expect(() => mergeProject(a, '.')).toThrow('cannot merge a project into itself');
    expect(() => mergeProject(a, join(tempDir(), 'nowhere'))).toThrow(/nowhere: no qcode project there/);
    expect(dumpDb(dirA)).toEqual(before);
  });

  it('a folder without a project is a project error, not an internal one', async () => {
    const { a } = await twoCopies();
    const empty = tempDir();
    expect(() => mergeProject(a, empty)).toThrow(ProjectError);
  });

  it('an error about a file that is not a project names that file, not a temp copy', async () => {
    const { a } = await twoCopies();
    const file = put(tempDir(), 'notes.db', 'not a database at all, just some text that is long enough to be read');
    expect(() => mergeProject(a, file)).toThrow(file);
  });

  it('refuses to merge a project into itself through a symbolic link', async () => {
    const { dirA, a } = await twoCopies();
    const link = join(tempDir(), 'same');
    symlinkSync(dirA, link);
    expect(() => mergeProject(a, link)).toThrow('cannot merge a project into itself');
  });

  it('records each added code once in the codebook history', async () => {
    const { dirB, a } = await twoCopies();
    mergeProject(a, dirB);
    expect(codebookHistory(a).filter((h) => h.code === 'Tiredness' && h.action === 'add')).toHaveLength(1);
  });

  it('reports a coder who coded different passages in both copies', async () => {
    const { dir: dirA, ctx } = newProject();
    const a = as(ctx, 'ana');
    put(dirA, 'P07_T1.txt', P07_T1);
    await ingest(a, ['P07_T1.txt'], PATTERN);
    code(a, 'Sleep', 'P07_T1', 'I couldn’t sleep during the day.');
    const dirB = join(tempDir(), 'B');
    cpSync(dirA, dirB, { recursive: true });
    const anaB: AppContext = { ...a, cwd: dirB };
    code(a, 'Sleep', 'P07_T1', 'Night shifts make it hard.');
    code(anaB, 'Sleep', 'P07_T1', 'The night shifts were the worst.');
    code(anaB, 'Sleep', 'P07_T1', 'I couldn’t sleep during'); // inside her own coding: nothing new
    const s = mergeProject(a, dirB);
    expect(s).toMatchObject({ codingsAdded: 1, codingsAlreadyHere: 1, codingsJoined: 0, coderClashes: ['ana'] });
    expect(listCodings(a).map((c) => c.quote)).toEqual([
      'The night shifts were the worst.', 'I couldn’t sleep during the day.', 'Night shifts make it hard.',
    ]);
  });

  it('joins an overlapping coding of the same coder and counts it as joined', async () => {
    const { dir: dirA, ctx } = newProject();
    const a = as(ctx, 'ana');
    put(dirA, 'P07_T1.txt', P07_T1);
    await ingest(a, ['P07_T1.txt'], PATTERN);
    code(a, 'Sleep', 'P07_T1', 'The night shifts were the worst.');
    const dirB = join(tempDir(), 'B');
    cpSync(dirA, dirB, { recursive: true });
    code({ ...a, cwd: dirB }, 'Sleep', 'P07_T1', 'worst.\nI couldn’t sleep');
    const s = mergeProject(a, dirB);
    expect(s).toMatchObject({ codingsAdded: 0, codingsAlreadyHere: 0, codingsJoined: 1, coderClashes: ['ana'] });
    expect(listCodings(a).map((c) => c.quote)).toEqual(['The night shifts were the worst.\nI couldn’t sleep']);
    expect(mergeProject(a, dirB)).toMatchObject({ codingsJoined: 0, codingsAlreadyHere: 1 });
  });
});

describe('qcode merge (CLI)', () => {
  it('prints the summary lines and lists the unplaced codings on stderr', async () => {
    const { dirA, dirB } = await twoCopies();
    const dry = await qc(dirA, ['merge', dirB, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n')[0]).toBe(`dry run: would merge ${dirB}: 3 sources matched, 1 added, 2 codes added, 5 codings added (0 joined with overlapping ones, 4 already here), 2 memos added`);
    const r = await qc(dirA, ['merge', dirB]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      `merged ${dirB}: 3 sources matched, 1 added, 2 codes added, 5 codings added (0 joined with overlapping ones, 4 already here), 2 memos added`,
      'new codes: Tiredness, Night fatigue',
      'text differs: R03_T1 — the other copy\'s codings were re-anchored onto this text',
      '1 orphaned codings of the other copy were not merged (resolve them there with qcode check)',
      '',
    ].join('\n'));
    expect(r.stderr).toBe([
      'qcode: 1 coding(s) of the other copy could not be placed on this text and were not merged:',
      '  Sleep (ben) in R03_T1: “My partner keeps the house quiet until noon.”',
      '',
    ].join('\n'));
    const json = await qc(dirA, ['merge', dirB, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ codingsAdded: 0, memosAdded: 0, codesAdded: [] });
    const self = await qc(dirA, ['merge', dirA]);
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/cannot merge a project into itself/);
  });
});
