import { Command } from 'commander';
import type { AppContext } from '../../app/context.js';
import type { Project } from '../../app/project.js';
import type { ReportScope } from '../../app/report-scope.js';
import { UsageError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { reportAction, wholeOption, withReportOptions } from './report.js';


const percent = (name: string, v: unknown): number | undefined => {
  if (v === undefined) return undefined;
  const text = String(v).trim().replace(/%$/, '');
  const n = text === '' ? NaN : Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`${name} ${String(v)}: give a percentage from 0 to 100, e.g. 5 or 5%`);
  return n;
};

/** trajectory, saturation, codebook and sample; each imports its use case only when run. */
export function reportKindsB(ctx: CliContext): Command[] {
  const scoped = async <T>(ac: AppContext, load: (p: Project) => ReportScope, fn: (scope: ReportScope) => T): Promise<T> => {
    const { FOR_REPORT, withProject } = await import('../../app/project.js');
    return withProject(ac, (p) => fn(load(p)), FOR_REPORT);
  };

  const trajectory = withReportOptions(new Command('trajectory'))
    .description('per code and case, raised (●), not raised (–) or not interviewed (·) in each wave, with words; cases per wave')
    .action(reportAction(ctx, async ({ ctx: ac, load, format }) => {
      const { trajectoryReport, trajectoryView } = await import('../../app/reports/trajectory.js');
      const report = await scoped(ac, load, trajectoryReport);
      return trajectoryView(report, format === 'html' || format === 'svg' ? 'words' : format === 'csv' || format === 'xlsx' ? 'figures' : 'symbols');
    }));

  const saturation = withReportOptions(new Command('saturation'))
    .description('codes first seen per interview, cumulative, and thematic saturation (Guest, Namey & Chen 2020)')
    .option('--base <n>', 'interviews in the base (default 4)')
    .option('--run <n>', 'interviews in a run after the base (default 2)')
    .option('--threshold <pct>', 'new information, in % of the base, at or below which a run shows saturation (default 5)')
    .action(reportAction(ctx, async ({ ctx: ac, load, format }, f) => {
      const { saturationReport, saturationView } = await import('../../app/reports/saturation.js');
      const o = { base: wholeOption('--base', f.base, 1), run: wholeOption('--run', f.run, 1), threshold: percent('--threshold', f.threshold) };
      return saturationView(await scoped(ac, load, (scope) => saturationReport(scope, o)), format === 'html' || format === 'svg');
    }));

  const codebook = withReportOptions(new Command('codebook'))
    .description('the codebook as a methods appendix: definitions, cases, references, one example per code')
    .action(reportAction(ctx, async ({ ctx: ac, load }) => {
      const { codebookReport, codebookReportView } = await import('../../app/reports/codebook-report.js');
      return codebookReportView(await scoped(ac, load, codebookReport));
    }));

  const sample = withReportOptions(new Command('sample'))
    .description('participants and interviews: counts, attributes, interview length, and a sentence for the results section')
    .action(reportAction(ctx, async ({ ctx: ac, load }) => {
      const { sampleReport, sampleView } = await import('../../app/reports/sample.js');
      return sampleView(await scoped(ac, load, sampleReport));
    }));

  return [trajectory, saturation, codebook, sample];
}
