/**
 * Restores DESIGN.md's rule after codings changed code (merge) or place (re-anchoring):
 * one code, one coder, one source — overlapping or touching codings become one.
 */
import { CodePointMap } from '../core/code-points.js';
import type { CodingRow } from '../db/coding-repo.js';
import { quoteOf, type SourceAt } from './coding-writer.js';
import type { Project } from './project.js';

/**
 * Joins overlapping codings of `codeId` (placed ones only); returns how many were absorbed.
 * Source by source, in the listing's order: one source's codings and text at a time (a code
 * merged into another at 1,000,000 codings held 80,000 codings and every text: 606 MB).
 */
export function coalesceCodings(p: Project, codeId: number, now: string): number {
  let absorbed = 0;
  for (const sourceId of p.codings.sourceIdsOf({ codeIds: [codeId] })) absorbed += coalesceRows(p, p.codings.list({ codeIds: [codeId], sourceId }), now);
  return absorbed;
}

/**
 * Joins the overlapping codings among `rows` (each group of one code, source and coder), as
 * they stand in the project; `at` spares reloading the text of a source the caller has.
 */
export function coalesceRows(p: Project, rows: readonly CodingRow[], now: string, at?: SourceAt): number {
  const groups = new Map<string, CodingRow[]>();
  for (const c of rows) {
    if (c.orphaned) continue;
    const key = `${c.codeId}/${c.sourceId}/${c.coderId}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [c]);
    else g.push(c);
  }
  let absorbed = 0;
  const texts = new Map<number, { text: string; map: CodePointMap; revision: number }>();
  if (at !== undefined) texts.set(at.sourceId, at);
  for (const group of groups.values()) {
    group.sort((a, b) => a.start - b.start || a.id - b.id);
    let current: CodingRow | null = null;
    let dirty = false;
    const flush = (): void => {
      if (current !== null && dirty) {
        const src = textOf(p, texts, current.sourceId);
        p.codings.update({ ...current, ...quoteOf({ sourceId: current.sourceId, revision: src.revision, text: src.text, map: src.map }, current), updatedAt: now });
      }
      dirty = false;
    };
    for (const c of group) {
      if (current !== null && c.start <= current.end) {
        const keep: CodingRow = current.id < c.id ? current : { ...c, start: current.start };
        const gone = keep === current ? c : current;
        keep.start = Math.min(current.start, c.start);
        keep.end = Math.max(current.end, c.end);
        p.memos.relinkCoding(gone.id, keep.id);
        p.codings.delete(gone.id);
        absorbed++;
        current = keep;
        dirty = true;
      } else {
        flush();
        current = { ...c };
      }
    }
    flush();
  }
  return absorbed;
}

function textOf(p: Project, cache: Map<number, { text: string; map: CodePointMap; revision: number }>, sourceId: number) {
  let t = cache.get(sourceId);
  if (t === undefined) {
    const name = p.sources.nameOf(sourceId)!;
    const src = p.sources.text(name)!;
    t = { text: src.text, map: new CodePointMap(src.text), revision: src.source.revision };
    cache.set(sourceId, t);
  }
  return t;
}
