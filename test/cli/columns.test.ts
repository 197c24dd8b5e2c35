import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { UNICODE_CODES, unicodeStudy } from '../support/unicode-study.js';

describe('report --columns', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await unicodeStudy();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const report = (...argv: string[]) => runCli(['report', ...argv], { cwd: dir });

  it('prints only the columns asked for, in that order; the default stays the full table', async () => {
    const r = await report('themes', '--columns', 'code,cases,casesPct,quote', '--format', 'md');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('| code | cases | cases % | quote |');
    expect(r.stdout).toContain('| Support\\_50% \\#1 | 3 | 100.0 | My préceptrice helped a lot & the team too; 100% support.');
    const full = await report('themes', '--format', 'md');
    expect(full.stdout).toContain('| code | cases | cases % | sources | refs | words | coverage % | words/case | freq rank | int rank | quote |');
  });

  it('gives csv the quote column when it is asked for (csv has no quotes by default) and keeps json whole', async () => {
    const csv = await report('themes', '--columns', 'code,quote', '--format', 'csv');
    expect(csv.stdout.split('\r\n')[0]).toBe('code,depth,quote');
    expect(csv.stdout).toContain('Now I’m thinking of leaving.');
    const json = JSON.parse((await report('themes', '--columns', 'code', '--json')).stdout);
    expect(Object.keys(json.rows[0])).toContain('wordsPerCase');
  });

  it('names matrix columns by header and quotes columns by key', async () => {
    const m = await report('matrix', '--by', 'wave', '--columns', 'code,T2', '--format', 'csv');
    expect(m.stdout.split('\r\n')[0]).toBe('code,depth,T2');
    const q = await report('quotes', UNICODE_CODES[3]!, '--columns', 'case,text', '--format', 'csv');
    expect(q.stdout.split('\r\n').slice(0, 2)).toEqual(['case,quote', 'P1,Now I’m thinking of leaving.']);
  });

  it('starts CSV written to a file with a UTF-8 byte order mark (Excel on Windows), stdout without', async () => {
    await report('themes', '--columns', 'code,quote', '--format', 'csv', '--out', 'themes.csv');
    const { readFileSync } = await import('node:fs');
    const file = readFileSync(`${dir}/themes.csv`, 'utf8');
    expect(file.startsWith('\ufeffcode,depth,quote\r\n')).toBe(true);
    expect(file).toContain('’');
    expect((await report('themes', '--format', 'csv')).stdout.startsWith('code,')).toBe(true);
  });

  it('refuses an unknown column, listing the valid ones', async () => {
    const r = await report('themes', '--columns', 'code,partcipants');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qcode: --columns: no column "partcipants" (choose from code, cases, casesPct, sources, references, words, coverage, wordsPerCase, frequencyRank, intensityRank, quote)\n');
  });
});
