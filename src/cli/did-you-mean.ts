/**
 * "Did you mean" for a misspelt subcommand (`qcode report themse`, `qcode codebook lst`).
 * Commander suggests top-level commands itself, but a word after a command that has
 * subcommands would otherwise reach the default subcommand as a stray argument
 * ("too many arguments for 'themes'").
 */
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { nearestNames } from '../core/nearest.js';

const VALUE_OPTIONS = new Set(['--project', '--coder']);

/** Throws a usage error naming the nearest subcommands when argv's second word is not one. */
export function checkSubcommand(program: Command, argv: readonly string[]): void {
  let i = 0;
  while (i < argv.length && argv[i]!.startsWith('-')) i += VALUE_OPTIONS.has(argv[i]!) ? 2 : 1;
  const cmd = program.commands.find((c) => c.name() === argv[i] || c.aliases().includes(argv[i]!));
  const word = argv[i + 1];
  if (cmd === undefined || word === undefined || word.startsWith('-') || word === 'help') return;
  const subs = cmd.commands;
  // Only where the word cannot be an argument: the command itself takes none.
  if (subs.length === 0 || cmd.registeredArguments.length > 0) return;
  const names = subs.flatMap((s) => [s.name(), ...s.aliases()]);
  if (names.includes(word)) return;
  const what = cmd.name() === 'report' ? 'report kind' : `${cmd.name()} command`;
  const near = nearestNames(word, subs.map((s) => s.name()));
  throw new UsageError(`unknown ${what} "${word}"`, {
    code: 'E_UNKNOWN_COMMAND',
    hint: near.length > 0 ? `did you mean ${near.join(', ')}?` : `qcode ${cmd.name()} --help lists them: ${subs.map((s) => s.name()).join(', ')}`,
  });
}
