/**
 * `qcode export FILE.qdpx`: the project (or the sources and coders in scope) as a
 * REFI-QDA project. Each source's normalised text is written as an internal plain-text
 * file; selection positions are Unicode code points of that text (qcode's positions).
 * Coders become users, memos notes, cases with their attributes cases with variables.
 */
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { treeOrder, type Code } from '../core/codebook.js';
import { addLoss, type RefiCase, type RefiCode, type RefiNote, type RefiProject, type RefiSelection, type RefiTextSource, type RefiVariable } from '../core/refi-model.js';
import { compareNatural } from '../core/sort.js';
import { CodableRepo } from '../db/codable-repo.js';
import { ExchangeRepo } from '../db/exchange-repo.js';
import { qdcXml } from '../io/refi/qdc.js';
import { writeQdpxSourceBySource } from '../io/refi/qdpx-write.js';
import { wellFormedUtf8 } from '../core/utf8-cursor.js';
import type { ExportSummary } from '../core/refi-import-summary.js';
import type { AppContext } from './context.js';

export type { ExportSummary } from '../core/refi-import-summary.js';
import { withProject, type Project } from './project.js';
import { keptSets } from './refi-import.js';
import { loadScope, type ReportFilters } from './report-scope.js';

/** A GUID derived from what it names, so that exporting the same project gives the same file. */
export function stableGuid(kind: string, key: string | number): string {
  const h = createHash('sha1').update(`qcode:${kind}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function exportQdpx(ctx: AppContext, file: string, filters: ReportFilters = {}, version = ''): ExportSummary {
  const path = resolve(ctx.cwd, file);
  return withProject(ctx, (p) => {
    const plan = exportPlan(p, filters, version);
    const project = plan.project;
    // Source by source: one source's codings and text in memory at a time (a project of a
    // million codings was held whole, and its XML, in 3 GB).
    let codings = 0;
    writeQdpxSourceBySource(path, project, (k) => {
      const selections = plan.selections(k);
      codings += selections.length;
      return selections;
    }, plan.textBytes);
    const count = (list: RefiCode[]): number => list.reduce((n, c) => n + 1 + count(c.children), 0);
    return {
      file, positions: 'codepoints',
      exported: {
        sources: project.sources.length, codes: count(project.codes), codings,
        coders: project.users.length, memos: project.notes.length, cases: project.cases.length, sets: project.sets.length,
      },
      lost: project.losses,
    };
  }, { readonly: true });
}

/** The project as a RefiProject (exported for tests and the benchmark): exportQdpx's, whole. */
export function buildProject(p: Project, filters: ReportFilters, version: string): RefiProject {
  const plan = exportPlan(p, filters, version);
  plan.project.sources.forEach((s, k) => {
    s.selections = plan.selections(k);
    s.text = plan.text(k);
  });
  return plan.project;
}

/**
 * An export, source by source: the project with its sources' variables and notes but without
 * their selections and texts, which `selections(k)` and `text(k)` or `textBytes(k)` give for
 * source k, each read when asked (the losses of its codings are counted into the project's then).
 */
interface ExportPlan {
  project: RefiProject;
  selections(k: number): RefiSelection[];
  text(k: number): string;
  textBytes(k: number): Uint8Array;
}

function exportPlan(p: Project, filters: ReportFilters, version: string): ExportPlan {
  const losses: RefiProject['losses'] = [];
  const scope = loadScope(p, { ...filters, codes: undefined });
  const inScope = new Map(scope.sources.map((s) => [s.summary.rowId, s]));
  const coderSet = filters.coders === undefined ? null : new Set(filters.coders);
  const exchange = new ExchangeRepo(p.db);
  // A coding is exported when its source and coder are in scope and it has a place in the current text.
  const placed = (c: { sourceId: number; coder: string; orphaned: boolean; revision: number }): boolean => {
    const src = inScope.get(c.sourceId);
    return src !== undefined && (coderSet === null || coderSet.has(c.coder)) && !c.orphaned && c.revision === src.summary.revision;
  };
  const codes = p.codes.list();
  const codeGuid = new Map(codes.map((c) => [c.id, stableGuid('code', c.id)]));
  const users = new Map<string, string>();
  const user = (name: string): string => {
    let g = users.get(name);
    if (g === undefined) users.set(name, (g = stableGuid('coder', name)));
    return g;
  };
  // The users come first in the file: the coders of the codings exported, found before any is read.
  for (const { sourceId, coder } of exchange.placedCoders()) if (inScope.has(sourceId) && (coderSet === null || coderSet.has(coder))) user(coder);
  const sourceGuid = new Map(scope.sources.map((s) => [s.summary.rowId, stableGuid('source', s.id)]));
  const variableNames = new Set<string>();
  const sources: RefiTextSource[] = scope.sources.map((s) => {
    const variables: Record<string, string> = { wave: s.wave };
    if (s.summary.date !== null) variables.date = s.summary.date;
    for (const [k, v] of Object.entries(s.summary.metadata)) if (v !== null && typeof v !== 'object' && k !== 'wave' && k !== 'date') variables[k] = String(v);
    for (const k of Object.keys(variables)) variableNames.add(k);
    return { guid: sourceGuid.get(s.summary.rowId)!, name: s.id, nameFromFile: false, text: null, textProblem: null, textPath: '', selections: [], codings: [], noteGuids: [], variables };
  });
  const bySourceGuid = new Map(sources.map((s) => [s.guid, s]));
  const caseNames = [...new Set(scope.sources.map((s) => s.case))].sort(compareNatural);
  const cases: RefiCase[] = caseNames.map((name) => {
    const attrs = scope.attributes.get(name) ?? {};
    for (const k of Object.keys(attrs)) variableNames.add(k);
    return {
      guid: stableGuid('case', name), name, description: null, variables: { ...attrs },
      sourceGuids: scope.sources.filter((s) => s.case === name).map((s) => sourceGuid.get(s.summary.rowId)!),
    };
  });
  const variables: RefiVariable[] = [...variableNames].sort().map((name) => ({ guid: stableGuid('variable', name), name, type: 'Text' }));
  const codeNotes = new Map<number, string[]>();
  const codingNotes = new Map<number, string[]>();
  const codingPlaced = (id: number, sourceId: number | null): boolean => {
    const c = exchange.coding(id);
    return c !== undefined && c.sourceId === sourceId && placed(c);
  };
  const { notes, projectNoteGuids } = exportMemos(p, inScope, coderSet, sourceGuid, bySourceGuid, codingPlaced, codingNotes, codeNotes, user, losses);
  const notCodable = new CodableRepo(p.db).notCodable();
  const refiCodes = codeTree(codes, codeGuid, notCodable, codeNotes);
  const setList = keptSets(p).map((s) => ({
    guid: stableGuid('set', s.name), name: s.name,
    codes: s.codes.map((n) => codes.find((c) => c.name === n)).filter((c): c is Code => c !== undefined).map((c) => codeGuid.get(c.id)!),
    sources: s.sources.map((id) => scope.sources.find((x) => x.id === id)).filter((x) => x !== undefined).map((x) => sourceGuid.get(x.summary.rowId)!),
    notes: [],
  }));
  const project: RefiProject = {
    name: basename(p.dir), origin: `qcode ${version}`.trim(), creatingUserGuid: null,
    users: [...users].map(([name, guid]) => ({ guid, name })).sort((a, b) => compareNatural(a.name, b.name)),
    codes: refiCodes, variables, cases, sources, notes, sets: setList, projectNoteGuids, losses,
  };
  return {
    project,
    selections: (k) => {
      const out: RefiSelection[] = [];
      for (const c of exchange.codingsIn(scope.sources[k]!.summary.rowId)) {
        if (coderSet !== null && !coderSet.has(c.coder)) continue;
        if (!placed(c)) {
          addLoss(losses, 'orphaned codings', 'they have no place in the current text (qcode check lists them)');
          continue;
        }
        if (c.weighted) addLoss(losses, 'coding weights', 'REFI-QDA has no weights: the codings are exported without them');
        out.push({
          // Who and when are said once, on the Coding (the file is ~30% smaller than saying them twice).
          guid: stableGuid('selection', c.id), name: null, start: c.start, end: c.end, userGuid: null, createdAt: null,
          codings: [{ guid: stableGuid('coding', c.id), codeGuid: codeGuid.get(c.codeId)!, userGuid: user(c.coder), createdAt: c.createdAt, noteGuids: codingNotes.get(c.id) ?? [] }], noteGuids: [],
        });
      }
      return out;
    },
    text: (k) => p.sources.revisionText(scope.sources[k]!.summary.rowId, scope.sources[k]!.summary.revision)!,
    textBytes: (k) => wellFormedUtf8(scope.textBytes(k)),
  };
}

function codeTree(codes: Code[], guids: Map<number, string>, notCodable: Set<number>, notes: Map<number, string[]>): RefiCode[] {
  const made = new Map<number, RefiCode>();
  const roots: RefiCode[] = [];
  for (const { code } of treeOrder(codes)) {
    const rc: RefiCode = {
      guid: guids.get(code.id)!, name: code.name, description: describe(code), color: code.color,
      isCodable: !notCodable.has(code.id), noteGuids: notes.get(code.id) ?? [], children: [],
    };
    made.set(code.id, rc);
    if (code.parentId === null) roots.push(rc);
    else made.get(code.parentId)!.children.push(rc);
  }
  return roots;
}

/** REFI-QDA codes have one description: qcode's include/exclude/example notes are appended to it. */
function describe(code: Code): string | null {
  const parts = [code.description, code.include === null ? null : `Include: ${code.include}`, code.exclude === null ? null : `Exclude: ${code.exclude}`, code.example === null ? null : `Example: ${code.example}`];
  const text = parts.filter((x): x is string => x !== null).join('\n\n');
  return text === '' ? null : text;
}

function exportMemos(
  p: Project, inScope: Map<number, unknown>, coderSet: Set<string> | null, sourceGuid: Map<number, string>,
  bySourceGuid: Map<string, RefiTextSource>, codingPlaced: (id: number, sourceId: number | null) => boolean, codingNotes: Map<number, string[]>,
  codeNotes: Map<number, string[]>, user: (name: string) => string, losses: RefiProject['losses'],
): { notes: RefiNote[]; projectNoteGuids: string[] } {
  const notes: RefiNote[] = [];
  const projectNoteGuids: string[] = [];
  const codeIds = new Map(p.codes.list().map((c) => [c.name, c.id]));
  for (const m of p.memos.list()) {
    if (coderSet !== null && !coderSet.has(m.coder)) continue;
    const raw = p.memos.links(m.id)!;
    if (raw.sourceId !== null && !inScope.has(raw.sourceId)) continue;
    const guid = stableGuid('memo', m.id);
    notes.push({ guid, name: m.title, text: m.text, userGuid: user(m.coder), createdAt: m.createdAt, modifiedAt: m.updatedAt });
    if (raw.codingId !== null && codingPlaced(raw.codingId, raw.sourceId)) {
      codingNotes.set(raw.codingId, [...(codingNotes.get(raw.codingId) ?? []), guid]);
      continue;
    }
    if (m.code !== null) {
      const id = codeIds.get(m.code)!;
      codeNotes.set(id, [...(codeNotes.get(id) ?? []), guid]);
      if (raw.sourceId !== null) addLoss(losses, 'memo links to both a code and a source', 'a note is referred to once: the code keeps it');
      continue;
    }
    if (raw.sourceId !== null) {
      bySourceGuid.get(sourceGuid.get(raw.sourceId)!)!.noteGuids.push(guid);
      if (m.turn !== null) addLoss(losses, 'memo links to turns', 'REFI-QDA has no turns: the note refers to the whole source');
      continue;
    }
    if (m.case !== null) addLoss(losses, 'memo links to cases', 'a REFI-QDA case cannot refer to notes: the note is on the project');
    projectNoteGuids.push(guid);
  }
  return { notes, projectNoteGuids };
}

/** The codebook as a REFI-QDA codebook (.qdc). */
export function exportCodebookQdc(ctx: AppContext): string {
  return withProject(ctx, (p) => {
    const codes = p.codes.list();
    const guids = new Map(codes.map((c) => [c.id, stableGuid('code', c.id)]));
    return qdcXml(codeTree(codes, guids, new CodableRepo(p.db).notCodable(), new Map()));
  }, { readonly: true });
}
