/**
 * The one place that turns outcomes into exit codes (STYLE.md §4): 0 success, 1 a gate
 * the user asked for failed, 2 usage, input or internal error.
 */
import { CommanderError } from 'commander';
import { escapeControls } from '../core/control-chars.js';
import { QcodeError } from '../core/errors.js';
import { processContext, type CliContext } from './context.js';
import { buildProgram } from './program.js';
import { checkSubcommand } from './did-you-mean.js';

/** bin/qcode.js asks a one-command bundle which command argv runs (it must be that one). */
export { invokedCommand } from './program.js';

export const EXIT_OK = 0;
export const EXIT_GATE = 1;
export const EXIT_ERROR = 2;

/** Runs qcode with `argv` (without node and script) and returns the exit code. */
export async function run(rawArgv: readonly string[], ctx: CliContext): Promise<number> {
  // `qcode help tag` is `qcode tag --help`.
  const argv = rawArgv[0] === 'help' && rawArgv[1] !== undefined ? [...rawArgv.slice(1), '--help'] : rawArgv;
  ctx.debug = argv.includes('--debug');
  try {
    const program = await buildProgram(ctx, argv);
    checkSubcommand(program, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    return report(e, ctx);
  }
}

function report(e: unknown, ctx: CliContext): number {
  const red = (s: string): string => (ctx.colour ? ctx.chalk.red(s) : s);
  if (e instanceof CommanderError) {
    // Commander has already printed its own message (or the help) to stderr.
    return e.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
  }
  if (e instanceof QcodeError) {
    const hint = e.hint === undefined ? '' : ` (${e.hint})`;
    // Messages name files and values from the user's data: never let a control character
    // in them (a newline, ESC) reach the terminal raw or break the one-line message.
    ctx.stderr.write(`${red('qcode:')} ${escapeControls(e.message + hint)}\n`);
    if (ctx.debug && e.stack !== undefined) ctx.stderr.write(`${e.stack}\n`);
    return e.kind === 'gate' ? EXIT_GATE : EXIT_ERROR;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  ctx.stderr.write(`${red('qcode:')} internal error: ${escapeControls(err.message)} — this is a bug in qcode; please report it (run again with --debug for details)\n`);
  if (ctx.debug && err.stack !== undefined) ctx.stderr.write(`${err.stack}\n`);
  return EXIT_ERROR;
}

/** Entry point of bin/qcode.js. */
export async function main(): Promise<void> {
  const code = await run(process.argv.slice(2), processContext());
  process.exitCode = code;
}
