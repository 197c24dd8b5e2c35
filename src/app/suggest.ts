/**
 * `qcode suggest CODE`: constant comparison helped by the machine — the passages of talk in
 * scope that CODE does not yet cover, ranked by the TF-IDF cosine similarity of their stems
 * to the words CODE's codings cover (core/tfidf.ts; stop words removed).
 */
import { CodePointMap, countBelow } from '../core/code-points.js';
import { UsageError } from '../core/errors.js';
import { passagesOf, type PassageUnit } from '../core/passages.js';
import { defaultStopWords, stemmerFor } from '../core/stemming.js';
import { codePointMapOf, talksOf } from '../core/talk-words.js';
import { lineStarts } from '../core/text.js';
import { PassageIndex, type Candidate } from '../core/passage-index.js';
import type { AppContext } from './context.js';
import { withProject } from './project.js';
import { codeSpans, queryLanguage, rememberLanguage, speakerOf, textScope, type TextQueryOptions } from './text-scope.js';

export interface SuggestRequest extends TextQueryOptions {
  code: string;
  unit?: PassageUnit;
  /** How many suggestions (default 10). */
  top?: number;
  /** Only passages of at least this many words (default 5). */
  minWords?: number;
}

export interface Suggestion {
  source: string;
  case: string;
  wave: string;
  line: number;
  start: number;
  end: number;
  /** Cosine similarity in [0, 1]. */
  score: number;
  text: string;
  /** The qcode tag command that codes the passage. */
  command: string;
}

export interface SuggestResult {
  code: string;
  coders: string[];
  unit: PassageUnit;
  language: string;
  /** Passages in scope, covered by the code, and ranked (uncovered and long enough). */
  passages: number;
  covered: number;
  ranked: number;
  suggestions: Suggestion[];
}

/** A shell word: bare when safe, else single-quoted. */
export function shellWord(s: string): string {
  return /^[\p{L}\p{N}_.,:/@%+=-]+$/u.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

export function suggest(ctx: AppContext, req: SuggestRequest): SuggestResult {
  const unit = req.unit ?? 'turn';
  const top = req.top ?? 10;
  const minWords = req.minWords ?? 5;
  const speaker = speakerOf(req.speaker);
  return withProject(ctx, (p) => {
    const language = queryLanguage(p, req.language);
    const scope = textScope(p, req.filters);
    const { code, spans } = codeSpans(p, scope, req.code);
    if ([...spans.values()].every((s) => s.length === 0)) throw new UsageError(`suggest: "${code}" has no codings in this scope`, { hint: `code a few passages first (qcode tag "${code}" …), or widen the filters` });
    const index = new PassageIndex(stemmerFor(language), defaultStopWords(language), minWords);
    scope.sources.forEach((s, si) => {
      const src = p.sources.talk(s.id)!;
      const map = codePointMapOf(src);
      const sp = (spans.get(si) ?? []).map((x) => ({ start: map.toUtf16(x.start), end: map.toUtf16(x.end) }));
      index.addSource(si, src.text, passagesOf(src.text, talksOf(src, speaker, map), unit), sp);
    });
    const scored = index.ranked();
    const chosen = top === 0 ? scored : scored.slice(0, top);
    const suggestions = chosen.map(({ candidate, score }) => view(p, scope.sources[candidate.source]!, candidate, score, code, unit));
    rememberLanguage(p, req.language);
    return { code, coders: scope.coders, unit, language, passages: index.passages, covered: index.covered, ranked: scored.length, suggestions };
  });
}

function view(p: import('./project.js').Project, s: { id: string; case: string; wave: string }, c: Candidate, score: number, code: string, unit: PassageUnit): Suggestion {
  const text = p.sources.talk(s.id)!.text;
  const map = new CodePointMap(text);
  const start = map.toCodePoint(c.start);
  const end = map.toCodePoint(c.end);
  const where = unit === 'turn' && c.turn !== null ? `--turns ${c.turn}` : `--span ${start}-${end}`;
  return {
    source: s.id, case: s.case, wave: s.wave, line: countBelow(lineStarts(text), c.start + 1), start, end, score,
    text: text.slice(c.start, c.end).replace(/\s+/g, ' '), command: `qcode tag ${shellWord(code)} ${shellWord(s.id)} ${where}`,
  };
}

