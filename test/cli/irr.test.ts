import { describe, expect, it } from 'vitest';
import { Command, CommanderError } from 'commander';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Chalk } from 'chalk';
import { irrCommand } from '../../src/cli/commands/irr.js';
import type { CliContext } from '../../src/cli/context.js';
import { irrFile, irrStatistics, type IrrResult } from '../../src/app/irr.js';
import { parseReliabilityCsv } from '../../src/io/reliability-file.js';
import { InputError, QcodeError } from '../../src/core/errors.js';
import { expectNoNaN } from '../core/stats/finite.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/irr/', import.meta.url));

/** qcode irr through commander, as cli/main.ts maps errors: exit 2 for usage/input errors. */
async function irr(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    cwd: FIXTURES, env: {}, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from(['']), stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: undefined,
    colour: false, chalk: new Chalk({ level: 0 }), debug: false,
  };
  const out = { writeOut: (s: string) => (stdout += s), writeErr: (s: string) => (stderr += s) };
  const program = new Command('qcode').exitOverride().configureOutput(out);
  program.addCommand(irrCommand(ctx).exitOverride().configureOutput(out));
  try {
    await program.parseAsync(['irr', ...argv], { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    if (e instanceof CommanderError) return { code: 2, stdout, stderr };
    if (e instanceof QcodeError) return { code: e.kind === 'gate' ? 1 : 2, stdout, stderr: `qcode: ${e.message}\n` };
    throw e;
  }
}

const json = async (argv: string[]): Promise<IrrResult> => {
  const r = await irr([...argv, '--json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as IrrResult;
};

describe('Krippendorff (2011) example C: 4 coders × 12 units with missing values', () => {
  it('alpha nominal .743, ordinal .815, interval .849, ratio .797 (exact fractions from test/core/stats)', async () => {
    const r = await json(['krippendorff-2011-example-c.csv']);
    expect(r.coders).toEqual(['A', 'B', 'C', 'D']);
    expect(r.units).toBe(11); // unit 12 has one value: not pairable
    expect(r.unitsInFile).toBe(12);
    expect(r.pairableValues).toBe(40);
    const expected = { nominal: [0.743, 113 / 152], ordinal: [0.815, 108577 / 133160], interval: [0.849, 951 / 1120], ratio: [0.797, 18222619 / 22852465] };
    for (const [level, [published, exact]] of Object.entries(expected)) {
      const a = r.alpha[level as keyof typeof expected]!;
      expect(a).toBeCloseTo(published!, 3);
      expect(a).toBeCloseTo(exact!, 12);
    }
    // Pairwise: 43 equal pairs of 55 (unit 6 has 1, 2, 3, 4: 6 pairs, none equal).
    expect(r.percentAgreement).toBeCloseTo((43 / 55) * 100, 12);
    expect(r.cohenKappa).toBeNull();
    expect(r.notes.cohenKappa).toMatch(/two coders; there are 4/);
    expect(r.scottPi).toBeNull();
    expect(r.fleissKappa).toBeNull();
    expect(r.notes.fleissKappa).toMatch(/units have 2 to 4 values/);
    expect(Object.keys(r)).toEqual(['coders', 'units', 'unitsInFile', 'pairableValues', 'percentAgreement', 'alpha', 'cohenKappa', 'weights', 'fleissKappa', 'scottPi', 'notes']);
    expectNoNaN(r);
  });

  it('the table: one line per statistic with 4 decimals and the reason beside a null', async () => {
    const r = await irr(['krippendorff-2011-example-c.csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^statistic +value +note$/);
    expect(r.stdout).toMatch(/pairable units +11 +of 12/);
    expect(r.stdout).toMatch(/Krippendorff's alpha, nominal +0\.7434/);
    expect(r.stdout).toMatch(/Krippendorff's alpha, ordinal +0\.8154/);
    expect(r.stdout).toMatch(/Krippendorff's alpha, interval +0\.8491/);
    expect(r.stdout).toMatch(/Krippendorff's alpha, ratio +0\.7974/);
    expect(r.stdout).toMatch(/Cohen's kappa +Cohen's kappa is for two coders; there are 4/);
  });

  it('--level asks for one level only', async () => {
    const r = await json(['krippendorff-2011-example-c.csv', '--level', 'interval']);
    expect(Object.keys(r.alpha)).toEqual(['interval']);
    expect((await irr(['krippendorff-2011-example-c.csv', '--level', 'cardinal'])).code).toBe(2);
  });
});

describe('Krippendorff (2011) example A: binary, two coders', () => {
  it('alpha .095 (2/21) at every level; Cohen 1/11; Scott = Fleiss = 1/21', async () => {
    const r = await json(['krippendorff-2011-example-a.csv']);
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      expect(r.alpha[level]).toBeCloseTo(0.095, 3);
      expect(r.alpha[level]).toBeCloseTo(2 / 21, 12);
    }
    // Table [[5, 3], [1, 1]]: p_o = .6, p_e = (8·6 + 2·4)/100 = .56, κ = .04/.44 = 1/11;
    // pooled p_e = .7² + .3² = .58, π = .02/.42 = 1/21 (Fleiss with two raters is Scott's pi).
    expect(r.cohenKappa).toBeCloseTo(1 / 11, 12);
    expect(r.scottPi).toBeCloseTo(1 / 21, 12);
    expect(r.fleissKappa).toBeCloseTo(1 / 21, 12);
    expect(r.percentAgreement).toBeCloseTo(60, 12);
    expect(r.notes).toEqual({});
  });
});

describe("Wikipedia's Krippendorff example, with * as the missing value", () => {
  it('nominal 0.691 (56/81), interval 0.811 (643/793)', async () => {
    const r = await json(['wikipedia-krippendorff.csv', '--missing', '*']);
    expect(r.alpha.nominal).toBeCloseTo(56 / 81, 12);
    expect(r.alpha.interval).toBeCloseTo(643 / 793, 12);
    // Without --missing, * is a value: text, so interval and ratio are null with a reason.
    const raw = await json(['wikipedia-krippendorff.csv']);
    expect(raw.alpha.interval).toBeNull();
    expect(raw.notes.alpha?.interval).toMatch(/needs numbers; the values are text/);
    expect(raw.alpha.ordinal).toBeNull();
    expect(raw.notes.alpha?.ordinal).toMatch(/--order/);
  });
});

describe("Cohen's kappa: R irr's anxiety data, raters 2 and 3 (units in rows, tab-separated)", () => {
  it.each([
    ['none', -0.006289308, 8],
    ['linear', 0.1459075, 7],
    ['quadratic', 0.2520325, 7],
  ] as const)('--weights %s → %s, as irr::kappa2', async (weights, expected, digits) => {
    const r = await json(['irr-anxiety-rater2-rater3.tsv', '--transpose', '--weights', weights]);
    expect(r.coders).toEqual(['rater2', 'rater3']);
    expect(r.units).toBe(20);
    expect(r.cohenKappa).toBeCloseTo(expected, digits);
    expect(r.weights).toBe(weights);
  });
});

describe('synthetic: 3 coders, text values, semicolons, Windows-1252', () => {
  it("Fleiss' kappa 13/40, alpha 29/80, pairwise agreement 12/18; no kappa or pi for 3 coders", async () => {
    const r = await json(['synthetic-3-coders-cp1252.csv']);
    expect(r.coders).toEqual(['Zoë', 'Ana', 'Ben']);
    // Counts (sí, no): (3,0) (0,3) (2,1) (1,2) (3,0) (1,2). P̄ = 2/3, p = 5/9, 4/9, P̄e = 41/81.
    expect(r.fleissKappa).toBeCloseTo(13 / 40, 12);
    // n = 18, n_sí = 10, n_no = 8, o_sí,no = 3: α = 1 − 17·3/80.
    expect(r.alpha.nominal).toBeCloseTo(29 / 80, 12);
    expect(r.percentAgreement).toBeCloseTo((12 / 18) * 100, 12);
    expect(r.alpha.interval).toBeNull();
    expect(r.notes.alpha?.interval).toBe('interval alpha needs numbers; the values are text (e.g. "sí")');
    expect(r.cohenKappa).toBeNull();
    expect(r.scottPi).toBeNull();
    // Two ordered categories: ordinal alpha equals nominal.
    const ordered = await json(['synthetic-3-coders-cp1252.csv', '--order', 'no,sí']);
    expect(ordered.alpha.ordinal).toBeCloseTo(29 / 80, 12);
    expect((await irr(['synthetic-3-coders-cp1252.csv', '--order', 'no'])).stderr).toMatch(/"sí" is not in the given order/);
  });
});

describe('bad input: one-line messages naming the file and line', () => {
  it('a row with a cell too few, a missing file, an empty header', async () => {
    const bad = await irr(['synthetic-bad-row.csv']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('qcode: synthetic-bad-row.csv:3: 3 cells, but the header has 4\n');
    expect((await irr(['nope.csv'])).stderr).toBe('qcode: nope.csv: cannot be read (ENOENT)\n');
    expect(() => parseReliabilityCsv('', 'x.csv')).toThrow(InputError);
    expect(() => parseReliabilityCsv('', 'x.csv')).toThrow('x.csv: the file is empty');
    expect(() => parseReliabilityCsv('coder\nana\n', 'x.csv')).toThrow(/x\.csv:1: expected a header row of unit names/);
    expect(() => parseReliabilityCsv('c,u1,u1\na,1,2\n', 'x.csv')).toThrow(/x\.csv:1: unit u1 appears twice/);
    expect(() => parseReliabilityCsv('c,u1\na,1\na,2\n', 'x.csv')).toThrow(/x\.csv:3: coder a appears twice/);
    expect(() => parseReliabilityCsv('c,u1\n,1\n', 'x.csv')).toThrow(/x\.csv:2: the first cell \(the coder's name\) is empty/);
    expect(() => parseReliabilityCsv('c,u1\n"a,1\n', 'x.csv')).toThrow(/x\.csv:\d+: invalid CSV/);
  });

  it('degenerate data: one coder, no pairable unit, no variation give null with reasons', () => {
    const one = irrStatistics(parseReliabilityCsv('c,u1,u2\na,1,2\n', 'x.csv'));
    expect(one).toMatchObject({ units: 0, percentAgreement: null, cohenKappa: null, fleissKappa: null, scottPi: null });
    expect(one.alpha.nominal).toBeNull();
    expect(one.notes.percentAgreement).toMatch(/no pairable units/);
    const same = irrStatistics(parseReliabilityCsv('c,u1,u2\na,1,1\nb,1,1\n', 'x.csv'));
    expect(same.percentAgreement).toBe(100);
    expect(same.cohenKappa).toBeNull();
    expect(same.notes.cohenKappa).toMatch(/chance agreement is 1/);
    expect(same.notes.alpha?.nominal).toMatch(/no variation/);
    expect(irrStatistics(parseReliabilityCsv('c,u1,u2\na,-1,1\nb,-1,2\n', 'x.csv')).notes.alpha?.ratio).toMatch(/≥ 0/);
    expectNoNaN(one);
    expectNoNaN(same);
  });

  it('irrFile resolves the file against the working folder', () => {
    expect(irrFile(FIXTURES, 'krippendorff-2011-example-a.csv').alpha.nominal).toBeCloseTo(2 / 21, 12);
  });
});
