/**
 * Front matter (DESIGN.md): a YAML block between `---` lines at the very top of a .txt
 * or .md transcript. This module only finds it; parsing the YAML is the reader's job.
 */

export interface FrontMatterSplit {
  /** The YAML between the fences, or null when the text has no front matter. */
  yaml: string | null;
  /** The text after the closing fence's line. */
  body: string;
  /** Number of lines the block took (fences included), for error line numbers. */
  lines: number;
  /** True when the text opens with `---` but no closing fence follows: an error to report. */
  unclosed: boolean;
}

/**
 * Splits LF text into front matter and body. The block opens with `---` on the first
 * line and closes with `---` or `...`. An unclosed block is flagged, not read as talk:
 * its keys would otherwise look like speaker labels.
 */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const none = { yaml: null, body: text, lines: 0, unclosed: false };
  const first = text.indexOf('\n');
  if (first === -1 || text.slice(0, first).trimEnd() !== '---') return none;
  let pos = first + 1;
  let lines = 1;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    const last = nl === -1;
    if (last) nl = text.length;
    lines++;
    const line = text.slice(pos, nl).trimEnd();
    if (line === '---' || line === '...') {
      return { yaml: text.slice(first + 1, pos), body: last ? '' : text.slice(nl + 1), lines, unclosed: false };
    }
    if (last) break;
    pos = nl + 1;
  }
  return { ...none, unclosed: true };
}
