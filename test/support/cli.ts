/** Running qcode in-process (fast) or as a child process (end to end). */
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { NO_CHALK } from '../../src/cli/context.js';
import type { CliContext } from '../../src/cli/context.js';
import { run } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with captured streams and no terminal. */
export async function runCli(argv: string[], options: { cwd: string; env?: Record<string, string>; stdin?: string; tty?: boolean; columns?: number }): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    cwd: options.cwd,
    env: { NO_COLOR: '1', ...options.env },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([options.stdin ?? '']),
    stdinIsTTY: false,
    stdoutIsTTY: options.tty === true,
    stderrIsTTY: options.tty === true,
    columns: options.tty === true ? options.columns ?? 100 : undefined,
    colour: false,
    chalk: NO_CHALK,
    debug: false,
  };
  const code = await run(argv, ctx);
  return { code, stdout, stderr };
}

export const BIN = fileURLToPath(new URL('../../bin/qcode.js', import.meta.url));

/** Spawns bin/qcode.js (which runs the built dist/) with NO_COLOR=1. */
export function spawnQcode(argv: string[], options: { cwd: string; env?: Record<string, string>; input?: string }): CliResult {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('QCODE_')) env[k] = v;
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: options.cwd,
    env: { ...env, NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
