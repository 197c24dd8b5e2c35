/**
 * `qcode check`: the project's integrity — spans in range, quotes equal to the text they
 * point at, no dangling references, no cycles in the codebook — and the orphaned codings.
 */
import { CodePointMap } from '../core/code-points.js';
import { IntegrityRepo } from '../db/integrity-repo.js';
import type { AppContext } from './context.js';
import { withProject } from './project.js';

export interface CheckProblem {
  kind: 'database' | 'reference' | 'span' | 'quote' | 'revision' | 'codebook';
  message: string;
}

export interface CheckResult {
  ok: boolean;
  problems: CheckProblem[];
  orphans: { id: number; source: string; code: string; coder: string; revision: number; quote: string }[];
  codings: number;
}

export function checkProject(ctx: AppContext): CheckResult {
  return withProject(ctx, (p) => {
    const integrity = new IntegrityRepo(p.db);
    const problems: CheckProblem[] = [];
    for (const m of integrity.quickCheck()) problems.push({ kind: 'database', message: m });
    for (const f of integrity.foreignKeyProblems()) problems.push({ kind: 'reference', message: `${f.table} row ${f.rowid} points at a missing ${f.parent}` });
    const rows = integrity.codingsWithText();
    const orphans: CheckResult['orphans'] = [];
    const maps = new Map<string, CodePointMap>();
    for (const c of rows) {
      const where = `coding #${c.id} (${c.code}, ${c.coder}, ${c.source})`;
      if (c.orphaned === 1) orphans.push({ id: c.id, source: c.source, code: c.code, coder: c.coder, revision: c.revision, quote: c.quote });
      if (c.text === null) {
        problems.push({ kind: 'revision', message: `${where} refers to revision ${c.revision}, which does not exist` });
        continue;
      }
      if (c.orphaned === 0 && c.revision !== c.current) problems.push({ kind: 'revision', message: `${where} is on revision ${c.revision} but the source is at ${c.current}; re-ingest the source to re-anchor it` });
      const key = `${c.source}@${c.revision}`;
      let map = maps.get(key);
      if (map === undefined) maps.set(key, (map = new CodePointMap(c.text)));
      if (c.start < 0 || c.end > map.length || c.end <= c.start) {
        problems.push({ kind: 'span', message: `${where}: span ${c.start}-${c.end} is outside the text (${map.length} code points)` });
        continue;
      }
      if (c.text.slice(map.toUtf16(c.start), map.toUtf16(c.end)) !== c.quote) problems.push({ kind: 'quote', message: `${where}: the stored quote differs from the text at ${c.start}-${c.end}` });
    }
    const codes = p.codes.list();
    const byId = new Map(codes.map((c) => [c.id, c]));
    for (const c of codes) {
      const seen = new Set<number>();
      for (let x: number | null = c.id; x !== null; x = byId.get(x)?.parentId ?? null) {
        if (seen.has(x)) {
          problems.push({ kind: 'codebook', message: `code "${c.name}" is its own ancestor` });
          break;
        }
        seen.add(x);
      }
    }
    return { ok: problems.length === 0 && orphans.length === 0, problems, orphans, codings: rows.length };
  }, { readonly: true });
}
