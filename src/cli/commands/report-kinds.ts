import { Command, Option } from 'commander';
import type { RankKey } from '../../core/ranking.js';
import type { CliContext } from '../context.js';
import { reportAction, wholeOption, withColumnsOption, withReportOptions, type ReportFlags } from './report.js';
import { reportKindsA } from './report-kinds-a.js';
import { reportKindsB } from './report-kinds-b.js';
import { reportKindsC } from './report-kinds-c.js';


/** One command per report kind; each imports its use case only when run. */
export function reportKinds(ctx: CliContext): Command[] {
  const themes = withColumnsOption(withReportOptions(new Command('themes')), 'code,cases,casesPct,quote')
    .description('one row per code: cases (n, %), sources, references, words, coverage, words per case, ranks; exemplar quotes')
    .addOption(new Option('--sort <key>', 'order of siblings').choices(['frequency', 'intensity', 'references', 'words', 'name']).default('frequency'))
    .option('--quotes <n>', 'exemplar quotes per code (default: 1 in table and md, 3 in json, 0 in csv)')
    .option('--min-cases <n>', 'hide codes raised by fewer cases')
    .action(reportAction(ctx, async ({ ctx: ac, load, format }, f) => {
      const { FOR_REPORT, withProject } = await import('../../app/project.js');
      const { themesReport, themesView } = await import('../../app/reports/themes.js');
      const quoteColumn = typeof f.columns === 'string' && f.columns.split(',').some((c) => c.trim() === 'quote');
      const quotes = wholeOption('--quotes', f.quotes) ?? (format === 'json' ? 3 : format === 'csv' && !quoteColumn ? 0 : 1);
      const report = withProject(ac, (p) => themesReport(load(p), { sort: f.sort as RankKey, quotes, minCases: wholeOption('--min-cases', f.minCases) }), FOR_REPORT);
      return themesView(report, quotes > 0);
    }));
  return [themes, ...reportKindsA(ctx), ...reportKindsB(ctx), ...reportKindsC(ctx)];
}

export type { ReportFlags };
