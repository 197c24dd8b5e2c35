import { Command } from 'commander';
import type { SourceMetadataResult } from '../../app/source-metadata.js';
import { UsageError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { emit, withOutputOptions, type OutputFlags } from '../output.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';
import { renderJson } from '../../format/json.js';

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

interface SetFlags { date?: string; duration?: string; interviewer?: string; meta?: string[]; dryRun?: boolean; json?: boolean }

export function sourcesCommand(ctx: CliContext): Command {
  const sources = withOutputOptions(new Command('sources'))
    .description(summaryOf('sources'))
    .addHelpText('after', '\nExamples:\n  $ qcode sources\n  $ qcode sources --json\n  $ qcode sources set 50001_T1 --date 2024-03-12 --duration 58\n  $ qcode sources import interviews.csv --dry-run')
    .action(async (flags: OutputFlags, cmd: Command) => {
      const { listSources, sourcesTable } = await import('../../app/sources.js');
      const rows = listSources(appContext(ctx, cmd));
      await emit(ctx, flags, sourcesTable(rows), rows);
    });
  sources
    .command('set')
    .description('set the date, duration, interviewer or other metadata of sources (kept over later ingests; "" clears a value)')
    .argument('<ids...>', 'source ids')
    .option('--date <YYYY-MM-DD>', 'the interview date')
    .option('--duration <minutes>', 'the interview length: minutes, or 1h 5m, 01:05:30, PT1H5M')
    .option('--interviewer <name>', "the interviewer's speaker label in these sources (their talk becomes interviewer talk)")
    .option('--meta <key=value>', 'any other field (repeatable)', collect)
    .option('--dry-run', 'show what would change, change nothing')
    .option('--json', 'the result as JSON')
    .action(async (ids: string[], f: SetFlags, cmd: Command) => {
      const { setSourceMetadata } = await import('../../app/source-metadata.js');
      const values: Record<string, string | null> = {};
      const put = (k: string, v: string | undefined): void => {
        if (v !== undefined) values[k] = v.trim() === '' ? null : v.trim();
      };
      put('date', f.date);
      put('duration', f.duration);
      put('interviewer', f.interviewer);
      for (const m of f.meta ?? []) {
        const eq = m.indexOf('=');
        if (eq <= 0) throw new UsageError(`--meta ${m}: expected key=value, e.g. --meta location=ward 3`);
        put(m.slice(0, eq).trim(), m.slice(eq + 1));
      }
      report(ctx, cmd, setSourceMetadata(appContext(ctx, cmd), ids, values, { dryRun: f.dryRun }));
    });
  sources
    .command('import')
    .description('set source metadata from a CSV or YAML file with a "source" column (date, duration, interviewer, any other field); adds and updates, never clears')
    .argument('<file>', 'a .csv or .yaml file')
    .option('--dry-run', 'show what would change, change nothing')
    .option('--json', 'the result as JSON')
    .action(async (file: string, f: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const { importSourceMetadata } = await import('../../app/source-metadata.js');
      report(ctx, cmd, importSourceMetadata(appContext(ctx, cmd), file, { dryRun: f.dryRun }));
    });
  return sources;
}

function report(ctx: CliContext, cmd: Command, r: SourceMetadataResult): void {
  // --json may land on `sources` itself (commander reads a parent's options anywhere).
  if ((cmd.optsWithGlobals() as { json?: boolean }).json === true) {
    ctx.stdout.write(renderJson(r));
    return;
  }
  const out = [`${r.dryRun ? 'dry run: nothing was written\nwould change' : 'changed'} ${r.changes.length} value(s) of ${r.sources} source(s)`];
  for (const c of r.changes) out.push(`  ${c.source} ${c.key}: ${c.from ?? '—'} → ${c.to ?? '—'}`);
  if (r.reattributed.length > 0) out.push(`interviewer changed: talk re-attributed in ${r.reattributed.join(', ')}`);
  ctx.stdout.write(out.join('\n') + '\n');
}
