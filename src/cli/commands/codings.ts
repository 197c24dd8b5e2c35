import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { emit, withOutputOptions, type OutputFlags } from '../output.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';

interface CodingsFlags extends OutputFlags {
  code?: string;
  source?: string;
  case?: string;
  coder?: string;
  tree?: boolean;
}

export function codingsCommand(ctx: CliContext): Command {
  return withOutputOptions(new Command('codings'))
    .description(summaryOf('codings'))
    .option('--code <name>', 'only this code')
    .option('--tree', 'with --code: include the codes under it')
    .option('--source <id>', 'only this source')
    .option('--case <id>', 'only this case')
    .option('--coder <name>', "only this coder's codings (default: every coder's)")
    .addHelpText('after', '\nExamples:\n  $ qcode codings --source 50002_T2\n  $ qcode codings --code "Self-care" --json')
    .action(async (f: CodingsFlags, cmd: Command) => {
      const { listCodings, codingsTable } = await import('../../app/codings.js');
      // --coder here filters (commander hands it to the root command's global option).
      const { coder, ...base } = appContext(ctx, cmd);
      const rows = listCodings(base, { code: f.code, source: f.source, case: f.case, coder: f.coder ?? coder, descendants: f.tree });
      await emit(ctx, f, codingsTable(rows), rows);
    });
}
