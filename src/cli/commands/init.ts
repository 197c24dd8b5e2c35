import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { appContext } from '../program.js';

export function initCommand(ctx: CliContext): Command {
  return new Command('init')
    .description('create a qcode project (qcode.db, readable by you only) in this folder or --project DIR')
    .addHelpText('after', '\nExample:\n  $ qcode init --project my-study')
    .action(async (_opts, cmd: Command) => {
      const { initProject } = await import('../../app/project.js');
      const { file } = initProject(appContext(ctx, cmd));
      ctx.stderr.write(`created ${file}\n`);
    });
}
