/**
 * CliContext: everything the CLI takes from the process, gathered once, so commands
 * can be run in-process by tests with their own streams and environment.
 */
import type { ChalkInstance } from 'chalk';

export interface OutStream {
  write(chunk: string): unknown;
}

export interface CliContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutStream;
  stderr: OutStream;
  stdin: NodeJS.ReadableStream;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width when stdout is a terminal. */
  columns: number | undefined;
  /** Decided once (STYLE.md §8); set by `decideColour` after option parsing. */
  colour: boolean;
  chalk: ChalkInstance;
  debug: boolean;
}

/** The context of the running process. */
export function processContext(): CliContext {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    colour: false,
    chalk: NO_CHALK,
    debug: false,
  };
}

/**
 * Stands in for chalk while colour is off, so that chalk (≈20 ms to load) is imported only
 * when something will be coloured. Callers colour only when `ctx.colour` is true.
 */
export const NO_CHALK: ChalkInstance = new Proxy(function plain(...text: unknown[]): string {
  return text.join(' ');
}, { get: (_target, prop) => (prop === 'level' ? 0 : NO_CHALK) }) as unknown as ChalkInstance;

/**
 * Colour from `--no-color`, `NO_COLOR`, `FORCE_COLOR` and whether stdout is a terminal,
 * in that order of precedence (chalk alone ignores NO_COLOR).
 */
export async function decideColour(ctx: CliContext, flag: boolean | undefined): Promise<void> {
  let on: boolean;
  if (flag === false) on = false;
  else if (ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== '') on = false;
  else if (ctx.env.FORCE_COLOR !== undefined) on = ctx.env.FORCE_COLOR !== '0' && ctx.env.FORCE_COLOR !== 'false';
  else on = ctx.stdoutIsTTY;
  ctx.colour = on;
  if (on) {
    const { Chalk } = await import('chalk');
    ctx.chalk = new Chalk({ level: 1 });
  } else {
    ctx.chalk = NO_CHALK;
  }
}
