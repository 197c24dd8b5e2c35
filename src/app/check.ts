/**
 * `qcode check`: the project's integrity — SQLite's own check of every page, spans in range,
 * quotes equal to the text they point at, no dangling references, no cycles in the codebook —
 * and the orphaned codings. Codings are read one source at a time, each revision's text once,
 * so that memory stays flat however large the project.
 */
import { CodePointMap } from '../core/code-points.js';
import { IntegrityRepo } from '../db/integrity-repo.js';
import { compareNatural } from '../core/sort.js';
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
  /** Cases with no source (e.g. left behind when their sources moved): listed, not a failure. */
  emptyCases: string[];
}

export function checkProject(ctx: AppContext): CheckResult {
  return withProject(ctx, (p) => {
    const integrity = new IntegrityRepo(p.db);
    const problems: CheckProblem[] = [];
    for (const m of integrity.integrityCheck()) problems.push({ kind: 'database', message: m });
    for (const f of integrity.foreignKeyProblems()) problems.push({ kind: 'reference', message: `${f.table} row ${f.rowid} points at a missing ${f.parent}` });
    const codes = p.codes.list();
    const codeNames = new Map(codes.map((c) => [c.id, c.name]));
    const coderNames = new Map(p.coders.list().map((c) => [c.id, c.name]));
    // Problems of codings are reported in coding id order, whichever source they are in.
    const codingProblems: { id: number; problem: CheckProblem }[] = [];
    const orphans: CheckResult['orphans'] = [];
    let checked = 0;
    for (const s of integrity.sources()) {
      let revision = -1;
      let text: string | undefined;
      let map: CodePointMap | undefined;
      for (const [id, codeId, coderId, rev, start, end, quote, orphaned] of integrity.codingsOf(s.id)) {
        const c = { id, revision: rev, start, end, quote, orphaned };
        const code = codeNames.get(codeId);
        const coder = coderNames.get(coderId);
        if (code === undefined || coder === undefined) continue; // a dangling reference, reported above
        checked++;
        if (c.revision !== revision) {
          revision = c.revision;
          text = integrity.revisionText(s.id, revision);
          map = text === undefined ? undefined : new CodePointMap(text);
        }
        const where = `coding #${c.id} (${code}, ${coder}, ${s.name})`;
        const problem = (kind: CheckProblem['kind'], message: string): void => void codingProblems.push({ id: c.id, problem: { kind, message } });
        if (c.orphaned === 1) orphans.push({ id: c.id, source: s.name, code, coder, revision: c.revision, quote: c.quote });
        if (text === undefined || map === undefined) {
          problem('revision', `${where} refers to revision ${c.revision}, which does not exist`);
          continue;
        }
        if (c.orphaned === 0 && c.revision !== s.current) problem('revision', `${where} is on revision ${c.revision} but the source is at ${s.current}; re-ingest the source to re-anchor it`);
        if (c.start < 0 || c.end > map.length || c.end <= c.start) {
          problem('span', `${where}: span ${c.start}-${c.end} is outside the text (${map.length} code points)`);
          continue;
        }
        if (text.slice(map.toUtf16(c.start), map.toUtf16(c.end)) !== c.quote) problem('quote', `${where}: the stored quote differs from the text at ${c.start}-${c.end}`);
      }
    }
    // A stable sort keeps the order of one coding's own problems.
    problems.push(...codingProblems.sort((a, b) => a.id - b.id).map((x) => x.problem));
    orphans.sort((a, b) => a.id - b.id);
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
    const emptyCases = p.cases.list().filter((c) => c.sources === 0).map((c) => c.case).sort(compareNatural);
    return { ok: problems.length === 0 && orphans.length === 0, problems, orphans, codings: checked, emptyCases };
  }, { readonly: true });
}
