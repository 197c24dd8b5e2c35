import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { reportAction, wholeOption, withColumnsOption, withReportOptions } from './report.js';


/** matrix, cooccurrence, quotes and framework; each imports its use case only when run. */
export function reportKindsA(ctx: CliContext): Command[] {
  const matrix = withColumnsOption(withReportOptions(new Command('matrix')), 'code,T1,T3,total (keys or headers)')
    .description('codes × cases, waves, sources or attribute values; cells: references, cases, words, coverage or presence, with totals')
    .option('--by <column>', 'columns: case, wave, source or attr:NAME', 'case')
    .addOption(new Option('--measure <figure>', 'what a cell counts').choices(['references', 'cases', 'words', 'coverage', 'presence']).default('references'))
    .action(reportAction(ctx, async ({ ctx: ac, load }, f) => {
      const { FOR_REPORT, withProject } = await import('../../app/project.js');
      const { matrixReport, matrixView } = await import('../../app/reports/matrix.js');
      const report = withProject(ac, (p) => matrixReport(load(p), { by: f.by as string, measure: f.measure as 'references' }), FOR_REPORT);
      return matrixView(report);
    }));

  const cooccurrence = withReportOptions(new Command('cooccurrence'))
    .description('code × code: places, turns or sources where two codes meet, with the Jaccard coefficient')
    .addOption(new Option('--within <unit>', 'where two codes meet').choices(['overlap', 'turn', 'source']).default('overlap'))
    .action(reportAction(ctx, async ({ ctx: ac, load, format }, f) => {
      const { FOR_REPORT, withProject } = await import('../../app/project.js');
      const { cooccurrenceReport, cooccurrenceView } = await import('../../app/reports/cooccurrence.js');
      const report = withProject(ac, (p) => cooccurrenceReport(load(p), { within: f.within as 'overlap' }), FOR_REPORT);
      // Excel gets the pairs with their numbers, as csv does.
      return cooccurrenceView(report, format === 'xlsx' ? 'csv' : format);
    }));

  const quotes = withColumnsOption(withReportOptions(new Command('quotes')), 'code,case,wave,text')
    .description('quote bank: every coded passage of the codes, verbatim participant talk, by case, with case, wave, source and lines')
    .argument('<code...>', 'codes (a theme includes its sub-codes)')
    .option('--per-case <n>', 'only the first N passages of each case')
    .option('--min-words <n>', 'only passages of at least N participant words')
    .option('--max <n>', 'at most N passages per code')
    .action(reportAction(ctx, async ({ ctx: ac, load, format }, f, names) => {
      const { FOR_REPORT, withProject } = await import('../../app/project.js');
      const { projectPassageTexts, quotesReport, quotesView } = await import('../../app/reports/quotes.js');
      const o = { perCase: wholeOption('--per-case', f.perCase, 1), minWords: wholeOption('--min-words', f.minWords), max: wholeOption('--max', f.max, 1) };
      const report = withProject(ac, (p) => {
        const scope = load(p);
        return quotesReport(scope, names, o, projectPassageTexts(p, scope));
      }, FOR_REPORT);
      return quotesView(report, format);
    }));

  const framework = withReportOptions(new Command('framework'))
    .description('framework matrix: cases × codes, cells holding each case’s coded passages (or, with --memos, its memos)')
    .option('--depth <n>', 'only codes this many levels down (1 = top-level themes)')
    .option('--memos', 'memos on the case and code instead of passages')
    .action(reportAction(ctx, async ({ ctx: ac, load, filters, format }, f) => {
      const { FOR_REPORT, withProject } = await import('../../app/project.js');
      const { frameworkMemos, frameworkReport, frameworkRows, frameworkView, frameworkViewRow } = await import('../../app/reports/framework.js');
      const { projectPassageTexts } = await import('../../app/reports/quotes.js');
      const { namedCoders, stateCoders, stateMemoAuthors } = await import('../../app/coders-in-scope.js');
      const levels = wholeOption('--depth', f.depth, 1);
      const { isStreamed, streamReport } = await import('./report-stream.js');
      if (f.memos !== true && isStreamed(format)) {
        // Every coded passage: written case by case, in little memory at any size.
        withProject(ac, (p) => {
          const scope = load(p);
          const matrix = frameworkRows(scope, { levels, texts: projectPassageTexts(p, scope) });
          const view = stateCoders(frameworkView({ content: 'passages', codes: matrix.codes, rows: [] }), scope);
          // JSON writes the rows' data; the other formats only their table cells.
          streamReport(ctx, f, format, view, 'rows', format === 'json'
            ? (onRow, from) => matrix.forEachRow((row) => onRow(frameworkViewRow(matrix.codes, row), row), from)
            : (onRow, from) => matrix.forEachViewRow((cells) => onRow(cells, undefined), from));
        }, FOR_REPORT);
        return null;
      }
      const report = withProject(ac, (p) => {
        const scope = load(p);
        return frameworkReport(scope, {
          levels, memos: f.memos === true ? frameworkMemos(p, namedCoders(filters.coders)) : undefined, texts: projectPassageTexts(p, scope),
        });
      }, FOR_REPORT);
      return f.memos === true ? stateMemoAuthors(frameworkView(report), filters.coders) : frameworkView(report);
    }));

  return [matrix, cooccurrence, quotes, framework];
}
