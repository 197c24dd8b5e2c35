/**
 * Selection positions of REFI-QDA projects (DESIGN.md, "Exchange"). Exporters count
 * differently: NVivo for Windows counts UTF-16 code units of the plain-text file as
 * written (CR LF = 2); others count code points of that text; some count code points of
 * the text with its line ends already made LF. qcode decides per project file from
 * evidence and converts every selection to code points of its normalised text (LF, NFC).
 */
import { codePointLength, CodePointMap } from './code-points.js';
import { normaliseLineEnds } from './text.js';

export type PositionConvention = 'utf16' | 'codepoints' | 'codepoints-lf';

export const CONVENTION_LABEL: Record<PositionConvention, string> = {
  utf16: 'UTF-16 code units of the text as written, CR LF = 2 (NVivo for Windows)',
  codepoints: 'Unicode code points of the text as written',
  'codepoints-lf': 'Unicode code points of the text with LF line ends',
};

export interface RawSelection {
  start: number;
  end: number;
  /** The selection's name, which some exporters fill with the quoted text. */
  name: string | null;
}

export type Placement = { ok: true; start: number; end: number } | { ok: false; reason: string };

const WORD = /[\p{L}\p{N}]/u;

/**
 * Offsets of one text under each convention, mapped to code points of its LF text, and
 * from those to the normalised (NFC) text.
 */
export class RawText {
  readonly normalised: string;
  private readonly lf: string;
  private readonly nfcIsIdentity: boolean;
  /** Per convention: offset → LF code-point offset, -1 where no character boundary lies. */
  private readonly maps = new Map<PositionConvention, Int32Array>();
  readonly hasCrlf: boolean;
  readonly hasAstral: boolean;

  constructor(readonly raw: string) {
    this.lf = normaliseLineEnds(raw);
    const nfc = this.lf.normalize('NFC');
    this.nfcIsIdentity = nfc === this.lf;
    // One string, not two equal ones, when nothing changed (a project's texts are all held at once).
    this.normalised = this.nfcIsIdentity ? this.lf : nfc;
    this.hasCrlf = raw.includes('\r\n');
    this.hasAstral = /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(raw);
  }

  /** True when every convention gives the same offsets on this text. */
  get conventionsAgree(): boolean {
    return !this.hasCrlf && !this.hasAstral;
  }

  private map(c: PositionConvention): Int32Array {
    let m = this.maps.get(c);
    if (m !== undefined) return m;
    const raw = this.raw;
    m = new Int32Array(raw.length + 1);
    let k = 0;
    let lfCp = 0;
    for (let i = 0; i < raw.length; i++) {
      const code = raw.charCodeAt(i);
      const astral = code >= 0xd800 && code <= 0xdbff && i + 1 < raw.length && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      const crlf = code === 0x0d && raw.charCodeAt(i + 1) === 0x0a;
      if (c === 'utf16') {
        m[k++] = lfCp;
        if (astral) m[k++] = -1;
      } else if (c === 'codepoints' || !crlf) m[k++] = lfCp;
      if (astral) i++;
      if (!crlf) lfCp++;
    }
    m[k++] = lfCp;
    m = m.subarray(0, k);
    this.maps.set(c, m);
    return m;
  }

  /** Length of the text in the units of `c`. */
  lengthIn(c: PositionConvention): number {
    return this.map(c).length - 1;
  }

  /** The selection in code points of the normalised text, or why it cannot be placed exactly. */
  place(sel: RawSelection, c: PositionConvention): Placement {
    // The common case (no CR LF, no astral character, already NFC): every offset is itself.
    const identity = this.conventionsAgree && this.nfcIsIdentity;
    const m = identity ? null : this.map(c);
    const n = m === null ? this.raw.length : m.length - 1;
    if (!Number.isInteger(sel.start) || !Number.isInteger(sel.end) || sel.start < 0) return { ok: false, reason: `positions ${sel.start}-${sel.end} are not a span` };
    if (sel.end > n) return { ok: false, reason: `ends at ${sel.end}, beyond the end of the text (${n} ${c === 'utf16' ? 'UTF-16 units' : 'code points'})` };
    if (sel.end <= sel.start) return { ok: false, reason: `empty span ${sel.start}-${sel.end}` };
    if (m === null) return { ok: true, start: sel.start, end: sel.end };
    const a = m[sel.start]!;
    const b = m[sel.end]!;
    if (a < 0 || b < 0) return { ok: false, reason: `${sel.start}-${sel.end} splits a character in two (a surrogate pair)` };
    const nfc = this.nfcIsIdentity ? null : this.nfcMap();
    const start = nfc === null ? a : nfc[a]!;
    const end = nfc === null ? b : nfc[b]!;
    if (start < 0 || end < 0) return { ok: false, reason: `${sel.start}-${sel.end} falls inside a character that Unicode normalisation (NFC) combines` };
    return end > start ? { ok: true, start, end } : { ok: false, reason: `${sel.start}-${sel.end} covers only a line break` };
  }

  private nfc: Int32Array | null = null;

  /**
   * LF code-point offset → NFC code-point offset (-1 inside a sequence NFC combines). The
   * text is cut before each ASCII character, where NFC never combines across (no ASCII
   * character composes with what precedes it); only the pieces NFC changes are examined
   * offset by offset.
   */
  private nfcMap(): Int32Array {
    if (this.nfc !== null) return this.nfc;
    const lf = this.lf;
    const at = new Int32Array(codePointLength(lf) + 1);
    let i = 0; // UTF-16 index into lf
    let cp = 0; // code points of lf before i
    let pos = 0; // code points of the NFC text before i
    while (i < lf.length) {
      // A piece: a run of ASCII characters, then a run of others (NFC may combine those
      // with the last ASCII letter: e + U+0301 = é).
      const from = i;
      const fromCp = cp;
      while (i < lf.length && lf.charCodeAt(i) < 0x80) {
        i++;
        cp++;
      }
      const ascii = cp - fromCp;
      while (i < lf.length && lf.charCodeAt(i) >= 0x80) {
        i += lf.codePointAt(i)! > 0xffff ? 2 : 1;
        cp++;
      }
      const text = lf.slice(from, i);
      const normal = ascii === cp - fromCp ? text : text.normalize('NFC');
      if (normal === text) for (let k = 0; k < cp - fromCp; k++) at[fromCp + k] = pos + k;
      else {
        // Before each ASCII character but the last, nothing has changed yet.
        for (let k = 0; k < ascii - 1; k++) at[fromCp + k] = pos + k;
        const piece = Array.from(text);
        for (let k = Math.max(0, ascii - 1); k < piece.length; k++) {
          const head = piece.slice(0, k).join('').normalize('NFC');
          at[fromCp + k] = head + piece.slice(k).join('').normalize('NFC') === normal ? pos + codePointLength(head) : -1;
        }
      }
      pos += normal.length - countSurrogatePairs(normal);
    }
    at[cp] = pos;
    this.nfc = at;
    return at;
  }
}

export interface ConventionEvidence {
  convention: PositionConvention;
  /** Selections placed exactly. */
  placed: number;
  /** Placed selections whose both ends fall between words (not inside one). */
  clean: number;
  /** Placed selections whose text equals their name (exporters that name selections by their text). */
  named: number;
}

function countSurrogatePairs(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) === 0xd800) n++;
  return n;
}

/** Whether a code-point offset of `text` lies inside a word (`map` converts to UTF-16). */
function insideWord(text: string, map: CodePointMap, k: number): boolean {
  if (k <= 0 || k >= map.length) return false;
  const u = map.toUtf16(k);
  const before = String.fromCodePoint(text.codePointAt(u - 1 - (u >= 2 && /[\uDC00-\uDFFF]/.test(text[u - 1]!) ? 1 : 0))!);
  return WORD.test(before) && WORD.test(String.fromCodePoint(text.codePointAt(u)!));
}

/** Scores each convention over the texts and their selections. */
export function weighConventions(texts: readonly { text: RawText; selections: readonly RawSelection[] }[]): ConventionEvidence[] {
  const out: ConventionEvidence[] = (['utf16', 'codepoints', 'codepoints-lf'] as const).map((convention) => ({ convention, placed: 0, clean: 0, named: 0 }));
  for (const { text, selections } of texts) {
    if (text.conventionsAgree || selections.length === 0) continue;
    const t = text.normalised;
    const map = new CodePointMap(t);
    for (const e of out) {
      for (const sel of selections) {
        const p = text.place(sel, e.convention);
        if (!p.ok) continue;
        e.placed++;
        if (!insideWord(t, map, p.start) && !insideWord(t, map, p.end)) e.clean++;
        if (sel.name !== null && sel.name.normalize('NFC').trim() === t.slice(map.toUtf16(p.start), map.toUtf16(p.end)).trim()) e.named++;
      }
    }
  }
  return out;
}

/**
 * The convention of a project file: the one that places the most selections exactly,
 * then the most selections whose text equals their name, then the most that begin and
 * end between words; ties go to what the exporter (`origin`) is known to write.
 */
export function chooseConvention(evidence: readonly ConventionEvidence[], origin: string | null): { convention: PositionConvention; decidedBy: string } {
  const prior: PositionConvention[] = /nvivo/i.test(origin ?? '') && !/mac/i.test(origin ?? '')
    ? ['utf16', 'codepoints', 'codepoints-lf'] : ['codepoints', 'utf16', 'codepoints-lf'];
  const rank = (e: ConventionEvidence): number[] => [e.placed, e.named, e.clean, -prior.indexOf(e.convention)];
  const sorted = [...evidence].sort((x, y) => {
    const a = rank(x);
    const b = rank(y);
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
    return 0;
  });
  const best = sorted[0]!;
  const second = sorted[1]!;
  let decidedBy: string;
  if (best.placed + best.clean + best.named === 0 && evidence.every((e) => e.placed === 0)) decidedBy = origin === null ? 'no evidence in the text: the default' : `no evidence in the text: what ${origin} writes`;
  else if (best.placed !== second.placed) decidedBy = `it alone places ${best.placed} selection(s) exactly`;
  else if (best.named !== second.named) decidedBy = `${best.named} selection(s) match their names under it`;
  else if (best.clean !== second.clean) decidedBy = `${best.clean} selection(s) begin and end between words under it, against ${second.clean}`;
  else decidedBy = origin === null ? 'the text does not tell: the default' : `the text does not tell: what ${origin} writes`;
  return { convention: best.convention, decidedBy };
}
