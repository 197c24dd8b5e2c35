/**
 * Writing codings so that DESIGN.md's rule always holds: codings of the same code by the
 * same coder in the same source that overlap or touch are one coding. Every write
 * returns the change it made, so that an interactive session can undo it exactly.
 */
import { CodePointMap } from '../core/code-points.js';
import { mergeSpans, subtractSpan, type Span } from '../core/spans.js';
import type { CodingRow } from '../db/coding-repo.js';
import type { Project } from './project.js';

/** Code points of context kept on each side of a coding's quote. */
export const CONTEXT_CHARS = 40;

export interface CodingChange {
  created: CodingRow[];
  deleted: CodingRow[];
  updated: { before: CodingRow; after: CodingRow }[];
}

export interface SourceAt {
  sourceId: number;
  revision: number;
  text: string;
  map: CodePointMap;
}

/** The quote and context of a span of a text. */
export function quoteOf(src: SourceAt, span: Span): Pick<CodingRow, 'quote' | 'before' | 'after'> {
  const u = (cp: number): number => src.map.toUtf16(cp);
  return {
    quote: src.text.slice(u(span.start), u(span.end)),
    before: src.text.slice(u(Math.max(0, span.start - CONTEXT_CHARS)), u(span.start)),
    after: src.text.slice(u(span.end), u(Math.min(src.map.length, span.end + CONTEXT_CHARS))),
  };
}

/** True when `quoteOf(src, span)` would give exactly `q`'s quote and context (without building them). */
export function sameQuote(src: SourceAt, span: Span, q: Pick<CodingRow, 'quote' | 'before' | 'after'>): boolean {
  const u = (cp: number): number => src.map.toUtf16(cp);
  const [s, e] = [u(span.start), u(span.end)];
  const b = u(Math.max(0, span.start - CONTEXT_CHARS));
  const a = u(Math.min(src.map.length, span.end + CONTEXT_CHARS));
  return q.quote.length === e - s && q.before.length === s - b && q.after.length === a - e &&
    src.text.startsWith(q.quote, s) && src.text.startsWith(q.before, b) && src.text.startsWith(q.after, e);
}

export function emptyChange(): CodingChange {
  return { created: [], deleted: [], updated: [] };
}

/**
 * Where `applyCoding` finds the codings a span meets when not in the database: a batch's own
 * copy of them (app/coding-index.ts), told of every change so that it answers as the
 * database would.
 */
export interface MeetingLookup {
  /**
   * As CodingRepo.meeting: placed codings of the code by the coder that overlap or touch
   * [start, end), by start and id; undefined to have the database asked.
   */
  meeting(sourceId: number, codeId: number, coderId: number, start: number, end: number): CodingRow[] | undefined;
  changed(change: CodingChange): void;
}

/**
 * Applies `codeId` by `coderId` to `span`, joining it with the coder's codings of that
 * code that it overlaps or touches (the lowest id survives; memos follow it).
 */
export function applyCoding(project: Project, src: SourceAt, codeId: number, coderId: number, span: Span, weight: number | null, now: string, lookup?: MeetingLookup): { id: number; change: CodingChange } {
  const r = applyCodingTo(project, src, codeId, coderId, span, weight, now, lookup);
  lookup?.changed(r.change);
  return r;
}

function applyCodingTo(project: Project, src: SourceAt, codeId: number, coderId: number, span: Span, weight: number | null, now: string, lookup: MeetingLookup | undefined): { id: number; change: CodingChange } {
  const change = emptyChange();
  const meeting = lookup?.meeting(src.sourceId, codeId, coderId, span.start, span.end) ?? project.codings.meeting(src.sourceId, codeId, coderId, span.start, span.end);
  if (meeting.length === 0) {
    // Written out field by field (no spreads): `tag --from` makes 100,000 of these.
    const q = quoteOf(src, span);
    const row: CodingRow = {
      id: 0, codeId, sourceId: src.sourceId, coderId, revision: src.revision, start: span.start, end: span.end, quote: q.quote,
      before: q.before, after: q.after, weight, orphaned: false, createdAt: now, updatedAt: now,
    };
    row.id = project.codings.insert(row);
    change.created.push(row);
    return { id: row.id, change };
  }
  const union = mergeSpans([span, ...meeting])[0]!;
  const [keep, ...absorbed] = [...meeting].sort((a, b) => a.id - b.id);
  for (const gone of absorbed) {
    project.memos.relinkCoding(gone.id, keep!.id);
    project.codings.delete(gone.id);
    change.deleted.push(gone);
  }
  const after: CodingRow = {
    ...keep!, ...union, ...quoteOf(src, union), revision: src.revision, weight: weight ?? keep!.weight, updatedAt: now,
  };
  if (JSON.stringify({ ...after, updatedAt: '' }) !== JSON.stringify({ ...keep!, updatedAt: '' })) {
    project.codings.update(after);
    change.updated.push({ before: keep!, after });
  }
  return { id: keep!.id, change };
}

/**
 * Removes `span` from the coder's codings of `codeId` in the source: codings inside it
 * go, codings across its edges are trimmed, a coding around it is split in two.
 */
export function removeCoding(project: Project, src: SourceAt, codeId: number, coderId: number, span: Span, now: string): CodingChange {
  const change = emptyChange();
  for (const c of project.codings.meeting(src.sourceId, codeId, coderId, span.start, span.end)) {
    if (c.end <= span.start || c.start >= span.end) continue; // touching only
    const rest = subtractSpan(c, span);
    if (rest.length === 0) {
      project.memos.relinkCoding(c.id, null);
      project.codings.delete(c.id);
      change.deleted.push(c);
      continue;
    }
    const first: CodingRow = { ...c, ...rest[0]!, ...quoteOf(src, rest[0]!), revision: src.revision, updatedAt: now };
    project.codings.update(first);
    change.updated.push({ before: c, after: first });
    if (rest[1] !== undefined) {
      const row: Omit<CodingRow, 'id'> = { ...c, ...rest[1], ...quoteOf(src, rest[1]), revision: src.revision, createdAt: now, updatedAt: now };
      const id = project.codings.insert(row);
      change.created.push({ id, ...row });
    }
  }
  return change;
}

/** Undoes a change exactly (inside the caller's transaction). */
export function undoChange(project: Project, change: CodingChange): void {
  for (const c of change.created) project.codings.delete(c.id);
  for (const u of change.updated) project.codings.update(u.before);
  for (const d of change.deleted) project.codings.restore(d);
}

export function mergeChanges(into: CodingChange, more: CodingChange): CodingChange {
  into.created.push(...more.created);
  into.deleted.push(...more.deleted);
  into.updated.push(...more.updated);
  return into;
}
