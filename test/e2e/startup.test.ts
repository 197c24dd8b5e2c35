/**
 * How bin/qcode.js starts (issue #12): one CommonJS bundle per command, run with its V8 code
 * cache, falling back to the whole CLI; output written straight to file descriptors. These
 * tests run the built dist/ (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, spawnQcode, type CliResult } from '../support/cli.js';
import { put, tempDir } from '../support/project.js';

const DIST_MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** The bundle bin/qcode.js says it started from, and whether the code cache was used. */
function startedFrom(argv: string[], cwd: string): string {
  const r = spawnQcode(argv, { cwd, env: { QCODE_DEBUG_STARTUP: '1' } });
  const m = /qcode: started from .*[\\/](qcode(?:-[a-z]+)?\.cjs) \(code cache (\w+)\)/.exec(r.stderr);
  return m === null ? r.stderr : `${m[1]} ${m[2]}`;
}

/** The same command through the ES modules of dist/ (what ran before the bundles). */
function viaModules(argv: string[], cwd: string): CliResult {
  const runner = put(cwd, 'esm-main.mjs', `import(${JSON.stringify(DIST_MAIN)}).then((m) => m.main());\n`);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('QCODE_')));
  const r = spawnSync(process.execPath, [runner, ...argv], { cwd, env: { ...env, NO_COLOR: '1', QCODE_CODER: 'ana' }, input: '', encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function study(): string {
  const dir = tempDir();
  const env = { QCODE_CODER: 'ana' };
  expect(spawnQcode(['init'], { cwd: dir, env }).code).toBe(0);
  const talk = Array.from({ length: 4000 }, (_, i) => (i % 2 === 0 ? `Interviewer: Question ${i}?` : `P01: Answer ${i} about the allotment and the bus.`));
  put(dir, 'P01_T1.txt', `${talk.join('\n')}\n`);
  put(dir, 'P02_T1.txt', 'Interviewer: How was the winter?\nP02: Long. The allotment kept me sane.\n');
  expect(spawnQcode(['ingest', '.', '--name-pattern', '{case}_T{wave}'], { cwd: dir, env }).code).toBe(0);
  expect(spawnQcode(['tag', 'Allotment', 'P02_T1', '--match', 'The allotment kept me sane', '--new'], { cwd: dir, env }).code).toBe(0);
  expect(spawnQcode(['tag', 'Allotment', 'P01_T1', '--lines', '2-4'], { cwd: dir, env }).code).toBe(0);
  return dir;
}

describe('start-up of bin/qcode.js', () => {
  it.skipIf(!existsSync(join(fileURLToPath(new URL('../../dist/cli/', import.meta.url)), 'qcode.cjs')))('runs the bundle of the command asked for, with its code cache', () => {
    const dir = tempDir();
    expect(startedFrom(['tag', '--help'], dir)).toBe('qcode-tag.cjs used');
    expect(startedFrom(['help', 'codings'], dir)).toBe('qcode-codings.cjs used');
    // A global option's value is not the command.
    expect(startedFrom(['--project', 'tag', 'report', 'themes'], dir)).toBe('qcode-report.cjs used');
    expect(startedFrom(['--coder=ana', 'check'], dir)).toBe('qcode-check.cjs used');
    // Help, mistakes and anything unusual: the whole CLI.
    expect(startedFrom(['--help'], dir)).toBe('qcode.cjs used');
    expect(startedFrom(['tga'], dir)).toBe('qcode.cjs used');
    expect(startedFrom(['--', 'tag'], dir)).toBe('qcode.cjs used');
  });

  it('prints exactly what the ES modules print, output and errors alike', () => {
    const dir = study();
    for (const argv of [
      ['report', 'themes', '--format', 'json'], ['report', 'quotes', 'Allotment'], ['codings', '--json'], ['check'],
      ['--help'], ['tag', '--help'], ['--version'], ['tag', 'Nope', 'P01_T1', '--lines', '2'], ['report', 'themse'],
    ]) {
      const bundled = spawnQcode(argv, { cwd: dir, env: { QCODE_CODER: 'ana' } });
      expect(bundled, argv.join(' ')).toEqual(viaModules(argv, dir));
    }
  }, 60_000);

  it('loads Word output (an ES module left outside the bundle) without warnings', () => {
    const dir = study();
    const r = spawnQcode(['report', 'themes', '--format', 'docx', '--out', 'themes.docx'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'themes.docx'))).toBe(true);
  }, 30_000);

  it.skipIf(spawnSync('git', ['--version']).status !== 0)('asks git for the coder\'s name (node:child_process, loaded on first use)', () => {
    const dir = tempDir();
    const config = put(dir, 'gitconfig', '[user]\n\tname = Dana Example\n');
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('QCODE_') && !k.startsWith('GIT_')));
    const r = spawnSync(process.execPath, [BIN, 'whoami'], { cwd: dir, env: { ...env, HOME: dir, GIT_CONFIG_GLOBAL: config, NO_COLOR: '1' }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Dana Example (from git user.name');
  });

  it('ends quietly when the reader stops early (qcode … | head)', () => {
    const dir = study();
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" show P01_T1 | head -c 100 >/dev/null`], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 30_000);
});
