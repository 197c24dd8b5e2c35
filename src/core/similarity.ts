/**
 * Comparing two texts, for re-anchoring codings on a revised transcript (`reanchor.ts`): how
 * alike they are — on Unicode code points (DESIGN.md, "position"), so an emoji is one
 * character — and where their equal parts lie, to carry offsets from one to the other.
 */

/** The code points of a string. */
export function codePointsOf(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

/**
 * Levenshtein distance (insertions, deletions, substitutions, each costing one) between two
 * code-point sequences, or `bound + 1` as soon as it is known to exceed `bound`.
 * Only the diagonal band |i − j| ≤ bound is computed, since no cell outside it can hold a
 * value ≤ bound (Ukkonen 1985, "Algorithms for approximate string matching", Inf. Control
 * 64), so the cost is O(min(n, m) · bound) rather than O(n · m).
 */
export function boundedLevenshtein(a0: ArrayLike<number>, b0: ArrayLike<number>, bound: number): number {
  const k = Math.max(0, Math.floor(bound));
  if (Math.abs(a0.length - b0.length) > k) return k + 1;
  // A common prefix and suffix never change the distance (an optimal alignment matches them),
  // so only what lies between is compared: for a quote with one word edited, a few cells.
  let pre = 0;
  const shorter = Math.min(a0.length, b0.length);
  while (pre < shorter && a0[pre] === b0[pre]) pre++;
  let suf = 0;
  while (suf < shorter - pre && a0[a0.length - 1 - suf] === b0[b0.length - 1 - suf]) suf++;
  const a = pre === 0 && suf === 0 ? a0 : Array.prototype.slice.call(a0, pre, a0.length - suf) as number[];
  const b = pre === 0 && suf === 0 ? b0 : Array.prototype.slice.call(b0, pre, b0.length - suf) as number[];
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return Math.min(Math.max(n, m), k + 1);
  const inf = k + 1;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j <= k ? j : inf;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - k);
    const hi = Math.min(m, i + k);
    cur[lo - 1] = lo === 1 ? Math.min(i, inf) : inf;
    let rowMin = cur[lo - 1]!;
    const ai = a[i - 1];
    for (let j = lo; j <= hi; j++) {
      let v = prev[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const up = prev[j]! + 1;
      const left = cur[j - 1]! + 1;
      if (up < v) v = up;
      if (left < v) v = left;
      if (v > inf) v = inf;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // The next row reads prev[hi + 1] as "up": it lies outside this band.
    if (hi < m) cur[hi + 1] = inf;
    // Every alignment crosses every row, so a row entirely above the bound ends the search.
    if (rowMin > k) return inf;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m]!, inf);
}

/**
 * Similarity of two texts: 1 − Levenshtein distance / the longer length, in code points
 * (1 for two empty texts). Exact whenever the result is ≥ `floor`; below `floor` the value
 * returned is only an upper bound that is itself below `floor` — which is all a caller
 * looking for spans above a threshold needs, and keeps long quotes fast.
 */
export function similarity(a: string, b: string, floor = 0): number {
  return a === b ? 1 : codePointSimilarity(codePointsOf(a), codePointsOf(b), floor);
}

/** {@link similarity} of texts already split into code points (to split a quote once). */
export function codePointSimilarity(a: ArrayLike<number>, b: ArrayLike<number>, floor = 0): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  // d ≤ (1 − floor) · longest ⇔ similarity ≥ floor; the epsilon absorbs rounding of floor.
  const bound = Math.floor((1 - Math.max(0, floor)) * longest + 1e-9);
  return 1 - boundedLevenshtein(a, b, bound) / longest;
}
