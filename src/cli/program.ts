/**
 * The root command: global options, and the commands of command-list.ts — the one being
 * run fully loaded, the others as name and summary for the help.
 */
import { Command } from 'commander';
import type { AppContext } from '../app/context.js';
import { COMMANDS } from './command-list.js';
import { decideColour, type CliContext } from './context.js';
import { qcodeVersion } from './version.js';

export interface GlobalFlags {
  project?: string;
  coder?: string;
  color?: boolean;
  debug?: boolean;
}

/** Global options that take a value (to find the command name in argv). */
const VALUE_OPTIONS = new Set(['--project', '--coder']);

/** The command argv asks for (`help X` asks for X), or undefined. */
export function invokedCommand(argv: readonly string[]): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    words.push(a);
  }
  return words[0] === 'help' ? words[1] : words[0];
}

export async function buildProgram(ctx: CliContext, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('qcode')
    .description('Qualitative coding of interview transcripts: ingest, code, compare and report, in one SQLite file.')
    .version(qcodeVersion(), '-V, --version', 'print the version')
    .option('--project <path>', 'the project folder (or its qcode.db); default: QCODE_PROJECT, else this folder or the nearest parent with a qcode.db')
    .option('--coder <name>', 'who is coding (default: QCODE_CODER, else git user.name, else your user name); in listings and reports: whose codings')
    .option('--no-color', 'never colour the output (also: NO_COLOR=1)')
    .option('--debug', 'print stack traces of errors')
    .hook('preAction', (root) => decideColour(ctx, (root.opts() as GlobalFlags).color));
  program.addHelpText('after', `
Start a project, bring in transcripts, code them and report:
  $ qcode init
  $ qcode ingest interviews/ --name-pattern "{case}_T{wave}" --cases participants.csv
  $ qcode show 50002_T1 --turns
  $ qcode tag "Self-care" 50002_T1 --turns 7 --new
  $ qcode report themes --format md --out themes.md`);
  const wanted = invokedCommand(argv);
  // The other commands matter only to the overall help and to "did you mean" for a command
  // that does not exist; skipping them saves `qcode tag` a few milliseconds.
  const known = COMMANDS.some((entry) => entry.name === wanted);
  for (const entry of COMMANDS) {
    if (entry.name === wanted) program.addCommand((await entry.load())(ctx));
    else if (!known) program.addCommand(new Command(entry.name).description(entry.summary));
  }
  return adapt(program, ctx);
}

/** Commands added with addCommand do not inherit these settings: give them to the whole tree. */
function adapt(cmd: Command, ctx: CliContext): Command {
  cmd.exitOverride().showSuggestionAfterError(true).configureOutput({
    writeOut: (s) => ctx.stdout.write(s),
    writeErr: (s) => ctx.stderr.write(s),
  });
  for (const sub of cmd.commands) adapt(sub, ctx);
  return cmd;
}

/** The app context of a command: working folder, environment and `--project`. */
export function appContext(ctx: CliContext, cmd: Command): AppContext {
  const flags = cmd.optsWithGlobals() as GlobalFlags;
  return {
    cwd: ctx.cwd, env: ctx.env, project: flags.project, coder: flags.coder,
    onNotice: (message) => void ctx.stderr.write(`qcode: ${message}\n`),
  };
}
