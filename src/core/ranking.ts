/**
 * Ranks among siblings (DESIGN.md): frequency by cases, then references, then words;
 * intensity by words per case, then words; 1 = highest. Ties keep the alphabetical order
 * of names (case-folded, by code point), so every rank is distinct and deterministic.
 */
import type { Figures } from './figures.js';
import { compareFolded } from './sort.js';

export type RankKey = 'frequency' | 'intensity' | 'references' | 'words' | 'name';

export interface Ranked {
  name: string;
  figures: Figures;
}

const ORDERS: Record<RankKey, (a: Figures, b: Figures) => number> = {
  frequency: (a, b) => b.cases - a.cases || b.references - a.references || b.words - a.words,
  intensity: (a, b) => b.wordsPerCase - a.wordsPerCase || b.words - a.words,
  references: (a, b) => b.references - a.references || b.cases - a.cases || b.words - a.words,
  words: (a, b) => b.words - a.words || b.cases - a.cases,
  name: () => 0,
};

/** A comparator for sibling order by `key`, ties by folded name. */
export function rankOrder(key: RankKey): (a: Ranked, b: Ranked) => number {
  return (a, b) => ORDERS[key](a.figures, b.figures) || compareFolded(a.name, b.name);
}

/** 1-based ranks of `items` by `key`, in the items' own order. */
export function ranks(items: readonly Ranked[], key: 'frequency' | 'intensity'): number[] {
  const order = [...items.keys()].sort((i, j) => rankOrder(key)(items[i]!, items[j]!));
  const out = new Array<number>(items.length);
  order.forEach((i, r) => (out[i] = r + 1));
  return out;
}
