/**
 * Output options shared by listings and reports, and writing the result to stdout or
 * `--out FILE`.
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../core/errors.js';
import type { OutputFormat, TableData } from '../format/table-shape.js';
import { render } from '../format/render.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { CliContext } from './context.js';
import { basename, resolve } from 'node:path';

export interface OutputFlags {
  format?: string;
  json?: boolean;
  out?: string;
}

export const LISTING_FORMATS: string[] = ['table', 'json', 'csv', 'md', 'xlsx'];

/** Adds `--format`, `--json` and `--out` to a command. */
export function withOutputOptions(cmd: Command, formats: readonly string[] = LISTING_FORMATS): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format').choices(formats as string[]))
    .option('--json', 'short for --format json')
    .option('--out <file>', 'write the output to FILE instead of stdout');
}

export function chosenFormat(flags: OutputFlags): OutputFormat {
  if (flags.json === true && flags.format !== undefined && flags.format !== 'json') {
    throw new UsageError(`--json and --format ${flags.format} disagree`, { hint: 'give one of them' });
  }
  return (flags.json === true ? 'json' : flags.format ?? 'table') as OutputFormat;
}

/** Renders `table`/`data` as the flags ask and writes it where they say. */
export async function emit(ctx: CliContext, flags: OutputFlags, table: TableData, data: unknown): Promise<void> {
  if (flags.format === 'xlsx' && flags.json !== true) {
    const { renderXlsx } = await import('../format/xlsx.js');
    const name = flags.out === undefined ? 'qcode' : basename(flags.out).replace(/\.[^.]*$/, '');
    writeBytes(ctx, flags, 'xlsx', renderXlsx({ title: name, sheets: [{ name, table }] }));
    return;
  }
  const format = chosenFormat(flags);
  const toFile = flags.out !== undefined;
  const text = render(format, table, data, {
    width: !toFile && ctx.stdoutIsTTY ? ctx.columns : undefined,
    header: !toFile && ctx.colour ? (s) => ctx.chalk.bold(s) : undefined,
  });
  writeText(ctx, flags, format === 'csv' ? withBom(flags, text) : text);
}

/**
 * CSV written to a file starts with a UTF-8 byte order mark: without it Excel on Windows
 * reads UTF-8 as the ANSI code page and garbles curly quotes and accents (’ becomes â€™).
 * qcode's own readers, pandas (utf-8-sig), R and LibreOffice skip it. Stdout gets none, for
 * pipes into other tools.
 */
export function withBom(flags: OutputFlags, text: string): string {
  return flags.out === undefined ? text : `\ufeff${text}`;
}

/** Writes finished text to `--out` (atomically) or stdout. */
export function writeText(ctx: CliContext, flags: OutputFlags, text: string): void {
  if (flags.out !== undefined) writeFileAtomic(resolve(ctx.cwd, flags.out), text);
  else ctx.stdout.write(text);
}

/** Writes output in pieces (text, or the UTF-8 bytes of text) to `--out` (atomically, one file) or stdout, in order. */
export function writeChunks(ctx: CliContext, flags: OutputFlags, chunks: readonly (string | Uint8Array)[]): void {
  if (flags.out === undefined) {
    for (const c of chunks) ctx.stdout.write(c);
    return;
  }
  const bytes = Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
  writeFileAtomic(resolve(ctx.cwd, flags.out), bytes);
}

/** Writes a binary file (docx, xlsx) to `--out`; refused without it, as it is not text for a terminal or pipe. */
export function writeBytes(ctx: CliContext, flags: OutputFlags, format: string, bytes: Uint8Array): void {
  if (flags.out === undefined) throw new UsageError(`--format ${format} writes a file: give --out FILE.${format}`);
  writeFileAtomic(resolve(ctx.cwd, flags.out), bytes);
}
