/**
 * `qcode search QUERY`: every hit of a query (core/query.ts) in the talk of the chosen
 * speakers of the sources in scope, with its words of context (keyword in context); with
 * `codeAs`, every hit coded, widened as autocode widens, in one transaction.
 */
import { CodePointMap, countBelow } from '../core/code-points.js';
import { CodebookError, UsageError } from '../core/errors.js';
import { parseQuery, QueryMatcher, type QueryHit } from '../core/query.js';
import { stemmerFor } from '../core/stemming.js';
import { codePointMapOf, forEachWord, insideWord, talksOf, wordEnd, type SpeakerChoice } from '../core/talk-words.js';
import { lineStarts } from '../core/text.js';
import type { Unit } from '../core/units.js';
import { widenHit } from './autocode.js';
import { addCode, findCode } from './code-lookup.js';
import { actingCoderId, coderIdentity } from './coder.js';
import { applyCoding } from './coding-writer.js';
import { nowOf, type AppContext } from './context.js';
import { withProject } from './project.js';
import { codeSpans, queryLanguage, rememberLanguage, speakerOf, textScope, type TextQueryOptions } from './text-scope.js';

export interface SearchRequest extends TextQueryOptions {
  query: string;
  stem?: boolean;
  /** Words of context each side (default 8). */
  context?: number;
  /** Code every hit with this code (created when missing). */
  codeAs?: string;
  /** Only hits whose first character lies inside this code's merged spans (a theme with its sub-codes). */
  code?: string;
  unit?: Unit;
  dryRun?: boolean;
}

export interface SearchHit {
  source: string;
  case: string;
  wave: string;
  line: number;
  /** The turn's speaker label; null in a source without labels. */
  speaker: string | null;
  /** Code points of the normalised text, as codings have them. */
  start: number;
  end: number;
  left: string;
  hit: string;
  right: string;
}

export interface SearchResult {
  query: string;
  speaker: SpeakerChoice;
  stem: boolean;
  language: string;
  sources: number;
  hits: SearchHit[];
  /** With codeAs: what was (or, in a dry run, would be) coded. */
  coded: { code: string; coder: string; unit: Unit; dryRun: boolean; passages: number; created: boolean } | null;
}

const flat = (s: string): string => s.replace(/\s+/g, ' ');

export function search(ctx: AppContext, req: SearchRequest): SearchResult {
  const speaker = speakerOf(req.speaker);
  const context = req.context ?? 8;
  if (!Number.isInteger(context) || context < 0) throw new UsageError(`--context ${context}: give a whole number of words, 0 or more`);
  const alternatives = parseQuery(req.query);
  const unit = req.unit ?? 'turn';
  const run = (p: import('./project.js').Project): SearchResult => {
    const language = queryLanguage(p, req.language);
    const matcher = new QueryMatcher(alternatives, req.stem === true ? stemmerFor(language) : undefined);
    const scope = textScope(p, req.filters);
    const hits: SearchHit[] = [];
    const toCode: { id: string; spans: { start: number; end: number }[] }[] = [];
    const like = matcher.likePatterns();
    const holding = like === null ? null : p.sources.namesWithTextLike(like);
    const within = req.code === undefined ? null : codeSpans(p, scope, req.code).spans;
    scope.sources.forEach((s, si) => {
      if (holding !== null && !holding.has(s.id)) return;
      if (within !== null && !within.has(si)) return;
      const src = p.sources.talk(s.id)!;
      const map = codePointMapOf(src);
      const spans = within?.get(si) ?? [];
      const found = matcher.find(src.text, talksOf(src, speaker, map)).filter((h) => within === null || insideSpans(spans, map.toCodePoint(h.start)));
      if (found.length === 0) return;
      const starts = lineStarts(src.text);
      for (const h of found) {
        const [left, right] = contextOf(src.text, h, context);
        hits.push({
          source: s.id, case: s.case, wave: s.wave, line: countBelow(starts, h.start + 1), speaker: h.talk.turn?.speaker ?? null,
          start: map.toCodePoint(h.start), end: map.toCodePoint(h.end), left, hit: flat(src.text.slice(h.start, h.end)), right,
        });
      }
      if (req.codeAs !== undefined) toCode.push({ id: s.id, spans: found.map((h) => widenHit(src.text, h, h.talk, unit)).map((b) => ({ start: map.toCodePoint(b.start), end: map.toCodePoint(b.end) })) });
    });
    rememberLanguage(p, req.language);
    const base = { query: req.query, speaker, stem: req.stem === true, language, sources: scope.sources.length, hits };
    if (req.codeAs === undefined) return { ...base, coded: null };
    return { ...base, coded: codeAll(ctx, p, req.codeAs, toCode, unit, req.dryRun === true) };
  };
  return withProject(ctx, (p) => (req.codeAs === undefined ? run(p) : p.writeOrRollback(() => run(p), req.dryRun === true)));
}

/** Codes the passages (code points) of each source; the code is created when missing. */
function codeAll(ctx: AppContext, p: import('./project.js').Project, name: string, toCode: { id: string; spans: { start: number; end: number }[] }[], unit: Unit, dryRun: boolean): NonNullable<SearchResult['coded']> {
  const now = nowOf(ctx);
  const who = coderIdentity(ctx);
  const coder = who.coder;
  const coderId = actingCoderId(ctx, p, who, now);
  let code;
  let created = false;
  try {
    code = findCode(p, name);
  } catch (e) {
    if (!(e instanceof CodebookError)) throw e;
    code = addCode(p, name, null, {}, coderId, now);
    created = true;
  }
  let passages = 0;
  for (const { id, spans } of toCode) {
    const state = p.sources.state(id)!;
    const text = p.sources.talk(id)!.text;
    const at = { sourceId: state.rowId, revision: state.revision, text, map: new CodePointMap(text) };
    let last = '';
    for (const span of spans) {
      const key = `${span.start}-${span.end}`;
      if (key === last) continue;
      last = key;
      applyCoding(p, at, code.id, coderId, span, null, now);
      passages++;
    }
  }
  return { code: code.name, coder, unit, dryRun, passages, created };
}

/** The `n` words before and after a hit, within its talk, white space flattened. */
function contextOf(text: string, h: QueryHit, n: number): [string, string] {
  if (n === 0) return ['', ''];
  // Words are rarely longer than 100 characters: look that far, then drop a word cut in two.
  let from = Math.max(h.talk.start, h.start - 100 * n);
  if (from > h.talk.start && insideWord(text, from)) from = wordEnd(text, from);
  const before: number[] = [];
  forEachWord(text, from, h.start, (s) => before.push(s));
  const leftStart = before.length === 0 ? h.start : before[Math.max(0, before.length - n)]!;
  let rightEnd = h.end;
  let k = 0;
  forEachWord(text, h.end, Math.min(h.talk.end, h.end + 100 * n), (_, e) => {
    if (k++ < n) rightEnd = e;
  });
  return [flat(text.slice(leftStart, h.start)).trim(), flat(text.slice(h.end, rightEnd)).trim()];
}

/** True when code point `cp` lies in one of the sorted, disjoint spans. */
function insideSpans(spans: readonly { start: number; end: number }[], cp: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.end <= cp) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length && spans[lo]!.start <= cp;
}
