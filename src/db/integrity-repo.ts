/** Database-level integrity checks, and reading the codings source by source for `check`. */
import { isUtf8 } from 'node:buffer';
import { Utf8Offsets } from '../core/utf8-offsets.js';
import type { Db } from './open.js';

/**
 * A coding as `check` looks at it: [id, code id, coder id, revision, start, end, quote,
 * orphaned (0 or 1)]. Raw arrays: at a million codings, row objects cost more than the query.
 */
export type CheckedCoding = [id: number, codeId: number, coderId: number, revision: number, start: number, end: number, quote: string, orphaned: number];

export class IntegrityRepo {
  private readonly sourcesStmt;
  private readonly codingsStmt;
  private readonly textStmt;
  private readonly bytesStmt;
  private readonly countStmt;
  private readonly suspectStmt;
  private readonly suspectAsciiStmt;
  /** The byte offsets of the text `suspectCodingsOf` is comparing quotes with. */
  private offsets: Utf8Offsets | undefined;

  constructor(private readonly db: Db) {
    this.sourcesStmt = db.prepare<[], { id: number; name: string; current: number }>('SELECT id, name, current_revision AS current FROM sources ORDER BY id');
    this.codingsStmt = db.prepare<[number], CheckedCoding>(`
      SELECT id, code_id, coder_id, revision, start, "end", quote, orphaned FROM codings WHERE source_id = ?`).raw(true);
    this.textStmt = db.prepare<[number, number], { text: string }>('SELECT text FROM revisions WHERE source_id = ? AND number = ?');
    this.bytesStmt = db.prepare<[number, number], Buffer>('SELECT CAST(text AS BLOB) FROM revisions WHERE source_id = ? AND number = ?').pluck();
    // Read off the codings_place index alone: no table row.
    this.countStmt = db.prepare<[string, string], number>(`
      SELECT count(*) FROM codings WHERE source_id IN (SELECT id FROM sources)
        AND code_id IN (SELECT value FROM json_each(?)) AND coder_id IN (SELECT value FROM json_each(?))`).pluck();
    // A coding is sound when it is placed on the current revision, its span lies inside the
    // text, and its quote has the very bytes of the text there; every other coding (and any
    // whose fields are NULL in a damaged file: IS NOT 1) is a suspect. The comparison runs
    // in SQLite, so a sound coding never becomes a JavaScript value.
    // Two calls into JavaScript per coding: where its bytes start, and how many there are.
    db.function('qcode_byte_of', (cp: unknown) => (typeof cp === 'number' ? this.offsets?.byteOf(cp) ?? null : null));
    db.function('qcode_bytes_between', (from: unknown, to: unknown) => {
      if (typeof from !== 'number' || typeof to !== 'number') return null;
      const a = this.offsets?.byteOf(from) ?? null;
      const b = this.offsets?.byteOf(to) ?? null;
      return a === null || b === null ? null : b - a;
    });
    const suspects = (start: string, length: string): string => `
      SELECT id, code_id, coder_id, revision, start, "end", quote, orphaned FROM codings
      WHERE source_id = @source AND (orphaned = 0 AND revision = @current AND start >= 0 AND "end" <= @length AND "end" > start
        AND CAST(quote AS BLOB) IS substr(@bytes, ${start} + 1, ${length})) IS NOT 1`;
    this.suspectStmt = db.prepare(suspects('qcode_byte_of(start)', 'qcode_bytes_between(start, "end")')).raw(true);
    this.suspectAsciiStmt = db.prepare(suspects('start', '"end" - start')).raw(true);
  }

  /**
   * SQLite's integrity check, which reads every page of the file and checks every index
   * against its table: 'ok' or the problems found. A larger page cache for the check (32 MB
   * rather than 2) makes it about a fifth faster on a large project.
   */
  integrityCheck(rows?: unknown[]): string[] {
    if (rows === undefined) this.db.pragma('cache_size = -32768');
    return ((rows ?? this.db.pragma('integrity_check')) as { integrity_check: string }[]).map((r) => r.integrity_check).filter((r) => r !== 'ok');
  }

  /** Rows whose foreign keys point nowhere (from `rows`, the pragma's answer on a worker, when given). */
  foreignKeyProblems(rows?: unknown[]): { table: string; rowid: number; parent: string }[] {
    return (rows ?? this.db.pragma('foreign_key_check')) as { table: string; rowid: number; parent: string }[];
  }

  /** Every source with its current revision, in id order. */
  sources(): { id: number; name: string; current: number }[] {
    return this.sourcesStmt.all();
  }

  /** The codings of one source, by revision then id. */
  codingsOf(sourceId: number): CheckedCoding[] {
    return (this.codingsStmt.all(sourceId) as unknown as CheckedCoding[]).sort((a, b) => a[3] - b[3] || a[0] - b[0]);
  }

  /**
   * The codings of one source that may have something to report (see the constructor), by
   * revision then id: usually none. Every coding when the current revision's text is
   * missing or is not valid UTF-8, where bytes and code points part ways.
   */
  suspectCodingsOf(sourceId: number, current: number): CheckedCoding[] {
    const bytes = this.bytesStmt.get(sourceId, current);
    if (bytes === undefined || !isUtf8(bytes)) return this.codingsOf(sourceId);
    const offsets = new Utf8Offsets(bytes);
    const params = { source: sourceId, current, length: offsets.length, bytes };
    let rows: CheckedCoding[];
    if (offsets.isIdentity) rows = this.suspectAsciiStmt.all(params) as unknown as CheckedCoding[];
    else {
      this.offsets = offsets;
      try {
        rows = this.suspectStmt.all(params) as unknown as CheckedCoding[];
      } finally {
        this.offsets = undefined;
      }
    }
    return rows.sort((a, b) => a[3] - b[3] || a[0] - b[0]);
  }

  /** How many codings of the sources there are with one of these codes and one of these coders. */
  countCodings(codeIds: number[], coderIds: number[]): number {
    return this.countStmt.get(JSON.stringify(codeIds), JSON.stringify(coderIds))!;
  }

  /** The text of one revision of a source, or undefined when that revision does not exist. */
  revisionText(sourceId: number, revision: number): string | undefined {
    return this.textStmt.get(sourceId, revision)?.text;
  }
}
