/**
 * Text sources of a REFI-QDA project, with their selections and codings. A source whose
 * normalised text is already here (by content) is matched; otherwise it is added under
 * its name (made unique). Each selection is converted to code points of the normalised
 * text; one that cannot be placed exactly becomes an orphaned coding with its reason.
 */
import { analyseText } from '../core/analyse.js';
import type { Code } from '../core/codebook.js';
import { CodePointMap } from '../core/code-points.js';
import { addLoss, type RefiCoding, type RefiProject, type RefiTextSource } from '../core/refi-model.js';
import type { PositionConvention, RawText } from '../core/refi-positions.js';
import { applyCoding, quoteOf, type SourceAt } from './coding-writer.js';
import { hashText } from './hash.js';
import { interviewerLabels, matcherFor } from './interviewer-labels.js';
import type { Project } from './project.js';
import type { ImportSummary } from './refi-import-summary.js';

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
  const labels = interviewerLabels(p);
  const coderIds = new Map<string, number>();
  const coderId = (name: string): number => {
    let id = coderIds.get(name);
    if (id === undefined) coderIds.set(name, (id = p.coders.ensure(name, ic.now)));
    return id;
  };
  const coderOf = (c: RefiCoding, fallback: string | null): string =>
    ic.users.get(c.userGuid ?? fallback ?? '') ?? ic.fallbackCoder;
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
      const metadata = { ...source.variables };
      const analysis = analyseText(text, matcherFor(labels, metadata), null, null);
      const caseName = caseOf.get(source.guid) ?? id;
      p.sources.insert(id, {
        caseId: p.cases.ensure(caseName, ic.now).id, wave: '1', path: `${ic.file}#${source.textPath.replace(/^.*#/, '')}`,
        format: 'txt', encoding: 'utf-8', date: null, durationSec: null, metadata: JSON.stringify(metadata),
      }, { hash, text, ...analysis }, ic.now);
      byHash.set(hash, id);
      s.imported.sourcesAdded++;
    }
    const state = p.sources.state(id)!;
    out.sourceIds.set(source.guid, id);
    out.rowIds.set(source.guid, state.rowId);
    const at: SourceAt = { sourceId: state.rowId, revision: state.revision, text, map: new CodePointMap(text) };
    const orphansHere = new Set(p.codings.forSource(state.rowId).filter((c) => c.orphaned).map((c) => `${c.codeId}/${c.coderId}/${c.start}/${c.end}`));
    const code = (c: RefiCoding): Code | undefined => {
      const found = codes.get(c.codeGuid);
      if (found === undefined) addLoss(s.lost, 'codings of codes not in the codebook', 'their CodeRef names no code of the file');
      return found;
    };
    const apply = (c: RefiCoding, span: { start: number; end: number }, userFallback: string | null): number | null => {
      const k = code(c);
      if (k === undefined) return null;
      const who = coderId(coderOf(c, userFallback));
      const before = p.codings.meeting(state.rowId, k.id, who, span.start, span.end);
      const r = applyCoding(p, at, k.id, who, span, null, ic.now);
      if (before.length === 0) s.imported.codingsAdded++;
      else if (r.change.updated.length === 0 && r.change.deleted.length === 0) s.imported.codingsAlreadyHere++;
      else s.imported.codingsJoined++;
      out.codingIds.set(c.guid, r.id);
      return r.id;
    };
    for (const c of source.codings) apply(c, { start: 0, end: at.map.length }, null);
    for (const sel of source.selections) {
      const place = raw.place(sel, ic.convention);
      for (const c of sel.codings) {
        const fallback = sel.userGuid ?? project.creatingUserGuid;
        if (place.ok) {
          const codingId = apply(c, place, fallback);
          if (codingId !== null && !out.selectionCodingIds.has(sel.guid)) out.selectionCodingIds.set(sel.guid, codingId);
          continue;
        }
        const k = code(c);
        if (k === undefined) continue;
        const who = coderOf(c, fallback);
        const len = at.map.length;
        const start = Math.max(0, Math.min(Number.isFinite(sel.start) ? sel.start : 0, len - 1));
        const end = Math.max(start + 1, Math.min(Number.isFinite(sel.end) ? sel.end : len, len));
        s.orphans.push({ source: id, code: k.name, coder: who, start: sel.start, end: sel.end, reason: place.reason });
        s.imported.orphans++;
        const key = `${k.id}/${coderId(who)}/${start}/${end}`;
        if (orphansHere.has(key)) continue;
        orphansHere.add(key);
        const row = { codeId: k.id, sourceId: state.rowId, coderId: coderId(who), revision: state.revision, start, end, ...quoteOf(at, { start, end }), weight: null, orphaned: true, createdAt: ic.now, updatedAt: ic.now };
        const codingId = p.codings.insert(row);
        out.codingIds.set(c.guid, codingId);
        if (!out.selectionCodingIds.has(sel.guid)) out.selectionCodingIds.set(sel.guid, codingId);
      }
      if (sel.codings.length === 0 && sel.noteGuids.length === 0) addLoss(s.lost, 'selections without codings or notes', 'a qcode coding needs a code');
    }
  }
  return out;
}

/** The case of each source: the first case whose SourceRefs name it. Cases and their variables are brought in. */
function casesOfSources(p: Project, project: RefiProject, now: string, s: ImportSummary): Map<string, string> {
  const caseOf = new Map<string, string>();
  for (const c of project.cases) {
    const row = p.cases.ensure(c.name, now);
    s.imported.cases++;
    const have = p.cases.list().find((x) => x.case === c.name)?.attributes ?? {};
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
