/**
 * Every report kind, default options, `--format tex`, compiled with pdflatex in a minimal
 * article that loads only the packages README lists. Skipped, with a notice, where pdflatex
 * is not installed (.ci/run installs it).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { REPORT_KINDS, unicodeStudy } from '../support/unicode-study.js';

const hasPdflatex = spawnSync('pdflatex', ['--version']).status === 0;
if (!hasPdflatex) console.warn('SKIPPED: pdflatex is not installed; the LaTeX compile tests did not run (apt-get install texlive-latex-recommended texlive-latex-extra)');

export const TEX_PREAMBLE = ['\\documentclass{article}', '\\usepackage[T1]{fontenc}', '\\usepackage{booktabs,longtable,array}'];

describe.skipIf(!hasPdflatex)('LaTeX output compiles with pdflatex and fits the page', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await unicodeStudy();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(REPORT_KINDS)('report %s', async (kind, args) => {
    const r = await runCli(['report', kind, ...args, '--format', 'tex'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const name = `doc-${kind}`;
    writeFileSync(join(dir, `${name}.tex`), [...TEX_PREAMBLE, '\\begin{document}', r.stdout, '\\end{document}', ''].join('\n'));
    const run = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], { cwd: dir, encoding: 'utf8' });
    const log = readFileSync(join(dir, `${name}.log`), 'utf8');
    expect(run.status, log.split('\n').filter((l) => l.startsWith('!')).join('\n')).toBe(0);
    expect(log).not.toMatch(/Missing character|Float too large/);
    // Fits the text width: no line sticks out of the text block by more than a few points
    // (a long word in a narrow column may touch the column gap).
    const overfull = [...log.matchAll(/Overfull \\hbox \(([\d.]+)pt too wide\)/g)].map((m) => Number(m[1]));
    expect(Math.max(0, ...overfull)).toBeLessThan(8);
  }, 60_000);
});
