import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { appContext } from '../program.js';
import { renderJson } from '../../format/json.js';
import { summaryOf } from '../command-list.js';

export function importCommand(ctx: CliContext): Command {
  return new Command('import')
    .description(summaryOf('import'))
    .argument('<file>', 'a REFI-QDA project (.qdpx) exported by NVivo, ATLAS.ti, MAXQDA, QualCoder, …')
    .option('--dry-run', 'show what would happen, change nothing')
    .option('--json', 'the summary and loss report as JSON')
    .addHelpText('after', '\nSources are matched by content, codes by name, codings kept under their own coders: importing twice changes nothing.\nThe report says which position convention was used and lists everything not imported, with the reason.\n\nExample:\n  $ qcode import nvivo-export.qdpx --dry-run')
    .action(async (file: string, f: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const { importQdpx } = await import('../../app/refi-import.js');
      const s = importQdpx(appContext(ctx, cmd), file, { dryRun: f.dryRun });
      if (f.json === true) {
        ctx.stdout.write(renderJson(s));
        return;
      }
      const { renderImportSummary } = await import('../../format/exchange-summary.js');
      ctx.stdout.write(renderImportSummary(s));
    });
}
