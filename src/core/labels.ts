/**
 * Speaker labels (DESIGN.md, "speaker label"): at the start of a line, a name of at most
 * four words that starts with a letter, followed by a colon or enclosed in square
 * brackets, optionally with a timestamp before or after it. A timestamp is never a name.
 */

/** A timestamp such as `00:12:31`, `12:31`, `1:02:03.5` or `00:12:31,500`. */
const TS = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
/** A timestamp bare, in square brackets or in parentheses. */
const TSW = String.raw`(?:\[${TS}\]|\(${TS}\)|${TS})`;
/**
 * A name: up to four words, the first starting with a letter, separated by spaces: a tab
 * separates the cells of a Word table row, so "Time ⇥ Speaker" is never one name.
 */
const NAME = String.raw`\p{L}[\p{L}\p{M}\p{N}.'\u2019_-]*(?: +[\p{L}\p{N}][\p{L}\p{M}\p{N}.'\u2019_-]*){0,3}`;
const PRE = String.raw`(?:${TSW}[ \t]+(?:[-\u2013\u2014][ \t]+)?)?`;
const MID = String.raw`(?:[ \t]+${TSW})?`;
const END = String.raw`(?=\s|$)`;
/** A colon, also with the space French typography puts before it, or full width (CJK). */
const COLON = String.raw`[ \t]?[:\uFF1A]`;
/** A label's closing colon: followed by white space or the line end, unless full width. */
const COLON_END = String.raw`(?:[ \t]?:(?=\s|$)|\uFF1A)`;

const FORMS: RegExp[] = [
  // **Name:** or **Name**: (bold Markdown)
  new RegExp(String.raw`^[ \t]*${PRE}\*\*(?<name>${NAME})${MID}(?:${COLON}\*\*|\*\*${COLON})${END}`, 'u'),
  // [Name] or [Name]:
  new RegExp(String.raw`^[ \t]*${PRE}\[(?<name>${NAME})\]${MID}(?:${COLON_END}|${END})`, 'u'),
  // Name: (plain, upper case, short labels such as I: or P1:)
  new RegExp(String.raw`^[ \t]*${PRE}(?<name>${NAME})${MID}${COLON_END}`, 'u'),
  // Name 00:12:31 alone on its line (the export style of common transcription services)
  new RegExp(String.raw`^[ \t]*(?<name>${NAME})[ \t]+${TSW}[ \t]*$`, 'u'),
  // A table row of a Word transcript, [time →] speaker → text: the speaker cell ends at a tab
  new RegExp(String.raw`^(?:${TSW}\t+)?(?<name>${NAME})[ ]?:?(?=\t)`, 'u'),
];

/** A timestamp right after the label, before the talk. */
const POST = new RegExp(String.raw`^[ \t]+${TSW}${END}`, 'u');

/**
 * Bracketed transcription annotations that are not speakers: `[laughs] yes` continues the
 * current turn. Only the bracketed style can be confused with them.
 */
const ANNOTATIONS = new Set([
  'laugh', 'laughs', 'laughing', 'laughter', 'chuckles', 'sighs', 'sigh', 'coughs', 'cough',
  'pause', 'long pause', 'silence', 'inaudible', 'unclear', 'indistinct', 'crosstalk',
  'cross talk', 'overlapping', 'overtalk', 'noise', 'background noise', 'music', 'applause',
  'crying', 'cries', 'redacted', 'interruption', 'phone rings', 'door opens', 'door closes',
]);

/**
 * Column headings of a transcript table. A row made only of these ("Time ⇥ Speaker ⇥ Text")
 * is the table's header row: not a turn, so it stays in the source's header.
 */
const HEADINGS = new Set([
  'time', 'timestamp', 'timecode', 'start', 'end', 'start time', 'end time', 'duration', '#', 'no', 'no.', 'line',
  'speaker', 'speakers', 'name', 'person', 'role', 'who', 'text', 'transcript', 'transcription', 'utterance',
  'content', 'talk', 'dialogue', 'speech', 'comment', 'comments', 'note', 'notes',
]);

/** Whether `line` is a table row of column headings only (two cells or more). */
export function isHeadingRow(line: string): boolean {
  if (!line.includes('\t')) return false;
  const cells = line.split('\t').map((c) => c.trim().replace(/[:\uFF1A]$/u, '').trim().toLowerCase()).filter((c) => c !== '');
  return cells.length >= 2 && cells.every((c) => HEADINGS.has(c));
}

export interface SpeakerLabel {
  /** The speaker's name as written, without brackets, asterisks or colon. */
  speaker: string;
  /** UTF-16 offset in the line just after the label and any timestamp. */
  end: number;
}

/** The speaker label at the start of `line`, or null when the line has none. */
export function detectLabel(line: string): SpeakerLabel | null {
  if (isHeadingRow(line)) return null;
  for (let f = 0; f < FORMS.length; f++) {
    const m = FORMS[f]!.exec(line);
    if (m === null) continue;
    const speaker = m.groups!.name!.trim();
    if (f === 1 && ANNOTATIONS.has(speaker.toLowerCase())) return null;
    let end = m[0].length;
    const post = POST.exec(line.slice(end));
    if (post !== null) end += post[0].length;
    return { speaker, end };
  }
  return null;
}
