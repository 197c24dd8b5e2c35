/**
 * Spans [start, end) in code points, and the merging rule of DESIGN.md: spans that
 * overlap or touch are one.
 */
export interface Span {
  start: number;
  end: number;
}

/** The union of spans as sorted, disjoint, non-touching spans. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** What remains of `span` after removing `cut`: zero, one or two spans. */
export function subtractSpan(span: Span, cut: Span): Span[] {
  if (cut.end <= span.start || cut.start >= span.end) return [{ ...span }];
  const out: Span[] = [];
  if (cut.start > span.start) out.push({ start: span.start, end: cut.start });
  if (cut.end < span.end) out.push({ start: cut.end, end: span.end });
  return out;
}
