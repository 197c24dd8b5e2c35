/**
 * Codebook use cases: list, add, describe, rename, move, merge, delete, history. Each
 * change is one transaction and one (or more) entries in the codebook history, with
 * time, coder and what changed, complete enough to reverse by hand.
 */
import { checkColor, cleanCodeName, codePath, CODE_FIELDS, descendantIds, nameKey, treeOrder, type Code, type CodeFields } from '../core/codebook.js';
import { CodebookError } from '../core/errors.js';
import type { HistoryEntry } from '../db/code-repo.js';
import { addCode, findCode } from './code-lookup.js';
import { actingCoderId, coderIdentity } from './coder.js';
import { nowOf, type AppContext } from './context.js';
import { withProject, type Project } from './project.js';
import { coalesceCodings } from './coalesce.js';

export interface CodebookRow {
  code: string;
  path: string[];
  parent: string | null;
  depth: number;
  description: string | null;
  include: string | null;
  exclude: string | null;
  example: string | null;
  color: string | null;
  codings: number;
  sources: number;
  cases: number;
}

/** The codebook in tree order with, per code, its own codings, sources and cases. */
export function listCodebook(ctx: AppContext): CodebookRow[] {
  return withProject(ctx, (p) => {
    const codes = p.codes.list();
    const counts = p.codings.countsByCode();
    const byId = new Map(codes.map((c) => [c.id, c]));
    return treeOrder(codes).map(({ code, depth }) => ({
      code: code.name, path: codePath(codes, code.id), parent: code.parentId === null ? null : byId.get(code.parentId)!.name, depth,
      description: code.description, include: code.include, exclude: code.exclude, example: code.example, color: code.color,
      codings: counts.get(code.id)?.codings ?? 0, sources: counts.get(code.id)?.sources ?? 0, cases: counts.get(code.id)?.cases ?? 0,
    }));
  }, { readonly: true });
}

/** Runs a codebook change in one transaction with the coder and time. */
function change<T>(ctx: AppContext, fn: (p: Project, coderId: number, now: string) => T): T {
  const who = coderIdentity(ctx);
  const coder = who.coder;
  return withProject(ctx, (p) => p.write(() => {
    const now = nowOf(ctx);
    return fn(p, actingCoderId(ctx, p, who, now), now);
  }));
}

export function checkFields(fields: CodeFields): CodeFields {
  const out: CodeFields = {};
  for (const k of CODE_FIELDS) {
    const v = fields[k];
    if (v === undefined) continue;
    out[k] = v === null || v.trim() === '' ? null : k === 'color' ? checkColor(v.trim()) : v;
  }
  return out;
}

export function codebookAdd(ctx: AppContext, name: string, parent: string | undefined, fields: CodeFields): Code {
  return change(ctx, (p, coderId, now) => addCode(p, name, parent === undefined ? null : findCode(p, parent), checkFields(fields), coderId, now));
}

export function codebookDescribe(ctx: AppContext, name: string, fields: CodeFields): { code: string; changed: string[] } {
  return change(ctx, (p, coderId, now) => {
    const code = findCode(p, name);
    const checked = checkFields(fields);
    const before: Record<string, string | null> = {};
    const after: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(checked) as [keyof CodeFields, string | null][]) {
      if (code[k] === v) continue;
      before[k] = code[k];
      after[k] = v;
      p.codes.setField(code.id, k, v);
    }
    if (Object.keys(after).length > 0) p.codes.record(coderId, now, 'describe', code.name, { before, after });
    return { code: code.name, changed: Object.keys(after) };
  });
}

export function codebookRename(ctx: AppContext, oldName: string, newName: string): { from: string; to: string } {
  return change(ctx, (p, coderId, now) => {
    const codes = p.codes.list();
    const code = findCode(p, oldName, codes);
    const name = cleanCodeName(newName);
    const clash = codes.find((c) => c.id !== code.id && nameKey(c.name) === nameKey(name));
    if (clash !== undefined) throw new CodebookError(`a code "${clash.name}" already exists`, { hint: `to combine them, use qcode codebook merge "${code.name}" --into "${clash.name}"` });
    p.codes.rename(code.id, name, nameKey(name));
    p.codes.record(coderId, now, 'rename', name, { from: code.name, to: name });
    return { from: code.name, to: name };
  });
}

export function codebookMove(ctx: AppContext, name: string, parent: string | null): { code: string; from: string | null; to: string | null } {
  return change(ctx, (p, coderId, now) => {
    const codes = p.codes.list();
    const code = findCode(p, name, codes);
    const target = parent === null ? null : findCode(p, parent, codes);
    if (target !== null && descendantIds(codes, code.id).has(target.id)) {
      throw new CodebookError(`cannot move "${code.name}" under "${target.name}": that is ${target.id === code.id ? 'itself' : 'one of its own descendants'}`);
    }
    const from = code.parentId === null ? null : codes.find((c) => c.id === code.parentId)!.name;
    p.codes.move(code.id, target?.id ?? null);
    p.codes.record(coderId, now, 'move', code.name, { from, to: target?.name ?? null });
    return { code: code.name, from, to: target?.name ?? null };
  });
}

export interface MergeResult {
  into: string;
  merged: string[];
  codingsMoved: number;
  codingsJoined: number;
  childrenMoved: number;
  memosRelinked: number;
}

/** Merges codes into a target: codings, children and memos move over; same-coder overlaps join. */
export function codebookMerge(ctx: AppContext, names: string[], into: string): MergeResult {
  return change(ctx, (p, coderId, now) => {
    const codes = p.codes.list();
    const target = findCode(p, into, codes);
    const sources = [...new Map(names.map((n) => findCode(p, n, codes)).map((c) => [c.id, c])).values()];
    const r: MergeResult = { into: target.name, merged: [], codingsMoved: 0, codingsJoined: 0, childrenMoved: 0, memosRelinked: 0 };
    for (const src of sources) {
      if (src.id === target.id) throw new CodebookError(`cannot merge "${src.name}" into itself`);
      if (descendantIds(codes, src.id).has(target.id)) throw new CodebookError(`cannot merge "${src.name}" into its own descendant "${target.name}"`, { hint: `move "${target.name}" out first` });
      for (const child of codes.filter((c) => c.parentId === src.id)) {
        p.codes.move(child.id, target.id);
        r.childrenMoved++;
      }
      r.codingsMoved += p.codings.recode(src.id, target.id, now);
      r.memosRelinked += p.memos.relinkCode(src.id, target.id);
      p.codes.delete(src.id);
      r.merged.push(src.name);
      p.codes.record(coderId, now, 'merge', src.name, { into: target.name, deleted: snapshot(src) });
    }
    r.codingsJoined = coalesceCodings(p, target.id, now);
    return r;
  });
}

export interface DeleteResult {
  deleted: string[];
  codingsRemoved: number;
  memosUnlinked: number;
}

/**
 * Deletes a code; with codings or children only when forced, removing them too. Other
 * coders' codings are removed only with `anyCoder` (each is listed, with its coder, in the
 * history record).
 */
export function codebookDelete(ctx: AppContext, name: string, force: boolean, anyCoder = false): DeleteResult {
  return change(ctx, (p, coderId, now) => {
    const codes = p.codes.list();
    const code = findCode(p, name, codes);
    const ids = descendantIds(codes, code.id);
    const codings = p.codings.list({ codeIds: [...ids] });
    if (!force && (ids.size > 1 || codings.length > 0)) {
      throw new CodebookError(`"${code.name}" has ${ids.size - 1} child code(s) and ${codings.length} coding(s); nothing was deleted`, {
        hint: 'merge it into another code to keep its codings, or add --force to delete it with all of them',
      });
    }
    const others = new Map<string, number>();
    for (const c of codings) if (c.coderId !== coderId) others.set(c.coder, (others.get(c.coder) ?? 0) + 1);
    if (others.size > 0 && !anyCoder) {
      const who = [...others].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => `${c} ${n}`).join(', ');
      throw new CodebookError(`"${code.name}" has codings by other coders (${who}); nothing was deleted`, {
        code: 'E_OTHERS_CODINGS',
        hint: 'add --any-coder to delete their codings too, each recorded in the history; or merge the code into another to keep them',
      });
    }
    const r: DeleteResult = { deleted: [], codingsRemoved: codings.length, memosUnlinked: 0 };
    const memos = new Set(p.memos.list().filter((m) => (m.coding !== null && codings.some((c) => c.id === m.coding)) || (m.code !== null && codes.some((c) => ids.has(c.id) && c.name === m.code))).map((m) => m.id));
    r.memosUnlinked = memos.size;
    for (const c of codings) {
      p.memos.relinkCoding(c.id, null);
      p.codings.delete(c.id);
    }
    // Children first, so that no code is left pointing at a deleted parent.
    for (const { code: c } of treeOrder(codes.filter((x) => ids.has(x.id))).reverse()) {
      p.memos.unlinkCode(c.id);
      p.codes.delete(c.id);
      r.deleted.push(c.name);
      p.codes.record(coderId, now, 'delete', c.name, {
        code: snapshot(c),
        codings: codings.filter((x) => x.codeId === c.id).map((x) => ({ id: x.id, source: x.source, coder: x.coder, start: x.start, end: x.end, revision: x.revision, quote: x.quote, weight: x.weight })),
      });
    }
    return r;
  });
}

export function codebookHistory(ctx: AppContext): HistoryEntry[] {
  return withProject(ctx, (p) => p.codes.history(), { readonly: true });
}

function snapshot(c: Code): Record<string, unknown> {
  return { name: c.name, parentId: c.parentId, description: c.description, include: c.include, exclude: c.exclude, example: c.example, color: c.color, createdBy: c.createdBy, createdAt: c.createdAt };
}
