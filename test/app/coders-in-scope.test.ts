/**
 * Coders in scope (README "Coders in scope"): --coder when given (all = every coder); else
 * the consensus coder alone once the project has consensus codings; else every coder.
 * Every report, in every format, states the coders it counted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { adopt } from '../../src/app/adopt.js';
import { themesReport } from '../../src/app/reports/themes.js';
import { runCli } from '../support/cli.js';
import { reportProject } from '../support/report-fixture.js';

const figures = (r: ReturnType<typeof themesReport>) => r.rows.map((x) => [x.code, x.cases, x.references, x.words]);

describe('coders in scope', () => {
  it('without a consensus coder the default is every coder merged, as before', async () => {
    const f = await reportProject();
    const plain = f.withScope({}, (s) => [s.coders, s.coderRule, figures(themesReport(s))]);
    const all = f.withScope({ coders: ['all'] }, (s) => [s.coders, s.coderRule, figures(themesReport(s))]);
    expect(plain[0]).toEqual(['ana', 'bo']);
    expect(plain[1]).toBe('all');
    expect(all).toEqual(plain);
  });

  it('after adopt, every report counts only the consensus coder unless --coder says otherwise', async () => {
    const f = await reportProject();
    const before = f.withScope({}, (s) => figures(themesReport(s)));
    // Consensus: only ana's Workload coding in P2_T1 and her Sleep codings.
    adopt({ ...f.ctx, coder: 'lee' }, { from: 'ana', code: 'Workload', source: 'P2_T1' });
    adopt({ ...f.ctx, coder: 'lee' }, { from: 'ana', code: 'Sleep' });
    const dflt = f.withScope({}, (s) => ({ coders: s.coders, rule: s.coderRule, rows: figures(themesReport(s)) }));
    expect(dflt.coders).toEqual(['consensus']);
    expect(dflt.rule).toBe('consensus');
    const named = f.withScope({ coders: ['consensus'] }, (s) => figures(themesReport(s)));
    expect(dflt.rows).toEqual(named);
    // Sleep: ana's P1_T1 "Sleep is hard" (3 words), P1_T2 (4), P3_T1 (5) = 3 references, 2 cases, 12 words.
    expect(dflt.rows.find((r) => r[0] === 'Sleep')).toEqual(['Sleep', 2, 3, 12]);
    expect(dflt.rows.find((r) => r[0] === 'Workload')).toEqual(['Workload', 1, 1, 6]);
    expect(dflt.rows.find((r) => r[0] === 'Support')).toEqual(['Support', 0, 0, 0]);
    // --coder all merges everyone: consensus copies coincide with ana's spans, so the figures are those of before.
    expect(f.withScope({ coders: ['all'] }, (s) => [s.coders, figures(themesReport(s))])).toEqual([['ana', 'bo', 'consensus'], before]);
    expect(f.withScope({ coders: ['ana', 'bo'] }, (s) => figures(themesReport(s)))).toEqual(before);
  });

  it('adopt into another name makes that coder the consensus; a dry run does not', async () => {
    const f = await reportProject();
    adopt({ ...f.ctx, coder: 'lee' }, { from: 'bo', all: true, to: 'final', dryRun: true });
    expect(f.withScope({}, (s) => s.coders)).toEqual(['ana', 'bo']);
    adopt({ ...f.ctx, coder: 'lee' }, { from: 'bo', all: true, to: 'final' });
    expect(f.withScope({}, (s) => [s.coders, s.coderRule])).toEqual([['final'], 'consensus']);
  });

  it('every format states the coders counted, and nothing claims all coders when they are not', async () => {
    const f = await reportProject();
    adopt({ ...f.ctx, coder: 'lee' }, { from: 'ana', all: true });
    const run = (args: string[]) => runCli(['report', ...args], { cwd: f.dir });
    const sentence = 'Coders in scope: consensus, the consensus coder (the default once the project has consensus codings; --coder all merges every coder).';
    for (const kind of [['themes'], ['matrix'], ['cooccurrence'], ['quotes', 'Sleep'], ['framework'], ['trajectory'], ['saturation', '--base', '1', '--run', '1'], ['codebook'], ['sample']]) {
      const json = await run([...kind, '--json']);
      expect(json.code, `${kind[0]} ${json.stderr}`).toBe(0);
      expect(JSON.parse(json.stdout).codersInScope, kind[0]).toEqual({ coders: ['consensus'], rule: 'consensus' });
      const table = (await run(kind)).stdout;
      expect(table.trimEnd().split('\n').pop(), kind[0]).toBe(sentence);
      expect((await run([...kind, '--format', 'md'])).stdout.split('\n\n')[1], kind[0]).toBe(sentence);
      const csv = (await run([...kind, '--format', 'csv'])).stdout.split('\r\n');
      expect(csv[0], kind[0]).toMatch(/,coders in scope$/);
      expect(csv[1], kind[0]).toMatch(/,consensus$/);
      expect((await run([...kind, '--format', 'tex'])).stdout, kind[0]).toContain('Coders in scope: consensus, the consensus coder');
      expect((await run([...kind, '--format', 'html'])).stdout, kind[0]).toContain(`<p>${sentence}</p>`);
      for (const format of ['table', 'md', 'tex', 'html']) expect((await run([...kind, '--format', format])).stdout).not.toMatch(/all coders(?! in scope)/);
    }
    const all = JSON.parse((await run(['themes', '--coder', 'all', '--json'])).stdout);
    expect(all.codersInScope).toEqual({ coders: ['ana', 'bo', 'consensus'], rule: 'all' });
    expect(all.scope.coders).toEqual(['ana', 'bo', 'consensus']);
    const named = await run(['framework', '--coder', 'ana,bo', '--format', 'md']);
    expect(named.stdout).toContain('Coders in scope: ana, bo (chosen with --coder; spans merged).');
    expect((await run(['themes', '--coder', 'zed'])).stderr).toMatch(/--coder zed: no such coder/);
    // Word (the note), Excel (the About sheet) and SVG (a line under the charts) say it too.
    for (const format of ['docx', 'xlsx']) {
      expect((await run(['themes', '--format', format, '--out', `t.${format}`])).code).toBe(0);
      const parts = Object.values(unzipSync(readFileSync(join(f.dir, `t.${format}`)))).map((b) => new TextDecoder().decode(b)).join('\n');
      expect(parts, format).toContain('Coders in scope: consensus, the consensus coder');
    }
    expect((await run(['themes', '--format', 'svg'])).stdout).toContain('>Coders in scope: consensus, the consensus coder');
    // framework --memos shows memos, not codings: it says whose.
    const memos = await run(['framework', '--memos', '--format', 'md']);
    expect(memos.stdout).toContain('Memos of every coder');
    expect(memos.stdout).toContain('Short-staffed');
    expect((await run(['framework', '--memos', '--coder', 'all', '--json'])).stdout).toContain('Short-staffed');
  });
});
