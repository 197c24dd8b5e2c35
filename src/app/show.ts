/**
 * `qcode show`: a source's normalised text line by line, with the turn each line
 * belongs to, as `--lines` and `--turns` number them for tagging.
 */
import { InputError } from '../core/errors.js';
import type { Range } from '../core/range.js';
import type { ShownLine, ShownSource } from '../core/model.js';
import { lineStarts } from '../core/text.js';
import { CodePointMap } from '../core/code-points.js';
import type { AppContext } from './context.js';
import { withProject, type Project } from './project.js';
import { descendantIds, treeOrder } from '../core/codebook.js';
import { findCode } from './code-lookup.js';

export type { ShownLine, ShownSource };
import { sourceNotFound } from './source-lookup.js';

export interface StripeFilter {
  coder?: string;
  code?: string;
}

export function showSource(ctx: AppContext, id: string, range?: Range, filter: StripeFilter = {}): ShownSource {
  return withProject(ctx, (p) => {
    const src = p.sources.text(id);
    if (src === undefined) throw sourceNotFound(p, id);
    const starts = lineStarts(src.text);
    const map = new CodePointMap(src.text);
    const from = range?.from ?? 1;
    const to = Math.min(range?.to ?? starts.length, starts.length);
    if (from > starts.length) {
      throw new InputError(`--lines ${from}: ${id} has ${starts.length} lines`, { hint: `qcode show ${id} prints them all` });
    }
    const stripes = codingStripes(p, src.source.id, src.source.revision, filter);
    const lines: ShownLine[] = [];
    let k = 0;
    const turns = src.turns;
    for (let n = from; n <= to; n++) {
      while (k < turns.length - 1 && turns[k + 1]!.lineStart <= n) k++;
      const t = turns[k] !== undefined && turns[k]!.lineStart <= n ? turns[k]! : null;
      const begin = starts[n - 1]!;
      const end = n < starts.length ? starts[n]! - 1 : src.text.length;
      const text = src.text.slice(begin, end);
      const turnStart = t !== null && t.lineStart === n;
      let labelLength = 0;
      if (turnStart) {
        const lineCp = map.toCodePoint(begin);
        const lineLen = map.toCodePoint(end) - lineCp;
        labelLength = Math.min(t.talkStart - lineCp, lineLen);
      }
      const lineStart = map.toCodePoint(begin);
      const lineEnd = map.toCodePoint(end);
      const codes = stripes.filter((s) => s.spans.some((sp) => sp.start < lineEnd && sp.end > lineStart)).map((s) => s.code);
      lines.push({ line: n, turn: t?.number ?? null, turnStart, speaker: t?.speaker ?? null, role: t?.role ?? null, labelLength, text, codes });
    }
    const used = new Set(lines.flatMap((l) => l.codes));
    return {
      source: src.source.id, case: src.source.case, wave: src.source.wave, revision: src.source.revision, lines,
      stripes: stripes.filter((s) => used.has(s.code)).map((s) => ({ code: s.code, color: s.color })),
    };
  }, { readonly: true });
}

/** Per code (in codebook tree order), the spans its placed codings cover in the source. */
function codingStripes(p: Project, id: string, revision: number, filter: StripeFilter): { code: string; color: string | null; spans: { start: number; end: number }[] }[] {
  const codes = p.codes.list();
  const wanted = filter.code === undefined ? null : descendantIds(codes, findCode(p, filter.code, codes).id);
  const sourceId = p.sources.state(id)!.rowId;
  const coderId = filter.coder === undefined ? undefined : p.coders.find(filter.coder) ?? -1;
  const rows = p.codings.forSource(sourceId).filter((c) => !c.orphaned && c.revision === revision && (coderId === undefined || c.coderId === coderId) && (wanted === null || wanted.has(c.codeId)));
  return treeOrder(codes)
    .map(({ code }) => ({ code: code.name, color: code.color, spans: rows.filter((r) => r.codeId === code.id) }))
    .filter((s) => s.spans.length > 0);
}
