import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dumpDb, put } from '../support/project.js';
import { codingProject, codingsJson, cpIndex, P07_T1, qc } from '../support/coding.js';

const EXAMPLE = fileURLToPath(new URL('../../codebook.example.yaml', import.meta.url));
const E01 = 'Participant: 🌙 Nights 😴 wreck my sleep.\n';

async function project() {
  return codingProject({ 'P07_T1.txt': P07_T1, 'E01_T1.txt': E01 });
}

describe('qcode tag and codings --json', () => {
  it('stores what each selector selects, in code points, with lines', async () => {
    const { dir } = await project();
    expect((await qc(dir, ['tag', 'Depth', 'P07_T1', '--lines', '3-4', '--new'])).stdout)
      .toBe('#1 Depth · P07_T1 lines 3-4 · “Participant: Honestly, I felt out of my depth. The night shifts were…”\n');
    await qc(dir, ['tag', 'Help', 'P07_T1', '--turns', '4', '--new'], { coder: 'bo' });
    await qc(dir, ['tag', 'Breaks', 'P07_T1', '--match', 'She’d say “take your break”', '--new']);
    await qc(dir, ['tag', 'Sleep', 'E01_T1', '--span', '33-38', '--new']);
    await qc(dir, ['tag', 'Sleep', 'E01_T1', '--match', 'Nights', '--new'], { coder: 'bo' });
    const rows = await codingsJson(dir);
    expect(rows).toEqual([
      { id: 5, code: 'Sleep', source: 'E01_T1', coder: 'bo', start: 15, end: 21, lineStart: 1, lineEnd: 1, quote: 'Nights', weight: null, orphaned: false },
      { id: 4, code: 'Sleep', source: 'E01_T1', coder: 'ana', start: 33, end: 38, lineStart: 1, lineEnd: 1, quote: 'sleep', weight: null, orphaned: false },
      {
        id: 1, code: 'Depth', source: 'P07_T1', coder: 'ana', start: cpIndex(P07_T1, 'Participant: Honestly'), end: cpIndex(P07_T1, '\n\nInterviewer: What'),
        lineStart: 3, lineEnd: 4, quote: 'Participant: Honestly, I felt out of my depth. The night shifts were the worst.\nI couldn’t sleep during the day.', weight: null, orphaned: false,
      },
      expect.objectContaining({ id: 2, code: 'Help', coder: 'bo', quote: 'My preceptor. She\'d say "take your break" and I\'d actually take it.', lineStart: 7, lineEnd: 7 }),
      expect.objectContaining({ id: 3, code: 'Breaks', coder: 'ana', quote: 'She\'d say "take your break"', lineStart: 7, lineEnd: 7 }),
    ]);
    expect((await codingsJson(dir, '--coder', 'bo')).map((r) => r.id)).toEqual([5, 2]);
    expect((await codingsJson(dir, '--code', 'sleep', '--source', 'E01_T1')).map((r) => r.id)).toEqual([5, 4]);
  });

  it('applies --also codes (names with commas), --new under --parent, --weight and --memo', async () => {
    const { dir } = await project();
    await qc(dir, ['codebook', 'add', 'Well-being']);
    const r = await qc(dir, ['tag', 'Sleep, rest and recovery', 'P07_T1', '--match', 'sleep during the day', '--also', 'Nights, shifts', '--also', 'Day sleep',
      '--new', '--parent', 'Well-being', '--weight', '70', '--memo', 'said flatly', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ source: 'P07_T1', coder: 'ana', createdCodes: ['Sleep, rest and recovery', 'Nights, shifts', 'Day sleep'] });
    expect((await codingsJson(dir)).map((c) => [c.code, c.weight, c.quote])).toEqual([
      ['Sleep, rest and recovery', 70, 'sleep during the day'], ['Nights, shifts', 70, 'sleep during the day'], ['Day sleep', 70, 'sleep during the day'],
    ]);
    const tree = JSON.parse((await qc(dir, ['codebook', '--json'])).stdout) as { code: string; parent: string | null }[];
    expect(tree.map((c) => [c.code, c.parent])).toEqual([['Well-being', null], ['Day sleep', 'Well-being'], ['Nights, shifts', 'Well-being'], ['Sleep, rest and recovery', 'Well-being']]);
    expect(JSON.parse((await qc(dir, ['memo', 'list', '--json'])).stdout)).toHaveLength(3);
    const before = dumpDb(dir);
    const heavy = await qc(dir, ['tag', 'Day sleep', 'P07_T1', '--lines', '9', '--weight', '101']);
    expect([heavy.code, heavy.stderr]).toEqual([2, 'qcode: --weight 101: give a whole number from 0 to 100\n']);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('suggests the nearest codes for a misspelt name (exit 2, nothing written)', async () => {
    const { dir } = await project();
    expect((await qc(dir, ['codebook', 'import', EXAMPLE])).stderr).toBe(`imported ${EXAMPLE}: 15 added, 0 updated, 0 moved, 0 pruned, 0 unchanged\n`);
    await qc(dir, ['tag', 'Self-care', 'P07_T1', '--lines', '9']);
    const before = dumpDb(dir);
    const typo = await qc(dir, ['tag', 'Slef-care', 'P07_T1', '--lines', '3']);
    expect([typo.code, typo.stdout]).toEqual([2, '']);
    expect(typo.stderr).toBe('qcode: no code "Slef-care" in the codebook (did you mean "Self-care"? or add --new to create it)\n');
    const part = await qc(dir, ['tag', 'night shifts', 'P07_T1', '--lines', '3']);
    expect([part.code, part.stderr]).toEqual([2, 'qcode: no code "night shifts" in the codebook (did you mean "Sleep and night shifts"? or add --new to create it)\n']);
    const second = await qc(dir, ['tag', 'Self-care', 'P07_T1', '--lines', '3', '--also', 'Stafing']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^qcode: no code "Stafing" in the codebook \(did you mean "Staffing"/);
    const merge = await qc(dir, ['codebook', 'merge', 'Support', '--into', 'Team support']);
    expect([merge.code, merge.stderr]).toEqual([2, 'qcode: cannot merge "Support" into its own descendant "Team support" (move "Team support" out first)\n']);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('untags: split, trim, remove, and --id', async () => {
    const { dir } = await project();
    await qc(dir, ['tag', 'Depth', 'P07_T1', '--lines', '3', '--new']);
    expect((await qc(dir, ['untag', 'Depth', 'P07_T1', '--match', 'The night shifts'])).stdout).toBe('codings of ana: 0 removed, 1 split in two\n');
    expect((await codingsJson(dir)).map((c) => c.quote)).toEqual(['Participant: Honestly, I felt out of my depth. ', ' were the worst.']);
    expect((await qc(dir, ['untag', 'Depth', 'P07_T1', '--match', 'worst.'])).stdout).toBe('codings of ana: 0 removed, 1 trimmed\n');
    expect((await codingsJson(dir)).map((c) => c.quote)).toEqual(['Participant: Honestly, I felt out of my depth. ', ' were the ']);
    expect((await qc(dir, ['untag', 'Depth', 'P07_T1', '--lines', '3'])).stdout).toBe('codings of ana: 2 removed\n');
    await qc(dir, ['tag', 'Depth', 'P07_T1', '--lines', '9'], { coder: 'bo' });
    const [{ id }] = await codingsJson(dir);
    const left = await qc(dir, ['untag', 'Depth', 'P07_T1', '--lines', '9']);
    expect([left.stdout, left.stderr]).toEqual(['codings of ana: 0 removed\n', 'qcode: 1 coding of bo over this passage left as they are (add --any-coder to remove them too)\n']);
    const notMine = await qc(dir, ['untag', '--id', String(id)]);
    expect([notMine.code, notMine.stdout, notMine.stderr]).toEqual([2, '', `qcode: coding ${id} is bo's, not ana's; nothing was removed (to remove another coder's coding, add --any-coder; it is recorded in qcode codebook history)\n`]);
    expect(await codingsJson(dir)).toHaveLength(1);
    expect((await qc(dir, ['untag', '--id', String(id), '--any-coder'])).stdout).toBe('codings of bo: 1 removed (by ana; recorded in qcode codebook history)\n');
    expect(await codingsJson(dir)).toEqual([]);
    const history = JSON.parse((await qc(dir, ['codebook', 'history', '--json'])).stdout) as { coder: string; action: string; details: Record<string, unknown> }[];
    expect(history.at(-1)).toMatchObject({ coder: 'ana', action: 'untag', details: { by: 'ana', owner: 'bo', coding: id, quote: 'Participant: Running, when I can. Night shifts make it hard.', left: [] } });
    const gone = await qc(dir, ['untag', '--id', String(id), '--any-coder']);
    expect([gone.code, gone.stderr]).toEqual([2, `qcode: no coding with id ${id} (qcode codings lists them with their ids)\n`]);
  });
});

describe('qcode codebook', () => {
  it('lists counts, refuses and forces deletes with exact messages, and shows the history', async () => {
    const { dir } = await project();
    await qc(dir, ['codebook', 'add', 'Support', '--description', 'Help received', '--color', '#3BB273']);
    await qc(dir, ['tag', 'Preceptor', 'P07_T1', '--turns', '4', '--new', '--parent', 'Support']);
    await qc(dir, ['tag', 'Preceptor', 'E01_T1', '--lines', '1'], { coder: 'bo' });
    expect((await qc(dir, ['codebook'])).stdout).toBe(
      'code         codings  sources  cases  description\n' +
      'Support            0        0      0  Help received\n' +
      '  Preceptor        2        2      2\n');
    const bad = await qc(dir, ['codebook', 'add', 'Red', '--color', 'red']);
    expect([bad.code, bad.stderr]).toEqual([2, 'qcode: colour red: expected #RRGGBB, e.g. #1f77b4\n']);
    const refused = await qc(dir, ['codebook', 'delete', 'Support']);
    expect([refused.code, refused.stderr]).toEqual([2, 'qcode: "Support" has 1 child code(s) and 2 coding(s); nothing was deleted (merge it into another code to keep its codings, or add --force to delete it with all of them)\n']);
    expect((await qc(dir, ['codebook', 'describe', 'support', '--description', ''])).stderr).toBe('"Support": description changed\n');
    const others = await qc(dir, ['codebook', 'delete', 'Support', '--force']);
    expect([others.code, others.stderr]).toEqual([2, 'qcode: "Support" has codings by other coders (bo 1); nothing was deleted (add --any-coder to delete their codings too, each recorded in the history; or merge the code into another to keep them)\n']);
    const forced = await qc(dir, ['codebook', 'delete', 'Support', '--force', '--any-coder']);
    expect(forced).toEqual({ code: 0, stdout: '', stderr: 'deleted "Preceptor", "Support"; 2 codings removed, 0 memos unlinked (kept)\n' });
    const table = (await qc(dir, ['codebook', 'history'])).stdout.split('\n');
    expect(table[0]).toMatch(/^at\s+coder\s+action\s+code\s+details$/);
    expect(table.slice(1, -1).map((l) => l.split(/\s{2,}/).slice(0, 4))).toEqual([
      [expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), 'ana', 'add', 'Support'],
      [expect.any(String), 'ana', 'add', 'Preceptor'],
      [expect.any(String), 'ana', 'describe', 'Support'],
      [expect.any(String), 'ana', 'delete', 'Preceptor'],
      [expect.any(String), 'ana', 'delete', 'Support'],
    ]);
    expect(table[3]).toContain('{"before":{"description":"Help received"},"after":{"description":null}}');
  });

  it('names the file of malformed YAML and imports nothing', async () => {
    const { dir } = await project();
    put(dir, 'bad.yaml', 'codes:\n  - name: A\n   - name: B\n');
    const before = dumpDb(dir);
    const r = await qc(dir, ['codebook', 'import', 'bad.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^qcode: bad\.yaml:\d+: invalid YAML: All sequence items must start at the same column/);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('exports Markdown, CSV and --out files', async () => {
    const { dir } = await project();
    await qc(dir, ['codebook', 'add', 'Well-being', '--description', '=not a formula']);
    await qc(dir, ['codebook', 'add', 'Self-care', '--parent', 'Well-being', '--color', '#1F77B4']);
    expect((await qc(dir, ['codebook', 'export', '--format', 'yaml'])).code).toBe(0);
    const md = (await qc(dir, ['codebook', 'export', '--format', 'md'])).stdout.split('\n');
    expect(md.slice(0, 3)).toEqual([
      '| code | codings | sources | cases | path | description | include | exclude | example | color |',
      '| --- | ---: | ---: | ---: | --- | --- | --- | --- | --- | --- |',
      '| Well-being | 0 | 0 | 0 | Well-being | =not a formula |  |  |  |  |',
    ]);
    expect(md[3]).toMatch(/^\| Self-care \| 0 \| 0 \| 0 \| Well-being \/ Self-care \|  \|  \|  \|  \| .*1f77b4 \|$/);
    expect((await qc(dir, ['codebook', 'export', '--format', 'csv'])).stdout).toBe(
      'code,codings,sources,cases,path,description,include,exclude,example,color\r\n' +
      "Well-being,0,0,0,Well-being,'=not a formula,,,,\r\n" +
      'Self-care,0,0,0,Well-being / Self-care,,,,,#1f77b4\r\n');
    expect((await qc(dir, ['codebook', 'export', '--out', 'cb.yaml'])).stdout).toBe('');
    expect(readFileSync(`${dir}/cb.yaml`, 'utf8')).toMatch(/^# qcode codebook .*\ncodes:\n {2}- name: Well-being\n {4}description: =not a formula\n/);
  });

  it('gives the history and the list as JSON', async () => {
    const { dir } = await project();
    await qc(dir, ['codebook', 'add', 'Support']);
    const history = JSON.parse((await qc(dir, ['codebook', 'history', '--json'])).stdout) as { coder: string; action: string; code: string }[];
    expect(history.map((h) => [h.coder, h.action, h.code])).toEqual([['ana', 'add', 'Support']]);
    expect(JSON.parse((await qc(dir, ['codebook', 'list', '--json'])).stdout)).toEqual([expect.objectContaining({ code: 'Support', codings: 0 })]);
  });
});

describe('qcode show with codings', () => {
  async function coded() {
    const { dir } = await project();
    await qc(dir, ['tag', 'Nights', 'P07_T1', '--match', 'night shifts', '--new']);
    await qc(dir, ['tag', 'Self-care', 'P07_T1', '--lines', '7', '--new']);
    await qc(dir, ['tag', 'Nights', 'P07_T1', '--lines', '9'], { coder: 'bo' });
    return dir;
  }

  it('draws one stripe column per code with a legend; --no-stripes leaves them out', async () => {
    const dir = await coded();
    expect((await qc(dir, ['show', 'P07_T1', '--lines', '6-9'])).stdout).toBe([
      '6     Interviewer: What helped?',
      '7   2 Participant: My preceptor. She\'d say "take your break" and I\'d actually take it.',
      '8     Interviewer: Anything else?',
      '9  1  Participant: Running, when I can. Night shifts make it hard.',
      '',
      'stripes: 1 Nights · 2 Self-care',
      '',
    ].join('\n'));
    expect((await qc(dir, ['show', 'P07_T1', '--lines', '8-9', '--no-stripes'])).stdout).toBe('8  Interviewer: Anything else?\n9  Participant: Running, when I can. Night shifts make it hard.\n');
  });

  it('--codes names the codes after each line; --coder shows one coder’s codings', async () => {
    const dir = await coded();
    expect((await qc(dir, ['show', 'P07_T1', '--lines', '3-4', '--codes'])).stdout).toBe(
      '3  Participant: Honestly, I felt out of my depth. The night shifts were the worst.  ‹Nights›\n4  I couldn’t sleep during the day.\n');
    expect((await qc(dir, ['show', 'P07_T1', '--codes', '--coder', 'bo', '--lines', '3-9'])).stdout.split('\n').filter((l) => l.includes('‹'))).toEqual([
      '9  Participant: Running, when I can. Night shifts make it hard.  ‹Nights›',
    ]);
    const json = JSON.parse((await qc(dir, ['show', 'P07_T1', '--json', '--lines', '7'])).stdout);
    expect(json.lines[0].codes).toEqual(['Self-care']);
    expect(json.stripes).toEqual([{ code: 'Self-care', color: null }]);
  });
});
