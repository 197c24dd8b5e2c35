import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { appContext } from '../program.js';
import { renderJson } from '../../format/json.js';
import { summaryOf } from '../command-list.js';
import { qcodeVersion } from '../version.js';

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];
const list = (v: string | undefined): string[] | undefined => (v === undefined || v === 'all' ? undefined : v.split(',').map((x) => x.trim()).filter((x) => x !== ''));

interface ExportFlags { wave?: string; where?: string[]; sources?: string; coders?: string; json?: boolean }

export function exportCommand(ctx: CliContext): Command {
  return new Command('export')
    .description(summaryOf('export'))
    .argument('<file>', 'the .qdpx file to write (replaced if it exists)')
    .option('--wave <W,…>', 'only the sources of these waves')
    .option('--where <attr=value>', 'only the sources of cases with this attribute value (repeatable)', collect)
    .option('--sources <pattern>', 'only sources whose id matches, e.g. "*_T1"')
    .option('--coders <C,…>', "only these coders' codings and memos (default: all)")
    .option('--json', 'the summary as JSON')
    .addHelpText('after', '\nPositions are written as Unicode code points of each source\'s normalised text, which the file carries.\nOrphaned codings are not exported (the summary counts them).\n\nExample:\n  $ qcode export study.qdpx --coders ana,ben')
    .action(async (file: string, f: ExportFlags, cmd: Command) => {
      const { exportQdpx } = await import('../../app/refi-export.js');
      const s = exportQdpx(appContext(ctx, cmd), file, { waves: list(f.wave), where: f.where, sources: f.sources, coders: list(f.coders) }, qcodeVersion());
      if (f.json === true) {
        ctx.stdout.write(renderJson(s));
        return;
      }
      const { renderExportSummary } = await import('../../format/exchange-summary.js');
      ctx.stdout.write(renderExportSummary(s));
    });
}
