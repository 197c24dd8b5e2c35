import { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { appContext } from '../program.js';
import { selectorOf, withSelectors } from './tag.js';
import { summaryOf } from '../command-list.js';

export function untagCommand(ctx: CliContext): Command {
  return withSelectors(new Command('untag'))
    .description(summaryOf('untag'))
    .argument('[code]', 'code name')
    .argument('[source]', 'source id')
    .option('--id <n>', 'remove the coding with this id (see qcode codings)')
    .addHelpText('after', '\nExamples:\n  $ qcode untag "Self-care" 50002_T2 --lines 11\n  $ qcode untag --id 42')
    .action(async (code: string | undefined, source: string | undefined, f: Record<string, string | boolean | undefined>, cmd: Command) => {
      const { untag } = await import('../../app/tag.js');
      const id = f.id === undefined ? undefined : Number(f.id);
      if (id !== undefined && !Number.isInteger(id)) throw new UsageError(`--id ${String(f.id)}: give a coding id number`);
      const selector = id === undefined ? selectorOf(f) : undefined;
      const r = untag(appContext(ctx, cmd), { code, source, selector, id });
      const parts = [`${r.removed} removed`];
      if (r.trimmed > 0) parts.push(`${r.trimmed} trimmed`);
      if (r.split > 0) parts.push(`${r.split} split in two`);
      ctx.stdout.write(`codings of ${r.coder}: ${parts.join(', ')}\n`);
    });
}
