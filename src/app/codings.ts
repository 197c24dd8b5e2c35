/**
 * `qcode codings`: the codings, filtered, with positions in code points and line numbers.
 */
import { isUtf8 } from 'node:buffer';
import { countBelow, lineStartsOfUtf8 } from '../core/code-points.js';
import { descendantIds } from '../core/codebook.js';
import type { Cell, Column, TableData } from '../format/table-shape.js';
import { CodingListingRepo, JSON_MEMBERS } from '../db/coding-listing-repo.js';
import { indentedJson, JSON_ROWS, jsonMemberPrefix } from '../format/row-writer.js';
import type { Project } from './project.js';
import { findCode } from './code-lookup.js';
import type { AppContext } from './context.js';
import { withProject } from './project.js';
import { sourceNotFound } from './source-lookup.js';

export interface CodingFilterArgs {
  code?: string;
  source?: string;
  case?: string;
  coder?: string;
  /** Include the codings of the code's descendants (a theme's roll-up). */
  descendants?: boolean;
}

export interface CodingListing {
  id: number;
  code: string;
  source: string;
  coder: string;
  start: number;
  end: number;
  lineStart: number | null;
  lineEnd: number | null;
  quote: string;
  weight: number | null;
  orphaned: boolean;
}

/** Where {@link forEachCoding} hands the codings: `passes` full passes, each ended by `endPass`. */
export interface CodingSink {
  passes: number;
  row(row: CodingListing): void;
  endPass(): void;
}

/**
 * Hands the sink every coding that passes the filter, in order of source id, then start, end
 * and id, `sink.passes` times, all in one read of the project. The codings are read one
 * source at a time and only the current source's text is held, so a listing of any size runs
 * in little memory (`qcode codings` writes each row as it comes).
 */
export function forEachCoding(ctx: AppContext, f: CodingFilterArgs, sink: CodingSink): void {
  withProject(ctx, (p) => {
    const { filter, codeNames, coderNames } = resolveFilter(p, f);
    const repo = new CodingListingRepo(p.db);
    const sources = repo.sources(filter);
    const codingsOf = repo.codingsOfSource(filter);
    p.db.transaction(() => {
      for (let pass = 0; pass < sink.passes; pass++) {
        for (const s of sources) {
          let lines: number[] | undefined;
          for (const [id, codeId, coderId, revision, start, end, quote, weight, orphaned] of codingsOf(s.id)) {
            const code = codeNames.get(codeId);
            const coder = coderNames.get(coderId);
            if (code === undefined || coder === undefined) continue;
            const placed = orphaned === 0 && revision === s.current;
            if (placed && lines === undefined) lines = lineStartsOfUtf8(repo.revisionBytes(s.id, s.current));
            const lineOf = (cp: number): number => countBelow(lines!, cp + 1);
            sink.row({
              id, code, source: s.name, coder, start, end,
              lineStart: placed ? lineOf(start) : null, lineEnd: placed ? lineOf(end - 1) : null,
              quote, weight, orphaned: orphaned === 1,
            });
          }
        }
        sink.endPass();
      }
    })();
  }, { readonly: true });
}

function resolveFilter(p: Project, f: CodingFilterArgs) {
  const codes = p.codes.list();
  const codeIds = f.code === undefined ? undefined : [...(f.descendants === true ? descendantIds(codes, findCode(p, f.code, codes).id) : [findCode(p, f.code, codes).id])];
  let sourceId: number | undefined;
  if (f.source !== undefined) {
    sourceId = p.sources.state(f.source)?.rowId;
    if (sourceId === undefined) throw sourceNotFound(p, f.source);
  }
  const coderId = f.coder === undefined ? undefined : p.coders.find(f.coder) ?? -1;
  const codeNames = new Map(codes.map((c) => [c.id, c.name]));
  const coderNames = new Map(p.coders.list().map((c) => [c.id, c.name]));
  return { filter: { codeIds, sourceId, caseName: f.case, coderId }, codeNames, coderNames };
}

/**
 * The listing as JSON, exactly the bytes JSON.stringify(listCodings(…), null, 2) + '\n'
 * gives, handed to `write` in chunks of about a megabyte as it is read. SQLite writes each
 * element (see CodingListingRepo.jsonRowsOfSource); an element that is not valid UTF-8
 * (text a damaged file can hold, which JavaScript would read with U+FFFD) sends the rest of
 * its source through the row-by-row path of {@link forEachCoding}, which reads it as
 * JavaScript does.
 */
/** The most codings of one source `writeCodingsJson` has SQLite join into one buffer. */
const JOINED_MAX = 4096;
/** Bytes `writeCodingsJson` hands `write` at a time (`write` must be done with them on return). */
const STAGING_BYTES = 1 << 20;

export function writeCodingsJson(ctx: AppContext, f: CodingFilterArgs, write: (chunk: string | Uint8Array) => void): void {
  withProject(ctx, (p) => {
    const { filter, codeNames, coderNames } = resolveFilter(p, f);
    const repo = new CodingListingRepo(p.db);
    const layout = { open: JSON_ROWS.rowOpen, prefixes: JSON_MEMBERS.map(jsonMemberPrefix), close: JSON_ROWS.rowClose };
    const json = repo.jsonRowsOfSource(filter, { codeIds: [...codeNames.keys()], coderIds: [...coderNames.keys()] }, layout);
    const codingsOf = repo.codingsOfSource(filter);
    const between = Buffer.from(JSON_ROWS.between);
    // One staging buffer, written out whenever it is full: fewer buffers made and dropped
    // (each is memory outside V8's heap until a collection) than joining each chunk anew.
    const staging = Buffer.allocUnsafe(STAGING_BYTES);
    let size = 0;
    let first = true;
    const flush = (): void => {
      if (size > 0) write(staging.subarray(0, size));
      size = 0;
    };
    const stage = (bytes: Uint8Array): void => {
      if (size + bytes.length > STAGING_BYTES) flush();
      if (bytes.length > STAGING_BYTES) write(bytes);
      else {
        staging.set(bytes, size);
        size += bytes.length;
      }
    };
    const put = (element: Uint8Array): void => {
      stage(first ? Buffer.from(JSON_ROWS.open) : between);
      first = false;
      stage(element);
    };
    p.db.transaction(() => {
      for (const s of repo.sources(filter)) {
        const { count, anyPlaced } = json.shape(s);
        if (count === 0) continue;
        let lines: number[] | undefined;
        const lineOf = (cp: number): number => countBelow(lines!, cp + 1);
        if (anyPlaced) lines = lineStartsOfUtf8(repo.revisionBytes(s.id, s.current));
        const source = { id: s.id, current: s.current, nameJson: JSON.stringify(s.name) };
        // A source's elements in one buffer (far fewer allocations), unless it has so many
        // that the buffer would be large; then one element at a time.
        if (count <= JOINED_MAX) {
          const joined = json.joined(source, lineOf, JSON_ROWS.between);
          if (joined === null) continue;
          if (isUtf8(joined)) {
            put(joined);
            continue;
          }
        }
        let done = 0;
        let rest = false;
        for (const element of json.rows(source, lineOf)) {
          if (!isUtf8(element)) {
            rest = true;
            break;
          }
          put(element);
          done++;
        }
        if (!rest) continue;
        // The same rows in the same order, read as JavaScript reads them, from the first one
        // SQLite's bytes could not stand for.
        let skip = done;
        for (const [id, codeId, coderId, revision, start, end, quote, weight, orphaned] of codingsOf(s.id)) {
          const code = codeNames.get(codeId);
          const coder = coderNames.get(coderId);
          if (code === undefined || coder === undefined || skip-- > 0) continue;
          const placed = orphaned === 0 && revision === s.current;
          const row: CodingListing = {
            id, code, source: s.name, coder, start, end,
            lineStart: placed ? lineOf(start) : null, lineEnd: placed ? lineOf(end - 1) : null,
            quote, weight, orphaned: orphaned === 1,
          };
          put(Buffer.from(indentedJson(row)));
        }
      }
    })();
    if (first) write(JSON_ROWS.empty);
    else {
      stage(Buffer.from(JSON_ROWS.close));
      flush();
    }
  }, { readonly: true });
}

/** Every coding that passes the filter (see {@link forEachCoding}), as a list. */
export function listCodings(ctx: AppContext, f: CodingFilterArgs = {}): CodingListing[] {
  const rows: CodingListing[] = [];
  forEachCoding(ctx, f, { passes: 1, row: (r) => rows.push(r), endPass: () => {} });
  return rows;
}

export const CODING_COLUMNS: Column[] = [
  { key: 'id', header: 'id', align: 'right' },
  { key: 'code', header: 'code' },
  { key: 'source', header: 'source' },
  { key: 'coder', header: 'coder' },
  { key: 'lines', header: 'lines' },
  { key: 'span', header: 'span' },
  { key: 'quote', header: 'quote', wrap: true },
];

/** One coding as a row of the listing's table. */
export function codingRow(r: CodingListing): Record<string, Cell> {
  return {
    id: r.id, code: r.code, source: r.source, coder: r.coder,
    lines: r.orphaned ? 'orphaned' : r.lineStart === r.lineEnd ? `${r.lineStart}` : `${r.lineStart}-${r.lineEnd}`,
    span: `${r.start}-${r.end}`, quote: r.quote,
  };
}

export function codingsTable(rows: CodingListing[]): TableData {
  return { columns: CODING_COLUMNS, rows: rows.map(codingRow) };
}
