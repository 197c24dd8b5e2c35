import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { emit, withOutputOptions, type OutputFlags } from '../output.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';

export function casesCommand(ctx: CliContext): Command {
  const cases = withOutputOptions(new Command('cases'))
    .description(summaryOf('cases'))
    .addHelpText('after', '\nExamples:\n  $ qcode cases\n  $ qcode cases import participants.csv\n  $ qcode cases --format csv --out cases.csv')
    .action(async (flags: OutputFlags, cmd: Command) => {
      const { listCases } = await import('../../app/cases.js');
      const { casesTable } = await import('../../app/cases-table.js');
      const rows = listCases(appContext(ctx, cmd));
      await emit(ctx, flags, casesTable(rows), rows);
      const empty = rows.filter((r) => r.sources === 0).map((r) => r.case);
      if (empty.length > 0) ctx.stderr.write(`qcode: ${empty.length} case(s) without sources: ${empty.join(', ')}\n`);
    });
  cases
    .command('import')
    .description('set case attributes from a CSV (with a "case" column) or YAML file; adds and updates, never deletes')
    .argument('<file>', 'a .csv or .yaml file')
    .option('--dry-run', 'show what would change, change nothing')
    .action(async (file: string, flags: { dryRun?: boolean }, cmd: Command) => {
      const { importCases } = await import('../../app/cases.js');
      const r = importCases(appContext(ctx, cmd), file, { dryRun: flags.dryRun });
      const prefix = flags.dryRun === true ? 'would set' : 'set';
      ctx.stderr.write(`${prefix} attributes of ${r.cases} cases from ${file}: ${r.casesAdded} new cases, ${r.valuesChanged} values new or changed\n`);
    });
  return cases;
}
