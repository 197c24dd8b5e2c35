import { InputError } from '../core/errors.js';
import { cuesFromText, parseTiming } from './cue.js';
import type { Cue } from './cue.js';

// A timing line starts with something time-like (a token that starts with a digit and
// holds a colon, however garbled: `00:00:xx,000 -->`), or is the line right after a cue
// number; a text line that merely contains an arrow (`home --> work`) is talk.
const TIME_FIRST = /^\s*\d\S*:\S*\s*-->/;
const CUE_NUMBER = /^\s*\d+\s*$/;
const TIMING_EXAMPLE = '00:01:02,500 --> 00:01:05,000';

interface Block {
  startMs: number;
  endMs: number;
  text: string[];
}

/**
 * Reads the cues of a SubRip (.srt) file. SubRip has no standard, so the reader
 * is driven by timing lines rather than by cue numbers: numbers may be missing
 * or out of order, blank lines may be missing or doubled, and text after a blank
 * line inside a cue stays with that cue instead of being lost.
 *
 * @param text the file's text, already decoded, BOM stripped, line ends LF
 * @param file the file's name, for error messages
 */
export function parseSrt(text: string, file: string): Cue[] {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let strayLine = 0;
  lines.forEach((line, i) => {
    if (isTimingLine(lines, i)) {
      const timing = parseTiming(line);
      if (timing === null) {
        throw new InputError(
          `${file}: line ${i + 1}: malformed cue timing "${line.trim()}"; write it as ${TIMING_EXAMPLE}`,
          { code: 'E_SRT_TIMING' },
        );
      }
      if (timing.endMs < timing.startMs) {
        throw new InputError(`${file}: line ${i + 1}: the cue ends before it starts ("${line.trim()}")`, {
          code: 'E_SRT_TIMING',
          hint: 'correct the times on that line',
        });
      }
      blocks.push({ ...timing, text: [] });
    } else if (line.trim() === '' || isCueNumber(lines, i)) {
      // Blank lines and cue numbers are layout, not text.
    } else if (blocks.length > 0) {
      blocks[blocks.length - 1].text.push(line);
    } else if (strayLine === 0) {
      strayLine = i + 1;
    }
  });
  if (blocks.length === 0) {
    throw new InputError(`${file}: no subtitle cue found (not an SRT file?)`, {
      code: 'E_SRT_EMPTY',
      hint: `SRT cues start with a timing line such as ${TIMING_EXAMPLE}.`,
    });
  }
  if (strayLine > 0) {
    throw new InputError(`${file}: line ${strayLine}: text before the first cue timing line`, {
      code: 'E_SRT_STRAY',
      hint: 'Remove it, or add a timing line above it.',
    });
  }
  return blocks.flatMap((b) => cuesFromText(b.startMs, b.endMs, b.text.join('\n')));
}

/** Whether line `i` is meant as a timing line (well-formed or not). */
function isTimingLine(lines: string[], i: number): boolean {
  const line = lines[i]!;
  if (!line.includes('-->')) return false;
  if (TIME_FIRST.test(line)) return true;
  // Right after a cue number that starts a block, an arrow line can only be a timing line.
  return i > 0 && CUE_NUMBER.test(lines[i - 1]!) && (i === 1 || lines[i - 2]!.trim() === '');
}

/** A line of digits directly followed by a timing line (blank lines aside) numbers that cue. */
function isCueNumber(lines: string[], i: number): boolean {
  if (!CUE_NUMBER.test(lines[i]!)) return false;
  let next = i + 1;
  while (next < lines.length && lines[next]!.trim() === '') next++;
  return next < lines.length && isTimingLine(lines, next);
}
