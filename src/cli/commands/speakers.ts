import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { emit, withOutputOptions, type OutputFlags } from '../output.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';

export function speakersCommand(ctx: CliContext): Command {
  const app = () => import('../../app/speakers.js');
  const speakers = withOutputOptions(new Command('speakers'))
    .description(summaryOf('speakers'))
    .option('--source <id>', 'only this source')
    .addHelpText('after', `
Every speaker label of every source with its role (interviewer or participant), its
turns and words, and why it has that role. Check it after each ingest.

Examples:
  $ qcode speakers --source 50002_T1
  $ qcode speakers set "Sarah Kim" --role interviewer
  $ qcode speakers set "Dana" --role participant --source 50002_T1`)
    .action(async (f: OutputFlags & { source?: string }, cmd: Command) => {
      const { listSpeakers, speakersTable } = await app();
      const rows = listSpeakers(appContext(ctx, cmd), { source: f.source });
      emit(ctx, f, speakersTable(rows), rows);
    });
  speakers.addCommand(new Command('set')
    .description('give one speaker label a role, project-wide or in one source; its talk is re-attributed at once')
    .argument('<label>', 'the speaker label as qcode speakers shows it (case is ignored)')
    .addOption(new Option('--role <role>', 'interviewer or participant').choices(['interviewer', 'participant']).makeOptionMandatory())
    .option('--source <id>', 'only in this source (default: in every source)')
    .action(async (label: string, f: { role: string; source?: string }, cmd: Command) => {
      const source = (cmd.optsWithGlobals() as { source?: string }).source ?? f.source;
      const r = (await app()).setSpeaker(appContext(ctx, cmd), label, f.role, source);
      const where = r.source === null ? 'in every source' : `in ${r.source}`;
      const n = r.reattributed.length;
      ctx.stderr.write(`${r.label} is ${r.role} talk ${where}; talk re-attributed in ${n} source${n === 1 ? '' : 's'}` +
        (n > 0 ? `: ${r.reattributed.map((x) => `${x.source} (${x.turnsChanged} turn${x.turnsChanged === 1 ? '' : 's'})`).join(', ')}` : '') + '\n');
    }));
  return speakers;
}
