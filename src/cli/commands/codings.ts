import { Command } from 'commander';
import { basename, resolve } from 'node:path';
import type { CliContext } from '../context.js';
import { UsageError } from '../../core/errors.js';
import { chosenFormat, withBom, withOutputOptions, type OutputFlags } from '../output.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';

interface CodingsFlags extends OutputFlags {
  code?: string;
  source?: string;
  case?: string;
  coder?: string;
  tree?: boolean;
}

export function codingsCommand(ctx: CliContext): Command {
  return withOutputOptions(new Command('codings'))
    .description(summaryOf('codings'))
    .option('--code <name>', 'only this code')
    .option('--tree', 'with --code: include the codes under it')
    .option('--source <id>', 'only this source')
    .option('--case <id>', 'only this case')
    .option('--coder <name>', "only this coder's codings (default: every coder's)")
    .addHelpText('after', '\nExamples:\n  $ qcode codings --source 50002_T2\n  $ qcode codings --code "Self-care" --json')
    .action(async (f: CodingsFlags, cmd: Command) => {
      const { forEachCoding, writeCodingsJson, codingRow, CODING_COLUMNS } = await import('../../app/codings.js');
      const { rowWriter } = await import('../../format/row-writer.js');
      const { atomicWriter } = await import('../../io/atomic-write.js');
      // --coder here filters (commander hands it to the root command's global option).
      const { coder, ...base } = appContext(ctx, cmd);
      const filter = { code: f.code, source: f.source, case: f.case, coder: f.coder ?? coder, descendants: f.tree };
      if (f.format === 'xlsx' && f.json !== true) {
        // A workbook streamed as the rows are read: a listing of any size in little memory.
        if (f.out === undefined) throw new UsageError('--format xlsx writes a file: give --out FILE.xlsx');
        const { streamXlsx } = await import('../../format/xlsx.js');
        const name = basename(f.out).replace(/\.[^.]*$/, '');
        const out = atomicWriter(resolve(ctx.cwd, f.out));
        try {
          const book = streamXlsx({ title: name, sheet: name, columns: CODING_COLUMNS }, out.write);
          forEachCoding(base, filter, { passes: 1, row: (row) => book.row(codingRow(row)), endPass: () => {} });
          book.end();
          out.commit();
        } catch (e) {
          out.abort();
          throw e;
        }
        return;
      }
      const format = chosenFormat(f);
      // Written as the rows are read: a listing of any size in little memory.
      const file = f.out === undefined ? undefined : atomicWriter(resolve(ctx.cwd, f.out));
      if (file !== undefined && format === 'csv') file.write(withBom(f, '')); // as emit writes CSV to a file
      if (format === 'json') {
        // SQLite writes the elements: the same bytes as the row writer's, several times faster.
        try {
          writeCodingsJson(base, filter, file?.write ?? ((s) => ctx.stdout.write(s)));
          file?.commit();
        } catch (e) {
          file?.abort();
          throw e;
        }
        return;
      }
      const w = rowWriter(format, CODING_COLUMNS, file?.write ?? ((s) => ctx.stdout.write(s)), {
        width: file === undefined && ctx.stdoutIsTTY ? ctx.columns : undefined,
        header: file === undefined && ctx.colour ? (s) => ctx.chalk.bold(s) : undefined,
      });
      try {
        forEachCoding(base, filter, {
          passes: w.passes, row: (row) => w.row(codingRow(row), row), endPass: () => w.endPass(),
        });
        file?.commit();
      } catch (e) {
        file?.abort();
        throw e;
      }
    });
}
