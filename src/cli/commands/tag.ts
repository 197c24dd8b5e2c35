import { Command, Option } from 'commander';
import type { Selector } from '../../app/select-spans.js';
import { UsageError } from '../../core/errors.js';
import { parseRange } from '../../core/range.js';
import type { CliContext } from '../context.js';
import { appContext } from '../program.js';
import { renderJson } from '../../format/json.js';
import { excerpt } from '../../core/text.js';
import { summaryOf } from '../command-list.js';

interface SelectorFlags {
  lines?: string;
  turns?: string;
  match?: string;
  nth?: string;
  all?: boolean;
  span?: string;
}

/** Adds the four selectors (and --nth/--all for --match) to a command. */
export function withSelectors(cmd: Command): Command {
  return cmd
    .option('--lines <A-B>', 'lines A to B, as qcode show numbers them')
    .option('--turns <A-B>', 'the talk of turns A to B, as qcode show --turns numbers them')
    .option('--match <text>', 'exactly the matched text (case-sensitive; white space and quote styles match loosely)')
    .option('--nth <n>', 'with --match: the n-th match')
    .option('--all', 'with --match: every match')
    .option('--span <S-E>', 'code-point positions S to E (for scripts)');
}

export function selectorOf(f: SelectorFlags): Selector {
  const nth = f.nth === undefined ? undefined : Number(f.nth);
  if (nth !== undefined && !Number.isInteger(nth)) throw new UsageError(`--nth ${f.nth}: give a whole number`);
  return {
    lines: f.lines === undefined ? undefined : parseRange(f.lines, '--lines'),
    turns: f.turns === undefined ? undefined : parseRange(f.turns, '--turns'),
    match: f.match, nth, all: f.all, span: f.span,
  };
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

interface TagFlags extends SelectorFlags {
  also?: string[];
  new?: boolean;
  parent?: string;
  weight?: string;
  memo?: string;
  json?: boolean;
  from?: string;
  dryRun?: boolean;
}

export function tagCommand(ctx: CliContext): Command {
  return withSelectors(new Command('tag'))
    .description(summaryOf('tag'))
    .argument('[code]', 'code name (case-insensitive)')
    .argument('[source]', 'source id')
    .option('--from <file>', 'apply every row of a CSV or JSON Lines file, in one transaction (see the README)')
    .option('--dry-run', 'with --from: report what would be done, change nothing')
    .option('--also <code>', 'apply another code too (repeatable; names may contain commas)', collect)
    .option('--new', 'create codes that do not exist yet (inductive coding)')
    .option('--parent <code>', 'with --new: the parent of the new codes')
    .option('--weight <0-100>', 'a weight for the coding')
    .option('--memo <text>', 'attach a memo to the coding')
    .addOption(new Option('--json', 'print the codings made as JSON'))
    .addHelpText('after', `
Examples:
  $ qcode tag "Self-care" 50002_T2 --lines 11
  $ qcode tag "Night shifts" 50002_T2 --turns 3-4 --also "Sleep"
  $ qcode tag "Crying" 50002_T2 --match "I cried in the car" --new --parent "Well-being"
  $ qcode tag "Self-care" 50002_T2 --match "self-care is very important" --all
  $ qcode tag --from codings.csv --new`)
    .action(async (code: string | undefined, source: string | undefined, f: TagFlags, cmd: Command) => {
      if (f.from !== undefined || f.dryRun === true) {
        const extra = [code, source].filter((x) => x !== undefined).length > 0 || [f.lines, f.turns, f.match, f.span, f.nth, f.also, f.weight, f.memo].some((x) => x !== undefined) || f.all === true;
        if (f.from === undefined) throw new UsageError('--dry-run goes with --from FILE');
        if (extra) throw new UsageError('with --from FILE, the codes, sources and selectors come from the file', { hint: 'give --from FILE alone (with --new, --parent, --coder, --dry-run or --json)' });
        const { tagFrom } = await import('./tag-from.js');
        return tagFrom(ctx, appContext(ctx, cmd), { ...f, from: f.from });
      }
      if (code === undefined || source === undefined) throw new UsageError('name a code and a source: qcode tag <code> <source> --lines A-B', { hint: 'or apply many codings with --from FILE' });
      const { tag } = await import('../../app/tag.js');
      const weight = f.weight === undefined ? undefined : Number(f.weight);
      const r = tag(appContext(ctx, cmd), { codes: [code, ...(f.also ?? [])], source, selector: selectorOf(f), createNew: f.new, parent: f.parent, weight, memo: f.memo });
      for (const t of r.interviewerTurns) {
        ctx.stderr.write(`qcode: warning: turn ${t.turn} of ${r.source} is interviewer talk (${t.speaker}); coded as asked, but reports count no words of interviewer talk\n`);
      }
      if (f.json === true) {
        ctx.stdout.write(renderJson({ source: r.source, coder: r.coder, createdCodes: r.createdCodes, codings: r.codings }));
        return;
      }
      for (const c of r.createdCodes) ctx.stderr.write(`new code: ${c}\n`);
      for (const c of r.codings) {
        const lines = c.lineStart === c.lineEnd ? `line ${c.lineStart}` : `lines ${c.lineStart}-${c.lineEnd}`;
        ctx.stdout.write(`#${c.id} ${c.code} · ${r.source} ${lines} · ${short(c.quote)}\n`);
      }
    });
}

function short(quote: string): string {
  return `“${excerpt(quote, 70)}”`;
}
