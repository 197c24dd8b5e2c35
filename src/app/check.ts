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
import { withProject, type Project } from './project.js';
import { startCheck } from '../db/integrity-worker.js';

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

/**
 * How `checkProject` goes about it. The default runs SQLite's integrity check on a worker
 * thread with its own connection while this thread does qcode's checks, and lets SQLite
 * pick out the codings that may have something to report. `serial` does everything on one
 * connection and looks at every coding in JavaScript: the reference the tests compare with.
 */
export interface CheckOptions {
  serial?: boolean;
}

export function checkProject(ctx: AppContext, options: CheckOptions = {}): CheckResult {
  return withProject(ctx, (p) => {
    const integrity = new IntegrityRepo(p.db);
    const serial = options.serial === true;
    // SQLite's two checks run on workers, each on its own connection, while this thread
    // does qcode's own checks in one read transaction (three threads on two cores: on a
    // large project the two checks take about as long as qcode's own). Each answer is of
    // one committed state of the file, but a writer in another process may commit between
    // the three reads. The report is still the one a single read would give: the integrity
    // check is of pages and indexes, whose soundness no commit changes, and a dangling
    // reference cannot come or go through a commit made with foreign keys enforced, as
    // every qcode connection makes them; what could change, the codings, is read once.
    const workers = !serial && !p.db.memory;
    const integrityRows = workers ? startCheck(p.db.name, 'integrity_check') : undefined;
    const foreignKeyRows = workers ? startCheck(p.db.name, 'foreign_key_check') : undefined;
    const own = p.db.transaction(() => ownChecks(p, integrity, serial))();
    const problems: CheckProblem[] = integrity.integrityCheck(integrityRows?.()).map((message) => ({ kind: 'database', message }));
    for (const f of integrity.foreignKeyProblems(foreignKeyRows?.())) problems.push({ kind: 'reference', message: `${f.table} row ${f.rowid} points at a missing ${f.parent}` });
    problems.push(...own.problems);
    return { ok: problems.length === 0 && own.orphans.length === 0, problems, orphans: own.orphans, codings: own.codings, emptyCases: own.emptyCases };
  }, { readonly: true });
}

/** Everything `check` looks at but SQLite's two checks, in the order it reports it. */
function ownChecks(p: Project, integrity: IntegrityRepo, serial: boolean): Omit<CheckResult, 'ok'> {
  const problems: CheckProblem[] = [];
  const codes = p.codes.list();
  const codeNames = new Map(codes.map((c) => [c.id, c.name]));
  const coderNames = new Map(p.coders.list().map((c) => [c.id, c.name]));
  // Problems of codings are reported in coding id order, whichever source they are in.
  const codingProblems: { id: number; problem: CheckProblem }[] = [];
  const orphans: CheckResult['orphans'] = [];
  // Sound codings (placed on the current revision, in range, with their quote) add nothing
  // but their count: SQLite leaves them out below, and counts them all here.
  let checked = serial ? 0 : integrity.countCodings([...codeNames.keys()], [...coderNames.keys()]);
  for (const s of integrity.sources()) {
    let revision = -1;
    let text: string | undefined;
    let map: CodePointMap | undefined;
    for (const [id, codeId, coderId, rev, start, end, quote, orphaned] of serial ? integrity.codingsOf(s.id) : integrity.suspectCodingsOf(s.id, s.current)) {
      const c = { id, revision: rev, start, end, quote, orphaned };
      const code = codeNames.get(codeId);
      const coder = coderNames.get(coderId);
      if (code === undefined || coder === undefined) continue; // a dangling reference, reported above
      if (serial) checked++;
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
  return { problems, orphans, codings: checked, emptyCases };
}
