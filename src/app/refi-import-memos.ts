/**
 * Notes of a REFI-QDA project into memos, linked to what their first NoteRef annotates
 * (a code, a source, a selection's coding, a coding; on the project: nothing). A memo
 * already here (same coder, title and text) is not added again.
 */
import type { Code } from '../core/codebook.js';
import { addLoss, type RefiProject } from '../core/refi-model.js';
import type { MemoLinks } from '../db/memo-repo.js';
import type { Project } from './project.js';
import type { SourcesImported } from './refi-import-sources.js';
import type { ImportSummary } from '../core/refi-import-summary.js';

export function importMemos(p: Project, project: RefiProject, codes: Map<string, Code>, sources: SourcesImported, ic: { users: Map<string, string>; fallbackCoder: string; now: string }, s: ImportSummary): void {
  const links = new Map<string, MemoLinks>();
  const link = (noteGuid: string, to: MemoLinks): void => {
    if (links.has(noteGuid)) addLoss(s.lost, 'further links of a note', 'a memo links to one thing: the note was linked to the first thing that refers to it');
    else links.set(noteGuid, to);
  };
  for (const g of project.projectNoteGuids) link(g, {});
  const walk = (list: RefiProject['codes']): void => {
    for (const c of list) {
      for (const g of c.noteGuids) link(g, { codeId: codes.get(c.guid)?.id ?? null });
      walk(c.children);
    }
  };
  walk(project.codes);
  for (const src of project.sources) {
    const sourceId = sources.rowIds.get(src.guid) ?? null;
    for (const g of src.noteGuids) link(g, { sourceId });
    // A memo on a coding is also on its source and code, as `qcode memo add --coding` links it.
    const onCoding = (c: RefiProject['sources'][number]['codings'][number] | undefined): MemoLinks => {
      const codingId = c === undefined ? null : sources.codingIds.get(c.guid) ?? null;
      return { sourceId, codingId, codeId: codingId === null || c === undefined ? null : codes.get(c.codeGuid)?.id ?? null };
    };
    for (const c of src.codings) for (const g of c.noteGuids) link(g, onCoding(c));
    for (const sel of src.selections) {
      for (const g of sel.noteGuids) link(g, onCoding(sel.codings[0]));
      for (const c of sel.codings) for (const g of c.noteGuids) link(g, onCoding(c));
    }
  }
  const key = (coder: string, title: string | null, text: string): string => JSON.stringify([coder, title, text]);
  const here = new Set(p.memos.list().map((m) => key(m.coder, m.title, m.text)));
  for (const note of project.notes) {
    if (note.text.trim() === '') {
      addLoss(s.lost, 'empty notes', 'a memo needs text');
      continue;
    }
    const coder = ic.users.get(note.userGuid ?? '') ?? ic.fallbackCoder;
    const title = note.name === null || note.name.trim() === '' ? null : note.name.trim();
    const k = key(coder, title, note.text);
    if (here.has(k)) {
      s.imported.memosAlreadyHere++;
      continue;
    }
    here.add(k);
    const created = isoOrNull(note.createdAt) ?? ic.now;
    p.memos.insertAs(p.coders.ensure(coder, ic.now), title, note.text, links.get(note.guid) ?? {}, created, isoOrNull(note.modifiedAt) ?? created);
    s.imported.memosAdded++;
  }
}

function isoOrNull(v: string | null): string | null {
  if (v === null) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
