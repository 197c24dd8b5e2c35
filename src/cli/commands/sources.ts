import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { emit, withOutputOptions, type OutputFlags } from '../output.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';

export function sourcesCommand(ctx: CliContext): Command {
  return withOutputOptions(new Command('sources'))
    .description(summaryOf('sources'))
    .addHelpText('after', '\nExamples:\n  $ qcode sources\n  $ qcode sources --json')
    .action(async (flags: OutputFlags, cmd: Command) => {
      const { listSources, sourcesTable } = await import('../../app/sources.js');
      const rows = listSources(appContext(ctx, cmd));
      await emit(ctx, flags, sourcesTable(rows), rows);
    });
}
