/**
 * `qcode autocode`: code every hit of a search (NVivo's text search → code), widened to
 * the chosen unit, in one transaction; with a dry run that lists what it would code.
 */
import { CodePointMap, countBelow } from '../core/code-points.js';
import { UsageError } from '../core/errors.js';
import { sourceMatcher } from '../core/glob.js';
import type { SourceText, StoredTurn } from '../core/model.js';
import { lineStarts } from '../core/text.js';
import { parseQuery, QueryMatcher } from '../core/query.js';
import { stemmerFor } from '../core/stemming.js';
import { queryLanguage } from './text-scope.js';
import { lineBounds, sentenceBounds, type Bounds, type Unit } from '../core/units.js';
import { addCode, CREATE_WITH_NEW, findCode } from './code-lookup.js';
import { actingCoderId, coderIdentity } from './coder.js';
import { applyCoding } from './coding-writer.js';
import { CodebookError } from '../core/errors.js';
import { nowOf, type AppContext } from './context.js';
import { withProject } from './project.js';
import { loadSource } from './tag.js';

export interface AutocodeRequest {
  code: string;
  grep?: string;
  words?: string;
  /** A search query (see core/query.ts): word, prefix*, "phrase", alternatives with OR. */
  query?: string;
  /** With --query: match every word of the same stem (in the project's language). */
  stem?: boolean;
  ignoreCase?: boolean;
  speaker?: string;
  unit?: Unit;
  sources?: string;
  dryRun?: boolean;
  createNew?: boolean;
  parent?: string;
}

export interface AutocodeHit {
  source: string;
  start: number;
  end: number;
  lineStart: number;
  lineEnd: number;
  text: string;
}

export interface AutocodeResult {
  code: string;
  coder: string;
  dryRun: boolean;
  sourcesSearched: number;
  hits: AutocodeHit[];
  codingsAfter: number;
}

/** Finds the hits (UTF-16 bounds) in one talk of a text. */
export type HitFinder = (text: string, talk: Bounds) => Bounds[];

export function searchPattern(req: AutocodeRequest, stemmer?: (w: string) => string): HitFinder {
  const given = [req.grep, req.words, req.query].filter((x) => x !== undefined).length;
  if (given !== 1) throw new UsageError('give one of --grep REGEX, --words "w1 w2" or --query QUERY');
  if (req.stem === true && req.query === undefined) throw new UsageError('--stem goes with --query');
  if (req.query !== undefined) {
    const matcher = new QueryMatcher(parseQuery(req.query), stemmer);
    return (text, talk) => matcher.find(text, [{ ...talk, turn: null }]);
  }
  let pattern: RegExp;
  if (req.grep !== undefined) {
    try {
      pattern = new RegExp(req.grep, req.ignoreCase === true ? 'giu' : 'gu');
    } catch (e) {
      throw new UsageError(`--grep ${req.grep}: not a valid regular expression (${(e as Error).message})`);
    }
  } else {
    const words = req.words!.split(/[\s,]+/).filter((w) => w.length > 0).map((w) => w.normalize('NFC').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (words.length === 0) throw new UsageError('--words needs at least one word');
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  }
  return (text, talk) => {
    const out: Bounds[] = [];
    pattern.lastIndex = 0;
    const slice = text.slice(talk.start, talk.end);
    for (let m = pattern.exec(slice); m !== null; m = pattern.exec(slice)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      out.push({ start: talk.start + m.index, end: talk.start + m.index + m[0].length });
    }
    return out;
  };
}

export function autocode(ctx: AppContext, req: AutocodeRequest): AutocodeResult {
  const unit = req.unit ?? 'turn';
  const who = coderIdentity(ctx);
  const coder = who.coder;
  return withProject(ctx, (p) => p.writeOrRollback(() => {
    const pattern = searchPattern(req, req.stem === true ? stemmerFor(queryLanguage(p, undefined)) : undefined);
    const now = nowOf(ctx);
    const coderId = actingCoderId(ctx, p, who, now);
    let code;
    try {
      code = findCode(p, req.code, undefined, CREATE_WITH_NEW);
    } catch (e) {
      if (!(e instanceof CodebookError) || req.createNew !== true) throw e;
      code = addCode(p, req.code, req.parent === undefined ? null : findCode(p, req.parent), {}, coderId, now);
    }
    const wanted = req.sources === undefined ? () => true : sourceMatcher(req.sources);
    const ids = p.sources.list().map((s) => s.id).filter(wanted).sort();
    if (ids.length === 0) throw new UsageError(`--sources ${req.sources}: matches no source`, { hint: 'qcode sources lists them' });
    const hits: AutocodeHit[] = [];
    const ownCodings = new Set<number>();
    for (const id of ids) {
      const src = loadSource(p, id);
      for (const b of findHits(src, pattern, unit, req.speaker)) {
        const span = { start: src.at.map.toCodePoint(b.start), end: src.at.map.toCodePoint(b.end) };
        hits.push(hitView(src, b, span));
        ownCodings.add(applyCoding(p, src.at, code.id, coderId, span, null, now).id);
      }
    }
    const codingsAfter = [...ownCodings].filter((cid) => p.codings.get(cid) !== undefined).length;
    return { code: code.name, coder, dryRun: req.dryRun === true, sourcesSearched: ids.length, hits, codingsAfter };
  }, req.dryRun === true));
}

/** Hits of `find` in the talk of the wanted speakers, widened to `unit` (UTF-16 bounds). */
function findHits(src: SourceText, find: HitFinder, unit: Unit, speaker: string | undefined): Bounds[] {
  const map = new CodePointMap(src.text);
  const talks: (Bounds & { turn: StoredTurn | null })[] = src.turns.length === 0
    ? (speaker === undefined || speaker === 'participant' ? [{ start: 0, end: src.text.length, turn: null }] : [])
    : src.turns.filter((t) => speaks(t, speaker)).map((t) => ({ start: map.toUtf16(t.talkStart), end: map.toUtf16(t.talkEnd), turn: t }));
  const out: Bounds[] = [];
  for (const talk of talks) {
    for (const hit of find(src.text, talk)) {
      const widened = widenHit(src.text, hit, talk, unit);
      const last = out[out.length - 1];
      if (last === undefined || last.start !== widened.start || last.end !== widened.end) out.push(widened);
    }
  }
  return out;
}

/** A hit widened to its unit, within its talk (a turn's talk, or the whole text without labels). */
export function widenHit(text: string, hit: Bounds, talk: Bounds & { turn: unknown }, unit: Unit): Bounds {
  const line = lineBounds(text, hit);
  const limit = { start: Math.max(line.start, talk.start), end: Math.min(line.end, talk.end) };
  const w = unit === 'match' ? hit : unit === 'line' ? limit : unit === 'sentence' ? sentenceBounds(text, hit, limit) : talk.turn === null ? limit : talk;
  return { start: w.start, end: w.end };
}

function speaks(t: StoredTurn, speaker: string | undefined): boolean {
  if (speaker === undefined) return true;
  if (speaker === 'participant' || speaker === 'interviewer') return t.role === speaker;
  return t.speaker.toLowerCase() === speaker.toLowerCase();
}

function hitView(src: SourceText, b: Bounds, span: { start: number; end: number }): AutocodeHit {
  const starts = lineStarts(src.text);
  return {
    source: src.source.id, ...span, lineStart: countBelow(starts, b.start + 1), lineEnd: countBelow(starts, Math.max(b.start, b.end - 1) + 1),
    text: src.text.slice(b.start, b.end),
  };
}
