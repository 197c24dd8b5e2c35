/**
 * Text sources of a REFI-QDA project, with their selections and codings. A source whose
 * normalised text is already here (by content) is matched; otherwise it is added under
 * its name (made unique). Each selection is converted to code points of the normalised
 * text; one that cannot be placed exactly becomes an orphaned coding with its reason.
 */
import { analyseText } from '../core/analyse.js';
import type { Code } from '../core/codebook.js';
import { CodePointMap } from '../core/code-points.js';
import { addLoss, type RefiCoding, type RefiProject, type RefiSelection, type RefiTextSource } from '../core/refi-model.js';
import type { Placement, PositionConvention, RawText } from '../core/refi-positions.js';
import { applyCoding, quoteOf, type SourceAt } from './coding-writer.js';
import { hashText } from './hash.js';
import { sourceMatcher, speakerSettings } from './interviewer-labels.js';
import type { Project } from './project.js';
import type { ImportSummary } from '../core/refi-import-summary.js';

export interface PreparedSource {
  source: RefiTextSource;
  raw: RawText | null;
}

export interface ImportContext {
  users: Map<string, string>;
  fallbackCoder: string;
  convention: PositionConvention;
  now: string;
  file: string;
}

/** A coding of the file with the place it will take here. */
interface Pending {
  id: string;
  at: SourceAt;
  coding: RefiCoding;
  selection: RefiSelection | null;
  place: Placement;
  userFallback: string | null;
}

export interface SourcesImported {
  /** Source GUID → qcode source id. */
  sourceIds: Map<string, string>;
  /** Source GUID → source row id. */
  rowIds: Map<string, number>;
  /** Coding GUID → the qcode coding it became (or joined). */
  codingIds: Map<string, number>;
  /** Selection GUID → its first coding here. */
  selectionCodingIds: Map<string, number>;
}

export function importSources(p: Project, project: RefiProject, prepared: PreparedSource[], codes: Map<string, Code>, ic: ImportContext, s: ImportSummary): SourcesImported {
  const out: SourcesImported = { sourceIds: new Map(), rowIds: new Map(), codingIds: new Map(), selectionCodingIds: new Map() };
  const byHash = new Map(p.sources.list().map((x) => [x.hash, x.id]));
  const caseOf = casesOfSources(p, project, ic.now, s);
  const labels = speakerSettings(p);
  const coderIds = new Map<string, number>();
  const coderId = (name: string): number => {
    let id = coderIds.get(name);
    if (id === undefined) coderIds.set(name, (id = p.coders.ensure(name, ic.now)));
    return id;
  };
  const coderOf = (c: RefiCoding, fallback: string | null): string =>
    ic.users.get(c.userGuid ?? fallback ?? '') ?? ic.fallbackCoder;
  const pending: Pending[] = [];
  for (const { source, raw } of prepared) {
    if (raw === null) {
      const lost = source.selections.reduce((n, sel) => n + sel.codings.length, 0) + source.codings.length;
      s.sourcesWithoutText.push({ source: source.name, reason: source.textProblem ?? 'no text', codingsLost: lost });
      addLoss(s.lost, 'codings of sources without text', 'there is no text to place them on', lost);
      continue;
    }
    const text = raw.normalised;
    const hash = hashText(text);
    let id = byHash.get(hash);
    if (id !== undefined) s.imported.sourcesMatched++;
    else {
      id = uniqueSourceName(p, source.name, s);
      // Source variables are metadata; `wave` and `date` (as qcode exports them) are the source's own fields.
      const { wave, date, ...metadata } = source.variables;
      const analysis = analyseText(text, sourceMatcher(labels, id, metadata), null, null);
      const caseName = caseOf.get(source.guid) ?? id;
      p.sources.insert(id, {
        caseId: p.cases.ensure(caseName, ic.now).id, wave: wave !== undefined && wave.trim() !== '' ? wave.trim() : '1',
        path: `${ic.file}#${source.textPath}`,
        format: 'txt', encoding: 'utf-8', date: date ?? null, durationSec: null, metadata: JSON.stringify(metadata),
      }, { hash, text, ...analysis }, ic.now);
      byHash.set(hash, id);
      s.imported.sourcesAdded++;
    }
    const state = p.sources.state(id)!;
    out.sourceIds.set(source.guid, id);
    out.rowIds.set(source.guid, state.rowId);
    const at: SourceAt = { sourceId: state.rowId, revision: state.revision, text, map: new CodePointMap(text) };
    for (const c of source.codings) pending.push({ id, at, coding: c, selection: null, place: { ok: true, start: 0, end: at.map.length }, userFallback: null });
    for (const sel of source.selections) {
      const place = raw.place(sel, ic.convention);
      for (const c of sel.codings) pending.push({ id, at, coding: c, selection: sel, place, userFallback: sel.userGuid ?? project.creatingUserGuid });
      if (sel.codings.length === 0 && sel.noteGuids.length === 0) addLoss(s.lost, 'selections without codings or notes', 'a qcode coding needs a code');
    }
  }
  // Codings are written in the order they were made (then in file order), so that a
  // project exported by qcode comes back with its codings numbered as they were.
  const order = (c: Pending): number => (c.coding.createdAt === null ? Number.POSITIVE_INFINITY : Date.parse(c.coding.createdAt) || Number.POSITIVE_INFINITY);
  const sorted = pending.map((x, i) => ({ x, i, t: order(x) })).sort((a, b) => (a.t === b.t ? a.i - b.i : a.t < b.t ? -1 : 1)).map((e) => e.x);
  const orphansHere = new Map<number, Set<string>>();
  for (const op of sorted) {
    const k = codes.get(op.coding.codeGuid);
    if (k === undefined) {
      addLoss(s.lost, 'codings of codes not in the codebook', 'their CodeRef names no code of the file');
      continue;
    }
    const who = coderOf(op.coding, op.userFallback);
    const whoId = coderId(who);
    let codingId: number;
    if (op.place.ok) {
      const span = { start: op.place.start, end: op.place.end };
      const r = applyCoding(p, op.at, k.id, whoId, span, null, ic.now);
      if (r.change.created.length > 0) s.imported.codingsAdded++;
      else if (r.change.updated.length === 0 && r.change.deleted.length === 0) s.imported.codingsAlreadyHere++;
      else s.imported.codingsJoined++;
      codingId = r.id;
    } else {
      const sel = op.selection!;
      s.orphans.push({ source: op.id, code: k.name, coder: who, start: sel.start, end: sel.end, reason: op.place.reason });
      s.imported.orphans++;
      const len = op.at.map.length;
      const start = Math.max(0, Math.min(Number.isFinite(sel.start) ? sel.start : 0, len - 1));
      const end = Math.max(start + 1, Math.min(Number.isFinite(sel.end) ? sel.end : len, len));
      let here = orphansHere.get(op.at.sourceId);
      if (here === undefined) {
        here = new Set(p.codings.forSource(op.at.sourceId).filter((c) => c.orphaned).map((c) => `${c.codeId}/${c.coderId}/${c.start}/${c.end}`));
        orphansHere.set(op.at.sourceId, here);
      }
      const key = `${k.id}/${whoId}/${start}/${end}`;
      if (here.has(key)) continue;
      here.add(key);
      codingId = p.codings.insert({
        codeId: k.id, sourceId: op.at.sourceId, coderId: whoId, revision: op.at.revision, start, end, ...quoteOf(op.at, { start, end }),
        weight: null, orphaned: true, createdAt: ic.now, updatedAt: ic.now,
      });
    }
    out.codingIds.set(op.coding.guid, codingId);
    if (op.selection !== null && !out.selectionCodingIds.has(op.selection.guid)) out.selectionCodingIds.set(op.selection.guid, codingId);
  }
  return out;
}

/** The case of each source: the first case whose SourceRefs name it. Cases and their variables are brought in. */
function casesOfSources(p: Project, project: RefiProject, now: string, s: ImportSummary): Map<string, string> {
  const caseOf = new Map<string, string>();
  const existing = new Map(p.cases.list().map((c) => [c.case, c.attributes]));
  for (const c of project.cases) {
    const row = p.cases.ensure(c.name, now);
    s.imported.cases++;
    const have = existing.get(c.name) ?? {};
    const missing = Object.fromEntries(Object.entries(c.variables).filter(([k]) => have[k] === undefined));
    s.imported.attributesAdded += p.cases.setAttributes(row.id, missing);
    for (const g of c.sourceGuids) {
      if (caseOf.has(g)) addLoss(s.lost, 'sources in more than one case', 'a qcode source belongs to one case: the first case listing it was kept');
      else caseOf.set(g, c.name);
    }
  }
  return caseOf;
}

function uniqueSourceName(p: Project, raw: string, s: ImportSummary): string {
  const base = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  let name = base;
  for (let n = 2; p.sources.state(name) !== undefined; n++) name = `${base} (${n})`;
  if (name !== base) s.renamed.push({ kind: 'source', from: base, to: name, reason: 'a source of that name with another text is already here' });
  return name;
}
