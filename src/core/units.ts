/**
 * Widening a search hit to the unit autocode codes: the hit itself, its sentence, its
 * line, or its turn's talk. Positions are UTF-16 offsets here; callers convert.
 */
export type Unit = 'match' | 'sentence' | 'line' | 'turn';

export interface Bounds {
  start: number;
  end: number;
}

/** The line around [start, end). */
export function lineBounds(text: string, hit: Bounds): Bounds {
  const start = text.lastIndexOf('\n', hit.start - 1) + 1;
  const nl = text.indexOf('\n', hit.end);
  return { start, end: nl === -1 ? text.length : nl };
}

/**
 * The sentence(s) around [start, end), within `limit` (its line or turn): from just after
 * the previous . ! ? (followed by white space) to the next one, inclusive.
 */
export function sentenceBounds(text: string, hit: Bounds, limit: Bounds): Bounds {
  const ends = (i: number): boolean => {
    // A sentence ends at i when the text before i is . ! ? or … (maybe followed by a
    // closing quote or bracket) and white space or the limit comes next.
    let k = i - 1;
    while (k > limit.start && /["'\u201D\u2019)\]]/.test(text[k]!)) k--;
    return /[.!?\u2026]/.test(text[k] ?? '') && (i >= limit.end || /\s/.test(text[i]!));
  };
  let start = hit.start;
  while (start > limit.start && !ends(start)) start--;
  while (start < hit.start && /\s/.test(text[start]!)) start++;
  let end = Math.max(hit.end, start + 1);
  while (end < limit.end && !ends(end)) end++;
  return { start, end };
}
