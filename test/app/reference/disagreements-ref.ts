/**
 * report disagreements as it was first written: the spans of every code by object, each
 * source's text decoded into a string (and kept), lines found in it. The reference the
 * column-held, group-by-group report (app/reports/disagreement-index.ts) is compared with.
 */
import { CodePointMap, countBelow } from '../../../src/core/code-points.js';
import { treeOrder } from '../../../src/core/codebook.js';
import { mergeSpans, type Span } from '../../../src/core/spans.js';
import { lineStarts } from '../../../src/core/text.js';
import type { ReportScope } from '../../../src/app/report-scope.js';
import { comparedSources, ownSpans } from '../../../src/app/reports/agreement.js';
import { comparedWithCodings } from '../../../src/app/reports/compared-sources.js';
import type { Disagreement, DisagreementGroup, DisagreementsReport, LineSpan } from '../../../src/app/reports/disagreements.js';

export function disagreementsByDefinition(scope: ReportScope, coders: [string, string], o: { sourcesChosen?: boolean; codeId?: number } = {}): DisagreementsReport {
  const compared = comparedSources(scope, coders, o.sourcesChosen === true);
  const spans = ownSpans(scope, coders);
  const groups: DisagreementGroup[] = [];
  for (const { code } of treeOrder(scope.codes)) {
    if (o.codeId === undefined ? !scope.shown.has(code.id) : code.id !== o.codeId) continue;
    const bySource = spans.get(code.id);
    for (const i of compared) {
      const perCoder = bySource?.get(i);
      if (perCoder === undefined) continue;
      const passages = disagreementsIn(scope, i, coders, perCoder);
      if (passages.length > 0) groups.push({ code: code.name, source: scope.sources[i]!.id, passages });
    }
  }
  return { coders: [...coders], sources: compared.map((i) => scope.sources[i]!.id), compared: comparedWithCodings(scope, compared, coders), groups };
}

function disagreementsIn(scope: ReportScope, i: number, coders: readonly string[], perCoder: Span[][]): Disagreement[] {
  const a = mergeSpans(perCoder[0]!);
  const b = mergeSpans(perCoder[1]!);
  const out: Disagreement[] = [];
  const text = scope.text(i).text;
  const map = new CodePointMap(text);
  const starts = lineStarts(text);
  const lines = (s: Span): LineSpan => ({
    start: s.start, end: s.end,
    lineStart: countBelow(starts, map.toUtf16(s.start) + 1),
    lineEnd: countBelow(starts, map.toUtf16(Math.max(s.start, s.end - 1)) + 1),
  });
  let ia = 0;
  let ib = 0;
  for (const passage of mergeSpans([...a, ...b])) {
    const inA: Span[] = [];
    const inB: Span[] = [];
    while (ia < a.length && a[ia]!.start < passage.end) inA.push(a[ia++]!);
    while (ib < b.length && b[ib]!.start < passage.end) inB.push(b[ib++]!);
    if (inA.length === inB.length && inA.every((s, k) => s.start === inB[k]!.start && s.end === inB[k]!.end)) continue;
    out.push({
      kind: inB.length === 0 ? 'onlyA' : inA.length === 0 ? 'onlyB' : 'boundaries',
      ...lines(passage),
      text: text.slice(map.toUtf16(passage.start), map.toUtf16(passage.end)),
      spans: { [coders[0]!]: inA.map(lines), [coders[1]!]: inB.map(lines) },
    });
  }
  return out;
}
