import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { chosenFormat, writeText, type OutputFlags } from '../output.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';
import { renderJson } from '../../format/json.js';

export function whoamiCommand(ctx: CliContext): Command {
  return new Command('whoami')
    .description(summaryOf('whoami'))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']))
    .option('--json', 'short for --format json: { "coder", "from", "fallback" }')
    .option('--out <file>', 'write to FILE instead of stdout')
    .addHelpText('after', `
The coder is --coder NAME, else QCODE_CODER, else git's user.name, else your user name
on this computer. Every coding, memo and codebook change records it.

Examples:
  $ qcode whoami
  $ QCODE_CODER=ana qcode whoami --json`)
    .action(async (f: OutputFlags, cmd: Command) => {
      const { coderIdentity } = await import('../../app/coder.js');
      const id = coderIdentity(appContext(ctx, cmd));
      const text = chosenFormat(f) === 'json'
        ? renderJson(id)
        : `${id.coder} (from ${id.from}${id.fallback ? '; set QCODE_CODER or give --coder NAME to choose' : ''})\n`;
      writeText(ctx, f, text);
    });
}
