import { Command, Option } from 'commander';
import type { CodeFields } from '../../core/codebook.js';
import { UsageError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { emit, withOutputOptions, writeBytes, writeText, type OutputFlags } from '../output.js';
import { appContext } from '../program.js';
import { summaryOf } from '../command-list.js';

interface FieldFlags {
  description?: string;
  include?: string;
  exclude?: string;
  example?: string;
  color?: string;
}

const withFields = (cmd: Command): Command => cmd
  .option('--description <text>', 'what the code means')
  .option('--include <text>', 'when to apply it')
  .option('--exclude <text>', 'when not to apply it')
  .option('--example <text>', 'a short example quote')
  .option('--color <#RRGGBB>', 'its colour in rendered reports');

const fieldsOf = (f: FieldFlags): CodeFields => ({ description: f.description, include: f.include, exclude: f.exclude, example: f.example, color: f.color });

export function codebookCommand(ctx: CliContext): Command {
  const app = () => import('../../app/codebook.js');
  const say = (s: string): void => void ctx.stderr.write(`${s}\n`);
  const list = async (f: OutputFlags, cmd: Command): Promise<void> => {
    const { listCodebook } = await app();
    const { codebookTable } = await import('../../app/codebook-table.js');
    const rows = listCodebook(appContext(ctx, cmd));
    await emit(ctx, f, codebookTable(rows), rows);
  };
  const codebook = new Command('codebook')
    .description(summaryOf('codebook'))
    .addHelpText('after', `
Examples:
  $ qcode codebook
  $ qcode codebook add "Self-care" --parent "Well-being" --description "Looking after oneself"
  $ qcode codebook rename "Selfcare" "Self-care"
  $ qcode codebook merge "Tiredness" "Fatigue" --into "Exhaustion"
  $ qcode codebook import codebook.example.yaml
  $ qcode codebook export --format md --out codebook.md`);
  codebook.addCommand(withOutputOptions(new Command('list')).description('print the codebook tree with counts (the default)').action(list), { isDefault: true });
  codebook.addCommand(withFields(new Command('add'))
    .description('add a code').argument('<name>').option('--parent <code>', 'place it under this code')
    .action(async (name: string, f: FieldFlags & { parent?: string }, cmd: Command) => {
      const code = (await app()).codebookAdd(appContext(ctx, cmd), name, f.parent, fieldsOf(f));
      say(`added code "${code.name}"`);
    }));
  codebook.addCommand(withFields(new Command('describe'))
    .description("change a code's description, include/exclude notes, example or colour (give \"\" to clear)").argument('<name>')
    .action(async (name: string, f: FieldFlags, cmd: Command) => {
      const r = (await app()).codebookDescribe(appContext(ctx, cmd), name, fieldsOf(f));
      say(r.changed.length === 0 ? `"${r.code}": nothing changed` : `"${r.code}": ${r.changed.join(', ')} changed`);
    }));
  codebook.addCommand(new Command('rename').description('rename a code (its codings stay)').argument('<old>').argument('<new>')
    .action(async (oldName: string, newName: string, _f: unknown, cmd: Command) => {
      const r = (await app()).codebookRename(appContext(ctx, cmd), oldName, newName);
      say(`renamed "${r.from}" to "${r.to}"`);
    }));
  codebook.addCommand(new Command('move').description('move a code under another, or to the top level').argument('<name>')
    .option('--parent <code>', 'the new parent').option('--root', 'make it a top-level code')
    .action(async (name: string, f: { parent?: string; root?: boolean }, cmd: Command) => {
      if ((f.parent === undefined) === (f.root !== true)) throw new UsageError('give --parent CODE or --root');
      const r = (await app()).codebookMove(appContext(ctx, cmd), name, f.parent ?? null);
      say(`moved "${r.code}" from ${r.from === null ? 'the top level' : `"${r.from}"`} to ${r.to === null ? 'the top level' : `"${r.to}"`}`);
    }));
  codebook.addCommand(new Command('merge').description('merge codes into one: codings, children and memos move over').argument('<names...>')
    .requiredOption('--into <code>', 'the code that remains')
    .action(async (names: string[], f: { into: string }, cmd: Command) => {
      const r = (await app()).codebookMerge(appContext(ctx, cmd), names, f.into);
      say(`merged ${r.merged.map((n) => `"${n}"`).join(', ')} into "${r.into}": ${r.codingsMoved} codings moved (${r.codingsJoined} joined with overlapping ones), ${r.childrenMoved} child codes moved, ${r.memosRelinked} memos re-linked`);
    }));
  codebook.addCommand(new Command('delete').description('delete a code (refused while it has codings or children, unless --force)').argument('<name>')
    .option('--force', 'also delete its child codes and all their codings (listed in the history)')
    .option('--any-coder', "with --force: also other coders' codings (without it, a code others have coded is refused)")
    .action(async (name: string, f: { force?: boolean; anyCoder?: boolean }, cmd: Command) => {
      const r = (await app()).codebookDelete(appContext(ctx, cmd), name, f.force === true, f.anyCoder === true);
      say(`deleted ${r.deleted.map((n) => `"${n}"`).join(', ')}; ${r.codingsRemoved} codings removed, ${r.memosUnlinked} memos unlinked (kept)`);
    }));
  codebook.addCommand(withOutputOptions(new Command('history')).description('every change to the codebook, with time, coder and what changed')
    .action(async (f: OutputFlags, cmd: Command) => {
      const rows = (await app()).codebookHistory(appContext(ctx, cmd));
      await emit(ctx, f, {
        columns: [{ key: 'at', header: 'at' }, { key: 'coder', header: 'coder' }, { key: 'action', header: 'action' }, { key: 'code', header: 'code' }, { key: 'details', header: 'details', wrap: true }],
        rows: rows.map((r) => ({ ...r, details: JSON.stringify(r.details) })),
      }, rows);
    }));
  codebook.addCommand(new Command('import').description('add and update codes from a YAML codebook or a REFI-QDA .qdc codebook (never deletes unless --prune)').argument('<file>')
    .option('--prune', 'delete codes the file does not name (never codes that have codings)')
    .option('--dry-run', 'show what would change')
    .action(async (file: string, f: { prune?: boolean; dryRun?: boolean }, cmd: Command) => {
      const { importCodebook } = await import('../../app/codebook-io.js');
      const r = importCodebook(appContext(ctx, cmd), file, f);
      say(`${f.dryRun === true ? 'would import' : 'imported'} ${file}: ${r.added.length} added, ${r.updated.length} updated, ${r.moved.length} moved, ${r.pruned.length} pruned, ${r.unchanged} unchanged`);
      for (const n of r.renamed ?? []) say(`renamed "${n.from}" → "${n.to}": the file repeats the name in another branch; qcode's names are unique`);
    }));
  codebook.addCommand(new Command('export').description('write the codebook as YAML (lossless), Markdown, CSV, Word, Excel or a REFI-QDA .qdc codebook')
    .addOption(new Option('--format <format>', 'yaml, md, csv, docx, xlsx or qdc (REFI-QDA codebook for NVivo, ATLAS.ti, MAXQDA, QualCoder)').choices(['yaml', 'md', 'csv', 'docx', 'xlsx', 'qdc']).default('yaml'))
    .option('--out <file>', 'write to FILE instead of stdout')
    .action(async (f: { format: string; out?: string }, cmd: Command) => {
      const ac = appContext(ctx, cmd);
      if (f.format === 'qdc') {
        const { exportCodebookQdc } = await import('../../app/refi-export.js');
        writeText(ctx, f, exportCodebookQdc(ac));
        return;
      }
      if (f.format === 'yaml') {
        const { exportEntries } = await import('../../app/codebook-io.js');
        const { codebookYaml } = await import('../../io/codebook-file.js');
        writeText(ctx, f, codebookYaml(exportEntries(ac)));
        return;
      }
      const { listCodebook } = await app();
      const { codebookTable } = await import('../../app/codebook-table.js');
      const rows = listCodebook(ac);
      if (f.format === 'docx' || f.format === 'xlsx') {
        const { codebookDocument } = await import('../../app/codebook-table.js');
        const { renderReportFile } = await import('../../format/report-file.js');
        writeBytes(ctx, f, f.format, await renderReportFile(f.format, codebookDocument(rows)));
        return;
      }
      await emit(ctx, { format: f.format, out: f.out }, codebookTable(rows, true), rows);
    }));
  return codebook;
}

