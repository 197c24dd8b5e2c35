/**
 * `qcode merge <other qcode.db>`: brings another copy of the project (a second coder's)
 * into this one. Sources are matched by content hash (then by id); codes by name,
 * case-insensitively, codes only the other has added with their place in the tree;
 * codings added under their own coder (joined with identical or overlapping ones, so a
 * second run changes nothing); memos added once. A source whose text differs has the
 * other's codings re-anchored onto this text, as on re-ingest; what cannot be placed is
 * reported, never misplaced.
 */
import { copyFileSync, existsSync, realpathSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CodePointMap } from '../core/code-points.js';
import { nameKey, treeOrder, type Code } from '../core/codebook.js';
import { ProjectError } from '../core/errors.js';
import { reanchor } from '../core/reanchor.js';
import { indexTalk } from '../core/talk.js';
import { openProjectDb } from '../db/open.js';
import { makeMergeTemp, removeStaleMergeTemps } from '../io/merge-temp.js';
import { addCode } from './code-lookup.js';
import { actingCoderId, coderIdentity } from './coder.js';
import { SourceCodings } from './source-codings.js';
import { applyCoding, type SourceAt } from './coding-writer.js';
import { nowOf, type AppContext } from './context.js';
import { sourceMatcher, speakerSettings } from './interviewer-labels.js';
import { locateProject, Project, withProject } from './project.js';

export interface MergeSummary {
  dryRun: boolean;
  codesAdded: string[];
  sourcesAdded: string[];
  sourcesMatched: number;
  /** Sources whose text differs between the copies: the other's codings were re-anchored. */
  sourcesDiffering: string[];
  codingsAdded: number;
  codingsAlreadyHere: number;
  codingsJoined: number;
  /** The other's codings that could not be placed on this text (not merged). */
  unplaced: { source: string; code: string; coder: string; quote: string }[];
  /** The other's orphaned codings (not merged: they have no place in either copy). */
  orphansSkipped: number;
  memosAdded: number;
  /** Coders who had codings here and brought new ones from the other copy: combined under one name. */
  coderClashes: string[];
}

export function mergeProject(ctx: AppContext, otherPath: string, options: { dryRun?: boolean } = {}): MergeSummary {
  const here = locateProject(ctx);
  const file = resolveOther(resolve(ctx.cwd, otherPath));
  if (realpathSync(file) === realpathSync(here)) throw new ProjectError('cannot merge a project into itself', { hint: 'give the path of the other copy' });
  const { other, cleanup } = openOther(file);
  const who = coderIdentity(ctx);
  try {
    return withProject(ctx, (p) => p.writeOrRollback(() => {
      const now = nowOf(ctx);
      const s: MergeSummary = {
        dryRun: options.dryRun === true, codesAdded: [], sourcesAdded: [], sourcesMatched: 0, sourcesDiffering: [], codingsAdded: 0,
        codingsAlreadyHere: 0, codingsJoined: 0, unplaced: [], orphansSkipped: 0, memosAdded: 0, coderClashes: [],
      };
      const coderId = actingCoderId(ctx, p, who, now);
      const before = new Set(p.codings.coderNames());
      const codeMap = mergeCodes(p, other, coderId, now, otherPath, s);
      mergeCaseAttributes(p, other, now);
      const { sourceMap, codingMap, newBy } = mergeSourcesAndCodings(p, other, codeMap, now, s);
      s.coderClashes = [...newBy].filter((c) => before.has(c)).sort();
      mergeMemos(p, other, codeMap, sourceMap, codingMap, now, s);
      return s;
    }, options.dryRun === true));
  } finally {
    cleanup();
  }
}

function resolveOther(path: string): string {
  const file = existsSync(join(path, 'qcode.db')) ? join(path, 'qcode.db') : path;
  if (!existsSync(file) || !statSync(file).isFile()) throw new ProjectError(`${path}: no qcode project there`, { hint: 'give the path of the other qcode.db' });
  return file;
}

/** Opens the other project without changing it: an older one is migrated in a temp copy. */
function openOther(file: string): { other: Project; cleanup: () => void } {
  removeStaleMergeTemps();
  const dir = makeMergeTemp();
  const copy = join(dir, 'qcode.db');
  try {
    copyFileSync(file, copy);
    for (const ext of ['-wal', '-shm']) if (existsSync(file + ext)) copyFileSync(file + ext, copy + ext);
    const db = openProjectDb(copy);
    return { other: new Project(dir, db), cleanup: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    // Name the user's file, not the temporary copy.
    const message = (e as Error).message.split(copy).join(file);
    throw new ProjectError(message, { hint: e instanceof ProjectError ? e.hint ?? 'give the qcode.db of another copy of this project' : 'give the qcode.db of another copy of this project' });
  }
}

function mergeCodes(p: Project, other: Project, coderId: number, now: string, file: string, s: MergeSummary): Map<number, Code> {
  const theirs = other.codes.list();
  const map = new Map<number, Code>();
  for (const { code } of treeOrder(theirs)) {
    const mine = p.codes.list().find((c) => nameKey(c.name) === nameKey(code.name));
    if (mine !== undefined) {
      map.set(code.id, mine);
      continue;
    }
    const parent = code.parentId === null ? null : map.get(code.parentId) ?? null;
    const added = addCode(p, code.name, parent, code, coderId, now, { merge: file });
    s.codesAdded.push(added.name);
    map.set(code.id, added);
  }
  return map;
}

/** Case attributes the other copy has and this one lacks (values here are never overwritten). */
function mergeCaseAttributes(p: Project, other: Project, now: string): void {
  const mine = new Map(p.cases.list().map((c) => [c.case, c.attributes]));
  for (const c of other.cases.list()) {
    const have = mine.get(c.case) ?? {};
    const missing = Object.fromEntries(Object.entries(c.attributes).filter(([k]) => have[k] === undefined));
    if (Object.keys(missing).length > 0) p.cases.setAttributes(p.cases.ensure(c.case, now).id, missing);
  }
}

function mergeSourcesAndCodings(p: Project, other: Project, codeMap: Map<number, Code>, now: string, s: MergeSummary) {
  const sourceMap = new Map<number, number>();
  const codingMap = new Map<number, number>();
  /** Coders whose codings from the other copy were new here (added or joined). */
  const newBy = new Set<string>();
  const mineByHash = new Map(p.sources.list().map((x) => [x.hash, x.id]));
  const labels = speakerSettings(p);
  const coderIds = new Map<string, number>();
  const coderIdOf = (name: string): number => {
    let id = coderIds.get(name);
    if (id === undefined) coderIds.set(name, (id = p.coders.ensure(name, now)));
    return id;
  };
  for (const theirs of other.sources.list()) {
    const t = other.sources.text(theirs.id)!;
    const otherRow = other.sources.state(theirs.id)!.rowId;
    let mineId = mineByHash.get(theirs.hash) ?? (p.sources.state(theirs.id) !== undefined ? theirs.id : undefined);
    if (mineId === undefined) {
      const caseRow = p.cases.ensure(theirs.case, now);
      const talk = indexTalk(t.text, t.turns, sourceMatcher(labels, theirs.id, theirs.metadata));
      p.sources.insert(theirs.id, {
        caseId: caseRow.id, wave: theirs.wave, path: theirs.path, format: theirs.format, encoding: theirs.encoding,
        date: theirs.date, durationSec: theirs.durationSec, metadata: JSON.stringify(theirs.metadata),
      }, {
        hash: theirs.hash, text: t.text, length: theirs.length, lines: theirs.lines, participantWords: talk.participantWords,
        interviewerWords: talk.interviewerWords, participantWordStarts: talk.participantWordStarts,
        turns: t.turns.map((turn, i) => ({ ...turn, role: talk.roles[i]! })),
      }, now);
      s.sourcesAdded.push(theirs.id);
      mineId = theirs.id;
    } else s.sourcesMatched++;
    const mine = p.sources.text(mineId)!;
    const state = p.sources.state(mineId)!;
    sourceMap.set(otherRow, state.rowId);
    const at: SourceAt = { sourceId: state.rowId, revision: state.revision, text: mine.text, map: new CodePointMap(mine.text) };
    const rows = other.codings.list({ sourceId: otherRow });
    const placedRows = rows.filter((r) => !r.orphaned && r.revision === theirs.revision);
    s.orphansSkipped += rows.length - placedRows.length;
    const differs = mine.text !== t.text;
    if (differs && placedRows.length > 0) s.sourcesDiffering.push(mineId);
    const placements = differs ? reanchor(t.text, mine.text, placedRows) : placedRows.map((r) => ({ status: 'unchanged', start: r.start, end: r.end }));
    // This source's codings, read once and kept in step (as tag --from does): not two queries a coding.
    const lookup = new SourceCodings(p, state.rowId);
    placedRows.forEach((r, i) => {
      const place = placements[i]!;
      if (place.status === 'orphaned') {
        s.unplaced.push({ source: mineId!, code: r.code, coder: r.coder, quote: r.quote });
        return;
      }
      const codeId = codeMap.get(r.codeId)!.id;
      const coderId = coderIdOf(r.coder);
      const before = lookup.meeting(state.rowId, codeId, coderId, place.start, place.end) ?? p.codings.meeting(state.rowId, codeId, coderId, place.start, place.end);
      const result = applyCoding(p, at, codeId, coderId, { start: place.start, end: place.end }, r.weight, now, lookup);
      codingMap.set(r.id, result.id);
      if (before.length === 0) s.codingsAdded++;
      else if (result.change.updated.length === 0 && result.change.deleted.length === 0) s.codingsAlreadyHere++;
      else s.codingsJoined++;
      if (before.length === 0 || result.change.updated.length > 0) newBy.add(r.coder);
    });
  }
  return { sourceMap, codingMap, newBy };
}

function mergeMemos(p: Project, other: Project, codeMap: Map<number, Code>, sourceMap: Map<number, number>, codingMap: Map<number, number>, now: string, s: MergeSummary): void {
  const key = (m: { coder: string; title: string | null; text: string; createdAt: string }) => JSON.stringify([m.coder, m.title, m.text, m.createdAt]);
  const mine = new Set(p.memos.list().map(key));
  const codeIds = new Map(other.codes.list().map((c) => [c.name, codeMap.get(c.id)!.id]));
  for (const m of other.memos.list()) {
    if (mine.has(key(m))) continue;
    const raw = other.memos.links(m.id)!;
    p.memos.insertAs(p.coders.ensure(m.coder, now), m.title, m.text, {
      sourceId: raw.sourceId === null ? null : sourceMap.get(raw.sourceId) ?? null,
      codeId: m.code === null ? null : codeIds.get(m.code) ?? null,
      caseId: m.case === null ? null : p.cases.ensure(m.case, now).id,
      codingId: raw.codingId === null ? null : codingMap.get(raw.codingId) ?? null,
      turn: m.turn,
    }, m.createdAt, m.updatedAt);
    s.memosAdded++;
  }
}
