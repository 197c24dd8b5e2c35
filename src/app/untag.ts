/**
 * `qcode untag`: removes codings — the acting coder's only, unless `--any-coder`. Each
 * coding of another coder that is removed, trimmed or split is recorded in the codebook
 * history with both names, its span and quote, and what is left of it, so that one coder
 * never undoes another's work without a trace.
 */
import { UsageError } from '../core/errors.js';
import { subtractSpan, type Span } from '../core/spans.js';
import type { CodingRow } from '../db/coding-repo.js';
import { findCode } from './code-lookup.js';
import { actingCoderId, coderIdentity } from './coder.js';
import { emptyChange, mergeChanges, quoteOf, removeCoding, type CodingChange, type SourceAt } from './coding-writer.js';
import { nowOf, type AppContext } from './context.js';
import { withProject, type Project } from './project.js';
import { selectSpans, type Selector } from './select-spans.js';
import { loadSource } from './tag.js';

export interface UntagRequest {
  code?: string;
  source?: string;
  selector?: Selector;
  id?: number;
  /** Also remove other coders' codings (recorded in the codebook history). */
  anyCoder?: boolean;
}

export interface CoderTally {
  coder: string;
  removed: number;
  trimmed: number;
  split: number;
}

export interface UntagResult {
  coder: string;
  removed: number;
  trimmed: number;
  split: number;
  /** Per coder whose codings changed, the acting coder first. */
  byCoder: CoderTally[];
  /** Other coders' codings over the passage, left alone because `anyCoder` was not given. */
  othersLeft: { coder: string; codings: number }[];
  /** Entries written to the codebook history (one per other coder's coding touched). */
  recorded: number;
  change: CodingChange;
}

export function untag(ctx: AppContext, req: UntagRequest): UntagResult {
  const who = coderIdentity(ctx);
  return withProject(ctx, (p) => p.write(() => {
    const now = nowOf(ctx);
    const names = new Map(p.coders.list().map((c) => [c.id, c.name]));
    const mine = p.coders.find(who.coder);
    const r: UntagResult = { coder: who.coder, removed: 0, trimmed: 0, split: 0, byCoder: [], othersLeft: [], recorded: 0, change: emptyChange() };
    const record = (code: string, source: string, row: CodingRow, left: Span[], at: SourceAt | null): void => {
      const actingId = actingCoderId(ctx, p, who, now);
      p.codes.record(actingId, now, 'untag', code, {
        by: who.coder, owner: names.get(row.coderId), source, coding: row.id, revision: row.revision,
        start: row.start, end: row.end, quote: row.quote,
        left: at === null ? [] : left.map((s) => ({ start: s.start, end: s.end, quote: quoteOf(at, s).quote })),
      });
      r.recorded++;
    };
    if (req.id !== undefined) {
      const row = p.codings.get(req.id);
      if (row === undefined) throw new UsageError(`no coding with id ${req.id}`, { hint: 'qcode codings lists them with their ids' });
      const owner = names.get(row.coderId)!;
      if (row.coderId !== mine && req.anyCoder !== true) throw notYours(req.id, owner, who.coder);
      p.memos.relinkCoding(row.id, null);
      p.codings.delete(row.id);
      r.change.deleted.push(row);
      tally(r, owner, { created: [], deleted: [row], updated: [] });
      if (row.coderId !== mine) {
        const code = p.codes.list().find((c) => c.id === row.codeId)!;
        record(code.name, p.sources.nameOf(row.sourceId)!, row, [], null);
      }
    } else {
      if (req.code === undefined || req.source === undefined || req.selector === undefined) throw new UsageError('untag needs <code> <source> and a selector, or --id N');
      const src = loadSource(p, req.source);
      const code = findCode(p, req.code);
      const spans = selectSpans(src, src.at.map, req.selector);
      const coders = [...new Set(p.codings.forSource(src.at.sourceId).filter((c) => c.codeId === code.id).map((c) => c.coderId))]
        .sort((a, b) => (a === mine ? -1 : b === mine ? 1 : names.get(a)! < names.get(b)! ? -1 : 1));
      for (const coderId of coders) {
        if (coderId !== mine && req.anyCoder !== true) {
          const over = new Set(spans.flatMap((s) => overlapping(p, src.at.sourceId, code.id, coderId, s).map((c) => c.id)));
          if (over.size > 0) r.othersLeft.push({ coder: names.get(coderId)!, codings: over.size });
          continue;
        }
        const change = emptyChange();
        for (const span of spans) {
          if (coderId !== mine) {
            for (const c of overlapping(p, src.at.sourceId, code.id, coderId, span)) record(code.name, src.source.id, c, subtractSpan(c, span), src.at);
          }
          mergeChanges(change, removeCoding(p, src.at, code.id, coderId, span, now));
        }
        mergeChanges(r.change, change);
        tally(r, names.get(coderId)!, change);
      }
    }
    return r;
  }));
}

/** The coder's codings of the code that share at least one code point with the span. */
function overlapping(p: Project, sourceId: number, codeId: number, coderId: number, span: Span): CodingRow[] {
  return p.codings.meeting(sourceId, codeId, coderId, span.start, span.end).filter((c) => c.start < span.end && c.end > span.start);
}

function tally(r: UntagResult, coder: string, change: CodingChange): void {
  if (change.deleted.length + change.updated.length + change.created.length === 0) return;
  const split = change.created.length;
  const t: CoderTally = { coder, removed: change.deleted.length, trimmed: change.updated.length - split, split };
  r.byCoder.push(t);
  r.removed += t.removed;
  r.trimmed += t.trimmed;
  r.split += t.split;
}

function notYours(id: number, owner: string, coder: string): UsageError {
  return new UsageError(`coding ${id} is ${owner}'s, not ${coder}'s; nothing was removed`, {
    code: 'E_NOT_YOUR_CODING',
    hint: "to remove another coder's coding, add --any-coder; it is recorded in qcode codebook history",
  });
}
