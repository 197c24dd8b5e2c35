/**
 * `qcode words`: word frequencies in the talk of the chosen speakers of the sources in
 * scope (DESIGN.md, "Text queries"), optionally by stem, inside a code, or — with `by` —
 * the keyness of words for each group against the rest (see keyness.ts).
 */
import { UsageError } from '../core/errors.js';
import { compareNatural } from '../core/sort.js';
import { stemmerFor } from '../core/stemming.js';
import type { SpeakerChoice } from '../core/talk-words.js';
import { codePointMapOf, talksOf } from '../core/talk-words.js';
import { WordTally, type WordFilter } from '../core/word-tally.js';
import type { AppContext } from './context.js';
import { withProject, type Project } from './project.js';
import type { ReportScope } from './report-scope.js';
import { clipTalks, codeSpans, queryLanguage, rememberLanguage, speakerOf, stopWordsOf, textScope, type TextQueryOptions } from './text-scope.js';

export interface WordsRequest extends TextQueryOptions {
  stem?: boolean;
  /** `default`, `none` or a file. */
  stopWords?: string;
  minLength?: number;
  /** Rows to show (default 50; 0 for all). */
  top?: number;
  /** Only words inside this code's merged spans (a theme with its descendants). */
  code?: string;
}

export interface WordsScope {
  sources: number;
  cases: number;
  waves: string[];
  coders: string[];
  speaker: SpeakerChoice;
  language: string;
  stem: boolean;
  stopWords: string;
  minLength: number;
  code: string | null;
  /** All words counted in scope (stop words and short words included): the denominator of percent. */
  words: number;
}

export interface WordRow {
  word: string;
  forms: string[];
  count: number;
  /** count ÷ scope.words × 100. */
  percent: number;
  sources: number;
  cases: number;
}

export interface WordsResult {
  scope: WordsScope;
  rows: WordRow[];
}

export interface PreparedWords {
  scope: ReportScope;
  info: WordsScope;
  /** A tally of every source's talk in scope (in scope order, so grouped by case). */
  tally(groupOf?: (source: number) => number): WordTally;
}

/** Resolves the scope, language, filters and spans shared by frequencies and keyness. */
export function prepareWords(ctx: AppContext, p: Project, req: WordsRequest): PreparedWords {
  const speaker = speakerOf(req.speaker);
  const language = queryLanguage(p, req.language);
  const minLength = req.minLength ?? 1;
  if (!Number.isInteger(minLength) || minLength < 1) throw new UsageError(`--min-length ${minLength}: give a whole number of at least 1`);
  const scope = textScope(p, req.filters);
  const filter: WordFilter = { stopWords: stopWordsOf(req.stopWords, language, ctx.cwd), minLength, stem: req.stem === true ? stemmerFor(language) : undefined };
  const spans = req.code === undefined ? null : codeSpans(p, scope, req.code);
  const info: WordsScope = {
    sources: scope.sources.length, cases: scope.cases.length, waves: [...new Set(scope.sources.map((s) => s.wave))].sort(compareNatural),
    coders: spans === null ? [] : scope.coders, speaker, language, stem: req.stem === true, stopWords: req.stopWords ?? 'default',
    minLength, code: spans?.code ?? null, words: 0,
  };
  return {
    scope, info,
    tally(groupOf) {
      const tally = new WordTally(filter, groupOf !== undefined);
      scope.sources.forEach((s, index) => {
        const sp = spans === null ? undefined : spans.spans.get(index) ?? [];
        if (sp !== undefined && sp.length === 0) return;
        const src = p.sources.talk(s.id)!;
        const map = codePointMapOf(src);
        tally.addSource(src.text, clipTalks(src.text, talksOf(src, speaker, map), sp, map), s.case, groupOf?.(index));
      });
      return tally;
    },
  };
}

/** Word frequencies: most frequent first, ties by word (case-folded, by code point). */
export function wordFrequencies(ctx: AppContext, req: WordsRequest): WordsResult {
  const top = req.top ?? 50;
  return withProject(ctx, (p) => {
    const w = prepareWords(ctx, p, req);
    const tally = w.tally();
    const words = tally.total;
    const all = tally.rows();
    const rows = (top === 0 ? all : all.slice(0, top)).map((r) => ({
      word: r.word, forms: r.forms, count: r.count, percent: words === 0 ? 0 : (r.count / words) * 100, sources: r.sources, cases: r.cases,
    }));
    rememberLanguage(p, req.language);
    return { scope: { ...w.info, words }, rows };
  });
}
