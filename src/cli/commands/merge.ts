import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { appContext } from '../program.js';
import { renderJson } from '../../format/json.js';
import { excerpt } from '../../core/text.js';
import { summaryOf } from '../command-list.js';

export function mergeCommand(ctx: CliContext): Command {
  return new Command('merge')
    .description(summaryOf('merge'))
    .argument('<other>', 'the other qcode.db (or its folder)')
    .option('--dry-run', 'show what would happen, change nothing')
    .option('--json', 'the summary as JSON')
    .addHelpText('after', '\nRunning it twice changes nothing. The other project is only read.\n\nExample:\n  $ qcode merge ../ben-copy/qcode.db --dry-run')
    .action(async (other: string, f: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const { mergeProject } = await import('../../app/merge-projects.js');
      const s = mergeProject(appContext(ctx, cmd), other, { dryRun: f.dryRun });
      if (f.json === true) {
        ctx.stdout.write(renderJson(s));
        return;
      }
      const out = [
        `${s.dryRun ? 'dry run: would merge' : 'merged'} ${other}: ${s.sourcesMatched} sources matched, ${s.sourcesAdded.length} added, ${s.codesAdded.length} codes added, ${s.codingsAdded} codings added (${s.codingsJoined} joined with overlapping ones, ${s.codingsAlreadyHere} already here), ${s.memosAdded} memos added`,
      ];
      if (s.codesAdded.length > 0) out.push(`new codes: ${s.codesAdded.join(', ')}`);
      for (const d of s.sourcesDiffering) out.push(`text differs: ${d} — the other copy's codings were re-anchored onto this text`);
      for (const c of s.coderClashes) out.push(`coder ${c} has codings in both copies: they were combined (overlapping ones joined); use distinct --coder names if these are different people`);
      if (s.orphansSkipped > 0) out.push(`${s.orphansSkipped} orphaned codings of the other copy were not merged (resolve them there with qcode check)`);
      ctx.stdout.write(out.join('\n') + '\n');
      if (s.unplaced.length > 0) {
        ctx.stderr.write(`qcode: ${s.unplaced.length} coding(s) of the other copy could not be placed on this text and were not merged:\n`);
        for (const u of s.unplaced) ctx.stderr.write(`  ${u.code} (${u.coder}) in ${u.source}: “${excerpt(u.quote)}”\n`);
      }
    });
}
