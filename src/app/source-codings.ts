/**
 * A batch's copy of one source's placed codings (`tag --from`, issue #12): each coder's are
 * read once, then kept in step with every change `applyCoding` makes, so that "which codings
 * does this span meet" is answered in memory instead of by one query a row — with exactly
 * the rows, in exactly the order, that CodingRepo.meeting would give.
 */
import type { CodingRow } from '../db/coding-repo.js';
import type { CodingChange, MeetingLookup } from './coding-writer.js';
import type { Project } from './project.js';

/**
 * Codings of one code by one coder kept in memory; past this many the database is asked
 * instead (its index stays fast where a scan of a long list would not).
 */
export const MAX_KEPT = 64;

/** A list that grew past MAX_KEPT: its key is answered by the database from then on. */
const TOO_MANY = null;

export class SourceCodings implements MeetingLookup {
  /** Per coder: per code, its placed codings (unordered), or TOO_MANY. */
  private readonly byCoder = new Map<number, Map<number, CodingRow[] | typeof TOO_MANY>>();

  constructor(private readonly project: Project, readonly sourceId: number) {}

  meeting(sourceId: number, codeId: number, coderId: number, start: number, end: number): CodingRow[] | undefined {
    if (sourceId !== this.sourceId) return undefined;
    const list = this.codes(coderId).get(codeId);
    if (list === TOO_MANY) return undefined;
    if (list === undefined) return [];
    return list.filter((c) => c.start <= end && c.end >= start).sort((a, b) => a.start - b.start || a.id - b.id);
  }

  /** Follows a change (codings of coders not read yet are read as they are when first asked for). */
  changed(change: CodingChange): void {
    for (const d of change.deleted) this.remove(d);
    for (const u of change.updated) {
      this.remove(u.before);
      this.add(u.after);
    }
    for (const c of change.created) this.add(c);
  }

  private codes(coderId: number): Map<number, CodingRow[] | typeof TOO_MANY> {
    let codes = this.byCoder.get(coderId);
    if (codes === undefined) {
      this.byCoder.set(coderId, (codes = new Map()));
      for (const c of this.project.codings.placedOfCoder(this.sourceId, coderId)) this.add(c);
    }
    return codes;
  }

  private add(c: CodingRow): void {
    const codes = this.byCoder.get(c.coderId);
    if (codes === undefined || c.sourceId !== this.sourceId || c.orphaned) return;
    const list = codes.get(c.codeId);
    if (list === TOO_MANY) return;
    if (list === undefined) codes.set(c.codeId, [c]);
    else if (list.length < MAX_KEPT) list.push(c);
    else codes.set(c.codeId, TOO_MANY);
  }

  private remove(c: CodingRow): void {
    const list = this.byCoder.get(c.coderId)?.get(c.codeId);
    if (list === undefined || list === TOO_MANY) return; // not read yet, or the database's
    const i = list.findIndex((x) => x.id === c.id);
    if (i >= 0) list.splice(i, 1);
  }
}
