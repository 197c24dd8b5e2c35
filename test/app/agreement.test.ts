import { describe, expect, it } from 'vitest';
import { Command, CommanderError } from 'commander';
import { Readable } from 'node:stream';
import { Chalk } from 'chalk';
import type { AppContext } from '../../src/app/context.js';
import { ingest } from '../../src/app/ingest.js';
import { codebookAdd } from '../../src/app/codebook.js';
import { tag } from '../../src/app/tag.js';
import { withProject } from '../../src/app/project.js';
import { agreementForProject, agreementView, checkFailUnder, parseFailUnder, type AgreementReport, type AgreementRow } from '../../src/app/reports/agreement.js';
import { disagreementsForProject, disagreementsView } from '../../src/app/reports/disagreements.js';
import type { ReportFilters } from '../../src/app/report-scope.js';
import { GateError, QcodeError, UsageError } from '../../src/core/errors.js';
import { krippendorffAlpha } from '../../src/core/stats/index.js';
import { renderReport } from '../../src/format/report.js';
import type { CliContext } from '../../src/cli/context.js';
import { reportKindsC } from '../../src/cli/commands/report-kinds-c.js';
import { expectNoNaN } from '../core/stats/finite.js';
import { newProject, put } from '../support/project.js';

// P01_T1: 154 code points, 4 turns, 23 words. Offsets: "Hard." at 50, "I could" at 56,
// "My preceptor" at 127 (all ASCII: code points = UTF-16 units).
const P01 = [
  'Interviewer: How was the first week?',
  'Participant: Hard. I could not sleep after nights.',
  'Interviewer: And support?',
  'Participant: My preceptor helped a lot.',
  '',
].join('\n');
const P02 = 'Interviewer: Anything else?\nParticipant: Sleep is fine now.\n';
const P03 = 'No labels here.\n\nJust two lines of talk.\n';

type Tag = [coder: string, code: string, source: string, match: string];

async function project(tags: Tag[]): Promise<{ dir: string; ctx: AppContext }> {
  const { dir, ctx } = newProject();
  put(dir, 'P01_T1.txt', P01);
  put(dir, 'P02_T1.txt', P02);
  put(dir, 'P03_T1.txt', P03);
  await ingest(ctx, ['P01_T1.txt', 'P02_T1.txt', 'P03_T1.txt'], { namePattern: '{case}_T{wave}' });
  codebookAdd({ ...ctx, coder: 'ana' }, 'Support', undefined, {});
  codebookAdd({ ...ctx, coder: 'ana' }, 'Preceptor', 'Support', {});
  codebookAdd({ ...ctx, coder: 'ana' }, 'Unused', undefined, {});
  for (const [coder, code, source, match] of tags) tag({ ...ctx, coder }, { codes: [code], source, selector: { match }, createNew: true });
  return { dir, ctx };
}

const STANDARD: Tag[] = [
  ['ana', 'Sleep', 'P01_T1', 'I could not sleep after nights.'],
  ['ben', 'Sleep', 'P01_T1', 'Hard. I could not sleep'],
  ['ana', 'Preceptor', 'P01_T1', 'My preceptor helped a lot.'],
  ['ben', 'Support', 'P01_T1', 'My preceptor helped a lot.'],
  ['ana', 'Sleep', 'P02_T1', 'Sleep is fine'],
];

const report = (ctx: AppContext, coders: string[], o: { unit?: 'char' | 'word' | 'turn'; filters?: ReportFilters } = {}): AgreementReport =>
  withProject(ctx, (p) => agreementForProject(p, o.filters ?? {}, { coders, unit: o.unit }), { readonly: true });
const rowOf = (r: AgreementReport, code: string | null, source: string | null): AgreementRow =>
  r.rows.find((x) => x.code === code && x.source === source)!;

describe('report agreement: hand-checked tables', () => {
  it('char units: per source, pooled per code, overall; only double-coded sources', async () => {
    const { ctx } = await project(STANDARD);
    const r = report(ctx, ['ana', 'ben']);
    expect(r.coders).toEqual(['ana', 'ben']);
    expect(r.unit).toBe('char');
    expect(r.sources).toEqual(['P01_T1']); // P02 has only ana's coding; P03 none
    // Tree order: Sleep, Support, Preceptor (Unused has no codings: no row); then overall.
    expect(r.rows.map((x) => [x.code, x.source])).toEqual([
      ['Sleep', 'P01_T1'], ['Sleep', null], ['Support', 'P01_T1'], ['Support', null],
      ['Preceptor', 'P01_T1'], ['Preceptor', null], [null, null],
    ]);
    // Sleep: ana [56, 87), ben [50, 73): both 17, only ana 14, only ben 6, neither 117.
    const sleep = rowOf(r, 'Sleep', 'P01_T1');
    expect(sleep).toMatchObject({ units: 154, both: 17, onlyA: 14, onlyB: 6, neither: 117, codedBy: [117, 20, 17] });
    expect(sleep.agreementPct).toBeCloseTo((134 / 154) * 100, 12);
    // p_o = 134/154, p_e = (31·23 + 123·131)/154²: κ = (134·154 − 16826)/(23716 − 16826) = 381/689.
    expect(sleep.kappa).toBeCloseTo(381 / 689, 12);
    // n = 308, n_1 = 54, n_0 = 254, o_01 = 20: α = 1 − 307·20/(54·254) = 7576/13716.
    expect(sleep.alpha).toBeCloseTo(7576 / 13716, 12);
    expect(rowOf(r, 'Sleep', null)).toEqual({ ...sleep, source: null });
    // Own codings only: ana's Preceptor and ben's Support on the same passage do not agree.
    expect(rowOf(r, 'Preceptor', 'P01_T1')).toMatchObject({ both: 0, onlyA: 26, onlyB: 0, neither: 128, kappa: 0 });
    expect(rowOf(r, 'Support', 'P01_T1')).toMatchObject({ both: 0, onlyA: 0, onlyB: 26, neither: 128, kappa: 0 });
    // Overall: the sum of the three tables. p_o = 390/462, marginals 57 and 49:
    // κ = (390·462 − (57·49 + 405·413))/(462² − (57·49 + 405·413)) = 10122/43386.
    const overall = rowOf(r, null, null);
    expect(overall).toMatchObject({ units: 462, both: 17, onlyA: 40, onlyB: 32, neither: 373 });
    expect(overall.kappa).toBeCloseTo(10122 / 43386, 12);
    expectNoNaN(r);
  });

  it('word and turn units', async () => {
    const { ctx } = await project(STANDARD);
    // Words: ana "I could not sleep after nights" (6), ben "Hard I could not sleep" (5), 23 words.
    const words = rowOf(report(ctx, ['ana', 'ben'], { unit: 'word', filters: { codes: ['Sleep'] } }), 'Sleep', 'P01_T1');
    expect(words).toMatchObject({ units: 23, both: 4, onlyA: 2, onlyB: 1, neither: 16 });
    // Turns: both coded turn 2 of 4: perfect agreement.
    const turns = report(ctx, ['ana', 'ben'], { unit: 'turn', filters: { codes: ['Sleep'] } });
    expect(rowOf(turns, 'Sleep', 'P01_T1')).toMatchObject({ units: 4, both: 1, onlyA: 0, onlyB: 0, neither: 3, agreementPct: 100, kappa: 1, alpha: 1 });
    expect(turns.rows.map((x) => x.code)).toEqual(['Sleep', 'Sleep', null]);
  });

  it('--sources chooses the sources, double-coded or not; a source without turns has lines as units', async () => {
    const { ctx } = await project([...STANDARD, ['ana', 'Sleep', 'P03_T1', 'Just two'], ['ben', 'Sleep', 'P03_T1', 'No labels']]);
    const r = report(ctx, ['ana', 'ben'], { unit: 'turn', filters: { sources: 'P0[23]_T1' } });
    expect(r.sources).toEqual(['P02_T1', 'P03_T1']);
    expect(rowOf(r, 'Sleep', 'P02_T1')).toMatchObject({ units: 2, both: 0, onlyA: 1, onlyB: 0, neither: 1, kappa: 0 });
    // P03: two non-blank lines; ana coded line 3, ben line 1.
    expect(rowOf(r, 'Sleep', 'P03_T1')).toMatchObject({ units: 2, both: 0, onlyA: 1, onlyB: 1, neither: 0, agreementPct: 0 });
    expect(rowOf(r, 'Sleep', 'P03_T1').kappa).toBeCloseTo(-1, 12);
  });

  it('three coders: alpha over the same units equals krippendorffAlpha; kappa and the 2×2 table null with a reason', async () => {
    const { ctx } = await project([...STANDARD, ['cy', 'Sleep', 'P01_T1', 'not sleep after']]);
    const r = report(ctx, ['ana', 'ben', 'cy']);
    const sleep = rowOf(r, 'Sleep', 'P01_T1');
    const spans = [[56, 87], [50, 73], [64, 79]];
    const values = spans.map(([s, e]) => Array.from({ length: 154 }, (_, i) => (i >= s! && i < e! ? 1 : 0)));
    const expected = krippendorffAlpha({ coders: ['ana', 'ben', 'cy'], units: values[0]!.map((_, i) => String(i)), values }, 'nominal').value!;
    expect(sleep.alpha).toBeCloseTo(expected, 12);
    expect(sleep).toMatchObject({ both: null, onlyA: null, onlyB: null, neither: null, kappa: null, kappaReason: 'kappa and the 2×2 table are for two coders', codedBy: [117, 14, 14, 9] });
    expect(() => checkFailUnder(r, 0.5)).toThrow(GateError);
    const table = renderReport('table', agreementView(r));
    expect(table.split('\n')[0]).toMatch(/^code +source +units +agreement % +alpha$/);
  });
});

describe('report agreement: degenerate cases', () => {
  it('--coders naming one coder, a coder twice, or an unknown coder: usage errors', async () => {
    const { ctx } = await project(STANDARD);
    expect(() => report(ctx, ['ana'])).toThrow(UsageError);
    expect(() => report(ctx, ['ana'])).toThrow(/name at least 2 coders/);
    expect(() => report(ctx, [])).toThrow(/--coders is required/);
    expect(() => report(ctx, ['ana', 'ana'])).toThrow(/named twice/);
    try {
      report(ctx, ['ana', 'zed']);
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).message).toBe('--coders: no coder named "zed"');
      expect((e as UsageError).hint).toBe('coders in this project: ana, ben');
    }
  });

  it('no source coded by both: a usage error with a hint', async () => {
    const { ctx } = await project([['ana', 'Sleep', 'P01_T1', 'Hard.'], ['ben', 'Sleep', 'P02_T1', 'Sleep']]);
    expect(() => report(ctx, ['ana', 'ben'])).toThrow(/no source in scope was coded by all of ana, ben/);
  });

  it('a code nobody used has no row; --codes of it leaves only the overall row, null with reasons', async () => {
    const { ctx } = await project(STANDARD);
    const r = report(ctx, ['ana', 'ben'], { filters: { codes: ['Unused'] } });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ code: null, source: null, units: 0, agreementPct: null, kappa: null, alpha: null });
    expect(r.rows[0]!.kappaReason).toMatch(/no units/);
    expect(JSON.stringify(r)).not.toMatch(/NaN/);
    expect(() => checkFailUnder(r, 0)).toThrow(/overall kappa is undefined \(no units to compare\)/);
  });

  it('all units coded by both, and a single unit: null kappa and alpha with reasons, not NaN', async () => {
    const { ctx } = await project([['ana', 'Sleep', 'P01_T1', 'Hard.'], ['ben', 'Sleep', 'P01_T1', 'Hard.']]);
    const turns = report(ctx, ['ana', 'ben'], { unit: 'turn' });
    // Turn units: 4, both coded turn 2 → kappa 1. Char units: both coded "Hard." → agreement 100 %.
    expect(rowOf(turns, 'Sleep', 'P01_T1').kappa).toBe(1);
    const chars = rowOf(report(ctx, ['ana', 'ben']), 'Sleep', 'P01_T1');
    expect(chars).toMatchObject({ both: 5, onlyA: 0, onlyB: 0, neither: 149, kappa: 1, alpha: 1 });

    const { dir, ctx: c2 } = newProject();
    put(dir, 'S_T1.txt', 'Participant: Fine.\n');
    await ingest(c2, ['S_T1.txt'], { namePattern: '{case}_T{wave}' });
    for (const coder of ['ana', 'ben']) tag({ ...c2, coder }, { codes: ['Fine'], source: 'S_T1', selector: { match: 'Fine' }, createNew: true });
    const one = rowOf(report(c2, ['ana', 'ben'], { unit: 'turn' }), 'Fine', 'S_T1');
    expect(one).toMatchObject({ units: 1, both: 1, agreementPct: 100, kappa: null, alpha: null });
    expect(one.kappaReason).toMatch(/chance agreement is 1/);
    expect(one.alphaReason).toMatch(/no variation/);
    expectNoNaN(one);
    const rendered = renderReport('table', agreementView(report(c2, ['ana', 'ben'], { unit: 'turn' })));
    expect(rendered).toMatch(/Empty cells: chance agreement is 1/);
  });

  it('--fail-under: below or undefined → GateError naming the overall kappa and K', async () => {
    const { ctx } = await project(STANDARD);
    const r = report(ctx, ['ana', 'ben']);
    expect(() => checkFailUnder(r, 0.2)).not.toThrow();
    expect(() => checkFailUnder(r, undefined)).not.toThrow();
    expect(() => checkFailUnder(r, 0.7)).toThrow(new GateError('overall kappa 0.233 is below --fail-under 0.7'));
    expect(parseFailUnder('0.7')).toBe(0.7);
    for (const bad of ['x', '1.5', '', '-2']) expect(() => parseFailUnder(bad)).toThrow(UsageError);
  });
});

describe('report disagreements', () => {
  it('lists passages coded by one coder only or with other boundaries, with text and lines', async () => {
    const { ctx } = await project([...STANDARD, ['ana', 'Agree', 'P01_T1', 'Hard.'], ['ben', 'Agree', 'P01_T1', 'Hard.']]);
    const r = withProject(ctx, (p) => disagreementsForProject(p, {}, { coders: ['ana', 'ben'] }), { readonly: true });
    expect(r.sources).toEqual(['P01_T1']);
    expect(r.groups.map((g) => [g.code, g.source, g.passages.map((d) => d.kind)])).toEqual([
      ['Sleep', 'P01_T1', ['boundaries']],
      ['Support', 'P01_T1', ['onlyB']],
      ['Preceptor', 'P01_T1', ['onlyA']],
    ]);
    expect(r.groups[0]!.passages[0]).toEqual({
      kind: 'boundaries', start: 50, end: 87, lineStart: 2, lineEnd: 2, text: 'Hard. I could not sleep after nights.',
      spans: { ana: [{ start: 56, end: 87, lineStart: 2, lineEnd: 2 }], ben: [{ start: 50, end: 73, lineStart: 2, lineEnd: 2 }] },
    });
    const md = renderReport('md', disagreementsView(r, 'md'));
    expect(md).toContain('### Sleep\n\n#### P01\\_T1\n\n- **Line 2**, boundaries differ: “Hard. I could not sleep after nights.”\n  - ana: line 2 (56–87)\n  - ben: line 2 (50–73)');
    expect(md).toContain('only ben coded it');
    expect(md).not.toContain('Agree');
    const only = withProject(ctx, (p) => disagreementsForProject(p, {}, { coders: ['ana', 'ben'], code: 'sleep' }), { readonly: true });
    expect(only.groups.map((g) => g.code)).toEqual(['Sleep']);
    expect(() => withProject(ctx, (p) => disagreementsForProject(p, {}, { coders: ['ana', 'ben', 'cy'] }))).toThrow(/exactly 2 coders/);
  });

  it('none: says so', async () => {
    const { ctx } = await project([['ana', 'Agree', 'P01_T1', 'Hard.'], ['ben', 'Agree', 'P01_T1', 'Hard.']]);
    const r = withProject(ctx, (p) => disagreementsForProject(p, {}, { coders: ['ana', 'ben'] }), { readonly: true });
    expect(r.groups).toEqual([]);
    expect(renderReport('table', disagreementsView(r, 'table'))).toMatch(/No disagreements/);
  });
});

describe('the report kinds through commander (reportKindsC)', () => {
  async function run(dir: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const ctx: CliContext = {
      cwd: dir, env: {}, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) },
      stdin: Readable.from(['']), stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: undefined,
      colour: false, chalk: new Chalk({ level: 0 }), debug: false,
    };
    const program = new Command('qcode').option('--project <path>').option('--coder <name>').exitOverride();
    const rep = new Command('report').exitOverride();
    const quiet = { writeOut: (s: string) => (stdout += s), writeErr: (s: string) => (stderr += s) };
    program.configureOutput(quiet);
    rep.configureOutput(quiet);
    for (const k of reportKindsC(ctx)) rep.addCommand(k.exitOverride().configureOutput(quiet));
    program.addCommand(rep);
    try {
      await program.parseAsync(argv, { from: 'user' });
      return { code: 0, stdout, stderr };
    } catch (e) {
      if (e instanceof CommanderError) return { code: 2, stdout, stderr };
      if (e instanceof QcodeError) return { code: e.kind === 'gate' ? 1 : 2, stdout, stderr: stderr + e.message };
      throw e;
    }
  }

  it('prints the report, then exits 1 under --fail-under; JSON is the documented shape', async () => {
    const { dir } = await project(STANDARD);
    const gate = await run(dir, ['report', 'agreement', '--coders', 'ana,ben', '--fail-under', '0.9', '--json']);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toBe('overall kappa 0.233 is below --fail-under 0.9');
    const json = JSON.parse(gate.stdout) as AgreementReport;
    expect(Object.keys(json)).toEqual(['coders', 'unit', 'sources', 'compared', 'rows']);
    expect(Object.keys(json.rows[0]!).slice(0, 10)).toEqual(['code', 'source', 'units', 'both', 'onlyA', 'onlyB', 'neither', 'agreementPct', 'kappa', 'alpha']);
    expect((await run(dir, ['report', 'agreement', '--coders', 'ana,ben', '--fail-under', '0.2'])).code).toBe(0);
    const table = await run(dir, ['report', 'agreement', '--coders', 'ana,ben']);
    expect(table.stdout).toMatch(/^code +source +units +both +only ana +only ben +neither +agreement % +kappa +alpha/);
    expect(table.stdout).toMatch(/Sleep +P01_T1 +154 +17 +14 +6 +117 +87\.0 +0\.553 +0\.552/);
    expect(table.stdout).toMatch(/all codes +all sources +462/);
    expect((await run(dir, ['report', 'agreement', '--coders', 'ana'])).stderr).toMatch(/name at least 2 coders/);
    expect((await run(dir, ['report', 'agreement', '--coders', 'ana,ben', '--unit', 'page'])).code).toBe(2);
    const md = await run(dir, ['report', 'disagreements', '--coders', 'ana,ben', '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^## Disagreements between ana and ben\n/);
  });
});
