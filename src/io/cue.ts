/**
 * One timed piece of subtitle text, as read from a WebVTT or SRT file: the shape
 * both parsers return, before turns are built from it.
 */
export interface Cue {
  startMs: number;
  endMs: number;
  /** The speaker of a WebVTT voice tag (`<v Name>`), or null when the cue has none. */
  voice: string | null;
  /** The cue's text lines, markup removed, references decoded, trimmed, none empty. */
  lines: string[];
}

// Hours are optional (WebVTT) and may have any number of digits; SRT writes a comma
// before the milliseconds, but enough tools write a dot that both are accepted.
const TIMESTAMP = /^(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{1,3})$/;

/**
 * Reads `hh:mm:ss.mmm`, `mm:ss.mmm` or `hh:mm:ss,mmm` as milliseconds; null when
 * `s` is none of these. A fraction of fewer than three digits is a fraction
 * (`,5` is 500 ms), as the sloppier SRT writers mean it.
 */
export function parseTimestamp(s: string): number | null {
  const m = TIMESTAMP.exec(s.trim());
  if (m === null) return null;
  const [, h = '0', min, sec, frac] = m;
  return ((Number(h) * 60 + Number(min)) * 60 + Number(sec)) * 1000 + Number(frac.padEnd(3, '0'));
}

/**
 * Reads a timing line (`start --> end`, optionally followed by cue settings) as
 * milliseconds; null when either time is not a timestamp.
 */
export function parseTiming(line: string): { startMs: number; endMs: number } | null {
  const arrow = line.indexOf('-->');
  if (arrow < 0) return null;
  const startMs = parseTimestamp(line.slice(0, arrow));
  // Cue settings (`align:start`, SRT's `X1:40`) follow the end time after whitespace.
  const endMs = parseTimestamp(line.slice(arrow + 3).trim().split(/[ \t]+/)[0] ?? '');
  return startMs === null || endMs === null ? null : { startMs, endMs };
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', lrm: '\u200E', rlm: '\u200F',
};

/**
 * Decodes the character references subtitle files use: the few named ones WebVTT
 * defines, and decimal or hex numeric ones. Unknown names stay as written, so a
 * stray `&` in SRT text (`R&D`) survives.
 */
export function decodeCharRefs(s: string): string {
  return s.replace(/&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));/g, (whole, dec, hex, name) => {
    if (name !== undefined) return NAMED[name as string] ?? whole;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
    // As HTML does: NUL, surrogates and numbers beyond Unicode become U+FFFD.
    const bad = cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff);
    return bad ? '\uFFFD' : String.fromCodePoint(cp);
  });
}

// Only tags subtitles really use are removed, so that a literal `a < b > c` in a
// hand-written SRT file is kept. Voice tags are dealt with before this runs.
const MARKUP = /<\/?(?:b|i|u|s|c|v|lang|ruby|rt|font)(?:[.\s][^>]*)?>|<\d[\d:.,]*>/gi;
// ASS/SSA override blocks (`{\an8}`, `{\i1}`) that SRT files inherit from Aegisub.
const OVERRIDE = /\{\\[^}]*\}/g;

/**
 * Turns the raw text of one cue into clean lines: markup and overrides removed,
 * references decoded (after the tags are gone, so `&lt;b&gt;` stays text), each
 * line trimmed, empty lines dropped.
 */
export function cleanCueText(text: string): string[] {
  return decodeCharRefs(text.replace(MARKUP, '').replace(OVERRIDE, ''))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

// `<v Name>`, `<v.loud Name>`, and `</v>`; the name is everything after the first blank.
const VOICE = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>|<\/v>/gi;

/**
 * Makes the cues of one timed block of text, one per voice span in order (a cue
 * may hold `<v A>…</v> <v B>…</v>`), all with the block's times. Spans with no
 * text left after cleaning are dropped: they carry no talk.
 */
export function cuesFromText(startMs: number, endMs: number, text: string): Cue[] {
  const cues: Cue[] = [];
  let voice: string | null = null;
  let from = 0;
  const flush = (to: number): void => {
    const lines = cleanCueText(text.slice(from, to));
    if (lines.length > 0) cues.push({ startMs, endMs, voice, lines });
  };
  for (const m of text.matchAll(VOICE)) {
    flush(m.index);
    from = m.index + m[0].length;
    // `</v>` ends the span; text after it belongs to nobody until the next tag.
    const name = m[0].startsWith('</') ? '' : decodeCharRefs(m[1] ?? '').trim();
    voice = name === '' ? null : name;
  }
  flush(text.length);
  return cues;
}
