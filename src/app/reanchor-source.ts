/**
 * Re-anchoring a source's codings onto its new revision (ingest, merge): every coding is
 * placed again or kept and flagged orphaned, never dropped.
 */
import { CodePointMap } from '../core/code-points.js';
import { reanchor, type AnchorStatus } from '../core/reanchor.js';
import type { CodingRow } from '../db/coding-repo.js';
import { coalesceRows } from './coalesce.js';
import { quoteOf, sameQuote } from './coding-writer.js';
import type { Project } from './project.js';

export interface OrphanReport {
  id: number;
  source: string;
  code: string;
  coder: string;
  quote: string;
  similarity: number;
}

export type ReanchorCounts = Record<AnchorStatus, number>;

export function emptyCounts(): ReanchorCounts {
  return { unchanged: 0, moved: 0, context: 0, fuzzy: 0, orphaned: 0 };
}

/**
 * Places the codings of source `sourceId` that refer to older revisions (orphans
 * included, which get another chance) onto the text of `revision`.
 */
export function reanchorSource(p: Project, sourceId: number, revision: number, newText: string, now: string, counts: ReanchorCounts, orphans: OrphanReport[]): void {
  const all = p.codings.forSource(sourceId);
  const stale = all.filter((c) => c.revision !== revision);
  if (stale.length === 0) return;
  const byRevision = new Map<number, CodingRow[]>();
  for (const c of stale) {
    const g = byRevision.get(c.revision);
    if (g === undefined) byRevision.set(c.revision, [c]);
    else g.push(c);
  }
  const at = { sourceId, revision, text: newText, map: new CodePointMap(newText) };
  // Names are looked up only for orphans, which are few.
  let names: { codes: Map<number, string>; coders: Map<number, string>; source: string } | undefined;
  const namesOf = () => (names ??= {
    codes: new Map(p.codes.list().map((c) => [c.id, c.name])),
    coders: new Map(p.coders.list().map((c) => [c.id, c.name])),
    source: p.sources.nameOf(sourceId)!,
  });
  const touched = new Set<number>();
  const current = new Map<number, CodingRow>();
  for (const [oldRevision, rows] of [...byRevision].sort((a, b) => a[0] - b[0])) {
    const oldText = p.sources.revisionText(sourceId, oldRevision) ?? '';
    const results = reanchor(oldText, newText, rows, { newMap: at.map });
    results.forEach((r, i) => {
      const row = rows[i]!;
      counts[r.status]++;
      if (r.status === 'orphaned') {
        if (!row.orphaned) p.codings.update({ ...row, orphaned: true, updatedAt: now });
        current.set(row.id, { ...row, orphaned: true });
        const n = namesOf();
        orphans.push({ id: row.id, source: n.source, code: n.codes.get(row.codeId)!, coder: n.coders.get(row.coderId)!, quote: row.quote, similarity: r.similarity });
        return;
      }
      const span = { start: r.start, end: r.end };
      // Most codings keep their quote and context and only move: write just that.
      const same = sameQuote(at, span, row);
      const placed: CodingRow = { ...row, ...span, ...(same ? {} : quoteOf(at, span)), revision, orphaned: false, updatedAt: now };
      if (same) p.codings.move(row.id, revision, span.start, span.end, now);
      else p.codings.update(placed);
      current.set(row.id, placed);
      touched.add(row.codeId);
    });
  }
  // The source's codings as they now stand, without reading them again.
  if (touched.size > 0) coalesceRows(p, all.map((c) => current.get(c.id) ?? c).filter((c) => touched.has(c.codeId)), now, at);
}
