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
import { withProject } from './project.js';

export type { ShownLine, ShownSource };
import { sourceNotFound } from './source-lookup.js';

export function showSource(ctx: AppContext, id: string, range?: Range): ShownSource {
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
      lines.push({ line: n, turn: t?.number ?? null, turnStart, speaker: t?.speaker ?? null, role: t?.role ?? null, labelLength, text });
    }
    return { source: src.source.id, case: src.source.case, wave: src.source.wave, revision: src.source.revision, lines };
  }, { readonly: true });
}
