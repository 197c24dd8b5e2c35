import { InputError } from '../core/errors.js';
import { cuesFromText, parseTiming } from './cue.js';
import type { Cue } from './cue.js';

interface Line {
  text: string;
  no: number;
}

const SIGNATURE = /^WEBVTT(?:[ \t].*)?$/;
// Blocks that are not cues; the keyword stands alone or is followed by a blank.
const NOT_A_CUE = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/;
const TIMING_EXAMPLE = '00:01:02.500 --> 00:01:05.000';

/**
 * Reads the cues of a WebVTT file, following the WebVTT parsing rules
 * (https://www.w3.org/TR/webvtt1/#file-parsing) where they keep text, and failing
 * loudly where a browser would silently drop a block: a transcript must not lose
 * talk without the researcher knowing.
 *
 * @param text the file's text, already decoded, BOM stripped, line ends LF
 * @param file the file's name, for error messages
 */
export function parseVtt(text: string, file: string): Cue[] {
  // Line ends are tolerated in every form, so a caller that forgot to normalise
  // them still gets correct line numbers.
  const lines = text.split(/\r\n|\r|\n/);
  if (!SIGNATURE.test(lines[0] ?? '')) {
    throw new InputError(`${file}: not a WebVTT file (first line must be WEBVTT)`, {
      code: 'E_VTT_SIGNATURE',
      hint: 'Check that the file really is WebVTT, or rename it to its real format.',
    });
  }
  // The header runs to the first blank line; a timing line there means the
  // writer left the blank line out, and the cue is kept rather than dropped.
  let i = 1;
  while (i < lines.length && !isBlank(lines[i]) && !lines[i].includes('-->')) i++;

  const cues: Cue[] = [];
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    const block: Line[] = [];
    for (; i < lines.length && !isBlank(lines[i]); i++) block.push({ text: lines[i], no: i + 1 });
    cues.push(...blockCues(block, file));
  }
  return cues;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** The cues of one block of non-blank lines; none for NOTE, STYLE and REGION. */
function blockCues(block: Line[], file: string): Cue[] {
  if (NOT_A_CUE.test(block[0].text)) return [];
  // An optional cue identifier comes before the timing line.
  let t = block[0].text.includes('-->') ? 0 : 1;
  if (t >= block.length || !block[t].text.includes('-->')) {
    throw new InputError(
      `${file}: line ${block[0].no}: text outside a cue; expected a timing line such as ${TIMING_EXAMPLE}`,
      { code: 'E_VTT_BLOCK', hint: 'Add the missing timing line, or join the text to the cue above it.' },
    );
  }
  const cues: Cue[] = [];
  while (t < block.length) {
    const timing = parseTiming(block[t].text);
    if (timing === null) {
      throw new InputError(
        `${file}: line ${block[t].no}: malformed cue timing "${block[t].text.trim()}"; write it as ${TIMING_EXAMPLE}`,
        { code: 'E_VTT_TIMING' },
      );
    }
    if (timing.endMs < timing.startMs) {
      throw new InputError(`${file}: line ${block[t].no}: the cue ends before it starts ("${block[t].text.trim()}")`, {
        code: 'E_VTT_TIMING',
        hint: 'correct the times on that line',
      });
    }
    // As in the WebVTT rules, a line with an arrow ends the cue text and starts
    // the next cue, even when the blank line between them is missing.
    let end = t + 1;
    while (end < block.length && !block[end].text.includes('-->')) end++;
    const body = block.slice(t + 1, end).map((line) => line.text);
    cues.push(...cuesFromText(timing.startMs, timing.endMs, body.join('\n')));
    t = end;
  }
  return cues;
}
