import { Command, Option } from 'commander';
import type { PassageUnit } from '../../core/passages.js';
import type { CliContext } from '../context.js';
import { chosenFormat, emit } from '../output.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';
import { queryOptionsOf, whole, withQueryOptions, type QueryFlags } from './query-options.js';

interface SuggestFlags extends QueryFlags {
  unit?: PassageUnit;
  top?: string;
  minWords?: string;
}

export function suggestCommand(ctx: CliContext): Command {
  return withQueryOptions(new Command('suggest'))
    .description(summaryOf('suggest'))
    .argument('<code>', 'the code (a theme includes its sub-codes)')
    .addOption(new Option('--unit <unit>', 'passages to rank').choices(['turn', 'sentence']).default('turn'))
    .option('--top <n>', 'how many passages (0 for every one with a score above 0)', '10')
    .option('--min-words <n>', 'only passages of at least N words', '5')
    .addHelpText('after', `
Examples:
  $ qcode suggest "Self-care"
  $ qcode suggest "Self-care" --unit sentence --wave 2 --top 20 --json`)
    .action(async (code: string, f: SuggestFlags, cmd: Command) => {
      const ac = appContext(ctx, cmd);
      chosenFormat(f);
      const { suggest } = await import('../../app/suggest.js');
      const { suggestTable } = await import('../../app/query-tables.js');
      const r = suggest({ ...ac, coder: undefined }, { ...queryOptionsOf(f, ac.coder), code, unit: f.unit, top: whole('--top', f.top, 0), minWords: whole('--min-words', f.minWords, 1) });
      ctx.stderr.write(`${r.suggestions.length} of ${r.ranked} passage(s) like "${r.code}" (${r.passages} ${r.unit === 'turn' ? 'turns' : 'sentences'} in scope, ${r.covered} already coded; coders: ${r.coders.join(', ') || 'none'})\n`);
      await emit(ctx, f, suggestTable(r), r.suggestions);
    });
}
