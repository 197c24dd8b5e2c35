/**
 * Text-search queries (`qcode search`, `autocode --query`): alternatives separated by
 * ` OR `, each a word, a prefix `word*`, or a "quoted phrase" (words in order, anything but
 * words between them). Matching is on whole words (DESIGN.md), case-insensitive; with a
 * stemmer, a word matches every word of the same stem.
 */
import { UsageError } from './errors.js';
import { foldApostrophes, startsWord, wordCharLength, wordEnd, type Talk } from './talk-words.js';
import { WORD_PATTERN } from './text.js';

export interface QueryTerm {
  /** Lower-cased, NFC. */
  text: string;
  prefix: boolean;
}

/** One alternative: a single term, or the terms of a phrase in order. */
export type Alternative = QueryTerm[];

const WHOLE_WORD = new RegExp(`^${WORD_PATTERN}$`, 'u');

export function parseQuery(query: string): Alternative[] {
  const alts = query.normalize('NFC').split(' OR ').map((a) => a.trim());
  return alts.map((alt) => {
    const quoted = /^["“”](.*)["“”]$/su.exec(alt);
    const words = quoted !== null ? quoted[1]!.trim().split(/[^\p{L}\p{N}'’*-]+/u).filter((w) => w !== '') : [alt];
    if (quoted === null && /\s/.test(alt)) throw new UsageError(`query ${query}: "${alt}" has several words`, { hint: `quote a phrase ("${alt}") or separate alternatives with OR` });
    if (words.length === 0 || alt === '') throw new UsageError(`query ${query}: an empty alternative`, { hint: 'e.g. qcode search \'tired OR exhaust* OR "worn out"\'' });
    return words.map((w) => {
      const prefix = w.endsWith('*');
      const text = foldApostrophes((prefix ? w.slice(0, -1) : w).toLowerCase());
      if (!WHOLE_WORD.test(text)) throw new UsageError(`query ${query}: "${w}" is not a word`, { hint: 'letters and digits, joined by \' or -, with an optional * at the end' });
      return { text, prefix };
    });
  });
}

/** A hit in UTF-16 offsets, and the talk it lies in. */
export interface QueryHit {
  start: number;
  end: number;
  talk: Talk;
}

export class QueryMatcher {
  private readonly stemmed: (QueryTerm & { stem: string })[][];

  constructor(readonly alternatives: Alternative[], private readonly stem?: (w: string) => string) {
    this.stemmed = alternatives.map((a) => a.map((t) => ({ ...t, stem: stem === undefined || t.prefix ? t.text : stem(t.text) })));
  }

  private termMatches(t: QueryTerm & { stem: string }, raw: string): boolean {
    const word = foldApostrophes(raw);
    if (t.prefix) return word.startsWith(t.text);
    return this.stem === undefined ? word === t.text : word === t.text || this.stem(word) === t.stem;
  }

  /** The end of the alternative matched from the word at `start`, or -1. */
  private matchAt(text: string, lower: string | null, start: number, limit: number): number {
    let best = -1;
    for (const alt of this.stemmed) {
      let i = start;
      let end = -1;
      let ok = true;
      for (let k = 0; k < alt.length; k++) {
        if (k > 0) {
          while (i < limit && wordCharLength(text, i) === 0) i++;
          if (i >= limit) {
            ok = false;
            break;
          }
        }
        end = wordEnd(text, i);
        const word = lower !== null ? lower.slice(i, end) : text.slice(i, end).toLowerCase();
        if (!this.termMatches(alt[k]!, word)) {
          ok = false;
          break;
        }
        i = end;
      }
      if (ok && end > best) best = end;
    }
    return best;
  }

  /** Every hit in the talks (ascending, not overlapping), whole words only. */
  find(text: string, talks: readonly Talk[]): QueryHit[] {
    if (talks.length === 0) return [];
    const out: QueryHit[] = [];
    let k = 0;
    const visit = (i: number, lower: string | null): void => {
      while (k < talks.length && talks[k]!.end <= i) k++;
      const talk = talks[k];
      if (talk === undefined || i < talk.start) return;
      const last = out[out.length - 1];
      if (last !== undefined && i < last.end) return;
      const end = this.matchAt(text, lower, i, talk.end);
      if (end !== -1) out.push({ start: i, end, talk });
    };
    if (this.stem === undefined) {
      // Without stems a hit starts with a first term's letters: find those (a case-insensitive
      // regular expression over the raw text is ~5× faster than lower-casing it), then check.
      const re = this.firstTerms;
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) if (startsWord(text, m.index)) visit(m.index, null);
      return out;
    }
    const lowerAll = text.toLowerCase();
    const lower = lowerAll.length === text.length ? lowerAll : null;
    for (const t of talks) {
      let i = t.start;
      while (i < t.end) {
        if (wordCharLength(text, i) === 0) {
          i++;
          continue;
        }
        visit(i, lower);
        i = wordEnd(text, i);
      }
    }
    return out;
  }

  /**
   * LIKE patterns that every text holding a hit matches, when the query allows a cheap first
   * pass (no stems; ASCII first terms, whose case LIKE ignores); null otherwise.
   */
  likePatterns(): string[] | null {
    if (this.stem !== undefined) return null;
    const firsts = [...new Set(this.alternatives.map((a) => a[0]!.text))];
    if (!/^[\x00-\x7f]*$/.test(firsts.join(''))) return null;
    // An apostrophe may be written ' or ’: LIKE's _ takes either.
    return firsts.map((f) => `%${f.replace(/[\\%_]/g, '\\$&').replace(/'/g, '_')}%`);
  }

  /** The first terms of the alternatives, either apostrophe, any case. */
  private get firstTerms(): RegExp {
    if (this.firstTermsRe !== undefined) return this.firstTermsRe;
    const firsts = [...new Set(this.alternatives.map((a) => a[0]!.text))];
    const source = firsts.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['\u2019]")).join('|');
    // ASCII terms need no Unicode mode, which is what makes the search fast.
    return (this.firstTermsRe = new RegExp(source, /^[\x00-\x7f]*$/.test(firsts.join('')) ? 'gi' : 'giu'));
  }

  private firstTermsRe: RegExp | undefined;
}
