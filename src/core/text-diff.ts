/**
 * Where the equal parts of two texts lie (a diff), and carrying an offset of the old text
 * to the new one. Offsets are UTF-16 units. Myers (1986), "An O(ND) difference algorithm
 * and its variations", on lines, then on characters within changed lines.
 */

/** Equal text: old [a, a + len) is new [b, b + len). */
export interface Run { a: number; b: number; len: number }

/** Beyond these, a changed region is left unaligned (its offsets interpolated): bounds the cost. */
const MAX_LINE_EDITS = 1000;
const MAX_CHAR_EDITS = 400;
const MAX_CHAR_REGION = 20_000;

/**
 * Equal runs of two texts, ascending in both, the first at 0 and the last ending at both ends:
 * common prefix and suffix cut back to whole lines, a Myers diff of the lines between, then of
 * the characters of each changed region (Myers 1986, "An O(ND) difference algorithm and its
 * variations", Algorithmica 1): O((N + M) · D), fast for a few edits.
 */
export function diffRuns(o: string, n: string): Run[] {
  let p = 0;
  while (p < o.length && p < n.length && o.charCodeAt(p) === n.charCodeAt(p)) p++;
  if (p < o.length || p < n.length) p = p === 0 ? 0 : o.lastIndexOf('\n', p - 1) + 1;
  let s = 0;
  while (s < o.length - p && s < n.length - p && o.charCodeAt(o.length - 1 - s) === n.charCodeAt(n.length - 1 - s)) s++;
  if (o.length - s > p && o.charCodeAt(o.length - s - 1) !== 10) {
    const nl = o.indexOf('\n', o.length - s);
    s = nl < 0 ? 0 : o.length - nl - 1;
  }
  const ids = new Map<string, number>();
  // Line i of the region [p, end) is [at[i], at[i + 1]); equal lines get equal ids.
  const lines = (t: string, end: number) => {
    const at = [p];
    for (let i = t.indexOf('\n', p); i >= 0 && i + 1 < end; i = t.indexOf('\n', i + 1)) at.push(i + 1);
    if (end > p) at.push(end);
    const id = at.slice(1).map((e, i) => {
      const line = t.slice(at[i], e);
      if (!ids.has(line)) ids.set(line, ids.size);
      return ids.get(line)!;
    });
    return { at, id };
  };
  const ol = lines(o, o.length - s);
  const nn = lines(n, n.length - s);
  const runs: Run[] = [{ a: 0, b: 0, len: p }];
  let [oa, nb] = [p, p];
  for (const r of [...(myers(ol.id, nn.id, MAX_LINE_EDITS) ?? []), { a: ol.id.length, b: nn.id.length, len: 0 }]) {
    const [a, b] = [ol.at[r.a]!, nn.at[r.b]!];
    alignChars(o, n, oa, a, nb, b, runs);
    [oa, nb] = [ol.at[r.a + r.len]!, nn.at[r.b + r.len]!];
    runs.push({ a, b, len: oa - a });
  }
  runs.push({ a: o.length - s, b: n.length - s, len: s });
  return runs;
}

/** Appends the equal runs inside the changed region old [oa, ob) / new [na, nb). */
function alignChars(o: string, n: string, oa: number, ob: number, na: number, nb: number, runs: Run[]): void {
  if (ob === oa || nb === na) return;
  const codes = (t: string, from: number, to: number): Uint16Array => {
    const out = new Uint16Array(to - from);
    for (let i = 0; i < out.length; i++) out[i] = t.charCodeAt(from + i);
    return out;
  };
  const small = ob - oa + nb - na <= MAX_CHAR_REGION;
  const found = small ? myers(codes(o, oa, ob), codes(n, na, nb), MAX_CHAR_EDITS) : null;
  if (found) {
    for (const r of found) runs.push({ a: oa + r.a, b: na + r.b, len: r.len });
    return;
  }
  let pre = 0;
  while (oa + pre < ob && na + pre < nb && o.charCodeAt(oa + pre) === n.charCodeAt(na + pre)) pre++;
  let suf = 0;
  while (suf < ob - oa - pre && suf < nb - na - pre && o.charCodeAt(ob - 1 - suf) === n.charCodeAt(nb - 1 - suf)) suf++;
  runs.push({ a: oa, b: na, len: pre }, { a: ob - suf, b: nb - suf, len: suf });
}

/** Equal runs of two sequences (a, b are indexes), or null beyond `maxD` edits. */
function myers(x: ArrayLike<number>, y: ArrayLike<number>, maxD: number): Run[] | null {
  const [n, m] = [x.length, y.length];
  if (n === 0 || m === 0) return [];
  const off = n + m + 1;
  const v = new Int32Array(2 * off + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(n + m, maxD); d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let i = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) [i, j] = [i + 1, j + 1];
      v[off + k] = i;
      if (i >= n && j >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

/** Walks the saved frontiers back from (n, m), collecting the diagonal runs. */
function backtrack(trace: Int32Array[], n: number, m: number): Run[] {
  const runs: Run[] = [];
  let [i, j] = [n, m];
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const at = (k: number) => v[k + d + 1]!;
    const k = i - j;
    const pk = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const pi = at(pk);
    const pj = pi - pk;
    const len = Math.min(i - pi, j - pj);
    if (len > 0) runs.push({ a: i - len, b: j - len, len });
    [i, j] = [pi, pj];
  }
  return runs.reverse();
}

/**
 * The new offset of old offset `p`. Inside equal text it moves with it; a start at a pure
 * insertion goes after the inserted text, an end before it. Inside a changed region a start
 * keeps its distance from the region's start, an end from its end (clamped to the region).
 */
export function mapOffset(runs: readonly Run[], p: number, side: 'start' | 'end'): number {
  let lo = 0;
  let hi = runs.length - 1;
  // The last run whose start is ≤ p (start side) or < p (end side).
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (side === 'start' ? runs[mid]!.a <= p : runs[mid]!.a < p) lo = mid;
    else hi = mid - 1;
  }
  const r = runs[lo]!;
  if (side === 'start' ? p < r.a + r.len : p <= r.a + r.len) return r.b + p - r.a;
  const next = runs[lo + 1];
  if (!next) return r.b + r.len; // p is the end of the old text
  const [oa, na, ob, nb] = [r.a + r.len, r.b + r.len, next.a, next.b];
  return side === 'start' ? na + Math.min(p - oa, nb - na) : nb - Math.min(ob - p, nb - na);
}
