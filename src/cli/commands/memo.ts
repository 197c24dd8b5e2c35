import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MemoView } from '../../db/memo-repo.js';
import { InputError, UsageError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { emit, withOutputOptions, type OutputFlags } from '../output.js';
import { appContext } from '../program.js';
import { readStdin } from '../stdin.js';
import { summaryOf } from '../command-list.js';

interface TargetFlags {
  source?: string;
  code?: string;
  case?: string;
  coding?: string;
}

const withTargets = (cmd: Command): Command => cmd
  .option('--source <id>', 'link to a source')
  .option('--code <name>', 'link to a code')
  .option('--case <id>', 'link to a case')
  .option('--coding <n>', 'link to a coding (see qcode codings)');

const idOf = (s: string): number => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${s}: give a memo id number`);
  return n;
};

const targetsOf = (f: TargetFlags) => ({ source: f.source, code: f.code, case: f.case, coding: f.coding === undefined ? undefined : idOf(f.coding) });

export function memoCommand(ctx: CliContext): Command {
  const app = () => import('../../app/memos.js');
  const memo = new Command('memo').description(summaryOf('memo'))
    .addHelpText('after', `
Examples:
  $ qcode memo add --source 50002_T2 --code "Self-care" --text "Self-care as an institutional slogan"
  $ qcode memo add --case 50005 --file notes/50005.md
  $ qcode memo list --code "Self-care"
  $ qcode memo show 3`);
  memo.addCommand(withTargets(new Command('add')).description('write a memo (text from --text, --file, piped stdin, or $EDITOR)')
    .option('--title <title>', 'a title').option('--text <text>', 'the text').option('--file <file>', 'read the text from a file')
    .action(async (f: TargetFlags & { title?: string; text?: string; file?: string }, cmd: Command) => {
      const text = await memoText(ctx, f, '');
      const m = (await app()).addMemo(appContext(ctx, cmd), targetsOf(f), f.title, text);
      ctx.stderr.write(`memo ${m.id} saved\n`);
    }));
  memo.addCommand(withOutputOptions(withTargets(new Command('list'))).description('list memos, filtered by what they are linked to')
    .option('--by <coder>', 'only memos by this coder')
    .action(async (f: TargetFlags & OutputFlags & { by?: string }, cmd: Command) => {
      const rows = (await app()).listMemos(appContext(ctx, cmd), { ...targetsOf(f), coder: f.by });
      await emit(ctx, f, memoTable(rows), rows);
    }));
  memo.addCommand(withOutputOptions(new Command('show')).description('print one memo').argument('<id>')
    .action(async (id: string, f: OutputFlags, cmd: Command) => {
      const m = (await app()).showMemo(appContext(ctx, cmd), idOf(id));
      if (f.json === true || f.format === 'json') await emit(ctx, f, memoTable([m]), m);
      else ctx.stdout.write(`${describe(m)}\n\n${m.text.trimEnd()}\n`);
    }));
  memo.addCommand(new Command('edit').description('change a memo (--text, --file, --title, or $EDITOR)').argument('<id>')
    .option('--title <title>', 'a new title').option('--text <text>', 'the new text').option('--file <file>', 'read the new text from a file')
    .action(async (id: string, f: { title?: string; text?: string; file?: string }, cmd: Command) => {
      const a = await app();
      const ac = appContext(ctx, cmd);
      const current = a.showMemo(ac, idOf(id));
      const text = f.text === undefined && f.file === undefined && f.title !== undefined ? undefined : await memoText(ctx, f, current.text);
      const m = a.editMemo(ac, idOf(id), { title: f.title, text });
      ctx.stderr.write(`memo ${m.id} saved\n`);
    }));
  memo.addCommand(new Command('delete').description('delete a memo (its text is printed, so it can be recovered)').argument('<id>')
    .action(async (id: string, _f: unknown, cmd: Command) => {
      const m = (await app()).deleteMemo(appContext(ctx, cmd), idOf(id));
      ctx.stderr.write(`deleted memo ${m.id}: ${describe(m)}\n${m.text.trimEnd()}\n`);
    }));
  return memo;
}

async function memoText(ctx: CliContext, f: { text?: string; file?: string }, initial: string): Promise<string> {
  if (f.text !== undefined && f.file !== undefined) throw new UsageError('give --text or --file, not both');
  if (f.text !== undefined) return f.text;
  if (f.file !== undefined) {
    try {
      return readFileSync(resolve(ctx.cwd, f.file), 'utf8');
    } catch (e) {
      throw new InputError(`${f.file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (!ctx.stdinIsTTY) return readStdin(ctx.stdin);
  const { editText } = await import('../../io/editor.js');
  return editText(initial, ctx.env);
}

function describe(m: MemoView): string {
  const links = [m.source && `source ${m.source}`, m.code && `code "${m.code}"`, m.case && `case ${m.case}`, m.coding && `coding #${m.coding}`].filter(Boolean);
  return `#${m.id}${m.title ? ` ${m.title}` : ''} · ${m.coder} · ${m.createdAt.slice(0, 16).replace('T', ' ')}${links.length > 0 ? ` · ${links.join(', ')}` : ''}`;
}

function memoTable(rows: MemoView[]) {
  return {
    columns: [
      { key: 'id', header: 'id', align: 'right' as const }, { key: 'date', header: 'date' }, { key: 'coder', header: 'coder' },
      { key: 'links', header: 'linked to' }, { key: 'title', header: 'title' }, { key: 'text', header: 'text', wrap: true },
    ],
    rows: rows.map((m) => ({
      id: m.id, date: m.createdAt.slice(0, 10), coder: m.coder, title: m.title,
      links: [m.source, m.code && `"${m.code}"`, m.case && `case ${m.case}`, m.coding && `#${m.coding}`].filter(Boolean).join(', '),
      text: m.text.replace(/\s+/g, ' ').trim(),
    })),
  };
}
