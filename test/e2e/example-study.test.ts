/**
 * End to end: bin/qcode.js (the built dist/) in temp folders, NO_COLOR=1, on the
 * example study. `npm test` builds first (pretest).
 */
import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnQcode } from '../support/cli.js';
import { put, tempDir } from '../support/project.js';

const STUDY = fileURLToPath(new URL('../../fixtures/example-study/', import.meta.url));

describe('qcode end to end', () => {
  it('initialises, ingests the example study and lists it', () => {
    const dir = tempDir();
    put(dir, '.env', 'DEBUG=*\n');
    expect(spawnQcode(['init'], { cwd: dir })).toMatchObject({ code: 0, stdout: '' });
    expect(statSync(`${dir}/qcode.db`).mode & 0o777).toBe(0o600);

    const ingest = spawnQcode(['ingest', STUDY, '--name-pattern', '{case}_T{wave}', '--cases', `${STUDY}cases.csv`, '--json'], { cwd: dir });
    expect(ingest.code).toBe(0);
    const summary = JSON.parse(ingest.stdout);
    expect(summary).toMatchObject({ added: 18, unchanged: 0, ignored: 1, casesAdded: 6, skipped: [] });
    expect(summary.encodings).toEqual([
      { file: `${STUDY}50001_T2.txt`, encoding: 'windows-1252' },
      { file: `${STUDY}50006_T1.txt`, encoding: 'utf-8-bom' },
    ]);

    const sources = JSON.parse(spawnQcode(['sources', '--json'], { cwd: dir }).stdout);
    expect(sources).toHaveLength(18);
    expect(new Set(sources.map((s: { format: string }) => s.format))).toEqual(new Set(['txt', 'md', 'vtt', 'srt', 'docx']));
    for (const s of sources) {
      expect(s.turns).toBeGreaterThanOrEqual(10);
      expect(s.participantWords).toBeGreaterThan(s.interviewerWords);
      expect(s).toHaveProperty('revision', 1);
    }
    const cases = JSON.parse(spawnQcode(['cases', '--json'], { cwd: dir }).stdout);
    expect(cases.map((c: { case: string; sources: number }) => [c.case, c.sources])).toEqual(
      ['50001', '50002', '50003', '50004', '50005', '50006'].map((c) => [c, 3]),
    );
    expect(cases[4].attributes.ward).toBe('respiratory, ward 12');

    const again = JSON.parse(spawnQcode(['ingest', STUDY, '--name-pattern', '{case}_T{wave}', '--json'], { cwd: dir }).stdout);
    expect(again).toMatchObject({ added: 0, unchanged: 18 });
  });

  it('writes data to stdout and messages to stderr, without colour under NO_COLOR', () => {
    const dir = tempDir();
    spawnQcode(['init'], { cwd: dir });
    const r = spawnQcode(['ingest', `${STUDY}50001_T1.txt`], { cwd: dir });
    expect(r.stdout).toMatch(/^ingested 1 file: 1 added/);
    const show = spawnQcode(['show', '50001_T1', '--turns', '--lines', '1-3'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(show.stdout).not.toMatch(/\x1b\[/);
    const bad = spawnQcode(['show', 'nope'], { cwd: dir });
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr.split('\n')).toHaveLength(2);
  });
});

describe('the programmatic API (package.json main)', () => {
  it('loads from dist/index.js without printing anything and exposes the use cases', async () => {
    const api = await import(new URL('../../dist/index.js', import.meta.url).href);
    for (const name of ['initProject', 'ingest', 'tag', 'loadScope', 'themesReport', 'agreementForProject', 'cohenKappa', 'krippendorffAlpha', 'QcodeError']) {
      expect(typeof api[name], name).toBe('function');
    }
  });
});
