/**
 * Re-anchoring codings when a source's text is revised (DESIGN.md "coding", "What bad input
 * gets"): every coding is placed again or flagged orphaned, never dropped — not "the first
 * exact match wins and the rest are deleted" (STYLE.md, anti-patterns).
 */
import { CodePointMap } from './code-points.js';
import { codePointSimilarity, codePointsOf } from './similarity.js';
import { diffRuns, mapOffset } from './text-diff.js';

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
 * input order, one per coding, and are deterministic. First the old span is carried through a
 * diff of the two texts (common prefix and suffix, then Myers on lines, then on characters
 * within changed lines; `similarity.ts`) to its *mapped span* in the new text: offsets inside
 * unchanged text move with it, text inserted at a span's edge stays outside it. The *distance*
 * of a span from the mapped span is the smaller of |start − mapped start| and
 * |end − mapped end|, in code points. Then:
 *
 * - All exact occurrences of the quote are scored on context: the longest common suffix of
 *   `before` with the text before the occurrence plus the longest common prefix of `after`
 *   with the text after it. The highest score wins; ties go to the nearest (least distance),
 *   then the earliest. The winner is
 *   - `unchanged` if it starts at the mapped start or ends at the mapped end (a diff may put
 *     an insertion on either side of a repeated letter). Its offsets shift with edits
 *     elsewhere: text inserted before a coding leaves it `unchanged`, further on;
 *   - `moved` if not, but it is also the nearest occurrence (then earliest) — in particular
 *     whenever it is the only one;
 *   - `context` if a nearer occurrence lost to it on context: worth a look by the user.
 * - With no exact occurrence, candidate spans start at the mapped start, where the quote's
 *   first 12 code points occur, where the last 12 of `before` end, or an end candidate minus
 *   the quote's length; they end at the mapped end, where the quote's last 12 code points
 *   end, where the first 12 of `after` begin, or a start candidate plus the quote's length
 *   (the 3 occurrences of each piece nearest the mapped span). Spans within max(quote length,
 *   200) UTF-16 units of the mapped span are tried first, the others only if none of those
 *   reached the threshold. The span most similar to the quote (`similarity`; ties: nearest, earliest,
 *   shortest) is `fuzzy` if its similarity ≥ `threshold` (default {@link FUZZY_THRESHOLD}).
 * - Otherwise (and for an empty quote) `orphaned`: start and end are returned as given, and
 *   `similarity` is the best a candidate reached, or 0 if none reached half the threshold.
 *
 * Exact placements have similarity 1. Identical texts return every coding `unchanged` in place.
 */
export function reanchor(oldText: string, newText: string, codings: readonly AnchorInput[], options: { threshold?: number; newMap?: CodePointMap } = {}): AnchorResult[] {
  if (oldText === newText) return codings.map((c) => ({ id: c.id, status: 'unchanged', start: c.start, end: c.end, similarity: 1 }));
  const oldMap = new CodePointMap(oldText);
  const target: Target = { text: newText, map: options.newMap ?? new CodePointMap(newText), threshold: options.threshold ?? FUZZY_THRESHOLD };
  const runs = diffRuns(oldText, newText);
  return codings.map((c) => {
    const start = Math.min(Math.max(0, c.start), oldMap.length);
    const end = Math.min(Math.max(start, c.end), oldMap.length);
    const ms = snap(newText, mapOffset(runs, oldMap.toUtf16(start), 'start'));
    const me = Math.max(ms, snap(newText, mapOffset(runs, oldMap.toUtf16(end), 'end')));
    if (c.quote !== '' && inPlace(c, newText, ms)) return result(c.id, 'unchanged', target, ms, ms + c.quote.length, 1);
    const exact = c.quote === '' ? null : placeExact(c, target, ms, me);
    if (exact) return exact;
    const f = c.quote === '' ? { s: -1, e: -1, sim: 0 } : placeFuzzy(c, target, ms, me);
    if (f.s >= 0 && f.sim >= target.threshold) {
      const w = snapToWords(newText, f.s, f.e, c);
      return result(c.id, 'fuzzy', target, w.s, w.e, f.sim);
    }
    return { id: c.id, status: 'orphaned', start: c.start, end: c.end, similarity: f.sim };
  });
}

function result(id: number, status: AnchorStatus, t: Target, s: number, e: number, sim: number): AnchorResult {
  return { id, status, start: t.map.toCodePoint(s), end: t.map.toCodePoint(e), similarity: sim };
}

const LETTER = /[\p{L}\p{N}]/u;

/**
 * A fuzzy span that starts or ends inside a word, where the original coding did not (judged
 * from its quote and context), is widened to the word's edge (at most 20 characters), so that
 * a re-anchored coding does not begin or end with half a word.
 */
export function snapToWords(text: string, s: number, e: number, c: Pick<AnchorInput, 'quote' | 'before' | 'after'>): { s: number; e: number } {
  const letter = (ch: string | undefined): boolean => ch !== undefined && LETTER.test(ch);
  const inWord = (i: number): boolean => i > 0 && i < text.length && letter(text[i - 1]) && letter(text[i]);
  const startedInWord = letter(c.before[c.before.length - 1]) && letter(c.quote[0]);
  const endedInWord = letter(c.quote[c.quote.length - 1]) && letter(c.after[0]);
  let start = s;
  let end = e;
  if (!startedInWord) while (inWord(start) && s - start < 20) start--;
  if (!endedInWord) while (inWord(end) && end - e < 20) end++;
  return { s: start, e: end };
}

/**
 * True when the quote and its whole context stand at the mapped start: that occurrence has the
 * highest context score any occurrence can reach and distance 0, which no other occurrence can
 * share, so {@link placeExact} would choose it as `unchanged`. Checking it first spares the
 * search of the whole text for the common case, a coding in text the edit did not touch.
 */
function inPlace(c: AnchorInput, text: string, ms: number): boolean {
  const end = ms + c.quote.length;
  return text.startsWith(c.quote, ms) && ms >= c.before.length && text.startsWith(c.before, ms - c.before.length) && text.startsWith(c.after, end);
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
  const head = firstCps(q), tail = lastCps(q), ctxEnd = lastCps(c.before), ctxStart = firstCps(c.after);
  const candidates = (reach: number): { starts: number[]; ends: number[] } => {
    const hits = (needle: string, at: number, shift: number): number[] => (needle ? nearestHits(text, needle, at, reach).map((o) => o + shift) : []);
    const s0 = [ms, ...hits(head, ms, 0), ...hits(ctxEnd, ms, ctxEnd.length)];
    const e0 = [me, ...hits(tail, me, tail.length), ...hits(ctxStart, me, 0)];
    return { starts: positions(text, [...s0, ...e0.map((e) => e - q.length)]), ends: positions(text, [...e0, ...s0.map((s) => s + q.length)]) };
  };
  const qcp = codePointsOf(q);
  const window = Math.max(q.length, 200);
  // A near span has both ends within `window` of the mapped span's. An anchor hit h can give
  // such an end only if |h − mapped end| ≤ window + |mapped length − quote length| + the
  // anchor's length (a derived end is h ± the quote's length, ± the anchor's), so the near
  // spans come from the hits within `reach`: among the nearest few overall, exactly those
  // within reach are the nearest few within reach. The far spans need the whole text.
  const reach = window + Math.abs(me - ms - q.length) + 4 * ANCHOR_LENGTH + 2;
  const distance = distanceFrom(t, ms, me);
  let best: Span & { dist: number } = { s: -1, e: -1, sim: 0, dist: Infinity };
  const consider = (s: number, e: number, atLeast = 0): void => {
    const floor = Math.max(best.sim, threshold / 2, atLeast);
    // A span of u UTF-16 units has u/2 to u code points; similarity ≤ shorter / longer.
    if (e - s < floor * qcp.length || (e - s) / 2 > qcp.length / floor) return;
    const sim = codePointSimilarity(qcp, codePointsOf(text.slice(s, e)), floor);
    if (sim < floor) return;
    const dist = distance(s, e);
    // sim ≥ best.sim here: the most similar wins, then the nearest, then the earliest, shortest.
    if (sim > best.sim || dist < best.dist || (dist === best.dist && (s < best.s || (s === best.s && e < best.e)))) best = { s, e, sim, dist };
  };
  // The mapped span first: an edit inside a quote usually leaves it the best candidate, and
  // a high similarity found early lets the bounds above skip most of the others. The order
  // of trying does not change the winner, which the comparison above defines in full.
  // It is measured against high floors first (the cost of the measure grows with 1 − floor;
  // a result at or above its floor is exact), and only seeds the search if it reaches one.
  for (const atLeast of [0.98, threshold]) {
    if (me > ms && best.s < 0) consider(ms, me, atLeast);
  }
  for (const near of [true, false]) {
    const { starts, ends } = candidates(near ? reach : Infinity);
    for (const s of starts) {
      for (const e of ends) {
        if (e <= s || (Math.abs(s - ms) <= window && Math.abs(e - me) <= window) !== near) continue;
        consider(s, e);
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

/** Offsets of `needle` in `text`, the `ANCHOR_HITS` nearest to `at` (then earliest), within `reach` of it. */
function nearestHits(text: string, needle: string, at: number, reach = Infinity): number[] {
  if (reach !== Infinity) {
    // Only occurrences within `reach` of `at`: a search of that stretch alone.
    const lo = Math.max(0, at - reach);
    const part = text.slice(lo, Math.min(text.length, at + reach + needle.length));
    const within: number[] = [];
    for (let o = part.indexOf(needle); o >= 0; o = part.indexOf(needle, o + 1)) if (Math.abs(lo + o - at) <= reach) within.push(lo + o);
    return within.sort((a, b) => Math.abs(a - at) - Math.abs(b - at) || a - b).slice(0, ANCHOR_HITS);
  }
  // The nearest few lie among the nearest few on each side of `at`: search outwards only.
  const near: number[] = [];
  for (let o = text.indexOf(needle, at), k = 0; o >= 0 && k < ANCHOR_HITS; o = text.indexOf(needle, o + 1), k++) near.push(o);
  for (let o = at > 0 ? text.lastIndexOf(needle, at - 1) : -1, k = 0; o >= 0 && k < ANCHOR_HITS; o = o > 0 ? text.lastIndexOf(needle, o - 1) : -1, k++) near.push(o);
  return near.sort((a, b) => Math.abs(a - at) - Math.abs(b - at) || a - b).slice(0, ANCHOR_HITS);
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
