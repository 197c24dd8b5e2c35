import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { runCli } from '../support/cli.js';
import { newProject, put, tempDir, dumpDb } from '../support/project.js';

const INTERVIEW = 'Interviewer: How was it?\nParticipant: Fine, mostly.\n';

describe('exit codes and messages (STYLE.md §4)', () => {
  it('says clearly when there is no project, exit 2, one line', async () => {
    const r = await runCli(['sources'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qcode: no qcode project here or above; run qcode init\n');
    expect(r.stdout).toBe('');
  });

  it('maps usage errors from commander to exit 2', async () => {
    const { dir } = newProject();
    const r = await runCli(['sources', '--format', 'xml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format <format>' argument 'xml' is invalid/);
    expect((await runCli(['ingset'], { cwd: dir })).stderr).toMatch(/Did you mean ingest\?/);
  });

  it('prints help and the version with exit 0', async () => {
    const dir = tempDir();
    const help = await runCli(['--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: qcode/);
    expect((await runCli(['--version'], { cwd: dir })).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const ingestHelp = await runCli(['ingest', '--help'], { cwd: dir });
    expect(ingestHelp.stdout).toMatch(/--name-pattern <template>/);
    expect(ingestHelp.stdout).toMatch(/Examples:/);
  });

  it('refuses a second init politely', async () => {
    const { dir } = newProject();
    const r = await runCli(['init'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^qcode: a qcode project already exists at .*qcode\.db \(use it as it is/);
  });

  it('finds the project in a parent folder, via --project and via QCODE_PROJECT', async () => {
    const { dir } = newProject();
    put(dir, 'sub/deeper/P1.txt', INTERVIEW);
    expect((await runCli(['ingest', 'P1.txt'], { cwd: `${dir}/sub/deeper` })).code).toBe(0);
    const other = tempDir();
    expect(JSON.parse((await runCli(['sources', '--json', '--project', dir], { cwd: other })).stdout)).toHaveLength(1);
    expect(JSON.parse((await runCli(['sources', '--json'], { cwd: other, env: { QCODE_PROJECT: dir } })).stdout)).toHaveLength(1);
    expect((await runCli(['sources', '--project', `${other}/none`], { cwd: other })).stderr).toMatch(/no qcode project at/);
  });

  it('names a missing source and suggests near ones', async () => {
    const { dir } = newProject();
    put(dir, '50001_T1.txt', INTERVIEW);
    await runCli(['ingest', '50001_T1.txt'], { cwd: dir });
    const r = await runCli(['show', '50001-T1'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qcode: no source "50001-T1" in this project (did you mean "50001_T1"?)\n');
  });

  it('prints a failed ingest as one line and leaves the project as it was', async () => {
    const { dir } = newProject();
    put(dir, 'in/a.txt', INTERVIEW);
    put(dir, 'in/b.txt', '');
    const before = dumpDb(dir);
    const r = await runCli(['ingest', 'in'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qcode: in/b.txt: the file is empty (remove it or add the transcript text)\n');
    expect(dumpDb(dir)).toEqual(before);
  });

  it('checks arguments before touching the project', async () => {
    const { dir } = newProject();
    const r = await runCli(['show', 'x', '--lines', '5-2'], { cwd: dir });
    expect(r.stderr).toMatch(/end comes before the start/);
  });
});

describe('output formats of listings', () => {
  it('gives sources as json, csv and md from the same rows', async () => {
    const { dir } = newProject();
    put(dir, '=cmd.txt', INTERVIEW);
    await runCli(['ingest', '=cmd.txt'], { cwd: dir });
    const json = JSON.parse((await runCli(['sources', '--json'], { cwd: dir })).stdout);
    expect(json[0]).toMatchObject({ id: '=cmd', case: '=cmd', wave: '1', format: 'txt', encoding: 'utf-8', turns: 2, participantWords: 2, interviewerWords: 3, revision: 1 });
    const csv = (await runCli(['sources', '--format', 'csv'], { cwd: dir })).stdout;
    expect(csv.split('\r\n')[1]).toBe("'=cmd,'=cmd,1,txt,utf-8,2,2,3,1");
    const md = (await runCli(['sources', '--format', 'md'], { cwd: dir })).stdout;
    expect(md.split('\n')[1]).toBe('| --- | --- | ---: | --- | --- | ---: | ---: | ---: | ---: |');
    expect((await runCli(['sources', '--json', '--format', 'csv'], { cwd: dir })).code).toBe(2);
  });

  it('writes --out files instead of stdout', async () => {
    const { dir } = newProject();
    put(dir, 'P1.txt', INTERVIEW);
    await runCli(['ingest', 'P1.txt'], { cwd: dir });
    const r = await runCli(['cases', '--format', 'csv', '--out', 'cases.csv'], { cwd: dir });
    expect(r.stdout).toBe('');
    const { readFileSync } = await import('node:fs');
    // A file gets a UTF-8 byte order mark, so Excel on Windows reads it as UTF-8.
    expect(readFileSync(`${dir}/cases.csv`, 'utf8')).toBe('\ufeffcase,sources\r\nP1,1\r\n');
  });

  it('shows lines and turns as show numbers them', async () => {
    const { dir } = newProject();
    put(dir, 'P1.txt', 'Header line\nInterviewer: How was it?\nParticipant: Fine,\nmostly.\n');
    await runCli(['ingest', 'P1.txt'], { cwd: dir });
    expect((await runCli(['show', 'P1', '--turns', '--lines', '1-4'], { cwd: dir })).stdout).toBe(
      '1      Header line\n2  T1  Interviewer: How was it?\n3  T2  Participant: Fine,\n4      mostly.\n',
    );
    const json = JSON.parse((await runCli(['show', 'P1', '--json', '--lines', '4'], { cwd: dir })).stdout);
    expect(json.lines).toEqual([{ line: 4, turn: 2, turnStart: false, speaker: 'Participant', role: 'participant', labelLength: 0, text: 'mostly.', codes: [] }]);
    expect((await runCli(['show', 'P1', '--width', '30', '--lines', '2'], { cwd: dir })).stdout).toBe('2  Interviewer: How was it?\n');
    expect((await runCli(['show', 'P1', '--width', '20', '--lines', '2'], { cwd: dir })).stdout).toBe('2  Interviewer: How\n   was it?\n');
  });
});

describe('privacy', () => {
  it('never loads dotenv (natural 8 would read a .env from the working folder)', async () => {
    const { dir } = newProject();
    put(dir, '.env', 'SECRET=1\n');
    put(dir, 'P1.txt', INTERVIEW);
    await runCli(['ingest', 'P1.txt'], { cwd: dir });
    await runCli(['show', 'P1x'], { cwd: dir }); // a did-you-mean loads natural
    const require = createRequire(import.meta.url);
    expect(Object.keys(require.cache).filter((k) => k.includes('/dotenv/'))).toEqual([]);
    expect(Object.keys(require.cache).some((k) => k.includes('/natural/'))).toBe(true);
  });
});

describe('cases import and the progress bar', () => {
  it('sets attributes from YAML, adds and updates, never deletes; --dry-run writes nothing', async () => {
    const { dir } = newProject();
    put(dir, 'P1.txt', INTERVIEW);
    await runCli(['ingest', 'P1.txt'], { cwd: dir });
    put(dir, 'a.csv', 'case;age;site\nP1;31;north\n');
    expect((await runCli(['cases', 'import', 'a.csv'], { cwd: dir })).stderr).toBe('set attributes of 1 cases from a.csv: 0 new cases, 2 values new or changed\n');
    put(dir, 'b.yaml', 'cases:\n  P1: { age: 32 }\n  P2: { age: 40, site: south }\n');
    const before = dumpDb(dir);
    expect((await runCli(['cases', 'import', 'b.yaml', '--dry-run'], { cwd: dir })).stderr).toMatch(/^would set attributes of 2 cases/);
    expect(dumpDb(dir)).toEqual(before);
    await runCli(['cases', 'import', 'b.yaml'], { cwd: dir });
    expect(JSON.parse((await runCli(['cases', '--json'], { cwd: dir })).stdout)).toEqual([
      { case: 'P1', sources: 1, attributes: { age: '32', site: 'north' } },
      { case: 'P2', sources: 0, attributes: { age: '40', site: 'south' } },
    ]);
    expect((await runCli(['cases', 'import', 'nope.csv'], { cwd: dir })).stderr).toBe('qcode: nope.csv: cannot be read (ENOENT)\n');
  });

  it('draws a progress bar on a terminal for many files, and none in a pipe', async () => {
    const { dir } = newProject();
    for (let i = 1; i <= 25; i++) put(dir, `in/P${i}.txt`, INTERVIEW);
    const tty = await runCli(['ingest', 'in'], { cwd: dir, tty: true });
    expect(tty.stderr).toContain('\r[');
    expect(tty.stderr).toContain('25/25');
    const { dir: other } = newProject();
    for (let i = 1; i <= 25; i++) put(other, `in/P${i}.txt`, INTERVIEW);
    expect((await runCli(['ingest', 'in'], { cwd: other })).stderr).toBe('');
  });
});
