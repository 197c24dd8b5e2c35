/**
 * "Did you mean": the names closest to a misspelt one, best first. Distance is
 * natural's restricted Damerau–Levenshtein (adjacent transpositions count as one edit)
 * on case-folded names; a name that starts with or contains what was typed counts as one
 * edit away.
 */
import { createRequire } from 'node:module';

type Distance = (a: string, b: string, options: { restricted: boolean }) => number;
let damerau: Distance | undefined;

/** natural is loaded on first use and only its distance module (STYLE.md §5). */
function load(): Distance {
  if (damerau === undefined) {
    const require = createRequire(import.meta.url);
    const mod = require('natural/lib/natural/distance/levenshtein_distance.js') as { DamerauLevenshteinDistance: Distance };
    damerau = mod.DamerauLevenshteinDistance;
  }
  return damerau;
}

export function distance(a: string, b: string): number {
  return load()(a, b, { restricted: true });
}

export function nearestNames(wanted: string, names: readonly string[], max = 3): string[] {
  const w = wanted.toLowerCase();
  const limit = Math.max(2, Math.floor([...w].length / 3));
  return names
    .map((name) => {
      const n = name.toLowerCase();
      const close = n.startsWith(w) || w.startsWith(n) || (w.length >= 3 && n.includes(w));
      return { name, d: close ? Math.min(1, distance(w, n)) : distance(w, n) };
    })
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, max)
    .map((s) => s.name);
}
