/**
 * The stems of every passage in scope, for `qcode suggest`: term ids in one typed array
 * (millions of them), document frequencies, the code's own term counts, and the passages
 * the code does not cover yet — scored by TF-IDF cosine (tfidf.ts).
 */
import type { Passage } from './passages.js';
import type { Span } from './spans.js';
import { foldApostrophes, wordCharLength, wordEnd } from './talk-words.js';
import { cosine, countTerms, inverseDocumentFrequency, weigh, type TermCounts } from './tfidf.js';

/** A passage not covered by the code: its source (by index), bounds (UTF-16) and turn. */
export interface Candidate {
  source: number;
  start: number;
  end: number;
  turn: number | null;
  /** Its term ids lie at [from, to) of the index's buffer. */
  from: number;
  to: number;
}

export class PassageIndex {
  private ids = new Int32Array(1 << 16);
  private length = 0;
  private readonly termOf = new Map<string, number>();
  private readonly stemId = new Map<string, number>();
  private readonly df: number[] = [];
  private readonly lastPassage: number[] = [];
  /** Stem counts of the words inside the code's spans. */
  private readonly reference: TermCounts = new Map();
  readonly candidates: Candidate[] = [];
  passages = 0;
  covered = 0;

  constructor(private readonly stem: (w: string) => string, private readonly stopWords: ReadonlySet<string>, private readonly minWords: number) {}

  /**
   * Adds a source's passages (ascending). `spans`: the code's merged spans in UTF-16, sorted.
   * A passage is covered when one of its words starts inside a span; a word inside a span
   * counts for the code.
   */
  addSource(source: number, text: string, passages: readonly Passage[], spans: readonly Span[]): void {
    const lower = text.toLowerCase();
    const same = lower.length === text.length;
    let k = 0;
    for (const ps of passages) {
      const no = this.passages++;
      const from = this.length;
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
        while (k < spans.length && spans[k]!.end <= i) k++;
        const inside = k < spans.length && spans[k]!.start <= i;
        if (inside) inCode = true;
        const t = this.termId(same ? lower.slice(i, end) : text.slice(i, end).toLowerCase());
        if (t >= 0) {
          this.push(t);
          if (this.lastPassage[t] !== no) {
            this.lastPassage[t] = no;
            this.df[t]!++;
          }
          if (inside) this.reference.set(t, (this.reference.get(t) ?? 0) + 1);
        }
        i = end;
      }
      if (inCode) this.covered++;
      if (!inCode && words >= this.minWords && this.length > from) {
        this.candidates.push({ source, start: ps.start, end: ps.end, turn: ps.talk.turn?.number ?? null, from, to: this.length });
      } else this.length = from;
    }
  }

  /** Candidates with a score above 0, highest first (ties in source and text order). */
  ranked(): { candidate: Candidate; score: number }[] {
    const idf = inverseDocumentFrequency(this.df, this.passages);
    const ref = weigh(this.reference, idf);
    return this.candidates
      .map((candidate) => ({ candidate, score: cosine(countTerms(this.ids, candidate.from, candidate.to), idf, ref) }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || a.candidate.source - b.candidate.source || a.candidate.start - b.candidate.start);
  }

  /** The term id of a lower-cased word (its stem's), or −1 for a stop word; memoised. */
  private termId(raw: string): number {
    let t = this.termOf.get(raw);
    if (t !== undefined) return t;
    const form = foldApostrophes(raw);
    if (this.stopWords.has(form)) t = -1;
    else {
      const st = this.stem(form);
      t = this.stemId.get(st);
      if (t === undefined) {
        this.stemId.set(st, (t = this.df.length));
        this.df.push(0);
        this.lastPassage.push(-1);
      }
    }
    this.termOf.set(raw, t);
    return t;
  }

  private push(id: number): void {
    if (this.length === this.ids.length) {
      const bigger = new Int32Array(this.ids.length * 2);
      bigger.set(this.ids);
      this.ids = bigger;
    }
    this.ids[this.length++] = id;
  }
}
