/**
 * Adding up the words of many sources into the rows of `qcode words`: words (or stems) with
 * their count, forms, and the sources, cases and groups they occur in. Built for ~9 M words:
 * one Map lookup a word, and per source only the words it used.
 */
import { compareFolded } from './sort.js';
import { foldApostrophes, wordCharLength, wordEnd, type Talk } from './talk-words.js';

export interface WordFilter {
  stopWords: ReadonlySet<string>;
  /** Least length in code points. */
  minLength: number;
  /** The stem of a lower-cased word, when grouping by stems. */
  stem?: (word: string) => string;
}

/** A word or stem the rows show. */
export interface KeyEntry {
  key: string;
  count: number;
  sources: number;
  cases: number;
  lastSource: number;
  lastCase: string;
  forms: FormEntry[];
  /** Counts per group (keyness), by group index. */
  groups: Map<number, number> | null;
}

interface FormEntry {
  form: string;
  count: number;
  inSource: number;
  lastSource: number;
  key: KeyEntry | null;
}

export interface TalliedWord {
  /** The most frequent form (ties: case-folded code-point order). */
  word: string;
  key: string;
  /** Forms counted under the key, most frequent first. */
  forms: string[];
  count: number;
  sources: number;
  cases: number;
  groups: Map<number, number> | null;
}

export class WordTally {
  private readonly forms = new Map<string, FormEntry>();
  private readonly keys = new Map<string, KeyEntry>();
  private sourceNo = 0;
  /** All words counted (filtered ones included), overall and per group. */
  total = 0;
  readonly groupTotals = new Map<number, number>();

  constructor(private readonly filter: WordFilter, private readonly byGroup = false) {}

  /** Adds the words of a source's talks (UTF-16 bounds); sources of one case must come together. */
  addSource(text: string, talks: readonly Talk[], caseId: string, group = 0): void {
    const no = ++this.sourceNo;
    const touched: FormEntry[] = [];
    const lower = text.toLowerCase();
    const same = lower.length === text.length;
    let n = 0;
    for (const t of talks) {
      let i = t.start;
      while (i < t.end) {
        const w = wordCharLength(text, i);
        if (w === 0) {
          i++;
          continue;
        }
        const end = wordEnd(text, i + w);
        const word = same ? lower.slice(i, end) : text.slice(i, end).toLowerCase();
        let e = this.forms.get(word);
        if (e === undefined) this.forms.set(word, (e = { form: word, count: 0, inSource: 0, lastSource: 0, key: this.keyOf(word) }));
        if (e.lastSource !== no) {
          e.lastSource = no;
          e.inSource = 0;
          touched.push(e);
        }
        e.inSource++;
        n++;
        i = end;
      }
    }
    this.total += n;
    if (this.byGroup) this.groupTotals.set(group, (this.groupTotals.get(group) ?? 0) + n);
    for (const e of touched) {
      e.count += e.inSource;
      const k = e.key;
      if (k === null) continue;
      k.count += e.inSource;
      if (k.lastSource !== no) {
        k.lastSource = no;
        k.sources++;
      }
      if (k.lastCase !== caseId) {
        k.lastCase = caseId;
        k.cases++;
      }
      if (k.groups !== null) k.groups.set(group, (k.groups.get(group) ?? 0) + e.inSource);
    }
  }

  private keyOf(raw: string): KeyEntry | null {
    const f = this.filter;
    const w = foldApostrophes(raw);
    const length = /[\uD800-\uDBFF]/.test(w) ? [...w].length : w.length;
    if (f.stopWords.has(w) || length < f.minLength) return null;
    const key = f.stem === undefined ? w : f.stem(w);
    let k = this.keys.get(key);
    if (k === undefined) this.keys.set(key, (k = { key, count: 0, sources: 0, cases: 0, lastSource: 0, lastCase: '', forms: [], groups: this.byGroup ? new Map() : null }));
    return k;
  }

  /** Every tallied word, most frequent first, ties by word (case-folded, by code point). */
  rows(): TalliedWord[] {
    for (const e of this.forms.values()) e.key?.forms.push(e);
    const out: TalliedWord[] = [];
    for (const k of this.keys.values()) {
      const folded = new Map<string, number>();
      for (const f of k.forms) if (f.count > 0) folded.set(foldApostrophes(f.form), (folded.get(foldApostrophes(f.form)) ?? 0) + f.count);
      const forms = [...folded].sort((x, y) => y[1] - x[1] || compareFolded(x[0], y[0])).map(([f]) => f);
      if (k.count > 0) out.push({ word: forms[0]!, key: k.key, forms, count: k.count, sources: k.sources, cases: k.cases, groups: k.groups });
      k.forms = [];
    }
    return out.sort((x, y) => y.count - x.count || compareFolded(x.word, y.word));
  }
}
