import { Command, Option } from 'commander';
import type { ReportFilters, ReportScope } from '../../app/report-scope.js';
import type { Project } from '../../app/project.js';
import type { ReportFormat, ReportView } from '../../format/report.js';
import { UsageError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { withBom, writeBytes, writeChunks, writeText } from '../output.js';
import { appContext } from '../program.js';
import { reportKinds } from './report-kinds.js';
import { summaryOf } from '../command-list.js';

export interface ReportFlags {
  wave?: string;
  where?: string[];
  sources?: string;
  coder?: string;
  codes?: string;
  format?: string;
  json?: boolean;
  out?: string;
  [option: string]: unknown;
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** A whole-number option value of at least `min`, or a usage error naming the option. */
export function wholeOption(name: string, v: unknown, min = 0): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} ${String(v)}: give a whole number of at least ${min}`);
  return n;
}
const list = (v: string | undefined): string[] | undefined => (v === undefined ? undefined : v.split(',').map((x) => x.trim()).filter((x) => x !== ''));

/** The filters and output options every report kind takes. */
export function withReportOptions(cmd: Command): Command {
  return cmd
    .option('--wave <W,…>', 'only these waves, e.g. 1,3 or T1,T3')
    .option('--where <attr=value>', 'only cases with this attribute value (repeatable; all must hold)', collect)
    .option('--sources <pattern>', 'only sources whose id matches, e.g. "*_T1"')
    .option('--coder <C,…>', "only these coders' codings; all = every coder (default: the consensus coder when the project has one, else all coders, spans merged)")
    .option('--codes <name,…>', 'only these codes (a theme includes its descendants)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'md', 'csv', 'json', 'tex', 'html', 'svg', 'docx', 'xlsx']))
    .option('--json', 'short for --format json')
    .option('--out <file>', 'write to FILE instead of stdout');
}

export function filtersOf(f: ReportFlags, globalCoder: string | undefined): ReportFilters {
  return { waves: list(f.wave), where: f.where, sources: f.sources, coders: list(f.coder ?? globalCoder), codes: list(f.codes) };
}

export function formatOf(f: ReportFlags): ReportFormat {
  if (f.json === true && f.format !== undefined && f.format !== 'json') throw new UsageError(`--json and --format ${f.format} disagree`);
  return (f.json === true ? 'json' : f.format ?? 'table') as ReportFormat;
}

export async function emitReport(ctx: CliContext, f: ReportFlags, shown: ReportView): Promise<void> {
  const { renderReport, renderReportChunks } = await import('../../format/report.js');
  const columns = list(typeof f.columns === 'string' ? f.columns : undefined);
  const format = formatOf(f);
  // Charts come from the whole table, whatever columns are printed.
  const full = columns !== undefined && (format === 'html' || format === 'svg') ? { ...shown, figures: (await import('../../format/charts.js')).chartsOf(shown) } : shown;
  const chosen = columns === undefined ? full : (await import('../../format/columns.js')).selectColumns(full, columns);
  // --columns names every CSV column: the coders-in-scope column is then left out (other formats still state it).
  const view = columns !== undefined && format === 'csv' ? { ...chosen, coders: undefined } : chosen;
  if (format === 'docx' || format === 'xlsx') {
    const { renderReportFile } = await import('../../format/report-file.js');
    writeBytes(ctx, f, format, await renderReportFile(format, view));
    return;
  }
  const toFile = f.out !== undefined;
  const options = {
    width: !toFile && ctx.stdoutIsTTY ? ctx.columns : undefined,
    header: !toFile && ctx.colour ? (s: string) => ctx.chalk.bold(s) : undefined,
  };
  // A text table is written in pieces: a table held in columns stays the bytes it was written in.
  if (format === 'table') {
    writeChunks(ctx, f, renderReportChunks(format, view, options));
    return;
  }
  const text = renderReport(format, view, options);
  writeText(ctx, f, format === 'csv' ? withBom(f, text) : text);
}

export function reportCommand(ctx: CliContext): Command {
  const report = new Command('report')
    .description(summaryOf('report'))
    .addHelpText('after', `
Every report takes --wave, --where, --sources, --coder and --codes, and
--format table|md|csv|json|tex|html|svg|docx|xlsx (--json for short) and --out FILE
(docx and xlsx need --out).

Examples:
  $ qcode report                                   # themes, ranked by frequency
  $ qcode report themes --sort intensity --quotes 2 --format md --out themes.md
  $ qcode report matrix --by attr:gender --measure cases
  $ qcode report quotes "Self-care" --per-case 1 --format md`);
  for (const kind of reportKinds(ctx)) report.addCommand(kind, kind.name() === 'themes' ? { isDefault: true } : undefined);
  return report;
}

/** `--columns` for the kinds whose table a manuscript prints in part. */
export function withColumnsOption(cmd: Command, example: string): Command {
  return cmd.option('--columns <key,…>', `only these columns, in this order (default: all), e.g. ${example}; json keeps everything`);
}

export interface ReportBuild {
  ctx: ReturnType<typeof appContext>;
  filters: ReportFilters;
  format: ReportFormat;
  /** Loads the scope of the filters; the report then states the coders it counted. */
  load: (p: Project) => ReportScope;
}

/** Runs a report kind's use case on the scope of the flags, and writes the view it returns. */
export function reportAction(ctx: CliContext, build: (b: ReportBuild, f: ReportFlags, args: string[]) => Promise<ReportView | null>) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const f = args[args.length - 2] as ReportFlags;
    const positional = args.slice(0, -2).flat() as string[];
    const ac = appContext(ctx, cmd);
    const filters = filtersOf(f, ac.coder);
    const { loadScope } = await import('../../app/report-scope.js');
    const { stateCoders } = await import('../../app/coders-in-scope.js');
    let scope: ReportScope | undefined;
    const load = (p: Project): ReportScope => (scope = loadScope(p, filters));
    const view = await build({ ctx: { ...ac, coder: undefined }, filters, format: formatOf(f), load }, f, positional);
    // null: the kind wrote its report itself, row by row (report-stream.ts).
    if (view === null) return;
    await emitReport(ctx, f, scope === undefined || view.coders !== undefined ? view : stateCoders(view, scope));
  };
}
