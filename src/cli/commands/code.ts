import { Command } from 'commander';
import { createInterface } from 'node:readline';
import type { CodingSession, UnitView } from '../../app/coding-session.js';
import { QcodeError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';
import { wrap } from '../../format/text-table.js';

const HELP = `commands:
  code, code, …      apply codes to this turn (Tab completes; +name creates a new code)
  -code, …           remove your coding of that code from this turn
  Enter or n         next turn          p      previous turn        g N    go to turn N
  s "part" code, …   code only the quoted part of this turn
  m text             write a memo on this turn
  u                  undo your last coding of this session
  ?                  this help          q      quit (everything is already saved)`;

export function codeCommand(ctx: CliContext): Command {
  return new Command('code')
    .description(summaryOf('code'))
    .argument('<source>', 'source id')
    .option('--all-turns', 'include interviewer turns')
    .addHelpText('after', `\n${HELP}\n\nThe session resumes where you left off. With stdin piped, it reads one command per line:\n  $ printf 'Self-care\\n\\n+Crying\\nq\\n' | qcode code 50002_T2`)
    .action(async (source: string, f: { allTurns?: boolean }, cmd: Command) => {
      const { CodingSession } = await import('../../app/coding-session.js');
      const session = new CodingSession(appContext(ctx, cmd), source, { allTurns: f.allTurns });
      try {
        await loop(ctx, session);
      } finally {
        session.close();
      }
    });
}

async function loop(ctx: CliContext, s: CodingSession): Promise<void> {
  const tty = ctx.stdinIsTTY && ctx.stdoutIsTTY;
  const out = (line: string): void => void ctx.stdout.write(`${line}\n`);
  const rl = createInterface({
    input: ctx.stdin,
    output: tty ? (ctx.terminalOutput?.() ?? (ctx.stdout as NodeJS.WritableStream)) : undefined,
    terminal: tty,
    completer: (line: string) => complete(s, line),
  });
  out(`coding ${s.source} as ${s.coder}${s.resumed ? ' (resuming where you left off)' : ''}; ? for help`);
  show(ctx, out, s.current());
  const prompt = (): void => {
    if (tty) rl.prompt();
  };
  rl.setPrompt('> ');
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    try {
      if (!run(s, line, out, ctx)) break;
    } catch (e) {
      if (!(e instanceof QcodeError)) throw e;
      ctx.stderr.write(`qcode: ${e.message}${e.hint === undefined ? '' : ` (${e.hint})`}\n`);
    }
    prompt();
  }
  rl.close();
}

/** Runs one command; false to quit. */
function run(s: CodingSession, line: string, out: (l: string) => void, ctx: CliContext): boolean {
  const moved = (ok: boolean, end: string): void => (ok ? show(ctx, out, s.current()) : out(end));
  let m: RegExpExecArray | null;
  if (line === '' || line === 'n') moved(s.step(1), 'that was the last turn; p goes back, q quits');
  else if (line === 'p') moved(s.step(-1), 'this is the first turn');
  else if (line === 'q' || line === 'quit') return false;
  else if (line === '?' || line === 'help') out(HELP);
  else if (line === 'u') {
    const undone = s.undo();
    out(undone === null ? 'nothing to undo in this session' : `undone: ${undone}`);
  } else if ((m = /^g\s+(\d+)$/.exec(line)) !== null) {
    s.go(Number(m[1]));
    show(ctx, out, s.current());
  } else if ((m = /^m\s+(.+)$/s.exec(line)) !== null) out(`memo ${s.memo(m[1]!)} saved`);
  else if ((m = /^s\s+["“](.+?)["”]\s+(.+)$/.exec(line)) !== null) report(out, s.apply(split(m[2]!), m[1]!), s.current());
  else codeLine(s, split(line), out);
  return true;
}

/** A list of codes: `-Name` removes your coding of Name from the turn, the others are applied. */
function codeLine(s: CodingSession, items: string[], out: (l: string) => void): void {
  const removals = items.filter((x) => x.startsWith('-')).map((x) => x.slice(1));
  const additions = items.filter((x) => !x.startsWith('-'));
  if (removals.length > 0) {
    const r = s.remove(removals);
    for (const a of r.absent) out(`you have no coding of ${a} on this turn`);
    if (r.removed.length > 0) out(`removed: ${r.removed.join(', ')} · on this turn: ${onTurn(s.current())}`);
  }
  if (additions.length > 0 || removals.length === 0) report(out, s.apply(additions), s.current());
}

const onTurn = (u: UnitView): string => (u.codes.length === 0 ? '–' : u.codes.join(', '));

function split(list: string): string[] {
  return list.split(',').map((x) => x.trim()).filter((x) => x.length > 0);
}

function report(out: (l: string) => void, r: { applied: string[]; created: string[] }, u: UnitView): void {
  for (const c of r.created) out(`new code: ${c}`);
  out(`coded: ${r.applied.join(', ')} · on this turn: ${u.codes.join(', ')}`);
}

/**
 * A turn: its header, the interviewer's turn before it (dimmed, for context), its talk,
 * and your codes on it. On a terminal, text wraps at word boundaries to its width.
 */
function show(ctx: CliContext, out: (l: string) => void, u: UnitView): void {
  const head = `── turn ${u.number} (${u.index} of ${u.of})${u.speaker === null ? '' : ` · ${u.speaker}`} ──`;
  const width = ctx.stdoutIsTTY && ctx.columns !== undefined ? Math.max(20, ctx.columns - 1) : undefined;
  const lines = (text: string): string[] => text.split('\n').flatMap((l) => (width === undefined || l === '' ? [l] : wrap(l, width)));
  out(ctx.colour ? ctx.chalk.bold(head) : head);
  if (u.context !== null) {
    for (const l of lines(`[turn ${u.context.number} · ${u.context.speaker}] ${u.context.text}`)) out(ctx.colour ? ctx.chalk.dim(l) : l);
  }
  for (const l of lines(u.text)) out(l);
  out(`codes: ${onTurn(u)}`);
}

function complete(s: CodingSession, line: string): [string[], string] {
  const lastComma = line.lastIndexOf(',');
  const typed = line.slice(lastComma + 1).trimStart().replace(/^[+-]/, '');
  const names = s.codeNames().filter((n) => n.toLowerCase().startsWith(typed.toLowerCase()));
  return [names, typed];
}
