/**
 * The root command: global options, and one `addCommand` per command file.
 */
import { Command } from 'commander';
import type { AppContext } from '../app/context.js';
import { decideColour, type CliContext } from './context.js';
import { casesCommand } from './commands/cases.js';
import { ingestCommand } from './commands/ingest.js';
import { initCommand } from './commands/init.js';
import { showCommand } from './commands/show.js';
import { sourcesCommand } from './commands/sources.js';
import { codebookCommand } from './commands/codebook.js';
import { tagCommand } from './commands/tag.js';
import { untagCommand } from './commands/untag.js';
import { codingsCommand } from './commands/codings.js';
import { memoCommand } from './commands/memo.js';
import { checkCommand } from './commands/check.js';
import { autocodeCommand } from './commands/autocode.js';
import { codeCommand } from './commands/code.js';
import { reportCommand } from './commands/report.js';
import { mergeCommand } from './commands/merge.js';
import { adoptCommand } from './commands/adopt.js';
import { irrCommand } from './commands/irr.js';
import { qcodeVersion } from './version.js';

export interface GlobalFlags {
  project?: string;
  coder?: string;
  color?: boolean;
  debug?: boolean;
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('qcode')
    .description('Qualitative coding of interview transcripts: ingest, code, compare and report, in one SQLite file.')
    .version(qcodeVersion(), '-V, --version', 'print the version')
    .option('--project <path>', 'the project folder (or its qcode.db); default: QCODE_PROJECT, else this folder or the nearest parent with a qcode.db')
    .option('--coder <name>', 'who is coding (default: QCODE_CODER, else git user.name, else your user name)')
    .option('--no-color', 'never colour the output (also: NO_COLOR=1)')
    .option('--debug', 'print stack traces of errors')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .hook('preAction', (root) => decideColour(ctx, (root.opts() as GlobalFlags).color));
  program.addHelpText('after', `
Start a project, bring in transcripts and look at them:
  $ qcode init
  $ qcode ingest interviews/ --name-pattern "{case}_T{wave}" --cases participants.csv
  $ qcode sources
  $ qcode show 50002_T1 --turns`);
  for (const make of [initCommand, ingestCommand, sourcesCommand, casesCommand, showCommand, codebookCommand, tagCommand, untagCommand, codingsCommand, memoCommand, checkCommand, autocodeCommand, codeCommand, reportCommand, mergeCommand, adoptCommand, irrCommand]) {
    program.addCommand(adapt(make(ctx), ctx));
  }
  return program;
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
  return { cwd: ctx.cwd, env: ctx.env, project: flags.project, coder: flags.coder };
}
