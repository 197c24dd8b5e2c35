/**
 * Coding comparison of two or more coders over the units of one source: which units each
 * coder coded with a code, counted by span sweeps (sorted boundary events), never by arrays
 * of one entry per character. The figures per table are those of NVivo's coding comparison
 * (percentage agreement, Cohen's kappa) with Krippendorff's alpha beside them.
 *
 * Units (a unit counts as coded by a coder when any of its characters lies inside one of that
 * coder's spans):
 *   char  every code point of the normalised text (NVivo's coding comparison);
 *   word  every word of the whole text (DESIGN.md's word: labels and interviewer talk included);
 *   turn  every turn, from the start of its label to the end of its talk; a source without
 *         turns has its non-blank lines as units (blank lines and a header are no units).
 */
import { CodePointMap, countBelow } from './code-points.js';
import type { StoredTurn } from './model.js';
import { mergeSpans, type Span } from './spans.js';
import { agreement2x2, type Agreement2x2, type Counts2x2 } from './stats/binary-2x2.js';
import { finiteOrNull, type Coefficient } from './stats/coefficient.js';
import { wordEnd } from './talk-words.js';
import { forEachWordStart } from './text.js';
import { Uint32List } from './uint32-list.js';

export type AgreementUnit = 'char' | 'word' | 'turn';

/**
 * The units of one source: `length` code points, or sorted disjoint code-point spans given by
 * their starts and a function for the end of unit i (words compute theirs on demand: a sweep
 * needs the end of one unit per coding, not of every word).
 */
export type UnitGrid = { kind: 'char'; length: number } | { kind: 'spans'; starts: Uint32Array; end: (i: number) => number };

/** How many units each coder coded, and how many units exactly k coders coded. */
export interface UnitCounts {
  units: number;
  /** codedBy[k]: units coded by exactly k of the coders, k = 0 … coders. */
  codedBy: number[];
  /** Units each coder coded, in the order of the coders. */
  perCoder: number[];
}

export function charUnits(length: number): UnitGrid {
  return { kind: 'char', length };
}

/** The words of the whole text as code-point spans. */
export function wordUnits(text: string, map = new CodePointMap(text)): UnitGrid {
  const utf16 = new Uint32List();
  forEachWordStart(text, (i) => utf16.push(i));
  const at = utf16.done();
  if (map.isIdentity) return { kind: 'spans', starts: at, end: (i) => wordEnd(text, at[i]!) };
  return { kind: 'spans', starts: at.map((i) => map.toCodePoint(i)), end: (i) => map.toCodePoint(wordEnd(text, at[i]!)) };
}

/** Turns from label start to talk end; without turns, the non-blank lines. */
export function turnUnits(text: string, turns: readonly Pick<StoredTurn, 'start' | 'talkEnd'>[], map = new CodePointMap(text)): UnitGrid {
  if (turns.length > 0) return spansGrid(Uint32Array.from(turns, (t) => t.start), Uint32Array.from(turns, (t) => t.talkEnd));
  const starts = new Uint32List();
  const ends = new Uint32List();
  for (let pos = 0; pos <= text.length; ) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    if (/\S/.test(text.slice(pos, nl))) {
      starts.push(map.toCodePoint(pos));
      ends.push(map.toCodePoint(nl));
    }
    pos = nl + 1;
  }
  return spansGrid(starts.done(), ends.done());
}

/** Units from sorted, disjoint [starts[i], ends[i]). */
export function spansGrid(starts: Uint32Array, ends: Uint32Array): UnitGrid {
  return { kind: 'spans', starts, end: (i) => ends[i]! };
}

export function unitCount(grid: UnitGrid): number {
  return grid.kind === 'char' ? grid.length : grid.starts.length;
}

/** The units `spans` touch, as merged ranges of unit indices (code points for char units). */
export function codedRanges(grid: UnitGrid, spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    if (grid.kind === 'char') {
      const start = Math.max(0, s.start);
      const end = Math.min(grid.length, s.end);
      if (end > start) out.push({ start, end });
      continue;
    }
    if (s.end <= s.start) continue;
    // Units overlapping [start, end): starts[i] < end and end(i) > start. Units are sorted and
    // disjoint, so only the last unit starting at or before `start` can begin before it and
    // still reach into it.
    const last = countBelow(grid.starts, s.start + 1) - 1;
    const lo = last >= 0 && grid.end(last) > s.start ? last : last + 1;
    const hi = countBelow(grid.starts, s.end);
    if (hi > lo) out.push({ start: lo, end: hi });
  }
  return mergeSpans(out);
}

/**
 * Counts units per number of coders who coded them: one sweep over the sorted start and end
 * events of every coder's merged ranges. `coders[i]` are coder i's spans of one code.
 */
export function countCodedUnits(grid: UnitGrid, coders: readonly (readonly Span[])[]): UnitCounts {
  const units = unitCount(grid);
  const codedBy = new Array<number>(coders.length + 1).fill(0);
  const perCoder: number[] = [];
  const events: number[] = [];
  for (const spans of coders) {
    let sum = 0;
    for (const r of codedRanges(grid, spans)) {
      sum += r.end - r.start;
      events.push(r.start * 2 + 1, r.end * 2); // at one position, ends sort before starts
    }
    perCoder.push(sum);
  }
  const sorted = Float64Array.from(events).sort();
  sweep(sorted, codedBy);
  codedBy[0] = units - codedBy.reduce((s, x) => s + x, 0);
  return { units, codedBy, perCoder };
}

/**
 * countCodedUnits for character units read straight off packed codings (core/span-index.ts):
 * the codings at `packed[from … to)` (field offsets), one code's run in one source, sorted by
 * start; `coderOf(id)` is a coding's coder index (0 … coders − 1), or −1 to skip it. The same
 * counts as countCodedUnits over `charUnits(length)` and the same spans, with no object per
 * coding: each coder's spans are clipped and merged as they come, in start order.
 */
export function countCodedCharsPacked(length: number, packed: Int32Array, from: number, to: number, fields: { start: number; end: number; coder: number; size: number }, coderOf: (coderId: number) => number, coders: number): UnitCounts {
  const codedBy = new Array<number>(coders + 1).fill(0);
  const perCoder = new Array<number>(coders).fill(0);
  const openStart = new Array<number>(coders).fill(-1);
  const openEnd = new Array<number>(coders).fill(-1);
  let n = 0;
  const close = (k: number): void => {
    perCoder[k]! += openEnd[k]! - openStart[k]!;
    if (n + 2 > scratch.length) scratch = grown(scratch, n + 2);
    scratch[n++] = openStart[k]! * 2 + 1; // at one position, ends sort before starts
    scratch[n++] = openEnd[k]! * 2;
  };
  for (let o = from; o < to; o += fields.size) {
    const k = coderOf(packed[o + fields.coder]!);
    if (k < 0) continue;
    const start = Math.max(0, packed[o + fields.start]!);
    const end = Math.min(length, packed[o + fields.end]!);
    if (end <= start) continue;
    if (openStart[k]! >= 0 && start <= openEnd[k]!) {
      if (end > openEnd[k]!) openEnd[k] = end;
      continue;
    }
    if (openStart[k]! >= 0) close(k);
    openStart[k] = start;
    openEnd[k] = end;
  }
  for (let k = 0; k < coders; k++) if (openStart[k]! >= 0) close(k);
  const sorted = scratch.subarray(0, n).sort();
  sweep(sorted, codedBy);
  codedBy[0] = length - codedBy.reduce((s, x) => s + x, 0);
  return { units: length, codedBy, perCoder };
}

/**
 * countCodedCharsPacked for exactly two coders, without events to sort: each coder's spans
 * clipped and merged as they come (in start order), then the characters both coded summed by
 * one sweep over the two sorted lists. The same counts (test/core/agreement.test.ts compares
 * them); an agreement report makes one table per code and source (~25,000 at 100,000 codings).
 * With `into` (two coders' counts), the counts are written there and it is returned.
 */
export function countCodedCharsPacked2(length: number, packed: Int32Array, from: number, to: number, fields: { start: number; end: number; coder: number; size: number }, coderOf: (coderId: number) => number, into?: UnitCounts): UnitCounts {
  let na = 0;
  let nb = 0;
  for (let o = from; o < to; o += fields.size) {
    const k = coderOf(packed[o + fields.coder]!);
    if (k < 0) continue;
    const start = Math.max(0, packed[o + fields.start]!);
    const end = Math.min(length, packed[o + fields.end]!);
    if (end <= start) continue;
    if (k === 0) na = pushMerged(spansA, na, start, end);
    else nb = pushMerged(spansB, nb, start, end);
  }
  const a = spansA.data;
  const b = spansB.data;
  let perA = 0;
  let perB = 0;
  for (let i = 0; i < na; i++) perA += a[2 * i + 1]! - a[2 * i]!;
  for (let j = 0; j < nb; j++) perB += b[2 * j + 1]! - b[2 * j]!;
  let both = 0;
  for (let i = 0, j = 0; i < na && j < nb;) {
    const ae = a[2 * i + 1]!;
    const be = b[2 * j + 1]!;
    const overlap = Math.min(ae, be) - Math.max(a[2 * i]!, b[2 * j]!);
    if (overlap > 0) both += overlap;
    if (ae <= be) i++;
    else j++;
  }
  if (into === undefined) return { units: length, codedBy: [length - perA - perB + both, perA + perB - 2 * both, both], perCoder: [perA, perB] };
  // The same counts written into a table the caller reuses (no three objects per table).
  into.units = length;
  into.codedBy[0] = length - perA - perB + both;
  into.codedBy[1] = perA + perB - 2 * both;
  into.codedBy[2] = both;
  into.perCoder[0] = perA;
  into.perCoder[1] = perB;
  return into;
}

/** A coder's merged spans (start, end pairs), reused from call to call. */
class SpanList {
  data = new Int32Array(512);
}

const spansA = new SpanList();
const spansB = new SpanList();

/** Adds [start, end) to the n sorted spans of `list` (starts ascending), merging it into the last when they overlap or touch; the new count. */
function pushMerged(list: SpanList, n: number, start: number, end: number): number {
  if (n > 0 && start <= list.data[2 * n - 1]!) {
    if (end > list.data[2 * n - 1]!) list.data[2 * n - 1] = end;
    return n;
  }
  if (2 * n + 2 > list.data.length) {
    const bigger = new Int32Array(list.data.length * 2);
    bigger.set(list.data);
    list.data = bigger;
  }
  list.data[2 * n] = start;
  list.data[2 * n + 1] = end;
  return n + 1;
}

/**
 * Adds to codedBy[k] the units covered by exactly k coders, from sorted events (position × 2,
 * + 1 for a start: at one position, ends sort before starts). codedBy[0] is left to the caller.
 */
function sweep(sorted: Float64Array, codedBy: number[]): void {
  let active = 0;
  let prev = 0;
  for (const e of sorted) {
    const pos = Math.floor(e / 2);
    if (active > 0) codedBy[active]! += pos - prev;
    prev = pos;
    active += e % 2 === 1 ? 1 : -1;
  }
}

/** The events of countCodedCharsPacked, reused from call to call (one report makes thousands). */
let scratch: Float64Array = new Float64Array(1024);

function grown(a: Float64Array, need: number): Float64Array {
  let size = a.length;
  while (size < need) size *= 2;
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

/** The sum of tables of the same coders (pooling over sources or codes). */
export function addCounts(a: UnitCounts, b: UnitCounts): UnitCounts {
  return { units: a.units + b.units, codedBy: a.codedBy.map((x, k) => x + b.codedBy[k]!), perCoder: a.perCoder.map((x, i) => x + b.perCoder[i]!) };
}

export function emptyCounts(coders: number): UnitCounts {
  return { units: 0, codedBy: new Array<number>(coders + 1).fill(0), perCoder: new Array<number>(coders).fill(0) };
}

/**
 * Krippendorff's nominal alpha of binary data (coded / not coded) with no missing values, from
 * the histogram h[k] of units coded by exactly k of c coders. In the coincidence matrix
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", §C) a unit with k of c
 * coders contributes k(c − k)/(c − 1) to o_01, so o_01 = Σ_k h_k k(c − k)/(c − 1);
 * n = cN, n_1 = Σ_k k h_k, n_0 = n − n_1, and α = 1 − (n − 1) o_01 / (n_0 n_1) (§E, nominal).
 * Null when n_0 n_1 = 0 (no variation).
 */
export function binaryAlpha(codedBy: readonly number[]): Coefficient {
  const c = codedBy.length - 1;
  if (c < 2) throw new RangeError(`binaryAlpha: needs at least two coders (got ${c})`);
  const units = codedBy.reduce((s, x) => s + x, 0);
  if (units === 0) return { value: null, reason: 'no units to compare' };
  const n = c * units;
  const n1 = codedBy.reduce((s, h, k) => s + k * h, 0);
  const n0 = n - n1;
  if (n0 === 0 || n1 === 0) {
    return { value: null, reason: `no variation: ${n0 === 0 ? 'every coder coded every unit' : 'no coder coded any unit'}; alpha is undefined` };
  }
  const mixed = codedBy.reduce((s, h, k) => s + h * k * (c - k), 0); // (c − 1) o_01
  return { value: finiteOrNull(1 - (((n - 1) / n0) * (mixed / n1)) / (c - 1)) };
}

/** The figures of one table. The 2×2 cells and kappa are null for more than two coders. */
/** The figures of one row: the 2×2 counts (null for more than two coders) and the statistics. */
export interface AgreementFigures extends Agreement2x2 {
  both: number | null;
  onlyA: number | null;
  onlyB: number | null;
  neither: number | null;
}

export const KAPPA_TWO_CODERS = 'kappa and the 2×2 table are for two coders';

/** Percent agreement, Cohen's kappa and Krippendorff's alpha of one table. */
export function agreementFigures(counts: UnitCounts): AgreementFigures {
  return withAgreementFigures({}, counts);
}

/**
 * agreementFigures(counts) written onto `into` (the same keys in the same order, after those
 * it has), so that a report row needs no object of figures to spread: an agreement report
 * makes one row per code and source (~25,000 at 100,000 codings).
 */
export function withAgreementFigures<T extends object>(into: T, counts: UnitCounts): T & AgreementFigures {
  const out = into as T & AgreementFigures;
  const c = counts.perCoder.length;
  if (c === 2) {
    const both = counts.codedBy[2]!;
    out.units = counts.units;
    out.both = both;
    out.onlyA = counts.perCoder[0]! - both;
    out.onlyB = counts.perCoder[1]! - both;
    out.neither = counts.codedBy[0]!;
    // The row holds the four cells now: it is the 2×2 table agreement2x2 reads.
    const r = agreement2x2(out as Counts2x2);
    out.agreementPct = r.agreementPct;
    out.kappa = r.kappa;
    out.alpha = r.alpha;
    if (r.agreementReason !== undefined) out.agreementReason = r.agreementReason;
    if (r.kappaReason !== undefined) out.kappaReason = r.kappaReason;
    if (r.alphaReason !== undefined) out.alphaReason = r.alphaReason;
    return out;
  }
  const alpha = binaryAlpha(counts.codedBy);
  out.units = counts.units;
  out.both = null;
  out.onlyA = null;
  out.onlyB = null;
  out.neither = null;
  out.agreementPct = counts.units === 0 ? null : ((counts.codedBy[0]! + counts.codedBy[c]!) / counts.units) * 100;
  out.kappa = null;
  out.alpha = alpha.value;
  out.kappaReason = KAPPA_TWO_CODERS;
  if (out.agreementPct === null) out.agreementReason = 'no units to compare';
  if (alpha.value === null) out.alphaReason = alpha.reason;
  return out;
}

