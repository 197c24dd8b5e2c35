/**
 * What every text query shares (DESIGN.md, "Text queries"): the report filters' scope, the
 * chosen speakers, the project's language, stop words, and the words of each source's talk.
 */
import { CodePointMap } from '../core/code-points.js';
import { descendantIds } from '../core/codebook.js';
import { UsageError } from '../core/errors.js';
import { mergeSpans, type Span } from '../core/spans.js';
import { checkLanguage, defaultStopWords } from '../core/stemming.js';
import { insideWord, wordEnd, type SpeakerChoice, type Talk } from '../core/talk-words.js';
import { readStopWordsFile } from '../io/stop-words-file.js';
import { findCode } from './code-lookup.js';
import type { Project } from './project.js';
import { loadScope, type ReportFilters, type ReportScope } from './report-scope.js';

export const LANGUAGE_SETTING = 'text.language';

export interface TextQueryOptions {
  filters?: ReportFilters;
  /** Whose talk (default participant). */
  speaker?: SpeakerChoice;
  /** A language code; given, it is stored in the project for the next queries. */
  language?: string;
}

/** The language of a query: the one given (checked), else the project's, else en. */
export function queryLanguage(p: Project, given: string | undefined): string {
  return given !== undefined ? checkLanguage(given) : p.settings.get<string>(LANGUAGE_SETTING) ?? 'en';
}

/** Stores a language given to a query that succeeded, for the next queries. */
export function rememberLanguage(p: Project, given: string | undefined): void {
  if (given === undefined) return;
  const lang = checkLanguage(given);
  if (p.settings.get<string>(LANGUAGE_SETTING) !== lang) p.write(() => p.settings.set(LANGUAGE_SETTING, lang));
}

/** `default` (the language's list), `none`, or a file of one word a line (`#` starts a comment). */
export function stopWordsOf(choice: string | undefined, language: string, cwd: string): Set<string> {
  if (choice === undefined || choice === 'default') return defaultStopWords(language);
  if (choice === 'none') return new Set();
  return readStopWordsFile(cwd, choice);
}

/** The speaker choice, checked. */
export function speakerOf(s: string | undefined): SpeakerChoice {
  if (s === undefined) return 'participant';
  if (s === 'participant' || s === 'interviewer' || s === 'all') return s;
  throw new UsageError(`--speaker ${s}: give participant, interviewer or all`);
}

/** The merged spans (code points) of a code and its descendants per scope source, by the coders in scope. */
export function codeSpans(p: Project, scope: ReportScope, name: string): { code: string; spans: Map<number, Span[]> } {
  const code = findCode(p, name, scope.codes);
  const ids = descendantIds(scope.codes, code.id);
  const bySource = new Map<number, Span[]>();
  for (const c of scope.codings) {
    if (!ids.has(c.codeId)) continue;
    let list = bySource.get(c.source);
    if (list === undefined) bySource.set(c.source, (list = []));
    list.push({ start: c.start, end: c.end });
  }
  for (const [k, v] of bySource) bySource.set(k, mergeSpans(v));
  return { code: code.name, spans: bySource };
}

/** The scope of the filters (every report's filters). */
export function textScope(p: Project, filters: ReportFilters = {}): ReportScope {
  return loadScope(p, filters);
}

/** The parts of the talks inside `spans` (code points); all of them without spans. */
export function clipTalks(text: string, talks: Talk[], spans: Span[] | undefined, map: CodePointMap): Talk[] {
  if (spans === undefined) return talks;
  const out: Talk[] = [];
  for (const t of talks) {
    for (const s of spans) {
      let start = Math.max(t.start, map.toUtf16(s.start));
      // A word lies inside a span when its first character does: skip a word the span starts within.
      if (start > t.start && insideWord(text, start)) start = wordEnd(text, start);
      const end = Math.min(t.end, map.toUtf16(s.end));
      if (start < end) out.push({ start, end, turn: t.turn });
    }
  }
  return out;
}
