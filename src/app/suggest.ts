/**
 * `qcode suggest CODE`: constant comparison helped by the machine — the passages of talk in
 * scope that CODE does not yet cover, ranked by the TF-IDF cosine similarity of their stems
 * to the words CODE's codings cover (core/tfidf.ts; stop words removed).
 */
import { CodePointMap, countBelow } from '../core/code-points.js';
import { UsageError } from '../core/errors.js';
import { passagesOf, type PassageUnit } from '../core/passages.js';
import { defaultStopWords, stemmerFor } from '../core/stemming.js';
import { codePointMapOf, foldApostrophes, talksOf, wordCharLength, wordEnd } from '../core/talk-words.js';
import { lineStarts } from '../core/text.js';
import { cosine, countTerms, inverseDocumentFrequency, weigh, type TermCounts } from '../core/tfidf.js';
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

interface Candidate {
  source: number;
  start: number;
  end: number;
  /** Its term ids lie at [from, to) of the shared id buffer. */
  from: number;
  to: number;
  turn: number | null;
}

/** A growable buffer of term ids (millions of them: one typed array, not an array per passage). */
class IdBuffer {
  data = new Int32Array(1 << 16);
  length = 0;
  push(id: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = id;
  }
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
    const stem = stemmerFor(language);
    const stop = defaultStopWords(language);
    const termOf = new Map<string, number>();
    const stemId = new Map<string, number>();
    const df: number[] = [];
    const lastPassage: number[] = [];
    const reference: TermCounts = new Map();
    const candidates: Candidate[] = [];
    const ids = new IdBuffer();
    let passages = 0;
    let covered = 0;
    scope.sources.forEach((s, si) => {
      const src = p.sources.talk(s.id)!;
      const text = src.text;
      const lower = text.toLowerCase();
      const same = lower.length === text.length;
      const map = codePointMapOf(src);
      const sp = (spans.get(si) ?? []).map((x) => ({ start: map.toUtf16(x.start), end: map.toUtf16(x.end) }));
      let k = 0;
      for (const ps of passagesOf(text, talksOf(src, speaker, map), unit)) {
        const no = passages++;
        const from = ids.length;
        let words = 0;
        let inCode = false;
        for (let i = ps.start; i < ps.end;) {
          const w = wordCharLength(text, i);
          if (w === 0) {
            i++;
            continue;
          }
          const end = wordEnd(text, i + w);
          words++;
          while (k < sp.length && sp[k]!.end <= i) k++;
          const inside = k < sp.length && sp[k]!.start <= i;
          const raw = same ? lower.slice(i, end) : text.slice(i, end).toLowerCase();
          let t = termOf.get(raw);
          if (t === undefined) {
            const form = foldApostrophes(raw);
            if (stop.has(form)) t = -1;
            else {
              const st = stem(form);
              t = stemId.get(st);
              if (t === undefined) {
                stemId.set(st, (t = df.length));
                df.push(0);
                lastPassage.push(-1);
              }
            }
            termOf.set(raw, t);
          }
          if (inside) inCode = true;
          if (t >= 0) {
            ids.push(t);
            if (lastPassage[t] !== no) {
              lastPassage[t] = no;
              df[t]!++;
            }
            if (inside) reference.set(t, (reference.get(t) ?? 0) + 1);
          }
          i = end;
        }
        if (inCode) covered++;
        else if (words >= minWords && ids.length > from) candidates.push({ source: si, start: ps.start, end: ps.end, from, to: ids.length, turn: ps.talk.turn?.number ?? null });
        else ids.length = from;
      }
    });
    const idf = inverseDocumentFrequency(df, passages);
    const ref = weigh(reference, idf);
    const scored = candidates.map((c) => ({ c, score: cosine(countTerms(ids.data, c.from, c.to), idf, ref) })).filter((x) => x.score > 0);
    scored.sort((a, b) => b.score - a.score || a.c.source - b.c.source || a.c.start - b.c.start);
    const chosen = top === 0 ? scored : scored.slice(0, top);
    const suggestions = chosen.map(({ c, score }) => view(p, scope.sources[c.source]!, c, score, code, unit));
    rememberLanguage(p, req.language);
    return { code, coders: scope.coders, unit, language, passages, covered, ranked: scored.length, suggestions };
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

