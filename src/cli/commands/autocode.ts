import { Command, Option } from 'commander';
import type { AutocodeRequest } from '../../app/autocode.js';
import type { CliContext } from '../context.js';
import { appContext } from '../program.js';
import { renderJson } from '../../format/json.js';
import { excerpt } from '../../core/text.js';
import { summaryOf } from '../command-list.js';

/** The request's fields as flags, plus `--new` (createNew) and `--json`. */
type AutocodeFlags = Omit<AutocodeRequest, 'code' | 'createNew'> & { new?: boolean; json?: boolean };

export function autocodeCommand(ctx: CliContext): Command {
  return new Command('autocode')
    .description(summaryOf('autocode'))
    .argument('<code>', 'the code to apply')
    .option('--grep <regex>', 'a JavaScript regular expression (case-sensitive unless -i)')
    .option('--words <words>', 'any of these whole words, case-insensitive, e.g. "tired exhausted knackered"')
    .option('--query <query>', 'as qcode search: word, prefix*, "quoted phrase", alternatives separated by OR (whole words, any case)')
    .option('--stem', 'with --query: match every word with the same stem (in the project\'s language)')
    .option('-i, --ignore-case', 'with --grep: ignore case')
    .option('--speaker <who>', 'only in the talk of: participant, interviewer, or one speaker label')
    .addOption(new Option('--unit <unit>', 'what to code around each hit').choices(['turn', 'line', 'sentence', 'match']).default('turn'))
    .option('--sources <pattern>', 'only sources whose id matches, e.g. "*_T1" (comma-separate several)')
    .option('--dry-run', 'list what would be coded, code nothing')
    .option('--new', 'create the code if it does not exist')
    .option('--parent <code>', 'with --new: its parent')
    .option('--json', 'the hits as JSON')
    .addHelpText('after', `
Examples:
  $ qcode autocode "Sleep and night shifts" --words "night nights sleep" --speaker participant --dry-run
  $ qcode autocode "Driving" --query 'drive OR "behind the wheel"' --stem --dry-run
  $ qcode autocode "Intention to leave" --grep "leav(e|ing) (the )?(ward|nursing)" -i --unit sentence`)
    .action(async (code: string, f: AutocodeFlags, cmd: Command) => {
      const { autocode } = await import('../../app/autocode.js');
      const { new: createNew, json: _json, ...rest } = f;
      const r = autocode(appContext(ctx, cmd), { ...rest, code, createNew });
      if (f.json === true) {
        ctx.stdout.write(renderJson(r));
        return;
      }
      const out = r.hits.map((h) => `${h.source} ${h.lineStart === h.lineEnd ? `line ${h.lineStart}` : `lines ${h.lineStart}-${h.lineEnd}`}: ${excerpt(h.text, 100)}`);
      out.push(`${r.dryRun ? 'dry run: would code' : 'coded'} ${r.hits.length} passage(s) in ${r.sourcesSearched} source(s) with "${r.code}" as ${r.coder} (${r.codingsAfter} coding(s) after joining overlaps)`);
      ctx.stdout.write(out.join('\n') + '\n');
    });
}
