import { Command, Option } from 'commander';
import type { IngestSummary, SourceMove } from '../../app/ingest.js';
import { parseLabelList } from '../../core/interviewer.js';
import { UsageError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { chosenFormat, writeText } from '../output.js';
import { appContext } from '../program.js';
import { progressBar } from '../progress.js';
import { renderJson } from '../../format/json.js';
import { excerpt } from '../../core/text.js';
import { escapeControls } from '../../core/control-chars.js';
import { summaryOf } from '../command-list.js';
import { shellWord } from '../shell-word.js';

interface IngestFlags {
  namePattern?: string;
  cases?: string;
  interviewer?: string;
  defaultInterviewers?: boolean;
  dryRun?: boolean;
  skipBad?: boolean;
  maxSize?: string;
  list?: boolean;
  format?: string;
  json?: boolean;
  out?: string;
}

export function ingestCommand(ctx: CliContext): Command {
  return new Command('ingest')
    .description(summaryOf('ingest'))
    .argument('<inputs...>', 'files, folders (searched recursively) or globs')
    .option('--name-pattern <template>', 'read case and wave from file names, e.g. "{case}_T{wave}" ({*} matches anything); stored for later ingests, "" clears it')
    .option('--cases <file>', 'case attributes from a CSV (with a "case" column) or YAML file')
    .option('--interviewer <labels>', 'comma-separated speaker labels that are interviewer talk, added to the project\'s (defaults: Interviewer,I,Int,Q,Moderator,Facilitator)')
    .option('--no-default-interviewers', 'drop the default interviewer labels from the project\'s')
    .option('--dry-run', 'show what would happen, write nothing')
    .option('--skip-bad', 'ingest the readable files and list the ones skipped (default: a bad file stops the whole run)')
    .option('--max-size <MB>', 'refuse files larger than this', '50')
    .option('--list', 'list every file with what happened to it')
    .addOption(new Option('--format <format>', 'summary format').choices(['table', 'json']))
    .option('--json', 'short for --format json')
    .option('--out <file>', 'write the summary to FILE')
    .addHelpText('after', `
Ids, cases and waves: front matter (id, case, wave) first, then the name pattern (given,
or stored by an earlier ingest), else id = file name, case = id, wave = 1. A source already
in the project keeps its case and wave unless the run states new ones; every move is listed.
Re-ingesting an unchanged file changes nothing; an edited file becomes a new revision.

Examples:
  $ qcode ingest interviews/
  $ qcode ingest "interviews/*_T1.docx" --name-pattern "{case}_T{wave}" --cases participants.csv
  $ qcode ingest interviews/ --interviewer "Interviewer,Dana" --dry-run`)
    .action(async (inputs: string[], flags: IngestFlags, cmd: Command) => {
      const { ingest, formatNames } = await import('../../app/ingest.js');
      const maxMb = Number(flags.maxSize);
      if (!Number.isFinite(maxMb) || maxMb <= 0) throw new UsageError(`--max-size ${flags.maxSize}: give a size in MB, e.g. --max-size 100`);
      const summary = await ingest(appContext(ctx, cmd), inputs, {
        namePattern: flags.namePattern,
        casesFile: flags.cases,
        interviewer: flags.interviewer === undefined ? undefined : parseLabelList(flags.interviewer),
        noDefaultInterviewers: flags.defaultInterviewers === false,
        dryRun: flags.dryRun,
        skipBad: flags.skipBad,
        maxBytes: maxMb * 1024 * 1024,
        onProgress: progressBar(ctx),
      });
      const json = chosenFormat(flags) === 'json';
      writeText(ctx, flags, json ? renderJson(summary) : describe(summary, flags.list === true || flags.dryRun === true));
      if (summary.files.length === 0 && summary.ignored > 0) {
        ctx.stderr.write(`qcode: no transcript among the files found; qcode reads ${formatNames()} files\n`);
      }
      if (!json && summary.skipped.length > 0) ctx.stderr.write(`qcode: skipped ${summary.skipped.length} bad file(s); see the summary\n`);
      for (const w of summary.noInterviewer) ctx.stderr.write(noInterviewerWarning(w) + '\n');
      if (summary.orphans.length > 0) {
        ctx.stderr.write(`qcode: ${summary.orphans.length} coding(s) could not be placed on the edited text; they are kept and flagged (qcode check lists them):\n`);
        for (const o of summary.orphans) ctx.stderr.write(`  #${o.id} ${o.code} (${o.coder}) in ${o.source}: “${excerpt(o.quote)}”\n`);
      }
    });
}

/** A source whose labels are all participant talk: most often an interviewer qcode does not know. */
export function noInterviewerWarning(w: { source: string; speakers: string[] }): string {
  const shown = w.speakers.slice(0, 6).map((l) => `"${l}"`).join(', ') + (w.speakers.length > 6 ? `, … (${w.speakers.length} labels)` : '');
  return `qcode: warning: ${w.source} has speaker labels (${shown}) but no interviewer talk; if one of them is the interviewer, run: ` +
    `qcode speakers set ${shellWord(w.speakers[0]!)} --role interviewer (add --source ${shellWord(w.source)} for this source only)`;
}

/** `50001_T2: case 50001_T2 → 50001, wave 1 → 2` */
function describeMove(m: SourceMove): string {
  const parts: string[] = [];
  if (m.from.case !== m.to.case) parts.push(`case ${m.from.case} → ${m.to.case}`);
  if (m.from.wave !== m.to.wave) parts.push(`wave ${m.from.wave} → ${m.to.wave}`);
  return `${m.source}: ${parts.join(', ')}`;
}

function describe(s: IngestSummary, list: boolean): string {
  const out: string[] = [];
  const verb = s.dryRun ? 'would ingest' : 'ingested';
  if (s.dryRun) out.push('dry run: nothing was written');
  const n = s.files.length;
  out.push(`${verb} ${n} file${n === 1 ? '' : 's'}: ${s.added} added, ${s.revised} revised, ${s.updated} updated, ${s.unchanged} unchanged` +
    (s.ignored > 0 ? ` (${s.ignored} other file${s.ignored === 1 ? '' : 's'} ignored: ${s.ignoredKinds.map((k) => `${k.files} ${k.kind}`).join(', ')})` : ''));
  out.push(`cases: ${s.casesAdded} new` + (s.caseAttributesChanged > 0 ? `, ${s.caseAttributesChanged} attribute values set` : '') +
    ` · turns: ${s.turns} · participant words: ${s.participantWords} · interviewer words: ${s.interviewerWords}`);
  if (s.reattributed > 0) out.push(`interviewer labels changed: talk re-attributed in ${s.reattributed} source(s)`);
  if (s.namePattern !== null) out.push(`name pattern: ${s.namePattern} (stored in the project; --name-pattern "" clears it)`);
  if (s.moves.length > 0) out.push(`${s.dryRun ? 'would move' : 'moved'} ${s.moves.length} source(s) to another case or wave:`);
  for (const m of s.moves) out.push(`  ${describeMove(m)}`);
  if (s.emptiedCases.length > 0) out.push(`cases left without sources (their attributes stay; qcode cases lists them): ${s.emptiedCases.join(', ')}`);
  for (const e of s.encodings) out.push(`encoding: ${e.file} was ${e.encoding}`);
  const c = s.codings;
  if (s.revised > 0 && c.unchanged + c.moved + c.context + c.fuzzy + c.orphaned > 0) {
    out.push(`codings re-anchored: ${c.unchanged} in place, ${c.moved} moved, ${c.context} placed by context, ${c.fuzzy} fuzzy, ${c.orphaned} orphaned`);
  }
  if (list) for (const f of s.files) out.push(`  ${f.status.padEnd(9)} ${f.source} (case ${f.case}, wave ${f.wave}, revision ${f.revision}) ← ${f.file}`);
  for (const k of s.skipped) out.push(`skipped: ${k.reason}`);
  // File names may hold control characters: never print them raw.
  return out.map(escapeControls).join('\n') + '\n';
}
