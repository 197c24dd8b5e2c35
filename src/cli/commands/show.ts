import { Command } from 'commander';
import type { ShownSource } from '../../app/show.js';
import { parseRange } from '../../core/range.js';
import { renderShownSource } from '../../format/show-view.js';
import { UsageError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { emit, withOutputOptions, writeText, chosenFormat, type OutputFlags } from '../output.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';

interface ShowFlags extends OutputFlags {
  lines?: string;
  turns?: boolean;
  width?: string;
  codes?: boolean;
  stripes?: boolean;
  code?: string;
}

export function showCommand(ctx: CliContext): Command {
  return withOutputOptions(new Command('show'))
    .description(summaryOf('show'))
    .argument('<source>', 'source id (see qcode sources)')
    .option('--lines <A-B>', 'only these lines, e.g. 10-40')
    .option('--turns', 'show turn numbers and speakers beside the lines')
    .option('--width <n>', 'wrap long lines at this width (default: the terminal width; no wrapping in pipes)')
    .option('--codes', 'name the codes covering each line after it (instead of stripes)')
    .option('--no-stripes', 'leave out the coding stripes')
    .option('--code <name>', 'stripes of this code (and the codes under it) only')
    .addHelpText('after', `
Coding stripes: beside each line, one column per code that covers part of it (numbered,
coloured on a terminal; a legend follows). --coder NAME shows one coder's codings only.

Examples:
  $ qcode show 50002_T1
  $ qcode show 50002_T1 --turns --lines 20-60
  $ qcode show 50002_T1 --codes --coder ana
  $ qcode show 50002_T1 --json`)
    .action(async (id: string, flags: ShowFlags, cmd: Command) => {
      const { showSource } = await import('../../app/show.js');
      const ac = appContext(ctx, cmd);
      const shown = showSource(ac, id, flags.lines === undefined ? undefined : parseRange(flags.lines, '--lines'), { coder: ac.coder, code: flags.code });
      if (chosenFormat(flags) === 'table') {
        const stripes = flags.stripes === false ? 'none' : flags.codes === true ? 'names' : 'bars';
        writeText(ctx, flags, renderShownSource(shown, { turns: flags.turns === true, stripes, width: widthOf(ctx, flags), chalk: ctx.colour ? ctx.chalk : undefined }));
      } else {
        await emit(ctx, flags, linesTable(shown), shown);
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
      { key: 'codes', header: 'codes' },
    ],
    rows: shown.lines.map((l) => ({ line: l.line, turn: l.turn, speaker: l.speaker, role: l.role, text: l.text, codes: l.codes.join('; ') })),
  };
}
