import { describe, expect, it } from 'vitest';
import { runCli, spawnQcode } from '../support/cli.js';
import { dumpDb, newProject, put } from '../support/project.js';
import { codingProject, qc } from '../support/coding.js';

const TEAMS = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Sarah Kim>How was the week?</v>\n\n00:00:04.000 --> 00:00:06.000\n<v Tom Reyes>Long. Too many nights.</v>\n';
const PLAIN = 'Interviewer: How are the nights?\nParticipant: Long and lonely.\n';

async function study() {
  const { dir } = newProject();
  put(dir, 'T01.vtt', TEAMS);
  put(dir, 'P02.txt', PLAIN);
  const ingest = await qc(dir, ['ingest', 'T01.vtt', 'P02.txt']);
  return { dir, ingest };
}

describe('qcode speakers (CLI)', () => {
  it('ingest warns on stderr, exit 0, naming the labels and the command that fixes it', async () => {
    const { ingest } = await study();
    expect(ingest.code).toBe(0);
    expect(ingest.stderr).toBe('qcode: warning: T01 has speaker labels ("Sarah Kim", "Tom Reyes") but no interviewer talk; if one of them is the interviewer, run: ' +
      "qcode speakers set 'Sarah Kim' --role interviewer (add --source T01 for this source only)\n");
  });

  it('lists in every listing format', async () => {
    const { dir } = await study();
    expect((await qc(dir, ['speakers'])).stdout).toBe([
      'source  speaker      role         turns  words  because',
      'P02     Interviewer  interviewer      1      4  interviewer label',
      'P02     Participant  participant      1      3  not an interviewer label',
      'T01     Sarah Kim    participant      1      4  not an interviewer label',
      'T01     Tom Reyes    participant      1      4  not an interviewer label',
      '',
    ].join('\n'));
    const json = JSON.parse((await qc(dir, ['speakers', '--source', 'T01', '--json'])).stdout) as unknown[];
    expect(json[0]).toEqual({ source: 'T01', speaker: 'Sarah Kim', role: 'participant', turns: 1, words: 4, because: 'not an interviewer label' });
    expect((await qc(dir, ['speakers', '--format', 'csv'])).stdout.split('\r\n')[0]).toBe('source,speaker,role,turns,words,because');
    expect((await qc(dir, ['speakers', '--format', 'md'])).stdout).toMatch(/^\| source \| speaker/);
  });

  it('speakers set re-attributes at once; errors leave the project as it was', async () => {
    const { dir } = await study();
    const set = await qc(dir, ['speakers', 'set', 'sarah kim', '--role', 'interviewer']);
    expect([set.code, set.stderr]).toEqual([0, 'Sarah Kim is interviewer talk in every source; talk re-attributed in 1 source: T01 (1 turn)\n']);
    const sources = JSON.parse((await qc(dir, ['sources', '--json'])).stdout) as { id: string; interviewerWords: number }[];
    expect(sources.map((s) => [s.id, s.interviewerWords])).toEqual([['P02', 4], ['T01', 4]]);
    const one = await qc(dir, ['speakers', 'set', 'Interviewer', '--role', 'participant', '--source', 'P02']);
    expect(one.stderr).toBe('Interviewer is participant talk in P02; talk re-attributed in 1 source: P02 (1 turn)\n');
    const before = dumpDb(dir);
    const bad = await qc(dir, ['speakers', 'set', 'Sara Kim', '--role', 'interviewer']);
    expect([bad.code, bad.stderr]).toEqual([2, 'qcode: no speaker label "Sara Kim" in any source (did you mean "Sarah Kim"?)\n']);
    expect((await qc(dir, ['speakers', 'set', 'Sarah Kim', '--role', 'host'])).code).toBe(2);
    expect((await qc(dir, ['speakers', 'set', 'Sarah Kim'])).stderr).toMatch(/required option '--role <role>' not specified/);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('ingest --interviewer adds; --no-default-interviewers drops the defaults', async () => {
    const { dir } = await study();
    const added = await qc(dir, ['ingest', 'T01.vtt', '--interviewer', 'Sarah Kim']);
    expect(added.stdout).toContain('interviewer labels changed: talk re-attributed in 1 source(s)');
    expect((await qc(dir, ['speakers', '--json'])).stdout).toContain('"speaker": "Interviewer",\n    "role": "interviewer"');
    await qc(dir, ['ingest', 'P02.txt', '--no-default-interviewers']);
    const rows = JSON.parse((await qc(dir, ['speakers', '--json'])).stdout) as { speaker: string; role: string }[];
    expect(rows.map((r) => `${r.speaker}:${r.role}`)).toEqual(['Interviewer:participant', 'Participant:participant', 'Sarah Kim:interviewer', 'Tom Reyes:participant']);
  });
});

describe('tag --turns on an interviewer turn', () => {
  it('codes it, and warns on stderr', async () => {
    const { dir } = await codingProject();
    const r = await qc(dir, ['tag', 'Depth', 'P07_T1', '--turns', '3', '--new']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^#1 Depth · P07_T1 line 6 · “What helped\?”\n$/);
    expect(r.stderr).toBe('qcode: warning: turn 3 of P07_T1 is interviewer talk (Interviewer); coded as asked, but reports count no words of interviewer talk\nnew code: Depth\n');
    expect((await qc(dir, ['tag', 'Depth', 'P07_T1', '--turns', '2-4'])).stderr).toBe('');
    expect((await qc(dir, ['tag', 'Depth', 'P07_T1', '--turns', '1-4', '--json'])).stderr).toMatch(/^qcode: warning: turn 1 of P07_T1 is interviewer talk/);
  });
});

describe('misspelt commands and report kinds', () => {
  it('say "did you mean" with exit 2', async () => {
    const { dir } = newProject();
    const themse = await runCli(['report', 'themse'], { cwd: dir });
    expect([themse.code, themse.stderr]).toEqual([2, 'qcode: unknown report kind "themse" (did you mean themes?)\n']);
    expect((await runCli(['codebook', 'lst'], { cwd: dir })).stderr).toBe('qcode: unknown codebook command "lst" (did you mean list?)\n');
    expect((await runCli(['--project', dir, 'speakers', 'sett'], { cwd: dir })).stderr).toBe('qcode: unknown speakers command "sett" (did you mean set?)\n');
    expect((await runCli(['report', 'zzzz'], { cwd: dir })).stderr).toMatch(/^qcode: unknown report kind "zzzz" \(qcode report --help lists them: themes, matrix, /);
    expect((await runCli(['report', '--format', 'json'], { cwd: dir })).stderr).not.toMatch(/unknown report kind/);
  });
});

describe('coder identity (CLI)', () => {
  it('whoami prints the name and where it came from', async () => {
    const { dir } = newProject();
    expect((await runCli(['whoami'], { cwd: dir, env: { QCODE_CODER: 'ana' } })).stdout).toBe('ana (from QCODE_CODER)\n');
    expect((await runCli(['--coder', 'bo', 'whoami'], { cwd: dir, env: { QCODE_CODER: 'ana' } })).stdout).toBe('bo (from --coder)\n');
    const json = JSON.parse((await runCli(['whoami', '--json'], { cwd: dir })).stdout) as Record<string, unknown>;
    expect(json).toEqual({ coder: expect.any(String), from: expect.stringMatching(/^(git user\.name|OS user)$/), fallback: true });
  });

  it('a fallback name is said once per project on stderr', async () => {
    const { dir } = await codingProject();
    const first = await runCli(['tag', 'Depth', 'P07_T1', '--lines', '3', '--new'], { cwd: dir });
    expect(first.stderr).toMatch(/^qcode: coding as ".+", taken from .*; to choose the name, set QCODE_CODER or give --coder NAME \(qcode whoami shows it; this is said once per project\)\nnew code: Depth\n$/);
    const second = await runCli(['tag', 'Depth', 'P07_T1', '--lines', '7'], { cwd: dir });
    expect(second.stderr).toBe('');
  });
});

describe('end to end (built bin/qcode.js)', () => {
  it('the reported bug: untag --id of another coder\'s coding is refused, and with --any-coder leaves a trace', async () => {
    const { dir } = await codingProject();
    await qc(dir, ['tag', 'Depth', 'P07_T1', '--lines', '3', '--new'], { coder: 'ben' });
    const refused = spawnQcode(['untag', '--id', '1', '--coder', 'sarah'], { cwd: dir });
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toMatch(/^qcode: coding 1 is ben's, not sarah's; nothing was removed/);
    const done = spawnQcode(['untag', '--id', '1', '--coder', 'sarah', '--any-coder'], { cwd: dir });
    expect(done.stdout).toBe('codings of ben: 1 removed (by sarah; recorded in qcode codebook history)\n');
    const history = spawnQcode(['codebook', 'history', '--format', 'csv'], { cwd: dir, env: { QCODE_CODER: 'x' } }).stdout.split('\n');
    expect(history.at(-2)!.trimEnd()).toMatch(/^[^,]+,sarah,untag,Depth,"\{""by"":""sarah"",""owner"":""ben"",""source"":""P07_T1"",""coding"":1,/);
  });

  it('a Teams transcript: the warning, then speakers set fixes the figures', async () => {
    const { dir } = newProject();
    put(dir, 'T01.vtt', TEAMS);
    const env = { QCODE_CODER: 'ana' };
    expect(spawnQcode(['ingest', 'T01.vtt'], { cwd: dir, env }).stderr).toMatch(/^qcode: warning: T01 has speaker labels/);
    expect(spawnQcode(['speakers', 'set', 'Sarah Kim', '--role', 'interviewer'], { cwd: dir, env }).code).toBe(0);
    expect(spawnQcode(['speakers', '--format', 'csv'], { cwd: dir, env }).stdout).toBe(
      'source,speaker,role,turns,words,because\r\nT01,Sarah Kim,interviewer,1,4,set for the project\r\nT01,Tom Reyes,participant,1,4,not an interviewer label\r\n');
  });
});
