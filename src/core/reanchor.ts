/**
 * Re-anchoring codings when a source's text is revised (DESIGN.md "coding", "What bad input
 * gets"): every coding is placed again or flagged orphaned, never dropped — not "the first
 * exact match wins and the rest are deleted" (STYLE.md, anti-patterns).
 */
import { CodePointMap } from './code-points.js';
import { codePointSimilarity, codePointsOf } from './similarity.js';

export interface AnchorInput { id: number; start: number; end: number; quote: string; before: string; after: string }
export type AnchorStatus = 'unchanged' | 'moved' | 'context' | 'fuzzy' | 'orphaned';
export interface AnchorResult { id: number; status: AnchorStatus; start: number; end: number; similarity: number }

/** Default similarity a fuzzy placement must reach. */
export const FUZZY_THRESHOLD = 0.8;

/** Code points of quote or context used to find a quote's ends when its middle was edited. */
const ANCHOR_LENGTH = 12;
/** How many occurrences of each such anchor, nearest first, may start or end a fuzzy span. */
const ANCHOR_HITS = 3;

interface Target { text: string; map: CodePointMap; threshold: number }

/**
 * Places each coding of `oldText` on `newText`. Positions are code points; results come in
 * input order, one per coding, and are deterministic. The old span is first carried through
 * a diff of the two texts (common prefix/suffix, Myers on lines, then on characters within
 * changed lines) to a *mapped span* in the new text. Then:
 *
 * - Every exact occurrence of the quote is scored by its context: the longest common suffix
 *   of `before` with the text before it plus the longest common prefix of `after` with the
 *   text after it. The best score wins; ties go to the occurrence nearest the mapped start,
 *   then the earliest. The winner's status is
 *   - `unchanged` if it starts at the mapped start (its offsets still shift with edits
 *     elsewhere: text inserted before a coding leaves it `unchanged`, further on);
 *   - `moved` if it is also the occurrence nearest the mapped start (then earliest) — in
 *     particular when it is the only one;
 *   - `context` if a nearer occurrence lost on context: worth a look by the user.
 * - With no exact occurrence, candidate spans are built from the mapped span, from where the
 *   quote's first and last 12 code points and the adjoining ends of `before`/`after` occur
 *   (nearest 3 of each), and from those starts/ends ± the quote's length. Spans near the
 *   mapped one are tried first, the rest only if none reaches the threshold. The most similar
 *   span (`similarity.ts`; ties: nearest the mapped start, earliest, shortest) is `fuzzy`
 *   if its similarity ≥ `threshold` (default {@link FUZZY_THRESHOLD}).
 * - Otherwise `orphaned`: the input start/end are kept and `similarity` is the best found,
 *   or 0 when no candidate came within half the threshold.
 *
 * Exact placements have similarity 1. Identical texts return every coding `unchanged` in place.
 */
export function reanchor(oldText: string, newText: string, codings: readonly AnchorInput[], options: { threshold?: number } = {}): AnchorResult[] {
  if (oldText === newText) return codings.map((c) => ({ id: c.id, status: 'unchanged', start: c.start, end: c.end, similarity: 1 }));
  const oldMap = new CodePointMap(oldText);
  const target: Target = { text: newText, map: new CodePointMap(newText), threshold: options.threshold ?? FUZZY_THRESHOLD };
  const runs = diffRuns(oldText, newText);
  return codings.map((c) => {
    const start = Math.min(Math.max(0, c.start), oldMap.length);
    const end = Math.min(Math.max(start, c.end), oldMap.length);
    const ms = snap(newText, mapOffset(runs, oldMap.toUtf16(start), 'start'));
    const me = Math.max(ms, snap(newText, mapOffset(runs, oldMap.toUtf16(end), 'end')));
    const exact = placeExact(c, target, ms, me);
    if (exact) return exact;
    const f = placeFuzzy(c, target, ms, me);
    if (f.s >= 0 && f.sim >= target.threshold) return result(c.id, 'fuzzy', target, f.s, f.e, f.sim);
    return { id: c.id, status: 'orphaned', start: c.start, end: c.end, similarity: f.sim };
  });
}

function result(id: number, status: AnchorStatus, t: Target, s: number, e: number, sim: number): AnchorResult {
  return { id, status, start: t.map.toCodePoint(s), end: t.map.toCodePoint(e), similarity: sim };
}

/** Chooses among all exact occurrences of the quote; null when there is none. */
function placeExact(c: AnchorInput, t: Target, ms: number, me: number): AnchorResult | null {
  const { text } = t;
  const q = c.quote;
  const distance = distanceFrom(t, ms, me);
  let best = -1;
  let bestScore = -1;
  let bestDist = 0;
  let nearest = -1;
  let nearestDist = 0;
  for (let o = text.indexOf(q); o >= 0; o = text.indexOf(q, o + 1)) {
    const dist = distance(o, o + q.length);
    const score = commonSuffix(c.before, text, o) + commonPrefix(c.after, text, o + q.length);
    // Occurrences come in ascending order, so strict comparisons keep the earliest on ties.
    if (score > bestScore || (score === bestScore && dist < bestDist)) [best, bestScore, bestDist] = [o, score, dist];
    if (nearest < 0 || dist < nearestDist) [nearest, nearestDist] = [o, dist];
  }
  if (best < 0) return null;
  const status = best === ms || best + q.length === me ? 'unchanged' : best === nearest ? 'moved' : 'context';
  return result(c.id, status, t, best, best + q.length, 1);
}

/** Code points shared by the end of `a` and the text just before `at`. */
function commonSuffix(a: string, text: string, at: number): number {
  let n = 0;
  while (n < a.length && n < at && a.charCodeAt(a.length - 1 - n) === text.charCodeAt(at - 1 - n)) n++;
  if (n > 0 && isLow(a.charCodeAt(a.length - n))) n--; // half a surrogate pair is no character
  return cpLength(a, a.length - n, a.length);
}

/** Code points shared by the start of `a` and the text from `at`. */
function commonPrefix(a: string, text: string, at: number): number {
  let n = 0;
  while (n < a.length && at + n < text.length && a.charCodeAt(n) === text.charCodeAt(at + n)) n++;
  if (n > 0 && isHigh(a.charCodeAt(n - 1))) n--;
  return cpLength(a, 0, n);
}

interface Span { s: number; e: number; sim: number }

/** The most similar candidate span (UTF-16 offsets), or sim 0 when none came close. */
function placeFuzzy(c: AnchorInput, t: Target, ms: number, me: number): Span {
  const { text, threshold } = t;
  const q = c.quote;
  const hits = (needle: string, at: number, shift: number): number[] => (needle ? nearestHits(text, needle, at).map((o) => o + shift) : []);
  const head = firstCps(q), tail = lastCps(q), ctxEnd = lastCps(c.before), ctxStart = firstCps(c.after);
  const s0 = [ms, ...hits(head, ms, 0), ...hits(ctxEnd, ms, ctxEnd.length)];
  const e0 = [me, ...hits(tail, me, tail.length), ...hits(ctxStart, me, 0)];
  const starts = positions(text, [...s0, ...e0.map((e) => e - q.length)]);
  const ends = positions(text, [...e0, ...s0.map((s) => s + q.length)]);
  const qcp = codePointsOf(q);
  const window = Math.max(q.length, 200);
  const distance = distanceFrom(t, ms, me);
  let best: Span & { dist: number } = { s: -1, e: -1, sim: 0, dist: Infinity };
  for (const near of [true, false]) {
    for (const s of starts) {
      for (const e of ends) {
        if (e <= s || (Math.abs(s - ms) <= window && Math.abs(e - me) <= window) !== near) continue;
        const floor = Math.max(best.sim, threshold / 2);
        // A span of u UTF-16 units has u/2 to u code points; similarity ≤ shorter / longer.
        if (e - s < floor * qcp.length || (e - s) / 2 > qcp.length / floor) continue;
        const sim = codePointSimilarity(qcp, codePointsOf(text.slice(s, e)), floor);
        if (sim < floor) continue;
        const dist = distance(s, e);
        // sim ≥ best.sim here; starts and ends ascend, so equal distances keep the earliest, shortest.
        if (sim > best.sim || dist < best.dist) best = { s, e, sim, dist };
      }
    }
    if (best.sim >= threshold) break;
  }
  return best;
}

/** Distance in code points of span [s, e) from the mapped span: the nearer of its two ends. */
function distanceFrom(t: Target, ms: number, me: number): (s: number, e: number) => number {
  const [msCp, meCp] = [t.map.toCodePoint(ms), t.map.toCodePoint(me)];
  return (s, e) => Math.min(Math.abs(t.map.toCodePoint(s) - msCp), Math.abs(t.map.toCodePoint(e) - meCp));
}

/** Offsets of `needle` in `text`, the `ANCHOR_HITS` nearest to `at` (then earliest). */
function nearestHits(text: string, needle: string, at: number): number[] {
  const all: number[] = [];
  for (let o = text.indexOf(needle); o >= 0; o = text.indexOf(needle, o + 1)) all.push(o);
  return all.sort((a, b) => Math.abs(a - at) - Math.abs(b - at) || a - b).slice(0, ANCHOR_HITS);
}

/** Distinct in-range offsets, moved off the middle of surrogate pairs, ascending. */
function positions(text: string, offsets: number[]): number[] {
  const ok = offsets.filter((o) => o >= 0 && o <= text.length).map((o) => snap(text, o));
  return [...new Set(ok)].sort((a, b) => a - b);
}

/** A UTF-16 offset moved back off the middle of a surrogate pair. */
function snap(text: string, o: number): number {
  return o > 0 && isLow(text.charCodeAt(o)) && isHigh(text.charCodeAt(o - 1)) ? o - 1 : o;
}

const isHigh = (u: number): boolean => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number): boolean => u >= 0xdc00 && u <= 0xdfff;
const cpLength = (s: string, from: number, to: number): number => new CodePointMap(s.slice(from, to)).length;
const firstCps = (s: string): string => [...s].slice(0, ANCHOR_LENGTH).join('');
const lastCps = (s: string): string => [...s].slice(-ANCHOR_LENGTH).join('');

// --- Where old offsets went: a diff of the two texts (UTF-16 units) ---

/** Equal text: old [a, a + len) is new [b, b + len). */
interface Run { a: number; b: number; len: number }

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
function diffRuns(o: string, n: string): Run[] {
  let p = 0;
  while (p < o.length && p < n.length && o.charCodeAt(p) === n.charCodeAt(p)) p++;
  if (p < o.length || p < n.length) p = p === 0 ? 0 : o.lastIndexOf('\n', p - 1) + 1;
  let s = 0;
  while (s < o.length - p && s < n.length - p && o.charCodeAt(o.length - 1 - s) === n.charCodeAt(n.length - 1 - s)) s++;
  const nl = o.indexOf('\n', o.length - s - 1);
  s = nl < 0 ? 0 : Math.min(s, o.length - nl - 1);
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
  const codes = (t: string, from: number, to: number) => Uint16Array.from({ length: to - from }, (_, i) => t.charCodeAt(from + i));
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
function mapOffset(runs: readonly Run[], p: number, side: 'start' | 'end'): number {
  const last = runs[runs.length - 1]!;
  if (p <= 0) return 0;
  if (p >= last.a + last.len) return last.b + last.len;
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
  const next = runs[lo + 1]!;
  const [oa, na, ob, nb] = [r.a + r.len, r.b + r.len, next.a, next.b];
  return side === 'start' ? na + Math.min(p - oa, nb - na) : nb - Math.min(ob - p, nb - na);
}
