/**
 * CliContext: everything the CLI takes from the process, gathered once, so commands
 * can be run in-process by tests with their own streams and environment.
 */
import type { ChalkInstance } from 'chalk';
import { fstatSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface OutStream {
  /** Text, or the UTF-8 bytes of text cut at character boundaries. */
  write(chunk: string | Uint8Array): unknown;
}

export interface CliContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutStream;
  stderr: OutStream;
  stdin: NodeJS.ReadableStream;
  /** The terminal as a stream, for the interactive session's line editor (else stdout). */
  terminalOutput?: () => NodeJS.WritableStream;
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

/**
 * The context of the running process. Output goes straight to file descriptors 1 and 2, and
 * standard input is opened only when read: building process.stdin/stdout loads Node's stream,
 * net and tty modules, ~5 ms of every command (issue #12). Writes are synchronous, as
 * process.stdout's are on Linux for files, pipes and terminals alike.
 */
export function processContext(): CliContext {
  const stdoutIsTTY = isTerminal(1);
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: fdWriter(1),
    stderr: fdWriter(2),
    get stdin() {
      return process.stdin;
    },
    get stdinIsTTY() {
      return isTerminal(0);
    },
    terminalOutput: () => process.stdout,
    stdoutIsTTY,
    get stderrIsTTY() {
      return isTerminal(2);
    },
    columns: stdoutIsTTY ? process.stdout.columns : undefined,
    colour: false,
    chalk: NO_CHALK,
    debug: false,
  };
}

/**
 * Whether `fd` is a terminal. A pipe, a file or /dev/null never is: fstat says so without
 * loading node:tty.
 */
function isTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice() || stat.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    // No /dev/null (Windows): node:tty decides.
  }
  const tty = createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
  return tty.isatty(fd);
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes each chunk whole before returning. A reader that stops early (`qcode … | head`) is
 * not an error: qcode ends quietly with the exit code it had. A non-blocking descriptor that
 * is full (EAGAIN) is waited for.
 */
export function fdWriter(fd: number): OutStream {
  return {
    write(chunk: string | Uint8Array): boolean {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (let done = 0; done < bytes.length;) {
        try {
          done += writeSync(fd, bytes, done, bytes.length - done);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EAGAIN') Atomics.wait(PAUSE, 0, 0, 1);
          else if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
          else throw e;
        }
      }
      return true;
    },
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
