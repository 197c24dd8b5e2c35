import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { chosenFormat, emit, LISTING_FORMATS, writeText } from '../output.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';
import { queryOptionsOf, whole, withQueryOptions, type QueryFlags } from './query-options.js';
import { UsageError } from '../../core/errors.js';

interface WordsFlags extends QueryFlags {
  stem?: boolean;
  stopWords?: string;
  minLength?: string;
  top?: string;
  code?: string;
  by?: string;
  minG2?: string;
}

export function wordsCommand(ctx: CliContext): Command {
  return withQueryOptions(new Command('words'), [...LISTING_FORMATS, 'html'])
    .description(summaryOf('words'))
    .option('--stem', 'group words by their stem (shows the most frequent form and the others)')
    .option('--stop-words <list>', 'default (the language\'s list), none, or a file of one word a line', 'default')
    .option('--min-length <n>', 'only words of at least N letters', '1')
    .option('--top <n>', 'rows to show (per group with --by); 0 for all', '50')
    .option('--code <code>', 'only words inside this code\'s coded passages (a theme with its sub-codes)')
    .option('--by <groups>', 'keyness of words for each group against the rest: wave, case, source or attr:NAME')
    .option('--min-g2 <x>', 'with --by: hide words whose |G²| is below X (3.84: p < 0.05)')
    .addHelpText('after', `
Examples:
  $ qcode words --top 20
  $ qcode words --stem --min-length 4 --code "Self-care" --format csv --out selfcare-words.csv
  $ qcode words --by wave --min-g2 3.84 --top 15`)
    .action(async (f: WordsFlags, cmd: Command) => {
      const ac = appContext(ctx, cmd);
      const req = {
        ...queryOptionsOf(f, ac.coder), stem: f.stem === true, stopWords: f.stopWords, code: f.code,
        minLength: whole('--min-length', f.minLength, 1), top: whole('--top', f.top, 0),
      };
      const html = f.format === 'html' && f.json !== true;
      if (!html) chosenFormat(f);
      if (f.by === undefined) {
        if (f.minG2 !== undefined) throw new UsageError('--min-g2 goes with --by');
        const { wordFrequencies } = await import('../../app/words.js');
        const { wordsTable } = await import('../../app/query-tables.js');
        const r = wordFrequencies({ ...ac, coder: undefined }, req);
        ctx.stderr.write(`${r.scope.words} words counted in ${r.scope.sources} source(s) of ${r.scope.cases} case(s), ${r.scope.speaker} talk${r.scope.code === null ? '' : ` inside "${r.scope.code}"`}\n`);
        if (html) {
          const { renderHtml } = await import('../../format/html.js');
          const { renderWordCloudSvg } = await import('../../format/word-cloud.js');
          writeText(ctx, f, renderHtml({ title: 'Word frequencies', subtitle: `${r.scope.words} words of ${r.scope.speaker} talk in ${r.scope.sources} source(s) of ${r.scope.cases} case(s)`, sections: [{ svg: renderWordCloudSvg(r.rows), table: wordsTable(r) }] }));
        } else await emit(ctx, f, wordsTable(r), r);
        return;
      }
      const minG2 = f.minG2 === undefined ? undefined : Number(f.minG2);
      if (minG2 !== undefined && !(minG2 >= 0)) throw new UsageError(`--min-g2 ${f.minG2}: give a number of at least 0, e.g. 3.84`);
      const { keyness } = await import('../../app/keyness.js');
      const { keynessTable } = await import('../../app/query-tables.js');
      if (html) throw new UsageError('--format html goes with word frequencies (a word cloud); use table, md, csv or json with --by');
      const r = keyness({ ...ac, coder: undefined }, { ...req, by: f.by, minG2 });
      await emit(ctx, f, keynessTable(r), r);
    });
}
