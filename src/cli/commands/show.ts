import { Command } from 'commander';
import type { ShownSource } from '../../app/show.js';
import { parseRange } from '../../core/range.js';
import { renderShownSource } from '../../format/show-view.js';
import { UsageError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { emit, withOutputOptions, writeText, chosenFormat, type OutputFlags } from '../output.js';
import { appContext } from '../program.js';

interface ShowFlags extends OutputFlags {
  lines?: string;
  turns?: boolean;
  width?: string;
}

export function showCommand(ctx: CliContext): Command {
  return withOutputOptions(new Command('show'))
    .description('print a source\'s normalised text with line numbers (and turn numbers), as tag --lines/--turns count them')
    .argument('<source>', 'source id (see qcode sources)')
    .option('--lines <A-B>', 'only these lines, e.g. 10-40')
    .option('--turns', 'show turn numbers and speakers beside the lines')
    .option('--width <n>', 'wrap long lines at this width (default: the terminal width; no wrapping in pipes)')
    .addHelpText('after', '\nExamples:\n  $ qcode show 50002_T1\n  $ qcode show 50002_T1 --turns --lines 20-60\n  $ qcode show 50002_T1 --json')
    .action(async (id: string, flags: ShowFlags, cmd: Command) => {
      const { showSource } = await import('../../app/show.js');
      const shown = showSource(appContext(ctx, cmd), id, flags.lines === undefined ? undefined : parseRange(flags.lines, '--lines'));
      if (chosenFormat(flags) === 'table') {
        writeText(ctx, flags, renderShownSource(shown, { turns: flags.turns === true, width: widthOf(ctx, flags), chalk: ctx.colour ? ctx.chalk : undefined }));
      } else {
        emit(ctx, flags, linesTable(shown), shown);
      }
    });
}

function widthOf(ctx: CliContext, flags: ShowFlags): number | undefined {
  if (flags.width !== undefined) {
    const w = Number(flags.width);
    if (!Number.isInteger(w) || w < 20) throw new UsageError(`--width ${flags.width}: give a whole number of at least 20`);
    return w;
  }
  return flags.out === undefined && ctx.stdoutIsTTY ? ctx.columns : undefined;
}

function linesTable(shown: ShownSource) {
  return {
    columns: [
      { key: 'line', header: 'line', align: 'right' as const },
      { key: 'turn', header: 'turn', align: 'right' as const },
      { key: 'speaker', header: 'speaker' },
      { key: 'role', header: 'role' },
      { key: 'text', header: 'text' },
    ],
    rows: shown.lines.map((l) => ({ line: l.line, turn: l.turn, speaker: l.speaker, role: l.role, text: l.text })),
  };
}
