/**
 * Memos (DESIGN.md, "memo"): dated text by a coder, linked to a source, a code, a case,
 * a coding, or to nothing.
 */
import { UsageError } from '../core/errors.js';
import type { MemoLinks, MemoView } from '../db/memo-repo.js';
import { findCode } from './code-lookup.js';
import { actingCoderId, coderIdentity } from './coder.js';
import { nowOf, type AppContext } from './context.js';
import { withProject, type Project } from './project.js';
import { sourceNotFound } from './source-lookup.js';

export interface MemoTargets {
  source?: string;
  code?: string;
  case?: string;
  coding?: number;
  coder?: string;
}

function resolveLinks(p: Project, t: MemoTargets): MemoLinks & { coderId?: number } {
  const links: MemoLinks & { coderId?: number } = {};
  if (t.source !== undefined) {
    links.sourceId = p.sources.state(t.source)?.rowId;
    if (links.sourceId === undefined) throw sourceNotFound(p, t.source);
  }
  if (t.code !== undefined) links.codeId = findCode(p, t.code).id;
  if (t.case !== undefined) {
    links.caseId = p.cases.find(t.case);
    if (links.caseId === undefined) throw new UsageError(`no case "${t.case}" in this project`, { hint: 'qcode cases lists them' });
  }
  if (t.coding !== undefined) {
    const coding = p.codings.get(t.coding);
    if (coding === undefined) throw new UsageError(`no coding with id ${t.coding}`, { hint: 'qcode codings lists them' });
    links.codingId = coding.id;
    links.sourceId ??= coding.sourceId;
    links.codeId ??= coding.codeId;
  }
  return links;
}

export function addMemo(ctx: AppContext, targets: MemoTargets, title: string | undefined, text: string): MemoView {
  if (text.trim().length === 0) throw new UsageError('the memo is empty; nothing was saved');
  const who = coderIdentity(ctx);
  const coder = who.coder;
  return withProject(ctx, (p) => p.write(() => {
    const now = nowOf(ctx);
    const id = p.memos.insert(actingCoderId(ctx, p, who, now), title ?? null, text, resolveLinks(p, targets), now);
    return p.memos.get(id)!;
  }));
}

export function listMemos(ctx: AppContext, targets: MemoTargets = {}): MemoView[] {
  return withProject(ctx, (p) => {
    const links = resolveLinks(p, { ...targets, coding: undefined });
    const coderId = targets.coder === undefined ? undefined : p.coders.find(targets.coder) ?? -1;
    return p.memos.list({
      sourceId: links.sourceId ?? undefined, codeId: links.codeId ?? undefined, caseId: links.caseId ?? undefined,
      codingId: targets.coding, coderId,
    });
  }, { readonly: true });
}

function memoOrError(p: Project, id: number): MemoView {
  const m = p.memos.get(id);
  if (m === undefined) throw new UsageError(`no memo with id ${id}`, { hint: 'qcode memo list shows them' });
  return m;
}

export function showMemo(ctx: AppContext, id: number): MemoView {
  return withProject(ctx, (p) => memoOrError(p, id), { readonly: true });
}

export function editMemo(ctx: AppContext, id: number, change: { title?: string; text?: string }): MemoView {
  return withProject(ctx, (p) => p.write(() => {
    const m = memoOrError(p, id);
    const text = change.text ?? m.text;
    if (text.trim().length === 0) throw new UsageError('the memo would be empty; nothing was changed', { hint: `delete it with qcode memo delete ${id}` });
    p.memos.update(id, change.title ?? m.title, text, nowOf(ctx));
    return p.memos.get(id)!;
  }));
}

export function deleteMemo(ctx: AppContext, id: number): MemoView {
  return withProject(ctx, (p) => p.write(() => {
    const m = memoOrError(p, id);
    p.memos.delete(id);
    return m;
  }));
}
