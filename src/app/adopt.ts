/**
 * `qcode adopt`: after the consensus meeting, copies one coder's codings into a consensus
 * coder (default `consensus`), recording each decision in the codebook history, so that
 * the final analysis can run on `--coder consensus`.
 */
import { UsageError } from '../core/errors.js';
import { CodePointMap } from '../core/code-points.js';
import { actingCoderId, coderIdentity } from './coder.js';
import { applyCoding, type SourceAt } from './coding-writer.js';
import { SourceCodings } from './source-codings.js';
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
    const r: AdoptResult = { from: req.from, to, copied: 0, alreadyThere: 0, orphansSkipped: 0, dryRun: req.dryRun === true };
    const filter = { coderId: fromId, codeIds: code === undefined ? undefined : [code.id], sourceId };
    // Source by source, in the order of the listing: one source's codings and text at a time
    // (all of them, with every text, grew with the project), and the consensus coder's codings
    // there read once (SourceCodings) instead of asked for coding by coding.
    for (const id of p.codings.sourceIdsOf(filter)) {
      const rows = p.codings.list({ ...filter, sourceId: id });
      const state = p.sources.state(rows[0]!.source)!;
      let at: SourceAt | undefined;
      const lookup = new SourceCodings(p, state.rowId);
      for (const c of rows) {
        if (c.orphaned || c.revision !== state.revision) {
          r.orphansSkipped++;
          continue;
        }
        if (at === undefined) {
          const text = p.sources.text(c.source)!.text;
          at = { sourceId: state.rowId, revision: state.revision, text, map: new CodePointMap(text) };
        }
        const res = applyCoding(p, at, c.codeId, toId, c, c.weight, now, lookup);
        if (res.change.created.length > 0 || res.change.updated.length > 0) r.copied++;
        else r.alreadyThere++;
      }
    }
    p.codes.record(actingCoderId(ctx, p, who, now), now, 'adopt', code?.name ?? '*', {
      from: req.from, to, source: req.source ?? null, all: req.all === true, copied: r.copied, alreadyThere: r.alreadyThere,
    });
    return r;
  }, req.dryRun === true));
}
