/** `qcode tag --from FILE`: many codings from a CSV or JSON Lines file, in one transaction. */
import type { CliContext } from '../context.js';
import type { AppContext } from '../../app/context.js';
import { renderJson } from '../../format/json.js';

export interface TagFromFlags {
  from: string;
  new?: boolean;
  parent?: string;
  dryRun?: boolean;
  json?: boolean;
}

export async function tagFrom(ctx: CliContext, app: AppContext, f: TagFromFlags): Promise<void> {
  const { tagFromFile } = await import('../../app/tag-many.js');
  const r = tagFromFile(app, f.from, { createNew: f.new, parent: f.parent, dryRun: f.dryRun });
  if (f.json === true) {
    ctx.stdout.write(renderJson(r));
    return;
  }
  for (const c of r.createdCodes) ctx.stderr.write(`${r.dryRun ? 'would create' : 'new'} code: ${c}\n`);
  const rows = `${r.rows} row${r.rows === 1 ? '' : 's'}`;
  ctx.stdout.write(`${r.dryRun ? 'would tag' : 'tagged'} ${rows} from ${f.from}: ${r.created} new coding(s), ${r.joined} joined to codings already there` +
    `${r.createdCodes.length > 0 ? `, ${r.createdCodes.length} new code(s)` : ''} (coder${r.coders.length === 1 ? '' : 's'} ${r.coders.join(', ') || '—'})` +
    `${r.dryRun ? '; nothing was changed (dry run)' : ''}\n`);
}
