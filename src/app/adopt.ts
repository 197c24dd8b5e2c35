/**
 * `qcode adopt`: after the consensus meeting, copies one coder's codings into a consensus
 * coder (default `consensus`), recording each decision in the codebook history, so that
 * the final analysis can run on `--coder consensus`.
 */
import { UsageError } from '../core/errors.js';
import { CodePointMap } from '../core/code-points.js';
import { actingCoderId, coderIdentity } from './coder.js';
import { applyCoding } from './coding-writer.js';
import { findCode } from './code-lookup.js';
import { nowOf, type AppContext } from './context.js';
import { withProject } from './project.js';
import { sourceNotFound } from './source-lookup.js';

export interface AdoptRequest {
  from: string;
  to?: string;
  code?: string;
  source?: string;
  all?: boolean;
  dryRun?: boolean;
}

export interface AdoptResult {
  from: string;
  to: string;
  copied: number;
  alreadyThere: number;
  orphansSkipped: number;
  dryRun: boolean;
}

export function adopt(ctx: AppContext, req: AdoptRequest): AdoptResult {
  if (req.all !== true && req.code === undefined && req.source === undefined) {
    throw new UsageError('say what to adopt: --code C and/or --source S, or --all');
  }
  const to = (req.to ?? 'consensus').trim();
  const from = req.from.trim();
  if (to === '') throw new UsageError('--to: the coder name is empty');
  if (to === from) throw new UsageError(`--from and --to are both ${to}`);
  const who = coderIdentity(ctx);
  const by = who.coder;
  return withProject(ctx, (p) => p.writeOrRollback(() => {
    const now = nowOf(ctx);
    const fromId = p.coders.find(from);
    if (fromId === undefined) throw new UsageError(`--from ${req.from}: no such coder`, { hint: `coders: ${p.coders.list().map((c) => c.name).join(', ')}` });
    const code = req.code === undefined ? undefined : findCode(p, req.code);
    let sourceId: number | undefined;
    if (req.source !== undefined) {
      sourceId = p.sources.state(req.source)?.rowId;
      if (sourceId === undefined) throw sourceNotFound(p, req.source);
    }
    const toId = p.coders.ensure(to, now);
    const rows = p.codings.list({ coderId: fromId, codeIds: code === undefined ? undefined : [code.id], sourceId });
    const r: AdoptResult = { from: req.from, to, copied: 0, alreadyThere: 0, orphansSkipped: 0, dryRun: req.dryRun === true };
    const texts = new Map<string, { sourceId: number; revision: number; text: string; map: CodePointMap }>();
    for (const c of rows) {
      const state = p.sources.state(c.source)!;
      if (c.orphaned || c.revision !== state.revision) {
        r.orphansSkipped++;
        continue;
      }
      let at = texts.get(c.source);
      if (at === undefined) {
        const t = p.sources.text(c.source)!;
        texts.set(c.source, (at = { sourceId: state.rowId, revision: state.revision, text: t.text, map: new CodePointMap(t.text) }));
      }
      const res = applyCoding(p, at, c.codeId, toId, c, c.weight, now);
      if (res.change.created.length > 0 || res.change.updated.length > 0) r.copied++;
      else r.alreadyThere++;
    }
    p.codes.record(actingCoderId(ctx, p, who, now), now, 'adopt', code?.name ?? '*', {
      from: req.from, to, source: req.source ?? null, all: req.all === true, copied: r.copied, alreadyThere: r.alreadyThere,
    });
    return r;
  }, req.dryRun === true));
}
