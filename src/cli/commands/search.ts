import { Command, Option } from 'commander';
import type { Unit } from '../../core/units.js';
import type { CliContext } from '../context.js';
import { chosenFormat, emit } from '../output.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';
import { queryOptionsOf, whole, withQueryOptions, type QueryFlags } from './query-options.js';

interface SearchFlags extends QueryFlags {
  stem?: boolean;
  context?: string;
  codeAs?: string;
  code?: string;
  unit?: Unit;
  dryRun?: boolean;
}

export function searchCommand(ctx: CliContext): Command {
  return withQueryOptions(new Command('search'), undefined, 'with --code-as: who codes (default: QCODE_CODER, git user.name, your user name)')
    .description(summaryOf('search'))
    .argument('<query>', 'word, prefix*, "quoted phrase"; alternatives separated by OR')
    .option('--stem', 'match every word with the same stem as a query word (drive: drives, driving)')
    .option('--context <n>', 'words of context each side', '8')
    .option('--code <code>', "only hits inside this code's coded passages (a theme with its sub-codes; every coder's)")
    .option('--code-as <code>', 'code every hit with this code (created when missing)')
    .addOption(new Option('--unit <unit>', 'with --code-as: what to code around each hit').choices(['turn', 'sentence', 'line', 'match']).default('turn'))
    .option('--dry-run', 'with --code-as: show what would be coded, code nothing')
    .addHelpText('after', `
Examples:
  $ qcode search 'exhaust* OR "worn out" OR tired' --wave 3
  $ qcode search drive --stem --context 5 --format csv --out driving.csv
  $ qcode search '"night shift"' --code-as "Night shifts" --unit sentence --dry-run`)
    .action(async (query: string, f: SearchFlags, cmd: Command) => {
      const ac = appContext(ctx, cmd);
      const format = chosenFormat(f);
      const { search } = await import('../../app/search.js');
      const { searchFullTable, searchTable } = await import('../../app/query-tables.js');
      const options = queryOptionsOf(f, ac.coder);
      // Search reads no codings: --coder names who codes with --code-as, never a filter.
      const r = search(ac, { ...options, filters: { ...options.filters, coders: undefined }, query, stem: f.stem === true, context: whole('--context', f.context, 0), codeAs: f.codeAs, code: f.code, unit: f.unit, dryRun: f.dryRun === true });
      ctx.stderr.write(summary(r));
      await emit(ctx, f, format === 'table' ? searchTable(r) : searchFullTable(r), r.hits);
    });
}

function summary(r: import('../../app/search.js').SearchResult): string {
  const count = (key: 'source' | 'case'): string => {
    const m = new Map<string, number>();
    for (const h of r.hits) m.set(h[key], (m.get(h[key]) ?? 0) + 1);
    return [...m].map(([k, n]) => `${k} ${n}`).join(', ');
  };
  const lines = [`${r.hits.length} hit(s) of ${r.query} in ${new Set(r.hits.map((h) => h.source)).size} of ${r.sources} source(s) in scope (${r.speaker} talk${r.stem ? `, stems in ${r.language}` : ''})`];
  if (r.hits.length > 0) lines.push(`by source: ${count('source')}`, `by case: ${count('case')}`);
  const c = r.coded;
  if (c !== null) lines.push(`${c.dryRun ? 'dry run: would code' : 'coded'} ${c.passages} passage(s) (${c.unit}) with "${c.code}"${c.created ? ' (a new code)' : ''} as ${c.coder}`);
  return lines.join('\n') + '\n';
}
