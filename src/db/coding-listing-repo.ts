/**
 * Reading codings for `qcode codings`, one source at a time, so that a listing of a million
 * codings streams instead of being held in memory.
 */
import type { Db } from './open.js';

/** [id, code id, coder id, revision, start, end, quote, weight, orphaned (0 or 1)]. */
export type ListedCoding = [id: number, codeId: number, coderId: number, revision: number, start: number, end: number, quote: string, weight: number | null, orphaned: number];

/**
 * How `jsonRowsOfSource` writes a coding: the text before each member's value (in the order
 * of {@link JSON_MEMBERS}) and the text closing the element. The values themselves are
 * JSON: numbers, `null`, `true`/`false`, and strings through SQLite's json_quote, which
 * escapes valid UTF-8 exactly as JSON.stringify does (test/db/coding-json.test.ts).
 */
export interface JsonRowLayout {
  open: string;
  prefixes: readonly string[];
  close: string;
}

/** The members of a coding in a JSON listing, in order. */
export const JSON_MEMBERS = ['id', 'code', 'source', 'coder', 'start', 'end', 'lineStart', 'lineEnd', 'quote', 'weight', 'orphaned'] as const;

export interface ListingFilter {
  codeIds?: number[];
  sourceId?: number;
  caseName?: string;
  coderId?: number;
}

export class CodingListingRepo {
  private readonly bytesStmt;
  /** The line of a code point in the text `jsonRowsOfSource` is listing. */
  private lineOf: ((cp: number) => number) | undefined;

  constructor(private readonly db: Db) {
    this.bytesStmt = db.prepare<[number, number], { bytes: Uint8Array }>('SELECT CAST(text AS BLOB) AS bytes FROM revisions WHERE source_id = ? AND number = ?');
  }

  /**
   * A statement giving, for one source, each coding that passes the filter (and whose code
   * and coder are among `codeIds`/`coderIds`, the ones the listing can name) as the UTF-8
   * bytes of its JSON element, by start, end, id: SQLite reads, escapes and joins, and no
   * row object is made; `joined` gives them all at once, separated by `between` (one buffer,
   * for a source of a moderate number of codings). `lineOf` gives the line of a code point of the current revision;
   * it is asked only for codings placed on that revision. The bytes are those of SQLite's
   * text: the caller must check they are valid UTF-8 before taking them as JSON.
   */
  jsonRowsOfSource(f: ListingFilter, named: { codeIds: number[]; coderIds: number[] }, layout: JsonRowLayout):
    {
      rows: (source: { id: number; current: number; nameJson: string }, lineOf: (cp: number) => number) => IterableIterator<Buffer>;
      joined: (source: { id: number; current: number; nameJson: string }, lineOf: (cp: number) => number, between: string) => Buffer | null;
      shape: (source: { id: number; current: number }) => { count: number; anyPlaced: boolean };
    } {
    const where = ['c.source_id = @source', 'c.code_id IN (SELECT value FROM json_each(@codeIds))', 'c.coder_id IN (SELECT value FROM json_each(@coderIds))'];
    const params: Record<string, number | string> = { codeIds: JSON.stringify(named.codeIds), coderIds: JSON.stringify(named.coderIds), open: layout.open, close: layout.close };
    if (f.codeIds !== undefined) {
      where.push(`c.code_id IN (SELECT value FROM json_each(@filterCodeIds))`);
      params.filterCodeIds = JSON.stringify(f.codeIds);
    }
    if (f.coderId !== undefined) {
      where.push('c.coder_id = @coderId');
      params.coderId = f.coderId;
    }
    layout.prefixes.forEach((prefix, i) => (params[`p${i}`] = prefix));
    this.db.function('qcode_line_of', (cp: unknown) => (typeof cp === 'number' && this.lineOf !== undefined ? this.lineOf(cp) : null));
    const placed = 'c.orphaned = 0 AND c.revision = @current';
    const values: Record<(typeof JSON_MEMBERS)[number], string> = {
      id: 'c.id', code: 'json_quote(k.name)', source: '@sourceJson', coder: 'json_quote(d.name)', start: 'c.start', end: 'c."end"',
      lineStart: `CASE WHEN ${placed} THEN CAST(qcode_line_of(c.start) AS INTEGER) ELSE 'null' END`,
      lineEnd: `CASE WHEN ${placed} THEN CAST(qcode_line_of(c."end" - 1) AS INTEGER) ELSE 'null' END`,
      quote: 'json_quote(c.quote)', weight: "coalesce(c.weight, 'null')", orphaned: "CASE c.orphaned WHEN 1 THEN 'true' ELSE 'false' END",
    };
    const members = JSON_MEMBERS.map((m, i) => `${i === 0 ? '' : "',', "}@p${i}, ${values[m]}`).join(', ');
    const element = `concat(@open, ${members}, @close)`;
    const from = `FROM codings c JOIN codes k ON k.id = c.code_id JOIN coders d ON d.id = c.coder_id WHERE ${where.join(' AND ')}`;
    const order = 'c.start, c."end", c.id';
    const stmt = this.db.prepare<Record<string, number | string>, Buffer>(`SELECT CAST(${element} AS BLOB) ${from} ORDER BY ${order}`).pluck();
    const joinedStmt = this.db.prepare<Record<string, number | string>, Buffer | null>(
      `SELECT CAST(group_concat(${element}, @between ORDER BY ${order}) AS BLOB) ${from}`).pluck();
    // Off the codings_place index alone: how many codings, and whether lines will be asked for.
    const shapeStmt = this.db.prepare<Record<string, number | string>, [number, number]>(`
      SELECT count(*), coalesce(max(${placed}), 0) FROM codings c WHERE ${where.join(' AND ')}`).raw(true);
    const filterParams = { codeIds: params.codeIds!, coderIds: params.coderIds!, ...(params.filterCodeIds === undefined ? {} : { filterCodeIds: params.filterCodeIds }), ...(params.coderId === undefined ? {} : { coderId: params.coderId }) };
    const repo = this;
    return {
      *rows(source, lineOf) {
        repo.lineOf = lineOf;
        try {
          yield* stmt.iterate({ ...params, source: source.id, current: source.current, sourceJson: source.nameJson });
        } finally {
          repo.lineOf = undefined;
        }
      },
      joined(source, lineOf, between) {
        repo.lineOf = lineOf;
        try {
          return joinedStmt.get({ ...params, between, source: source.id, current: source.current, sourceJson: source.nameJson }) ?? null;
        } finally {
          repo.lineOf = undefined;
        }
      },
      shape: (source) => {
        const [count, anyPlaced] = shapeStmt.get({ ...filterParams, source: source.id, current: source.current }) as unknown as [number, number];
        return { count, anyPlaced: anyPlaced === 1 };
      },
    };
  }

  /** The sources a listing visits, ordered by id (name) as SQLite compares text. */
  sources(f: ListingFilter): { id: number; name: string; current: number }[] {
    const where: string[] = [];
    const params: (number | string)[] = [];
    if (f.sourceId !== undefined) {
      where.push('s.id = ?');
      params.push(f.sourceId);
    }
    if (f.caseName !== undefined) {
      where.push('cs.name = ?');
      params.push(f.caseName);
    }
    return this.db.prepare<(number | string)[], { id: number; name: string; current: number }>(`
      SELECT s.id, s.name, s.current_revision AS current FROM sources s JOIN cases cs ON cs.id = s.case_id
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.name`).all(...params);
  }

  /** The UTF-8 bytes of one revision's text (empty when it does not exist), undecoded. */
  revisionBytes(sourceId: number, revision: number): Uint8Array {
    return this.bytesStmt.get(sourceId, revision)?.bytes ?? new Uint8Array(0);
  }

  /** A statement giving one source's codings that pass the filter, by start, end, id. */
  codingsOfSource(f: ListingFilter): (sourceId: number) => ListedCoding[] {
    const where = ['c.source_id = ?'];
    const params: number[] = [];
    if (f.codeIds !== undefined) {
      where.push(`c.code_id IN (${f.codeIds.map(() => '?').join(',') || 'NULL'})`);
      params.push(...f.codeIds);
    }
    if (f.coderId !== undefined) {
      where.push('c.coder_id = ?');
      params.push(f.coderId);
    }
    const stmt = this.db.prepare<number[], ListedCoding>(`
      SELECT c.id, c.code_id, c.coder_id, c.revision, c.start, c."end", c.quote, c.weight, c.orphaned
      FROM codings c WHERE ${where.join(' AND ')} ORDER BY c.start, c."end", c.id`).raw(true);
    return (sourceId) => stmt.all(sourceId, ...params) as unknown as ListedCoding[];
  }
}
