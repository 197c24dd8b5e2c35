/**
 * Bulk coding (`qcode tag --from FILE`, and `tagMany` in the API): many codings in one
 * transaction, all or nothing. Each row is one `qcode tag`: the same selectors, the same
 * joining of overlapping codings of one code by one coder, `--new` for missing codes. The
 * first bad row stops the run, named by its line, and the project is left as it was.
 */
import { cleanCodeName, nameKey, type Code } from '../core/codebook.js';
import { QcodeError, UsageError } from '../core/errors.js';
import { parseRange } from '../core/range.js';
import { linesSpan, parseSpan } from '../core/selectors.js';
import { CodePointMap } from '../core/code-points.js';
import type { Span } from '../core/spans.js';
import { lineStarts } from '../core/text.js';
import { addCode, CREATE_WITH_NEW, findCode, unknownCode } from './code-lookup.js';
import { actingCoderId, coderIdentity } from './coder.js';
import { applyCoding, type SourceAt } from './coding-writer.js';
import { sourceNotFound } from './source-lookup.js';
import { nowOf, type AppContext } from './context.js';
import { withProject, type Project } from './project.js';
import { resolve } from 'node:path';
import { readCodingRowsFile } from '../io/coding-rows-file.js';
import { selectSpans, type Selector } from './select-spans.js';
import { SourceCodings } from './source-codings.js';
import { loadSource } from './tag.js';

/** One coding to apply: the fields of a `--from` file's row (numbers may be given as numbers). */
export interface TagRow {
  code: string;
  source: string;
  lines?: string | number;
  turns?: string | number;
  match?: string;
  span?: string;
  /** Default: the acting coder. */
  coder?: string;
  weight?: string | number;
  memo?: string;
  /** The row's line in its file, for messages (default: its 1-based position). */
  line?: number;
}

export interface TagManyOptions {
  /** Create codes that do not exist yet (as `tag --new`). */
  createNew?: boolean;
  /** With createNew: the parent of the new codes. */
  parent?: string;
  /** Do everything, report it, and roll it back. */
  dryRun?: boolean;
  /** The file the rows come from, named in messages. */
  file?: string;
}

export interface TagManyResult {
  dryRun: boolean;
  /** Rows applied. */
  rows: number;
  /** Codings made (a row may make several, e.g. a match in two places; none when it only joins). */
  created: number;
  /** Rows that joined or widened codings that were there before (or came from earlier rows). */
  joined: number;
  createdCodes: string[];
  coders: string[];
}

const SELECTORS = ['lines', 'turns', 'match', 'span'] as const;
/** Sources kept loaded at once: rows usually come source by source. */
const SOURCE_CACHE = 16;

/**
 * A source as rows need it: its current text, code-point map and line starts, read once;
 * turns and the rest (`loadSource`) only when a `turns` or `match` row asks.
 */
interface Loaded {
  id: string;
  text: string;
  at: SourceAt;
  starts: number[];
  full?: ReturnType<typeof loadSource>;
  /** Its placed codings, answering each row's "which codings does this span meet" in memory. */
  codings: SourceCodings;
}

/** Reads a `--from` file (CSV, TSV or JSON Lines; io/coding-rows-file.ts) and applies its rows. */
export function tagFromFile(ctx: AppContext, file: string, options: Omit<TagManyOptions, 'file'> = {}): TagManyResult {
  // Each row's fields become the row itself (no copy of 100,000 objects).
  const rows = readCodingRowsFile(resolve(ctx.cwd, file), file).map(({ line, fields }) => {
    const row = fields as TagRow;
    row.line = line;
    return row;
  });
  return tagMany(ctx, rows, { ...options, file });
}

/** Applies every row in one transaction (see the file comment). */
export function tagMany(ctx: AppContext, rows: readonly TagRow[], options: TagManyOptions = {}): TagManyResult {
  const actor = rows.some((r) => r.coder === undefined || String(r.coder).trim() === '') ? coderIdentity(ctx) : undefined;
  return withProject(ctx, (p) => p.writeOrRollback(() => {
    const now = nowOf(ctx);
    const result: TagManyResult = { dryRun: options.dryRun === true, rows: 0, created: 0, joined: 0, createdCodes: [], coders: [] };
    const coders = new Map<string, number>();
    const codes = { byName: new Map<string, Code>(), byKey: new Map<string, Code>() };
    const sources = new Map<string, Loaded>();
    let parent: Code | null | undefined;
    rows.forEach((row, i) => {
      try {
        const mine = row.coder === undefined || String(row.coder).trim() === '';
        const coder = mine ? actor!.coder : String(row.coder).trim();
        let coderId = coders.get(coder);
        if (coderId === undefined) {
          coders.set(coder, (coderId = mine ? actingCoderId(ctx, p, actor!, now) : p.coders.ensure(coder, now)));
          result.coders.push(coder);
        }
        const weight = weightOf(row.weight);
        const selector = selectorOf(row);
        const code = codeOf(p, codes, text(row.code, 'code'), coderId, now, options, result, () => (parent ??= options.parent === undefined ? null : findCode(p, options.parent)));
        const src = sourceOf(p, sources, text(row.source, 'source'));
        const spans: Span[] = selector.lines !== undefined ? [linesSpan(src.text, selector.lines, src.id, src.at.map, src.starts)]
          : selector.span !== undefined ? [parseSpan(selector.span, src.at.map.length)]
          : selectSpans((src.full ??= loadSource(p, src.id)), src.at.map, selector);
        const ids = new Set<number>();
        for (const span of spans) {
          const r = applyCoding(p, src.at, code.id, coderId, span, weight, now, src.codings);
          if (r.change.created.length > 0) result.created++;
          else result.joined++;
          ids.add(r.id);
        }
        if (row.memo !== undefined && row.memo !== '') {
          for (const id of ids) p.memos.insert(coderId, null, row.memo, { sourceId: src.at.sourceId, codeId: code.id, codingId: id }, now);
        }
        result.rows++;
      } catch (e) {
        throw located(e, `${options.file ?? 'row'}${options.file === undefined ? ' ' : ':'}${row.line ?? i + 1}`);
      }
    });
    return result;
  }, options.dryRun === true));
}

function text(v: string | undefined, field: string): string {
  const s = v === undefined ? '' : String(v).trim();
  if (s === '') throw new UsageError(`the ${field} is missing`, { hint: 'every row names a code and a source' });
  return s;
}

function weightOf(v: string | number | undefined): number | null {
  if (v === undefined || String(v).trim() === '') return null;
  const n = Number(String(v).trim());
  if (!(Number.isInteger(n) && n >= 0 && n <= 100)) throw new UsageError(`weight ${v}: give a whole number from 0 to 100`);
  return n;
}

function selectorOf(row: TagRow): Selector {
  // Counted without building a list: this runs once a row.
  let one: (typeof SELECTORS)[number] | undefined;
  let count = 0;
  for (const k of SELECTORS) {
    if (row[k] !== undefined && String(row[k]).trim() !== '') {
      one = k;
      count++;
    }
  }
  if (count === 1) return selectorFor(one!, String(row[one!]));
  const given = SELECTORS.filter((k) => row[k] !== undefined && String(row[k]).trim() !== '');
  throw new UsageError(given.length === 0 ? 'say what to code: give lines, turns, match or span' : `give one of lines, turns, match, span, not ${given.join(' and ')}`);
}

function selectorFor(kind: (typeof SELECTORS)[number], v: string): Selector {
  switch (kind) {
    case 'lines':
      return { lines: parseRange(v, 'lines') };
    case 'turns':
      return { turns: parseRange(v, 'turns') };
    case 'match':
      return { match: v };
    default:
      return { span: v };
  }
}

function codeOf(p: Project, cache: { byName: Map<string, Code>; byKey: Map<string, Code> }, name: string, coderId: number, now: string, o: TagManyOptions, r: TagManyResult, parent: () => Code | null): Code {
  // The name as written first (rows repeat a code's name), then its key.
  const known = cache.byName.get(name);
  if (known !== undefined) return known;
  const key = nameKey(name.replace(/\s+/g, ' '));
  let code = cache.byKey.get(key) ?? p.codes.byKey(key);
  if (code === undefined) {
    if (o.createNew !== true) throw unknownCode(name, p.codes.list(), CREATE_WITH_NEW);
    code = addCode(p, cleanCodeName(name), parent(), {}, coderId, now);
    r.createdCodes.push(code.name);
  }
  cache.byKey.set(key, code);
  cache.byName.set(name, code);
  return code;
}

function sourceOf(p: Project, cache: Map<string, Loaded>, id: string): Loaded {
  let src = cache.get(id);
  if (src !== undefined) {
    cache.delete(id); // most recently used last
  } else {
    const state = p.sources.state(id);
    if (state === undefined) throw sourceNotFound(p, id);
    const text = p.sources.revisionText(state.rowId, state.revision) ?? '';
    src = {
      id, text, at: { sourceId: state.rowId, revision: state.revision, text, map: new CodePointMap(text) }, starts: lineStarts(text),
      codings: new SourceCodings(p, state.rowId),
    };
    if (cache.size >= SOURCE_CACHE) cache.delete(cache.keys().next().value!);
  }
  cache.set(id, src);
  return src;
}

/** The same error, its message starting with where the row is. */
function located(e: unknown, where: string): unknown {
  if (!(e instanceof QcodeError)) return e;
  const Kind = e.constructor as new (message: string, options: { code?: string; hint?: string }) => QcodeError;
  return new Kind(`${where}: ${e.message}`, { code: e.code, hint: e.hint });
}
