import { Command, Option } from 'commander';
import type { AgreementUnit } from '../../core/agreement.js';
import type { CliContext } from '../context.js';
import { appContext } from '../program.js';
import { emitReport, filtersOf, formatOf, withReportOptions, type ReportFlags } from './report.js';

const names = (v: unknown): string[] | undefined => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter((x) => x !== '') : undefined);

/** `report agreement` and `report disagreements`; each imports its use case only when run. */
export function reportKindsC(ctx: CliContext): Command[] {
  const agreement = withReportOptions(new Command('agreement'))
    .description('coding comparison of coders over the sources they all coded: per code and source, both / only A / only B / neither, agreement %, Cohen\'s kappa, Krippendorff\'s alpha')
    .option('--coders <A,B,…>', 'the coders to compare (required; kappa and the 2×2 table need exactly two)')
    .addOption(new Option('--unit <unit>', 'what a unit is: characters, words, or turns (lines when a source has no turns)').choices(['char', 'word', 'turn']).default('char'))
    .option('--fail-under <kappa>', 'exit 1 when the overall kappa is below this (or undefined)')
    .option('--pooled', 'only the pooled rows: one per code, and the overall one')
    .addHelpText('after', `
Sources compared: those every named coder coded something in, or those --sources names.
Each code is compared on its own codings, not its sub-codes'.

Examples:
  $ qcode report agreement --coders ana,ben
  $ qcode report agreement --coders ana,ben --unit turn --format md --out agreement.md
  $ qcode report agreement --coders ana,ben --fail-under 0.7`)
    .action(async (f: ReportFlags, cmd: Command) => {
      const { FOR_REPORT, withProject } = await import('../../app/project.js');
      const { agreementForProject, agreementView, checkFailUnder, parseFailUnder, pooledOnly } = await import('../../app/reports/agreement.js');
      const ac = appContext(ctx, cmd);
      const failUnder = parseFailUnder(f.failUnder);
      formatOf(f); // --json and --format disagreeing is a usage error before any work
      const filters = filtersOf(f, ac.coder);
      // Word units read every text compared: through the memory map those pages only add to its
      // memory (as for disagreements); characters and turns read no text, and the map speeds them.
      const report = withProject(ac, (p) => agreementForProject(p, filters, { coders: names(f.coders) ?? [], unit: f.unit as AgreementUnit }), f.unit === 'word' ? { readonly: true } : FOR_REPORT);
      const shown = f.pooled === true ? pooledOnly(report) : report;
      await emitReport(ctx, f, agreementView(shown));
      checkFailUnder(report, failUnder);
    });

  const disagreements = withReportOptions(new Command('disagreements'))
    .description('every passage two coders coded differently (only one of them, or other boundaries), with its text and lines, by code and source: the agenda of a consensus meeting')
    .option('--coders <A,B>', 'the two coders to compare (required)')
    .option('--code <name>', 'only this code')
    .addHelpText('after', `
Examples:
  $ qcode report disagreements --coders ana,ben --format md --out meeting.md
  $ qcode report disagreements --coders ana,ben --code "Self-care"`)
    .action(async (f: ReportFlags, cmd: Command) => {
      const { withProject } = await import('../../app/project.js');
      const { disagreementIndexForProject, disagreementsForProject, disagreementsView, forEachDisagreementParagraph, forEachDisagreementRow, reportShell } = await import('../../app/reports/disagreements.js');
      const { isStreamed, streamParagraphs, streamReport } = await import('./report-stream.js');
      const ac = appContext(ctx, cmd);
      const format = formatOf(f);
      const filters = filtersOf(f, ac.coder);
      const o = { coders: names(f.coders) ?? [], code: typeof f.code === 'string' ? f.code : undefined };
      // Read-only but not mapped: it reads every compared text whole and keeps copies of them, so
      // mapped pages only add to its memory (100,000 codings: 362 → 272 MB, as fast).
      const unmapped = { readonly: true };
      if (isStreamed(format)) {
        // Every passage: written group by group (a code in a source), in little memory at any size.
        withProject(ac, (p) => {
          const { index, texts } = disagreementIndexForProject(p, filters, o);
          const view = disagreementsView(reportShell(index, []), format, index.count);
          if (format === 'md') streamParagraphs(ctx, f, view, forEachDisagreementParagraph(index, texts));
          else streamReport(ctx, f, format, view, 'groups', forEachDisagreementRow(index, texts, format));
        }, unmapped);
        return;
      }
      const report = withProject(ac, (p) => disagreementsForProject(p, filters, o), unmapped);
      await emitReport(ctx, f, disagreementsView(report, format));
    });
  return [agreement, disagreements];
}
