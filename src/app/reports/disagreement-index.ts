/**
 * Where two coders' passages differ (`report disagreements`), found source by source and held
 * as columns of integers: per passage its code points, lines, bytes in the stored text and
 * kind, per coder span its code points and lines. No text is kept: a group's passages are
 * decoded from its source's bytes when the group is written. At 1,000,000 codings a report
 * lists some 850,000 passages; held as objects with their texts (and the view's rows, and the
 * output as one string) it took 4.6 GB; written group by group it takes little more than
 * these columns.
 *
 * The passages are DESIGN.md's and the report's (disagreements.ts): for a code (its own
 * codings) in a source compared, the merged spans of both coders' codings together; a passage
 * is listed when the coders' merged spans inside it differ.
 */
import { treeOrder } from '../../core/codebook.js';
import { CODING_FIELDS, F_CODE, F_CODER, F_END, F_START } from '../../core/span-index.js';
import { mergeSpans, type Span } from '../../core/spans.js';
import { Uint32List } from '../../core/uint32-list.js';
import { Utf8Cursor, decodeUtf8, wellFormedUtf8 } from '../../core/utf8-cursor.js';
import type { ReportScope } from '../report-scope.js';
import { comparedSources } from './agreement.js';
import { comparedWithCodings, type ComparedSource } from './compared-sources.js';

export type DisagreementKind = 'onlyA' | 'onlyB' | 'boundaries';
const KINDS: readonly DisagreementKind[] = ['onlyA', 'onlyB', 'boundaries'];

export interface LineSpan extends Span {
  lineStart: number;
  lineEnd: number;
}

export interface Disagreement extends LineSpan {
  kind: DisagreementKind;
  /** The passage's text as it is (participant and interviewer talk alike). */
  text: string;
  /** Each coder's spans inside the passage. */
  spans: Record<string, LineSpan[]>;
}

export interface DisagreementGroup {
  code: string;
  source: string;
  passages: Disagreement[];
}

/**
 * Bytes of texts kept from finding the passages to writing them. The groups go code by code,
 * each across the sources, so a source's text is wanted again and again: the first sources'
 * texts are kept up to this many bytes (1,000 one-hour transcripts are some 68 MB), and the
 * rest are read again, a group's bytes at a time.
 */
const KEPT_BYTES = 96 * 1024 * 1024;

/** How the stored texts are read: a source's whole text, or bytes [from, to) of it (UTF-8). */
export interface TextBytes {
  whole(i: number): Uint8Array;
  slice(i: number, from: number, to: number): Uint8Array;
}

/** The texts of a scope's sources, read whole through the scope. */
export function scopeTextBytes(scope: ReportScope): TextBytes {
  return { whole: (i) => scope.textBytes(i), slice: (i, from, to) => scope.textBytes(i).subarray(from, to) };
}

/** The disagreements of a report, as columns (see the file comment). */
export class DisagreementIndex {
  /** Passages in all. */
  readonly count: number;
  /** Groups (a code in a source) in report order: by code in tree order, then by source in scope order. */
  readonly groups: number;

  constructor(
    readonly coders: readonly [string, string],
    readonly scope: ReportScope,
    /** The sources compared (scope indices), with each coder's codings there. */
    readonly compared: readonly number[],
    readonly comparedCodings: ComparedSource[],
    private readonly group: { code: string[]; source: Uint32Array; from: Uint32Array; to: Uint32Array; rowsBefore: Uint32Array },
    private readonly p: Record<'start' | 'end' | 'lineStart' | 'lineEnd' | 'byteStart' | 'byteEnd' | 'kind' | 'spansTo' | 'spansOfA', Uint32Array>,
    private readonly s: Record<'start' | 'end' | 'lineStart' | 'lineEnd', Uint32Array>,
    /** Sources whose stored bytes are not well-formed UTF-8: read whole and made so, as a string would decode them. */
    private readonly mended: ReadonlySet<number>,
    /** The whole (well-formed) bytes of the first sources read, up to KEPT_BYTES in all. */
    private readonly kept: ReadonlyMap<number, Uint8Array>,
  ) {
    this.count = p.start.length;
    this.groups = group.code.length;
  }

  /**
   * Calls `onGroup` with every group from the one holding passage row `fromRow` (passages
   * counted in report order, from 0), and the row of its first passage; its passages' texts
   * are read from `texts` group by group.
   */
  forEachGroup(texts: TextBytes, onGroup: (g: DisagreementGroup, firstRow: number) => void, fromRow = 0): void {
    const { code, source, from, to, rowsBefore } = this.group;
    let g = 0;
    while (g + 1 < this.groups && rowsBefore[g + 1]! <= fromRow) g++;
    for (; g < this.groups; g++) onGroup(this.groupAt(texts, source[g]!, from[g]!, to[g]!, code[g]!), rowsBefore[g]!);
  }

  private groupAt(texts: TextBytes, i: number, from: number, to: number, code: string): DisagreementGroup {
    const p = this.p;
    const byteFrom = p.byteStart[from]!;
    const whole = this.kept.get(i) ?? (this.mended.has(i) ? wellFormedUtf8(texts.whole(i)) : undefined);
    const bytes = whole !== undefined ? whole.subarray(byteFrom, p.byteEnd[to - 1]!) : texts.slice(i, byteFrom, p.byteEnd[to - 1]!);
    const [a, b] = this.coders;
    const passages: Disagreement[] = [];
    for (let k = from; k < to; k++) {
      const spansFrom = k === 0 ? 0 : p.spansTo[k - 1]!;
      const split = spansFrom + p.spansOfA[k]!;
      passages.push({
        kind: KINDS[p.kind[k]!]!,
        start: p.start[k]!, end: p.end[k]!, lineStart: p.lineStart[k]!, lineEnd: p.lineEnd[k]!,
        text: decodeUtf8(bytes, p.byteStart[k]! - byteFrom, p.byteEnd[k]! - byteFrom),
        spans: { [a]: this.spans(spansFrom, split), [b]: this.spans(split, p.spansTo[k]!) },
      });
    }
    return { code, source: this.scope.sources[i]!.id, passages };
  }

  private spans(from: number, to: number): LineSpan[] {
    const out: LineSpan[] = [];
    for (let k = from; k < to; k++) out.push({ start: this.s.start[k]!, end: this.s.end[k]!, lineStart: this.s.lineStart[k]!, lineEnd: this.s.lineEnd[k]! });
    return out;
  }
}

/**
 * The disagreements of two coders on a loaded scope, source by source; `codeId` limits them to
 * one code, else the codes the scope shows. `keptBytes`: of texts kept for writing (KEPT_BYTES).
 */
export function disagreementIndex(scope: ReportScope, coders: readonly [string, string], texts: TextBytes, o: { sourcesChosen?: boolean; codeId?: number; keptBytes?: number } = {}): DisagreementIndex {
  const compared = comparedSources(scope, coders, o.sourcesChosen === true);
  // Each listed code's place in the report (tree order); codes not listed have none.
  const order = new Map<number, number>();
  const names: string[] = [];
  for (const { code } of treeOrder(scope.codes)) {
    if (o.codeId === undefined ? !scope.shown.has(code.id) : code.id !== o.codeId) continue;
    order.set(code.id, names.length);
    names.push(code.name);
  }
  const slot = new Map([...scope.coderNames].filter(([, name]) => coders.includes(name)).map(([id, name]) => [id, coders.indexOf(name)]));
  const P = { start: new Uint32List(), end: new Uint32List(), lineStart: new Uint32List(), lineEnd: new Uint32List(), byteStart: new Uint32List(), byteEnd: new Uint32List(), kind: new Uint32List(), spansTo: new Uint32List(), spansOfA: new Uint32List() };
  const S = { start: new Uint32List(), end: new Uint32List(), lineStart: new Uint32List(), lineEnd: new Uint32List() };
  // Groups as found (source by source): code place, compared position, passages [from, to).
  const found: number[][] = [];
  const mended = new Set<number>();
  const kept = new Map<number, Uint8Array>();
  let room = o.keptBytes ?? KEPT_BYTES;
  compared.forEach((i, position) => {
    const packed = scope.packed[i]!;
    let cursor: Utf8Cursor | undefined;
    const cursorOf = (): Utf8Cursor => {
      if (cursor === undefined) {
        const stored = texts.whole(i);
        const bytes = wellFormedUtf8(stored);
        if (bytes !== stored) mended.add(i);
        if (bytes.length <= room) {
          kept.set(i, bytes);
          room -= bytes.length;
        }
        cursor = new Utf8Cursor(bytes);
      }
      return cursor;
    };
    // The packed codings come sorted by code: one run of each code.
    for (let run = 0; run < packed.length;) {
      const codeId = packed[run + F_CODE]!;
      let to = run;
      while (to < packed.length && packed[to + F_CODE] === codeId) to += CODING_FIELDS;
      const place = order.get(codeId);
      if (place !== undefined) {
        const perCoder: Span[][] = [[], []];
        let any = false;
        for (let f = run; f < to; f += CODING_FIELDS) {
          const k = slot.get(packed[f + F_CODER]!);
          if (k === undefined) continue;
          perCoder[k]!.push({ start: packed[f + F_START]!, end: packed[f + F_END]! });
          any = true;
        }
        const from = P.start.length;
        if (any) passagesIn(perCoder[0]!, perCoder[1]!, cursorOf, P, S);
        if (P.start.length > from) found.push([place, position, from, P.start.length]);
      }
      run = to;
    }
  });
  found.sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
  const rowsBefore = new Uint32Array(found.length);
  for (let g = 1; g < found.length; g++) rowsBefore[g] = rowsBefore[g - 1]! + found[g - 1]![3]! - found[g - 1]![2]!;
  const group = {
    code: found.map((x) => names[x[0]!]!),
    source: Uint32Array.from(found, (x) => compared[x[1]!]!),
    from: Uint32Array.from(found, (x) => x[2]!),
    to: Uint32Array.from(found, (x) => x[3]!),
    rowsBefore,
  };
  const done = <K extends string>(cols: Record<K, Uint32List>): Record<K, Uint32Array> =>
    Object.fromEntries(Object.entries<Uint32List>(cols).map(([k, v]) => [k, v.done()])) as Record<K, Uint32Array>;
  return new DisagreementIndex(coders, scope, compared, comparedWithCodings(scope, compared, coders), group, done(P), done(S), mended, kept);
}

/** The passages of one code in one source where the coders' spans differ, appended to the columns. */
function passagesIn(spansA: Span[], spansB: Span[], cursorOf: () => Utf8Cursor, P: Record<string, Uint32List>, S: Record<string, Uint32List>): void {
  const a = mergeSpans(spansA);
  const b = mergeSpans(spansB);
  let ia = 0;
  let ib = 0;
  for (const passage of mergeSpans([...a, ...b])) {
    const fromA = ia;
    const fromB = ib;
    while (ia < a.length && a[ia]!.start < passage.end) ia++;
    while (ib < b.length && b[ib]!.start < passage.end) ib++;
    if (ia - fromA === ib - fromB && same(a, fromA, b, fromB, ia - fromA)) continue;
    const cursor = cursorOf();
    P.kind!.push(ib === fromB ? 0 : ia === fromA ? 1 : 2);
    P.start!.push(passage.start);
    P.end!.push(passage.end);
    P.lineStart!.push(cursor.lineOf(passage.start));
    P.lineEnd!.push(cursor.lineOf(Math.max(passage.start, passage.end - 1)));
    P.byteStart!.push(cursor.byteOf(passage.start));
    P.byteEnd!.push(cursor.byteOf(passage.end));
    for (let k = fromA; k < ia; k++) lineSpan(a[k]!, cursor, S);
    for (let k = fromB; k < ib; k++) lineSpan(b[k]!, cursor, S);
    P.spansOfA!.push(ia - fromA);
    P.spansTo!.push(S.start!.length);
  }
}

function same(a: Span[], i: number, b: Span[], j: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a[i + k]!.start !== b[j + k]!.start || a[i + k]!.end !== b[j + k]!.end) return false;
  return true;
}

function lineSpan(s: Span, cursor: Utf8Cursor, S: Record<string, Uint32List>): void {
  S.start!.push(s.start);
  S.end!.push(s.end);
  S.lineStart!.push(cursor.lineOf(s.start));
  S.lineEnd!.push(cursor.lineOf(Math.max(s.start, s.end - 1)));
}
