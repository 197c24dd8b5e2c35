import { Command } from 'commander';
import type { UntagResult } from '../../app/untag.js';
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
    .option('--any-coder', "also remove other coders' codings (each is recorded in qcode codebook history)")
    .addHelpText('after', `
Only your own codings are touched (--coder, QCODE_CODER, …: see qcode whoami) unless
--any-coder is given; then every other coder's coding removed, trimmed or split is
recorded in qcode codebook history with both names, its span and its quote.

Examples:
  $ qcode untag "Self-care" 50002_T2 --lines 11
  $ qcode untag --id 42
  $ qcode untag --id 259 --any-coder`)
    .action(async (code: string | undefined, source: string | undefined, f: Record<string, string | boolean | undefined>, cmd: Command) => {
      const { untag } = await import('../../app/untag.js');
      const id = f.id === undefined ? undefined : Number(f.id);
      if (id !== undefined && !Number.isInteger(id)) throw new UsageError(`--id ${String(f.id)}: give a coding id number`);
      const selector = id === undefined ? selectorOf(f) : undefined;
      const r = untag(appContext(ctx, cmd), { code, source, selector, id, anyCoder: f.anyCoder === true });
      ctx.stdout.write(describe(r));
      for (const o of r.othersLeft) {
        ctx.stderr.write(`qcode: ${o.codings} coding${o.codings === 1 ? '' : 's'} of ${o.coder} over this passage left as they are (add --any-coder to remove them too)\n`);
      }
    });
}

function describe(r: UntagResult): string {
  const parts = (t: { removed: number; trimmed: number; split: number }): string => {
    const out = [`${t.removed} removed`];
    if (t.trimmed > 0) out.push(`${t.trimmed} trimmed`);
    if (t.split > 0) out.push(`${t.split} split in two`);
    return out.join(', ');
  };
  const lines = r.byCoder.filter((t) => t.coder !== r.coder).map((t) => `codings of ${t.coder}: ${parts(t)} (by ${r.coder}; recorded in qcode codebook history)`);
  const mine = r.byCoder.find((t) => t.coder === r.coder) ?? { removed: 0, trimmed: 0, split: 0 };
  if (lines.length === 0 || r.byCoder.some((t) => t.coder === r.coder)) lines.unshift(`codings of ${r.coder}: ${parts(mine)}`);
  return lines.join('\n') + '\n';
}
