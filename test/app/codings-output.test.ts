import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tag } from '../../src/app/tag.js';
import { codingsTable, listCodings } from '../../src/app/codings.js';
import { render } from '../../src/format/render.js';
import { as, codingProject, P07_T1, P12_T2, qc } from '../support/coding.js';
import { runCli } from '../support/cli.js';

const EMOJI = 'Interviewer: And now?\nParticipant: 🙂 Better, =SUM(A1) | *really* "fine", thanks.\nIt was a long year.\n';

/** Three sources whose ids sort differently from their ingest order, codings of several kinds. */
async function project(): Promise<string> {
  const { dir, ctx } = await codingProject({ 'P12_T2.txt': P12_T2, 'P07_T1.txt': P07_T1, 'A01_T1.txt': EMOJI });
  const t = (coder: string, code: string, source: string, selector: object, weight?: number) => tag(as(ctx, coder), { codes: [code], source, selector, createNew: true, weight });
  t('ana', 'Sleep', 'P12_T2', { match: 'I sleep better' });
  t('bo', 'Sleep', 'P12_T2', { lines: { from: 2, to: 2 } }, 40);
  t('ana', 'Night shifts', 'P07_T1', { lines: { from: 3, to: 4 } });
  t('ana', 'Preceptor', 'P07_T1', { match: 'My preceptor.' });
  t('bo', 'Well-being', 'A01_T1', { turns: { from: 2, to: 2 } }, 0);
  t('ana', 'Sleep', 'A01_T1', { match: '🙂 Better' });
  t('ana', 'Night shifts', 'P07_T1', { match: 'Night shifts make it hard.' });
  const db = new Database(join(dir, 'qcode.db'));
  db.prepare('UPDATE codings SET orphaned = 1 WHERE id = 4').run();
  db.close();
  return dir;
}

const FORMATS = ['json', 'csv', 'md', 'table'] as const;
const FILTERS: string[][] = [[], ['--code', 'Sleep'], ['--source', 'P07_T1'], ['--case', 'A01'], ['--coder', 'bo'], ['--code', 'sleep', '--coder', 'ana']];

describe('qcode codings output', () => {
  it('lists codings by source id, then position, with lines in code points (JSON pinned)', async () => {
    const dir = await project();
    const r = await qc(dir, ['codings', '--json']);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(got.map((c) => [c.id, c.source, c.code, c.coder, c.start, c.end, c.lineStart, c.lineEnd, c.weight, c.orphaned])).toEqual(EXPECTED);
    expect(got.map((c) => c.quote)).toEqual(QUOTES);
    expect(Object.keys(got[0]!)).toEqual(['id', 'code', 'source', 'coder', 'start', 'end', 'lineStart', 'lineEnd', 'quote', 'weight', 'orphaned']);
    expect(r.stdout.startsWith('[\n  {\n    "id": ')).toBe(true);
  });

  it.each(FORMATS)('writes %s exactly as the table renderer draws the whole listing, for every filter', async (format) => {
    const dir = await project();
    for (const filter of FILTERS) {
      const arg = (name: string): string | undefined => (filter.includes(name) ? filter[filter.indexOf(name) + 1] : undefined);
      const rows = listCodings({ cwd: dir, env: {} }, { code: arg('--code'), source: arg('--source'), case: arg('--case'), coder: arg('--coder') });
      const r = await qc(dir, ['codings', '--format', format, ...filter]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(render(format, codingsTable(rows), rows));
    }
  });

  it('fits a text table to the terminal as the table renderer does', async () => {
    const dir = await project();
    const rows = listCodings({ cwd: dir, env: {} });
    const r = await runCli(['codings'], { cwd: dir, tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(render('table', codingsTable(rows), rows, { width: 100 }));
    expect(r.stdout.split('\n').every((line) => [...line].length <= 100)).toBe(true);
  });

  it('writes --out FILE with the same bytes as stdout, and an empty listing as []', async () => {
    const dir = await project();
    const out = await qc(dir, ['codings', '--json']);
    expect((await qc(dir, ['codings', '--json', '--out', 'c.json'])).stdout).toBe('');
    expect(readFileSync(join(dir, 'c.json'), 'utf8')).toBe(out.stdout);
    // CSV to a file carries a byte order mark (for Excel), as every listing's does; stdout none.
    const csv = await qc(dir, ['codings', '--format', 'csv']);
    await qc(dir, ['codings', '--format', 'csv', '--out', 'c.csv']);
    expect(readFileSync(join(dir, 'c.csv'), 'utf8')).toBe(`\ufeff${csv.stdout}`);
    // A workbook is written whole, from the same rows.
    expect((await qc(dir, ['codings', '--format', 'xlsx', '--out', 'c.xlsx'])).code).toBe(0);
    expect(readFileSync(join(dir, 'c.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect((await qc(dir, ['codings', '--json', '--coder', 'nobody'])).stdout).toBe('[]\n');
    expect((await qc(dir, ['codings', '--format', 'csv', '--coder', 'nobody'])).stdout).toBe('id,code,source,coder,lines,span,quote\r\n');
  });
});

const EXPECTED: unknown[] = [
  [6, 'A01_T1', 'Sleep', 'ana', 35, 43, 2, 2, null, false],
  [5, 'A01_T1', 'Well-being', 'bo', 35, 100, 2, 3, 0, false],
  [3, 'P07_T1', 'Night shifts', 'ana', 78, 190, 3, 4, null, false],
  [4, 'P07_T1', 'Preceptor', 'ana', 231, 244, null, null, null, true],
  [7, 'P07_T1', 'Night shifts', 'ana', 361, 387, 9, 9, null, false],
  [2, 'P12_T2', 'Sleep', 'bo', 34, 103, 2, 2, 40, false],
  [1, 'P12_T2', 'Sleep', 'ana', 55, 69, 2, 2, null, false],
];
const QUOTES = [
  '🙂 Better',
  '🙂 Better, =SUM(A1) | *really* "fine", thanks.\nIt was a long year.',
  'Participant: Honestly, I felt out of my depth. The night shifts were the worst.\nI couldn’t sleep during the day.',
  'My preceptor.',
  'Night shifts make it hard.',
  'Participant: Calmer. I sleep better since I dropped the night shifts.',
  'I sleep better',
];
