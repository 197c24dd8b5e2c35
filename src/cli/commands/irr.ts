import { Command, Option } from 'commander';
import type { MeasurementLevel } from '../../core/stats/index.js';
import type { CliContext } from '../context.js';
import { emit, withOutputOptions, type OutputFlags } from '../output.js';
import { summaryOf } from '../command-list.js';

interface IrrFlags extends OutputFlags {
  level?: MeasurementLevel;
  weights?: 'none' | 'linear' | 'quadratic';
  order?: string;
  missing?: string;
  transpose?: boolean;
}

const list = (v: string | undefined): string[] | undefined => (v === undefined ? undefined : v.split(',').map((x) => x.trim()));

/** `qcode irr FILE`: agreement on a reliability-data table; needs no project. */
export function irrCommand(ctx: CliContext): Command {
  return withOutputOptions(new Command('irr'))
    .description(summaryOf('irr'))
    .argument('<file>', 'CSV: a header row of unit names, then one row per coder (name first); an empty cell is missing')
    .addOption(new Option('--level <level>', "Krippendorff's alpha at this level only (default: all four)").choices(['nominal', 'ordinal', 'interval', 'ratio']))
    .addOption(new Option('--weights <weights>', "Cohen's kappa weights, by category position").choices(['none', 'linear', 'quadratic']).default('none'))
    .option('--order <v1,v2,…>', 'the order of text values, lowest first (ordinal alpha, weighted kappa)')
    .option('--missing <v1,v2,…>', 'cell texts that also mean missing, e.g. NA,* (the empty cell always does)')
    .option('--transpose', 'units in rows and coders in columns')
    .addHelpText('after', `
Units with fewer than two values are dropped (not pairable). Percent agreement is pairwise:
equal pairs of values within units ÷ all pairs. Cohen's kappa and Scott's pi need exactly two
coders (over the units both coded); Fleiss' kappa the same number of values in every unit.

Examples:
  $ qcode irr reliability.csv
  $ qcode irr ratings.csv --level ordinal --order low,mid,high --json
  $ qcode irr two-coders.csv --weights quadratic`)
    .action(async (file: string, f: IrrFlags) => {
      const { irrFile, irrTable } = await import('../../app/irr.js');
      const result = irrFile(ctx.cwd, file, {
        levels: f.level === undefined ? undefined : [f.level],
        weights: f.weights,
        order: list(f.order),
        missing: list(f.missing),
        transpose: f.transpose === true,
      });
      await emit(ctx, f, irrTable(result), result);
    });
}
