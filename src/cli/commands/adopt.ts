import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';

export function adoptCommand(ctx: CliContext): Command {
  return new Command('adopt')
    .description(summaryOf('adopt'))
    .requiredOption('--from <coder>', 'whose codings to adopt')
    .option('--to <coder>', 'the consensus coder', 'consensus')
    .option('--code <name>', 'only this code')
    .option('--source <id>', 'only this source')
    .option('--all', "all of the coder's codings")
    .option('--dry-run', 'show the counts, change nothing')
    .addHelpText('after', '\nExamples:\n  $ qcode adopt --from ana --code "Self-care" --source 50002_T2\n  $ qcode adopt --from ben --all\n  $ qcode report themes --coder consensus')
    .action(async (f: { from: string; to: string; code?: string; source?: string; all?: boolean; dryRun?: boolean }, cmd: Command) => {
      const { adopt } = await import('../../app/adopt.js');
      const r = adopt(appContext(ctx, cmd), f);
      ctx.stdout.write(`${r.dryRun ? 'dry run: would adopt' : 'adopted'} ${r.copied} coding(s) of ${r.from} into ${r.to} (${r.alreadyThere} already there${r.orphansSkipped > 0 ? `, ${r.orphansSkipped} orphaned ones skipped` : ''})\n`);
    });
}
