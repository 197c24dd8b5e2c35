import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { runCli, spawnQcode } from '../support/cli.js';
import { newProject, put } from '../support/project.js';

const FILES: Record<string, string> = {
  'P1_T1.txt': 'Interviewer: How is work?\nParticipant: Work is hard work.\n',
  'P2_T2.txt': 'Participant: Sleep, sleep. =Sleep is hard.\n',
};

async function project(): Promise<string> {
  const { dir } = newProject();
  for (const [name, text] of Object.entries(FILES)) put(dir, name, text);
  await runCli(['ingest', ...Object.keys(FILES), '--name-pattern', '{case}_T{wave}'], { cwd: dir });
  return dir;
}

describe('text queries on the command line', () => {
  it('words: table, csv, md and json from one result; the scope on stderr', async () => {
    const dir = await project();
    const t = await runCli(['words', '--stop-words', 'none', '--top', '2'], { cwd: dir });
    expect(t.stdout).toBe('word   count      %  sources  cases\nsleep      3  33.33        1      1\nhard       2  22.22        2      2\n');
    expect(t.stderr).toBe('9 words counted in 2 source(s) of 2 case(s), participant talk\n');
    expect((await runCli(['words', '--top', '1', '--format', 'csv', '--stop-words', 'none'], { cwd: dir })).stdout).toBe('word,count,%,sources,cases\r\nsleep,3,33.33333333333333,1,1\r\n');
    expect((await runCli(['words', '--top', '1', '--format', 'md', '--stop-words', 'none'], { cwd: dir })).stdout).toMatch(/^\| word \| count \|/);
    const json = JSON.parse((await runCli(['words', '--json', '--top', '1', '--stem'], { cwd: dir })).stdout);
    expect(json.rows).toEqual([{ word: 'sleep', forms: ['sleep'], count: 3, percent: (3 / 9) * 100, sources: 1, cases: 1 }]);
    expect(json.scope).toMatchObject({ sources: 2, cases: 2, speaker: 'participant', language: 'en', stem: true, words: 9 });
  });

  it('words --format html: a word cloud (largest word largest) and the table, nothing fetched', async () => {
    const dir = await project();
    const html = (await runCli(['words', '--format', 'html', '--stop-words', 'none'], { cwd: dir })).stdout;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    // sleep (3 of at most 3) gets 12 + 36 = 48 px; hard (2) 12 + 36·√(2/3) = 41 px
    expect(html).toContain('font-size="48"><title>sleep: 3</title>sleep</text>');
    expect(html).toContain('font-size="41"><title>hard: 2</title>hard</text>');
    expect(html).not.toMatch(/https?:\/\//);
    expect((await runCli(['words', '--by', 'wave', '--format', 'html'], { cwd: dir })).stderr).toMatch(/--format html goes with word frequencies/);
  });

  it('words --by: one table with the group column; json groups; --out writes the file', async () => {
    const dir = await project();
    const r = await runCli(['words', '--by', 'wave', '--top', '1', '--stop-words', 'none', '--out', 'k.json', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(`${dir}/k.json`, 'utf8'));
    expect(json.groups.map((g: { group: string; words: number; rows: { word: string }[] }) => [g.group, g.words, g.rows.map((x) => x.word)])).toEqual([['1', 4, ['work']], ['2', 5, ['sleep']]]);
    expect(Object.keys(json.groups[0].rows[0])).toEqual(['word', 'count', 'rest', 'g2', 'logRatio']);
    expect((await runCli(['words', '--min-g2', '3'], { cwd: dir })).stderr).toBe('qcode: --min-g2 goes with --by\n');
    expect((await runCli(['words', '--by', 'case', '--format', 'xlsx', '--out', 'k.xlsx'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(`${dir}/k.xlsx`).subarray(0, 2).toString()).toBe('PK');
  });

  it('search: KWIC aligned on the hit, counts on stderr, json array, csv with every field', async () => {
    const dir = await project();
    const t = await runCli(['search', 'sleep', '--context', '1'], { cwd: dir });
    expect(t.stdout).toBe([
      'source  line  speaker          left  hit    right',
      'P2_T2      1  Participant            Sleep  , sleep',
      'P2_T2      1  Participant    Sleep,  sleep  . =Sleep',
      'P2_T2      1  Participant  sleep. =  Sleep  is',
      '',
    ].join('\n'));
    expect(t.stderr).toBe('3 hit(s) of sleep in 1 of 2 source(s) in scope (participant talk)\nby source: P2_T2 3\nby case: P2 3\n');
    const json = JSON.parse((await runCli(['search', 'sleep', '--json'], { cwd: dir })).stdout);
    expect(json[0]).toEqual({ source: 'P2_T2', case: 'P2', wave: '2', line: 1, speaker: 'Participant', start: 13, end: 18, left: '', hit: 'Sleep', right: ', sleep. =Sleep is hard' });
    const csv = (await runCli(['search', 'sleep', '--format', 'csv', '--context', '1'], { cwd: dir })).stdout;
    expect(csv.split('\r\n')[3]).toBe('P2_T2,P2,2,1,Participant,sleep. =,Sleep,is,28,33');
    expect((await runCli(['search', 'night shift'], { cwd: dir })).stderr).toBe('qcode: query night shift: "night shift" has several words (quote a phrase ("night shift") or separate alternatives with OR)\n');
  });

  it('search --code-as and autocode --query --stem code the hits', async () => {
    const dir = await project();
    const dry = await runCli(['search', 'hard', '--code-as', 'Hard', '--unit', 'match', '--dry-run', '--coder', 'ana'], { cwd: dir });
    expect(dry.stderr).toMatch(/dry run: would code 2 passage\(s\) \(match\) with "Hard" \(a new code\) as ana\n$/);
    const auto = await runCli(['autocode', 'Sleeping', '--query', 'sleeping', '--stem', '--new', '--unit', 'match', '--json', '--coder', 'ana'], { cwd: dir });
    expect(JSON.parse(auto.stdout).hits.map((h: { text: string }) => h.text)).toEqual(['Sleep', 'sleep', 'Sleep']);
  });

  it('suggest lists passages with their tag command', async () => {
    const { dir } = newProject();
    put(dir, 'S1_T1.txt', 'Participant: apple banana cherry\nParticipant: apple banana date\nParticipant: fig grape\n');
    await runCli(['ingest', 'S1_T1.txt'], { cwd: dir });
    await runCli(['tag', 'Fruit', 'S1_T1', '--turns', '1', '--new', '--coder', 'ana'], { cwd: dir });
    const r = await runCli(['suggest', 'Fruit', '--min-words', '1', '--json'], { cwd: dir });
    expect(JSON.parse(r.stdout).map((s: { command: string }) => s.command)).toEqual(['qcode tag Fruit S1_T1 --turns 2']);
    expect(r.stderr).toBe('1 of 1 passage(s) like "Fruit" (3 turns in scope, 1 already coded; coders: ana)\n');
  });
});

describe('privacy and start-up (STYLE.md §5)', () => {
  it('loads natural only by sub-module, never whole and never dotenv', async () => {
    const dir = await project();
    put(dir, '.env', 'SECRET=1\n');
    await runCli(['words', '--stem', '--language', 'de'], { cwd: dir });
    await runCli(['suggest', 'Nothing'], { cwd: dir });
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded.filter((k) => k.includes('/dotenv/'))).toEqual([]);
    expect(loaded.some((k) => k.endsWith('/natural/lib/natural/index.js'))).toBe(false);
    expect(loaded.some((k) => k.endsWith('/stemmers/porter_stemmer_de.js'))).toBe(true);
  });

  it('prints nothing but the data on stdout, with a .env in the folder', async () => {
    const dir = await project();
    put(dir, '.env', 'DEBUG=*\nDOTENV_CONFIG_DEBUG=true\n');
    const r = spawnQcode(['words', '--stem', '--json', '--top', '1'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows).toHaveLength(1);
    expect(r.stderr).toBe('9 words counted in 2 source(s) of 2 case(s), participant talk\n');
  });
});
