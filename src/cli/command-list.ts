/**
 * Every command of qcode: its name, its one-line summary, and how to load it. Only the
 * command being run is loaded (STYLE.md §5: `qcode tag` and `qcode --help` start fast);
 * the others appear in the help from their summaries alone.
 */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<(ctx: CliContext) => Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'init', summary: 'create a qcode project (qcode.db, readable by you only) in this folder or --project DIR', load: async () => (await import('./commands/init.js')).initCommand },
  { name: 'ingest', summary: 'bring transcripts (.txt, .md, .vtt, .srt, .docx, .odt, .rtf, .pdf) into the project, all or nothing', load: async () => (await import('./commands/ingest.js')).ingestCommand },
  { name: 'sources', summary: 'list the ingested sources (id, case, wave, format, turns, words); sources set|import give them dates, durations and other metadata', load: async () => (await import('./commands/sources.js')).sourcesCommand },
  { name: 'cases', summary: 'list the cases (participants) with their number of sources and attributes', load: async () => (await import('./commands/cases.js')).casesCommand },
  { name: 'speakers', summary: 'list every speaker label per source with its role, turns and words; speakers set changes a role', load: async () => (await import('./commands/speakers.js')).speakersCommand },
  { name: 'show', summary: 'print a source\'s normalised text with line numbers (and turn numbers), as tag --lines/--turns count them', load: async () => (await import('./commands/show.js')).showCommand },
  { name: 'codebook', summary: 'the codebook: a tree of codes with their codings, sources and cases; and changes to it', load: async () => (await import('./commands/codebook.js')).codebookCommand },
  { name: 'tag', summary: 'apply a code to a passage of a source (joins with your overlapping codings of that code)', load: async () => (await import('./commands/tag.js')).tagCommand },
  { name: 'untag', summary: 'remove (or trim, or split) your codings of a code over a passage; or one coding by --id', load: async () => (await import('./commands/untag.js')).untagCommand },
  { name: 'codings', summary: 'list codings with id, code, source, coder, lines, code-point span and quote', load: async () => (await import('./commands/codings.js')).codingsCommand },
  { name: 'autocode', summary: 'code every hit of a text search (broad-brush coding), widened to a turn, line, sentence or the match', load: async () => (await import('./commands/autocode.js')).autocodeCommand },
  { name: 'words', summary: 'word frequencies in the talk in scope (--stem, --code C); with --by wave|case|source|attr:NAME, the keyness of words per group (G², log ratio)', load: async () => (await import('./commands/words.js')).wordsCommand },
  { name: 'search', summary: 'find words, prefixes* and "phrases" (OR between them; --stem) in the talk in scope, in context; --code-as codes every hit', load: async () => (await import('./commands/search.js')).searchCommand },
  { name: 'suggest', summary: 'passages not yet coded with a code, ranked by TF-IDF similarity to the passages it covers, each with its qcode tag command', load: async () => (await import('./commands/suggest.js')).suggestCommand },
  { name: 'code', summary: 'code a source interactively, turn by turn (participant talk; every coding is saved at once)', load: async () => (await import('./commands/code.js')).codeCommand },
  { name: 'memo', summary: 'memos: dated notes by a coder, linked to a source, code, case or coding', load: async () => (await import('./commands/memo.js')).memoCommand },
  { name: 'check', summary: 'verify the project: spans in range, quotes equal to their text, no dangling references; list orphaned codings (exit 1 if any problem)', load: async () => (await import('./commands/check.js')).checkCommand },
  { name: 'report', summary: 'reports for manuscripts: themes (default), matrix, cooccurrence, quotes, framework, trajectory, saturation, codebook, sample', load: async () => (await import('./commands/report.js')).reportCommand },
  { name: 'merge', summary: "bring another copy of the project (a second coder's) into this one: sources by content, codes by name, codings under their own coder", load: async () => (await import('./commands/merge.js')).mergeCommand },
  { name: 'import', summary: 'bring a REFI-QDA project (.qdpx from NVivo, ATLAS.ti, MAXQDA, QualCoder) into this one, with a report of what could not come', load: async () => (await import('./commands/import.js')).importCommand },
  { name: 'export', summary: 'write the project (or the sources and coders in scope) as a REFI-QDA project (.qdpx) for other QDA programs', load: async () => (await import('./commands/export.js')).exportCommand },
  { name: 'adopt', summary: "copy a coder's codings into the consensus coder, recording the decision in the history", load: async () => (await import('./commands/adopt.js')).adoptCommand },
  { name: 'whoami', summary: 'print the coder name qcode records (and where it came from: --coder, QCODE_CODER, git, the OS user)', load: async () => (await import('./commands/whoami.js')).whoamiCommand },
  { name: 'irr', summary: 'agreement on a reliability-data table (as ReCal or R\'s irr): percent agreement, Krippendorff\'s alpha, Cohen\'s kappa, Scott\'s pi, Fleiss\' kappa', load: async () => (await import('./commands/irr.js')).irrCommand },
];

/** The summary of a command, shared by its help and the list of commands. */
export function summaryOf(name: string): string {
  return COMMANDS.find((c) => c.name === name)!.summary;
}
