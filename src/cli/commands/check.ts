import { Command } from 'commander';
import { GateError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { appContext } from '../program.js';
import { renderJson } from '../../format/json.js';
import { excerpt } from '../../core/text.js';
import { summaryOf } from '../command-list.js';
import { shellWord } from '../shell-word.js';

export function checkCommand(ctx: CliContext): Command {
  return new Command('check')
    .description(summaryOf('check'))
    .option('--json', 'the result as JSON')
    .action(async (f: { json?: boolean }, cmd: Command) => {
      const { checkProject } = await import('../../app/check.js');
      const r = checkProject(appContext(ctx, cmd));
      if (f.json === true) ctx.stdout.write(renderJson(r));
      else {
        const out: string[] = [`checked ${r.codings} codings: ${r.problems.length} problem(s), ${r.orphans.length} orphaned coding(s)`];
        for (const p of r.problems) out.push(`problem (${p.kind}): ${p.message}`);
        for (const c of r.emptyCases) out.push(`case without sources: ${c} (its attributes stay on it; ingest with front matter or a name pattern that names the case to give it sources again)`);
        for (const o of r.orphans) out.push(`orphaned: #${o.id} ${o.code} (${o.coder}) in ${o.source}, revision ${o.revision}: “${excerpt(o.quote)}” — re-code it with qcode tag, then qcode --coder ${shellWord(o.coder)} untag --id ${o.id} (as that coder; or add --any-coder)`);
        ctx.stdout.write(out.join('\n') + '\n');
      }
      if (!r.ok) throw new GateError('check found problems', { code: 'E_CHECK' });
    });
}
