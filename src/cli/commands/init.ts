import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';

export function initCommand(ctx: CliContext): Command {
  return new Command('init')
    .description(summaryOf('init'))
    .addHelpText('after', '\nExample:\n  $ qcode init --project my-study')
    .action(async (_opts, cmd: Command) => {
      const { initProject } = await import('../../app/project.js');
      const { file } = initProject(appContext(ctx, cmd));
      ctx.stderr.write(`created ${file}\n`);
    });
}
