/**
 * Codebook import and export. Import adds and updates by name (case-insensitive): the
 * file's fields and tree place the codes it names; codes it does not name are kept
 * unless `prune` is asked for (and even then never a code that has codings).
 */
import { resolve } from 'node:path';
import { childrenMap, cleanCodeName, CODE_FIELDS, nameKey, treeOrder, type Code, type CodeFields } from '../core/codebook.js';
import { CodebookError } from '../core/errors.js';
import { readCodebookFile, type CodebookEntry } from '../io/codebook-file.js';
import { readQdc, type QdcEntry } from '../io/refi/qdc.js';
import { CodableRepo } from '../db/codable-repo.js';
import { CodeBatch } from './code-batch.js';
import { checkFields } from './codebook.js';
import { actingCoderId, coderIdentity } from './coder.js';
import { nowOf, type AppContext } from './context.js';
import { withProject, type Project } from './project.js';

export interface ImportResult {
  added: string[];
  updated: string[];
  moved: string[];
  pruned: string[];
  unchanged: number;
  /** Names a .qdc file repeats in other branches, as they were renamed (qcode's names are unique). */
  renamed?: { from: string; to: string }[];
}

export function importCodebook(ctx: AppContext, file: string, options: { prune?: boolean; dryRun?: boolean } = {}): ImportResult {
  // A REFI-QDA codebook (.qdc) is read by its extension; anything else is YAML.
  const qdc = /\.qdc$/i.test(file) ? readQdc(resolve(ctx.cwd, file), file) : null;
  const entries: QdcEntry[] = qdc?.entries ?? readCodebookFile(resolve(ctx.cwd, file), file);
  checkUnique(entries, file);
  const who = coderIdentity(ctx);
  const coder = who.coder;
  return withProject(ctx, (p) => p.writeOrRollback(() => {
    const now = nowOf(ctx);
    const coderId = actingCoderId(ctx, p, who, now);
    const r: ImportResult = { added: [], updated: [], moved: [], pruned: [], unchanged: 0, ...(qdc === null ? {} : { renamed: qdc.renamed }) };
    const seen = new Set<number>();
    // Looked up in memory, not one query per entry (20,000 codes: issue #12); the file names
    // each code once (checkUnique), so the map only gains the codes this import adds.
    const byKey = new Map(p.codes.list().map((c) => [nameKey(c.name), c]));
    // New codes and history entries are written many rows a statement (app/code-batch.ts).
    const batch = new CodeBatch(p, coderId, now);
    const walk = (list: QdcEntry[], parent: Code | null): void => {
      for (const e of list) {
        const added = r.added.length;
        const code = upsert(p, batch, byKey, e, parent, coder, file, r);
        if (e.codable === false && r.added.length > added) {
          batch.flush();
          new CodableRepo(p.db).set(code.id, false);
        }
        seen.add(code.id);
        walk(e.children ?? [], code);
      }
    };
    walk(entries, null);
    batch.flush();
    if (options.prune === true) prune(p, seen, coderId, now, file, r);
    return r;
  }, options.dryRun === true));
}

function upsert(p: Project, batch: CodeBatch, byKey: Map<string, Code>, e: CodebookEntry, parent: Code | null, coder: string, file: string, r: ImportResult): Code {
  // Only the fields the file gives are set; a field it leaves out keeps its value.
  const fields = checkFields({ description: e.description, include: e.include, exclude: e.exclude, example: e.example, color: e.color });
  const name = cleanCodeName(e.name);
  const key = nameKey(name);
  const existing = byKey.get(key);
  if (existing === undefined) {
    r.added.push(name);
    const code = batch.add(name, key, parent, fields, coder);
    byKey.set(key, code);
    return code;
  }
  // A change to a code that was there: what is held back goes first (it may move under a new code).
  batch.flush();
  const before: CodeFields = {};
  const after: CodeFields = {};
  for (const k of CODE_FIELDS) {
    if (fields[k] === undefined || existing[k] === fields[k]) continue;
    before[k] = existing[k];
    after[k] = fields[k]!;
    p.codes.setField(existing.id, k, fields[k]!);
  }
  let changed = false;
  if (Object.keys(after).length > 0) {
    batch.record('describe', existing.name, { before, after, import: file });
    r.updated.push(existing.name);
    changed = true;
  }
  if (existing.name !== name) {
    p.codes.rename(existing.id, name, nameKey(name));
    batch.record('rename', name, { from: existing.name, to: name, import: file });
    changed = true;
  }
  if (existing.parentId !== (parent?.id ?? null)) {
    const from = existing.parentId === null ? null : p.codes.get(existing.parentId)?.name ?? null;
    p.codes.move(existing.id, parent?.id ?? null);
    batch.record('move', name, { from, to: parent?.name ?? null, import: file });
    r.moved.push(name);
    changed = true;
  }
  if (!changed) r.unchanged++;
  return p.codes.get(existing.id)!;
}

function prune(p: Project, keep: Set<number>, coderId: number, now: string, file: string, r: ImportResult): void {
  const codes = p.codes.list();
  const counts = p.codings.countsByCode();
  const doomed = treeOrder(codes.filter((c) => !keep.has(c.id))).reverse().map((x) => x.code);
  const keptParents = new Set(codes.filter((k) => keep.has(k.id)).map((k) => k.parentId));
  const busy = doomed.filter((c) => (counts.get(c.id)?.codings ?? 0) > 0 || keptParents.has(c.id));
  if (busy.length > 0) {
    throw new CodebookError(`--prune would delete codes that have codings or kept children: ${busy.map((c) => `"${c.name}"`).join(', ')}; nothing was changed`, {
      hint: 'merge them into codes in the file, or add them to the file',
    });
  }
  for (const c of doomed) {
    p.memos.unlinkCode(c.id);
    p.codes.delete(c.id);
    p.codes.record(coderId, now, 'delete', c.name, { code: { name: c.name, description: c.description }, import: file });
    r.pruned.push(c.name);
  }
}

function checkUnique(entries: CodebookEntry[], file: string): void {
  const seen = new Map<string, string>();
  const walk = (list: CodebookEntry[]): void => {
    for (const e of list) {
      const key = nameKey(cleanCodeName(e.name));
      if (seen.has(key)) throw new CodebookError(`${file}: the code "${e.name}" appears twice (names are unique, ignoring case); nothing was imported`);
      seen.set(key, e.name);
      walk(e.children ?? []);
    }
  };
  walk(entries);
}

/** The codebook as YAML entries (export → import is lossless). */
export function exportEntries(ctx: AppContext): CodebookEntry[] {
  return withProject(ctx, (p) => {
    const children = childrenMap(p.codes.list());
    const build = (parent: number | null): CodebookEntry[] =>
      treeOrder(children.get(parent) ?? []).map(({ code }) => {
        const e: CodebookEntry = { name: code.name };
        for (const k of CODE_FIELDS) if (code[k] !== null) e[k] = code[k]!;
        const below = build(code.id);
        if (below.length > 0) e.children = below;
        return e;
      });
    return build(null);
  }, { readonly: true });
}

